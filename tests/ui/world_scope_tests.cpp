// A scoped world view (a huge world built only around what is in view) draws in view exactly what
// the whole view draws: same boxes, texts and arrow ends, the same step focus and legend.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <tuple>
#include <vector>

#include "ui_fixture.h"
#include "view_models/world_scope.h"

using namespace kosim;
using namespace kosim::ui;

namespace {

// Children far apart that inherit one event and a pipe (arrows from many cards to one node,
// parent links), a reader that blocks on the pipe (a wait arrow), a write that wakes it (a data
// flow), and a close (a ghost row).
std::string scoped_scenario() {
    std::string text = "process Root\n"
                       "Root: hShared = CreateEvent(TRUE, TRUE, FALSE, \"shared\")\n"
                       "Root: CreatePipe(&hRead, &hWrite, inherit=TRUE, 0)\n";
    const int children = 30;
    for (int i = 0; i < children; ++i)
        text += "Root: CreateProcess(\"C" + std::to_string(i) + "\", &pi" + std::to_string(i) + ", bInheritHandles=TRUE)\n";
    for (int i = 0; i < children; ++i)
        for (int e = 0; e < 5; ++e)
            text += "C" + std::to_string(i) + ": e" + std::to_string(e) + " = CreateEvent(NULL, TRUE, FALSE)\n";
    text += "C" + std::to_string(children - 1) + ": ReadFile(Root.hRead, &chunk, 64)\n"
            "Root: CloseHandle(hShared)\n"
            "Root: WriteFile(hWrite, \"data\")\n"
            "C3: CloseHandle(e2)\n";
    return text;
}

using Item = std::tuple<std::string, std::string, float, float, float, float>;

// The world panel's items that meet its area (the panel draws every box that does).
std::vector<Item> items_in_view(const ScreenLayout& screen, const WorldGeometry& g, const WorldView& view, const TextMetrics& metrics) {
    const Rect area = world_area(screen, g.m.font);
    std::vector<Item> out;
    for (const LayoutItem& item : layout_items(screen, g, view, 1.0f, NumberBase::Hex, metrics)) {
        const Rect& r = item.rect;
        if (r.right() < area.x || r.x > area.right() || r.bottom() < area.y || r.y > area.bottom()) continue;
        out.emplace_back(item.kind, item.text, r.x, r.y, r.w, r.h);
    }
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace

TEST_CASE("a world view scoped to the region in view draws there what the whole view draws, at every step") {
    auto program = ui_test::parse_or_fail(scoped_scenario());
    Timeline timeline(program);
    FixedMetrics metrics;
    PlanInputs inputs;
    const WorldPlan plan = plan_world(program, inputs, metrics);
    const ScreenLayout screen = layout_screen(ScreenInputs{}, metrics);
    const Rect area = world_area(screen, inputs.font);
    const WorldGeometry g = layout_world(plan, area.w, area.h);
    REQUIRE(g.cards.size() == 31);

    std::size_t culled_steps = 0;
    bool saw_wait = false, saw_flow = false, saw_link = false;
    for (std::size_t position = 0; position <= timeline.step_count(); ++position) {
        CAPTURE(position);
        const std::optional<StepRecord> record = position > 0 ? std::optional<StepRecord>(timeline.record(position)) : std::nullopt;
        const RunState state = timeline.state_at(position);
        static const std::vector<model::Change> none;
        const auto changes = record ? std::span<const model::Change>(record->changes) : std::span<const model::Change>(none);
        WorldViewOptions options;
        options.variables = &state.variables;
        options.program = &timeline.program();
        options.record = record ? &*record : nullptr;
        const WorldView full = build_world_view(state.world, changes, options);
        // Zoom 1 (the floor at 1): the world scrolls, and the view follows the step.
        const ViewTransform t = step_view(g, area, 1.0f, full);

        // The fit follows the step's focus, which the touched cards and nodes alone give.
        const WorldScope touched = touched_scope(changes, options.program, options.record, state.world);
        WorldViewOptions touched_options = options;
        touched_options.scope = &touched;
        const ViewTransform from_touched = step_view(g, area, 1.0f, build_world_view(state.world, changes, touched_options));
        CHECK(from_touched.x == t.x);
        CHECK(from_touched.y == t.y);
        CHECK(from_touched.zoom == t.zoom);

        const WorldScope scope = scope_of(plan, g, canvas_region(t, area, 0), state.world, changes, options.program, options.record);
        WorldViewOptions scoped_options = options;
        scoped_options.scope = &scope;
        const WorldView scoped = build_world_view(state.world, changes, scoped_options);
        if (scoped.cards.size() < full.cards.size() && scoped.objects.size() < full.objects.size()) ++culled_steps;
        CHECK(scoped.any_wait == full.any_wait);
        saw_wait = saw_wait || full.any_wait;
        saw_flow = saw_flow || !full.flows.empty();
        saw_link = saw_link || !full.links.empty();
        CHECK(scoped.flows.size() == full.flows.size());
        // Parent links (drawn in the margins, not in the report): every one with a card in view.
        const Rect seen = canvas_region(t, area, 0);
        auto linked = [](const WorldView& v, model::Pid parent, model::Pid child) {
            return std::any_of(v.links.begin(), v.links.end(), [&](const ParentLink& l) {
                return v.cards[l.parent_card].pid == parent && v.cards[l.child_card].pid == child;
            });
        };
        for (const ParentLink& link : full.links) {
            const model::Pid parent = full.cards[link.parent_card].pid, child = full.cards[link.child_card].pid;
            const Rect a = g.cards[g.card_of.at(parent)].rect, b = g.cards[g.card_of.at(child)].rect;
            if (a.overlaps(seen, 0) || b.overlaps(seen, 0)) CHECK(linked(scoped, parent, child));
        }

        const auto whole_items = items_in_view(screen, g, full, metrics);
        const auto scoped_items = items_in_view(screen, g, scoped, metrics);
        CHECK(scoped_items.size() == whole_items.size());
        CHECK(scoped_items == whole_items);
    }
    CHECK(saw_wait);
    CHECK(saw_flow);
    CHECK(saw_link);
    // It does leave out what is not in view: at most steps, most of the world.
    CHECK(culled_steps > timeline.step_count() / 2);
}

TEST_CASE("a scoped world view holds the cards and nodes of its region and what their arrows reach") {
    auto program = ui_test::parse_or_fail(scoped_scenario());
    Timeline timeline(program);
    FixedMetrics metrics;
    const WorldPlan plan = plan_world(program, PlanInputs{}, metrics);
    const WorldGeometry g = layout_world(plan, 800, 500);
    const RunState state = timeline.state_at(timeline.step_count());
    // A region around the last child's card only: it, its parent (their link), and no other child.
    const Rect region = g.cards.back().rect;
    const WorldScope scope = scope_of(plan, g, region, state.world, {}, nullptr, nullptr);
    CHECK(scope.cards.count(g.cards.back().pid) == 1);
    CHECK(scope.cards.count(state.world.process(g.cards.back().pid)->parent) == 1);
    CHECK(scope.cards.size() == 2);
    // Every object the card's table points at has its node, wherever it is.
    const model::Process* first = state.world.process(g.cards.back().pid);
    REQUIRE(first != nullptr);
    first->handles.for_each([&](const model::HandleEntry& e) { CHECK(scope.nodes.count(e.object) == 1); });
}
