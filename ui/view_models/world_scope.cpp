// Which cards and nodes a scoped world view builds: those in a canvas region and what reaches them.
#include "view_models/world_scope.h"

#include <algorithm>
#include <vector>

#include "describe/handle_uses.h"

namespace kosim::ui {

namespace {

// Inclusive, as the panel's own in-view test: a box touching the region counts.
bool meets(const Rect& r, const Rect& region) {
    return r.right() >= region.x && r.x <= region.right() && r.bottom() >= region.y && r.y <= region.bottom();
}

}  // namespace

WorldScope touched_scope(std::span<const model::Change> changes, const Program* program, const StepRecord* record,
                         const model::World& world) {
    WorldScope scope;
    for (const auto& c : changes) {
        if (c.pid != 0) scope.cards.insert(c.pid);
        if (c.object != 0) scope.nodes.insert(c.object);
    }
    if (record) {
        scope.cards.insert(record->pid);
        if (program)
            for (const auto& lookup : describe::failed_lookups(*program, *record, world)) scope.cards.insert(lookup.pid);
    }
    return scope;
}

WorldScope scope_of(const WorldPlan& plan, const WorldGeometry& g, const Rect& region, const model::World& world,
                    std::span<const model::Change> changes, const Program* program, const StepRecord* record) {
    WorldScope scope = touched_scope(changes, program, record, world);
    // Nodes in the region, flagged by id for the scan of every table below.
    std::vector<char> in_region;
    for (const auto& node : g.nodes) {
        if (!meets(node.rect, region)) continue;
        scope.nodes.insert(node.id);
        if (node.id >= in_region.size()) in_region.resize(node.id + 1, 0);
        in_region[node.id] = 1;
    }
    auto node_in_region = [&](model::ObjectId id) { return id < in_region.size() && in_region[id]; };
    for (const auto& card : g.cards)
        if (meets(card.rect, region)) scope.cards.insert(card.pid);
    // A parent link runs in the margin between the two titles, bending out by about a font size.
    const float bend = g.m.font * 2;
    for (const auto& p : world.processes()) {
        auto child = g.card_of.find(p.pid), parent = g.card_of.find(p.parent);
        if (p.parent == 0 || child == g.card_of.end() || parent == g.card_of.end()) continue;
        const Rect a = g.title_rect(g.cards[parent->second]), b = g.title_rect(g.cards[child->second]);
        const float x = std::min(a.x, b.x) - bend, y = std::min(a.y, b.y) - bend;
        const Rect hull{x, y, std::max(a.right(), b.right()) + bend - x, std::max(a.bottom(), b.bottom()) + bend - y};
        if (meets(hull, region)) {
            scope.cards.insert(p.pid);
            scope.cards.insert(p.parent);
        }
    }
    // Cards with an entry for, or a wait on, a node in the region: their arrows end in it. The
    // plan knows every table that ever held each object (a superset of the step's holders).
    for (const auto& object : plan.objects)
        if (node_in_region(object.id))
            for (const auto& [pid, row] : object.holders) scope.cards.insert(pid);
    for (const auto& p : world.processes())
        if (p.wait && node_in_region(p.wait->object)) scope.cards.insert(p.pid);
    // The nodes every included card's rows and wait point to.
    for (model::Pid pid : scope.cards)
        if (const auto* p = world.process(pid)) {
            p->handles.for_each([&](const model::HandleEntry& e) { scope.nodes.insert(e.object); });
            if (p->wait && p->wait->object != 0) scope.nodes.insert(p->wait->object);
        }
    return scope;
}

Rect canvas_region(const ViewTransform& t, const Rect& area, float margin) {
    const float zoom = std::max(t.zoom, 1e-3f);
    const Rect seen{(area.x - t.x) / zoom, (area.y - t.y) / zoom, area.w / zoom, area.h / zoom};
    return {seen.x - seen.w * margin, seen.y - seen.h * margin, seen.w * (1 + 2 * margin), seen.h * (1 + 2 * margin)};
}

}  // namespace kosim::ui
