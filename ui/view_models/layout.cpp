// The window's geometry: panels from the window and font size; the world's cards and nodes placed
// once for the whole run (dot's ranks and barycentre order) in the arrangement that fits best.
#include "view_models/layout.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "describe/describe.h"
#include "runner/runner.h"

namespace kosim::ui {

bool Rect::contains(const Rect& inner, float slack) const {
    return inner.x >= x - slack && inner.y >= y - slack && inner.right() <= right() + slack && inner.bottom() <= bottom() + slack;
}

bool Rect::overlaps(const Rect& other, float slack) const {
    return std::min(right(), other.right()) - std::max(x, other.x) > slack &&
           std::min(bottom(), other.bottom()) - std::max(y, other.y) > slack;
}

namespace {

// Decodes one UTF-8 character at `i` and advances past it (a bad byte counts as one character).
std::uint32_t next_codepoint(std::string_view text, std::size_t& i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    int extra = byte >= 0xF0 ? 3 : byte >= 0xE0 ? 2 : byte >= 0xC0 ? 1 : 0;
    std::uint32_t cp = extra == 3 ? byte & 0x07 : extra == 2 ? byte & 0x0F : extra == 1 ? byte & 0x1F : byte;
    ++i;
    while (extra-- > 0 && i < text.size() && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80)
        cp = (cp << 6) | (static_cast<unsigned char>(text[i++]) & 0x3F);
    return cp;
}

}  // namespace

float FixedMetrics::width(std::string_view text, float font_size) const {
    float em = 0;
    for (std::size_t i = 0; i < text.size();) em += next_codepoint(text, i) >= 0x1100 ? 1.0f : 0.6f;
    return std::ceil(em * font_size);
}

std::string elide(std::string_view text, float width, float font_size, const TextMetrics& metrics) {
    if (metrics.width(text, font_size) <= width) return std::string(text);
    const float dots = metrics.width("...", font_size);
    // Character boundaries, then the longest prefix that fits with the dots (binary search).
    std::vector<std::size_t> ends;
    for (std::size_t i = 0; i < text.size();) {
        next_codepoint(text, i);
        ends.push_back(i);
    }
    std::size_t lo = 0, hi = ends.size();
    while (lo < hi) {
        const std::size_t mid = (lo + hi + 1) / 2;
        if (metrics.width(text.substr(0, ends[mid - 1]), font_size) + dots <= width) lo = mid;
        else hi = mid - 1;
    }
    if (lo == 0) return dots <= width ? std::string("...") : std::string();
    return std::string(text.substr(0, ends[lo - 1])) + "...";
}

// ---- the texts of a card's row and of a node -------------------------------------------------

std::array<std::string, column_count> column_titles(Language l) {
    // TRANSLATORS: the handle table's columns; Names are the scenario's variables holding the value,
    // Origin is how the entry came to be (created, inherited, ...).
    static const char* const titles[column_count] = {N_("Handle"), N_("Names"), N_("Object"), N_("Access"), N_("Flags"), N_("Origin")};
    std::array<std::string, column_count> out;
    for (int c = 0; c < column_count; ++c) out[c] = tr(l, titles[c]);
    return out;
}

namespace {

// The access rights as a card shows them: GENERIC_ dropped to save width, and beside a file's
// generic set (READ, WRITE) the attribute and synchronize rights that come with it (CreatePipe's read
// end: READ, not FILE_GENERIC_READ|FILE_WRITE_ATTRIBUTES); the inspector has them whole.
std::string short_access(const std::vector<std::string>& names) {
    const bool file_set = std::any_of(names.begin(), names.end(), [](const std::string& n) { return n.starts_with("FILE_GENERIC_"); });
    std::string out;
    for (std::string part : names) {
        if (file_set && !part.starts_with("FILE_GENERIC_")) continue;
        if (part.starts_with("FILE_GENERIC_")) part = part.substr(13);
        if (part.starts_with("GENERIC_")) part = part.substr(8);
        if (part.ends_with("_ALL_ACCESS")) part = "ALL";
        out += (out.empty() ? "" : "|") + part;
    }
    return out;
}

std::string handle_text(HandleValue value, NumberBase base) {
    return base == NumberBase::Hex ? to_hex(value) : std::to_string(value.raw);
}

std::string join(const std::vector<std::string>& parts) {
    std::string out;
    for (const auto& part : parts) out += (out.empty() ? "" : ", ") + part;
    return out;
}

}  // namespace

std::string object_id_text(model::ObjectId id) {
    return "#" + std::to_string(id);
}

std::array<std::string, column_count> cell_texts(const HandleRow& row, NumberBase base, Language l) {
    std::array<std::string, column_count> cells;
    cells[0] = handle_text(row.value, base);
    cells[1] = join(row.variables);
    cells[2] = row.failed_lookup ? row.object_text : object_id_text(row.object) + (row.type.empty() ? "" : " " + row.type);
    if (!row.ghost) {
        cells[3] = short_access(row.access);
        cells[4] = row.inherit ? (row.protect ? tr(l, "inherit, protect") : tr(l, "inherit")) : (row.protect ? tr(l, "protect") : "-");
    }
    cells[5] = row.origin_verb;
    return cells;
}

std::string node_title(const ObjectNode& node, Language l) {
    // The id leads; an unnamed object's label would only repeat it ("Event #4").
    const describe::ObjectLabel& label = node.object;
    const bool named = !label.name.empty() || !label.process.empty();
    return object_id_text(node.id) + " " + (named ? describe::short_label_text(label, l) : std::string(describe::kind_text(label.kind, l)));
}

std::string node_state_text(const ObjectNode& node, Language l) {
    return node.ghost ? std::string(tr(l, "destroyed")) : node.state_line;
}

std::string badge_text(std::string_view name, std::uint32_t value, std::optional<std::uint32_t> before, bool hidden) {
    std::string text = std::string(name) + " ";
    if (hidden) text += "?";
    else if (before) text += std::to_string(*before) + "->" + std::to_string(value);
    else text += std::to_string(value);
    return text;
}

std::array<std::string, 2> badge_texts(const ObjectNode& node, Language l) {
    // TRANSLATORS: the two counts on an object: usage_count and handle_count (keep them short).
    return {badge_text(tr(l, "usage"), node.usage_count, node.usage_count_before, node.counts_hidden),
            badge_text(tr(l, "handles"), node.handle_count, node.handle_count_before, node.counts_hidden)};
}

std::string card_state_text(const ProcessCard& card, Language l) {
    return card.still_referenced ? fmt(tr(l, "{0}, still referenced"), {card.state_text}) : card.state_text;
}

std::string more_rows_text(std::size_t more, Language l) {
    return fmt(tr(l, "... {0} more (select the process to see all)"), {std::to_string(more)});
}

const char* empty_table_text(Language l) { return tr(l, "(empty handle table)"); }

std::string node_data_text(const ObjectNode& node, Language l) {
    // TRANSLATORS: the data line of a pipe or mailslot node with nothing in flight.
    return node.data_line.empty() ? std::string(tr(l, "(no data)")) : node.data_line;
}

// ---- the plan: one pass over the whole run ---------------------------------------------------

WorldPlan plan_world(std::shared_ptr<const Program> program, const PlanInputs& inputs, const TextMetrics& metrics) {
    WorldPlan plan;
    plan.font = inputs.font;
    plan.language = inputs.language;
    const Language l = inputs.language;
    plan.max_rows_per_card = inputs.max_rows_per_card;
    plan.environment = inputs.environment;
    const float f = inputs.font;
    for (int c = 0; c < column_count; ++c) plan.column_w[c] = metrics.width(column_titles(l)[c], f);
    plan.node_w = metrics.width(badge_text(tr(l, "usage"), 88, 88, false), f) + metrics.width(badge_text(tr(l, "handles"), 88, 88, false), f);
    Runner runner(std::move(program));
    std::map<model::Pid, std::size_t> card_of, live;
    std::map<model::ObjectId, std::size_t> object_of;

    auto see_process = [&](const model::Process& p) {
        if (card_of.count(p.pid)) return;
        card_of[p.pid] = plan.cards.size();
        plan.cards.push_back({p.pid, p.parent, 0, 0});
        plan.title_w = std::max(plan.title_w, metrics.width(card_title(p), f));
    };
    auto see_object = [&](const model::KernelObject& o, const model::World& world) {
        auto it = object_of.find(o.id);
        if (it == object_of.end()) {
            it = object_of.emplace(o.id, plan.objects.size()).first;
            WorldPlan::Object object;
            object.id = o.id;
            if (const auto* p = std::get_if<model::ProcessObject>(&o.state)) object.holders.push_back({p->pid, 0});
            if (const auto* t = std::get_if<model::ThreadObject>(&o.state)) object.holders.push_back({t->pid, 0});
            data_line_text(o, world, l, &object.data);
            plan.objects.push_back(std::move(object));
        }
        ObjectNode node;
        node.id = o.id;
        node.object = describe::label_of(world, o);
        plan.node_w = std::max(plan.node_w, metrics.width(node_title(node, l), f));
    };
    auto see_entry = [&](model::Pid pid, const model::HandleEntry& entry, const RunState& state) {
        const auto* process = state.world.process(pid);
        const auto vars = process ? state.variables.find(process->name) : state.variables.end();
        const HandleRow row = make_handle_row(entry, state.world, l, vars == state.variables.end() ? nullptr : &vars->second);
        const auto cells = cell_texts(row, inputs.base, l);
        for (int c = 0; c < column_count; ++c) plan.column_w[c] = std::max(plan.column_w[c], metrics.width(cells[c], f));
        if (auto it = object_of.find(entry.object); it != object_of.end()) {
            plan.objects[it->second].holders.push_back({pid, live[pid]});
            plan.objects[it->second].in_a_table = true;
        }
    };

    {
        const RunState& state = runner.state();
        for (const auto& p : state.world.processes()) see_process(p);
        for (const auto* o : state.world.objects()) see_object(*o, state.world);
        for (const auto& p : state.world.processes()) {
            p.handles.for_each([&](const model::HandleEntry& e) { see_entry(p.pid, e, state); ++live[p.pid]; });
            plan.cards[card_of[p.pid]].rows = live[p.pid];
        }
    }
    std::size_t steps = 0;
    while (!runner.finished() && steps++ < inputs.max_steps) {
        const StepRecord record = runner.step(true);
        const RunState& state = runner.state();
        std::map<model::Pid, std::size_t> removed;
        // Pseudo-handle markers and failed look-up rows, as build_world_view adds them.
        if (auto it = card_of.find(record.pid); it != card_of.end()) {
            const auto uses = describe::pseudo_handle_uses(runner.program(), record);
            plan.cards[it->second].markers = std::max(plan.cards[it->second].markers, uses.size());
            for (const auto& use : uses) plan.title_w = std::max(plan.title_w, metrics.width(pseudo_marker_text(use, l), f));
        }
        for (const auto& lookup : describe::failed_lookups(runner.program(), record, state.world)) {
            ++removed[lookup.pid];
            if (auto it = card_of.find(lookup.pid); it != card_of.end())
                plan.cards[it->second].rows = std::max(plan.cards[it->second].rows, live[lookup.pid] + removed[lookup.pid]);
            const auto cells = cell_texts(failed_lookup_row(lookup.value, lookup.error, l), inputs.base, l);
            for (int c = 0; c < column_count; ++c) plan.column_w[c] = std::max(plan.column_w[c], metrics.width(cells[c], f));
        }
        for (const auto& c : record.changes) {
            using K = model::Change::Kind;
            switch (c.kind) {
            case K::ProcessCreated:
                if (const auto* p = state.world.process(c.pid)) see_process(*p);
                break;
            case K::ObjectCreated: case K::ObjectStateChanged: case K::CountsChanged:
                if (const auto* o = state.world.object(c.object)) see_object(*o, state.world);
                break;
            case K::EntryAdded:
                if (const auto* e = state.world.entry(c.pid, c.handle)) see_entry(c.pid, *e, state);
                ++live[c.pid];
                break;
            case K::EntryRemoved:
                if (live[c.pid] > 0) --live[c.pid];
                ++removed[c.pid];
                break;
            default: break;
            }
        }
        // Only the cards this step touched can need more rows.
        for (const auto& c : record.changes)
            if (auto it = card_of.find(c.pid); it != card_of.end())
                plan.cards[it->second].rows = std::max(plan.cards[it->second].rows, live[c.pid] + removed[c.pid]);
    }
    for (auto& card : plan.cards) {
        const std::size_t shown = std::min(card.rows, inputs.max_rows_per_card);
        card.weight = static_cast<float>(std::max<std::size_t>(shown, 1) + (card.rows > shown ? 1 : 0));
        card.rows = std::min(card.rows, inputs.max_rows_per_card + 1);   // the last one says "... more"
    }
    return plan;
}

// ---- the world's geometry --------------------------------------------------------------------

Rect WorldGeometry::title_rect(const CardBox& card) const { return {card.rect.x, card.rect.y, card.rect.w, m.title()}; }
Rect WorldGeometry::state_rect(const CardBox& card) const { return {card.rect.x, card.rect.y + m.title(), card.rect.w, m.row()}; }
Rect WorldGeometry::info_rect(const CardBox& card, std::size_t line) const {
    return {card.rect.x, card.rect.y + m.title() + m.row() * (1 + static_cast<float>(line)), card.rect.w, m.row()};
}
Rect WorldGeometry::header_rect(const CardBox& card) const {
    return {card.rect.x, card.rect.y + m.title() + m.row() * (1 + static_cast<float>(card.info)), card.rect.w, m.row()};
}
Rect WorldGeometry::row_rect(const CardBox& card, std::size_t r) const {
    return {card.rect.x, card.rect.y + m.title() + m.row() * (2 + static_cast<float>(card.info + r)), card.rect.w, m.row()};
}
Rect WorldGeometry::cell_rect(const CardBox& card, std::size_t r, int column) const {
    const Rect row = row_rect(card, r);
    return {row.x + column_x[column], row.y, column_w[column], row.h};
}
Rect WorldGeometry::node_title_rect(const NodeBox& node) const {
    return {node.rect.x + m.pad(), node.rect.y + m.pad(), node.rect.w - 2 * m.pad(), std::round(m.font * 1.2f)};
}
Rect WorldGeometry::node_state_rect(const NodeBox& node) const {
    Rect r = node_title_rect(node);
    r.y += r.h;
    return r;
}
Rect WorldGeometry::node_data_rect(const NodeBox& node) const {
    Rect r = node_state_rect(node);
    r.y += r.h;
    return r;
}
Rect WorldGeometry::badge_rect(const NodeBox& node, int which) const {
    const Rect state = node.data ? node_data_rect(node) : node_state_rect(node);
    const float w = (node.rect.w - 3 * m.pad()) / 2;
    return {node.rect.x + m.pad() + which * (w + m.pad()), state.bottom() + m.pad() * 0.5f, w, m.badge()};
}

namespace {

float card_height(const Metrics& m, std::size_t rows, std::size_t info) {
    return m.title() + m.row() * (2 + static_cast<float>(info + std::max<std::size_t>(rows, 1))) + m.pad();
}
float node_height(const Metrics& m, bool data = false) {
    return 2 * m.pad() + (data ? 3 : 2) * std::round(m.font * 1.2f) + m.pad() * 0.5f + m.badge();
}

// One arrangement: `sides` card columns (1 or 2), `lanes` object columns (1 or 2).
WorldGeometry arrange(const WorldPlan& plan, int sides, int lanes) {
    WorldGeometry g;
    g.m.font = plan.font;
    g.language = plan.language;
    g.max_rows_per_card = plan.max_rows_per_card;
    g.environment = plan.environment;
    const Metrics& m = g.m;
    const std::size_t environment_lines = plan.environment ? 2 : 0;
    const float max_column = m.font * 14;
    float x = m.pad();
    for (int c = 0; c < column_count; ++c) {
        g.column_x[c] = x;
        g.column_w[c] = std::min(plan.column_w[c], max_column);
        x += g.column_w[c] + 2 * m.pad();
    }
    g.card_w = std::max(x - m.pad(), plan.title_w + 2 * m.pad());
    g.node_w = std::min(plan.node_w + 3 * m.pad(), m.font * 18);
    const float margin = std::round(m.font * 1.4f);   // parent -> child links run here

    // Cards: in pid order, the first ones left until half the height is used.
    float total = 0;
    for (const auto& c : plan.cards) total += card_height(m, c.rows, environment_lines + c.markers) + m.gap();
    float left_x = margin, lane_x[2] = {0, 0}, right_x = 0;
    lane_x[0] = left_x + g.card_w + m.lane_gap();
    lane_x[1] = lane_x[0] + g.node_w + (sides == 1 ? m.gap() * 2 : m.lane_gap());
    right_x = lane_x[lanes - 1] + g.node_w + m.lane_gap();
    float y[2] = {0, 0};
    for (const auto& c : plan.cards) {
        WorldGeometry::CardBox box;
        box.pid = c.pid;
        box.rows = c.rows;
        box.markers = c.markers;
        box.info = environment_lines + c.markers;
        const float h = card_height(m, c.rows, box.info);
        const bool right = sides == 2 && y[0] > 0 && y[0] + h / 2 > total / 2;
        box.side = right ? WorldGeometry::Side::Right : WorldGeometry::Side::Left;
        box.rect = {right ? right_x : left_x, y[right], g.card_w, h};
        y[right] += h + m.gap();
        g.card_of[c.pid] = g.cards.size();
        g.cards.push_back(box);
    }

    // Objects: each lane sorted by the barycentre of the rows that ever held it (dot's heuristic
    // for few crossings), then packed downwards without overlap.
    struct Placed { std::size_t index; float centre; int lane; };
    std::vector<Placed> placed;
    for (std::size_t i = 0; i < plan.objects.size(); ++i) {
        float sum = 0, right_count = 0;
        std::size_t n = 0;
        for (const auto& [pid, row] : plan.objects[i].holders) {
            auto it = g.card_of.find(pid);
            if (it == g.card_of.end()) continue;
            const auto& card = g.cards[it->second];
            sum += g.row_rect(card, std::min(row, card.rows > 0 ? card.rows - 1 : 0)).y + m.row() / 2;
            right_count += card.side == WorldGeometry::Side::Right;
            ++n;
        }
        const float centre = n ? sum / static_cast<float>(n) : 0;
        // Two sides: a lane per side; one side: either lane (chosen below).
        const int lane = lanes == 2 && sides == 2 && n && right_count * 2 > static_cast<float>(n) ? 1 : 0;
        placed.push_back({i, centre, lane});
    }
    std::stable_sort(placed.begin(), placed.end(), [](const Placed& a, const Placed& b) { return a.centre < b.centre; });
    const float nh = node_height(m);
    float lane_bottom[2] = {0, 0};
    // With both lanes on one side, arrows go to the near lane only: objects no table ever holds
    // (a process's own process and thread objects) take the far one, in as many columns as it
    // takes to stay within the height of the rest.
    if (lanes == 2 && sides == 1)
        for (auto& p : placed) p.lane = plan.objects[p.index].in_a_table ? 0 : 1;
    float far_columns = 1;
    if (lanes == 2 && sides == 1) {
        float near_bottom = 0, far_count = 0;
        for (const auto& p : placed) {
            if (p.lane == 0) near_bottom = std::max(p.centre - nh / 2, near_bottom) + nh + m.gap();
            else ++far_count;
        }
        const float limit = std::max({y[0], near_bottom, nh + m.gap()});
        const float per_column = std::max(1.0f, std::floor(limit / (nh + m.gap())));
        far_columns = std::max(1.0f, std::ceil(far_count / per_column));
        float index = 0;
        for (auto& p : placed) {
            if (p.lane != 1) continue;
            const float column = std::floor(index / per_column), slot = index - column * per_column;
            WorldGeometry::NodeBox box;
            box.id = plan.objects[p.index].id;
            box.lane = 1;
            box.rect = {lane_x[1] + column * (g.node_w + 2 * m.gap()), slot * (nh + m.gap()), g.node_w, nh};
            lane_bottom[1] = std::max(lane_bottom[1], box.rect.bottom() + m.gap());
            g.node_of[box.id] = g.nodes.size();
            g.nodes.push_back(box);
            ++index;
        }
    }
    for (auto& p : placed) {
        if (lanes == 2 && sides == 1 && p.lane == 1) continue;
        WorldGeometry::NodeBox box;
        box.id = plan.objects[p.index].id;
        box.lane = p.lane;
        box.data = plan.objects[p.index].data;
        const float h = node_height(m, box.data);
        const float top = std::max(p.centre - h / 2, lane_bottom[p.lane]);
        box.rect = {lane_x[p.lane], std::round(top), g.node_w, h};
        lane_bottom[p.lane] = box.rect.bottom() + m.gap();
        g.node_of[box.id] = g.nodes.size();
        g.nodes.push_back(box);
    }
    g.width = sides == 2 ? right_x + g.card_w + margin
                         : lane_x[lanes - 1] + far_columns * g.node_w + (far_columns - 1) * 2 * m.gap() + m.pad();
    g.height = std::max({y[0], y[1], lane_bottom[0], lane_bottom[1], m.row()});
    return g;
}

}  // namespace

float fit_zoom(const WorldGeometry& geometry, float panel_w, float panel_h, float floor) {
    if (geometry.width <= 0 || geometry.height <= 0) return 1.0f;
    const float zoom = std::min(panel_w / geometry.width, panel_h / geometry.height);
    return std::clamp(std::floor(zoom * 1000) / 1000, std::clamp(floor, min_zoom, 1.0f), 1.0f);
}

float zoom_step(float zoom, float factor, float floor) {
    return std::clamp(zoom * factor, std::clamp(floor, min_zoom, 1.0f), max_zoom);
}

float diagram_floor_zoom(float font, float normal_font) {
    // Below the normal body size the enlarged text would be no larger than without the preset,
    // and at 1280x720 the fit shrank it to a few pixels (docs/gui.md, Presenter).
    if (font <= normal_font || font <= 0) return min_zoom;
    return std::clamp(normal_font / font, min_zoom, 1.0f);
}

DiagramZoom diagram_zoom(float font, float normal_font, bool large_text) {
    const float readable = diagram_floor_zoom(font, normal_font);
    return {large_text ? readable : min_zoom, readable};
}

float world_quality(const WorldPlan& plan, const Rect& area, DiagramZoom zoom) {
    const WorldGeometry g = layout_world(plan, area.w, area.h);
    if (g.width <= 0 || g.height <= 0) return 1.0f;
    const float z = fit_zoom(g, area.w, area.h, zoom.floor);
    const float share = std::min(1.0f, area.w / (g.width * z)) * std::min(1.0f, area.h / (g.height * z));
    return share * std::min(1.0f, z / zoom.readable);
}

WorldGeometry layout_world(const WorldPlan& plan, float panel_w, float panel_h) {
    WorldGeometry best = arrange(plan, 1, 1);
    float best_zoom = fit_zoom(best, panel_w, panel_h);
    const std::pair<int, int> others[] = {{1, 2}, {2, 1}, {2, 2}};
    for (const auto& [sides, lanes] : others) {
        if (sides == 2 && plan.cards.size() < 2) continue;
        WorldGeometry g = arrange(plan, sides, lanes);
        // Another arrangement only when it is clearly larger on screen (one column reads best).
        if (const float zoom = fit_zoom(g, panel_w, panel_h); zoom > best_zoom * 1.08f) {
            best = std::move(g);
            best_zoom = zoom;
        }
    }
    return best;
}

Rect world_area(const ScreenLayout& screen, float font) {
    const Metrics m{font};
    const Rect& w = screen.world;
    return {w.x + m.pad(), w.y + m.pad() + m.frame() + m.pad(), w.w - 2 * m.pad(), w.h - 3 * m.pad() - m.frame()};
}

namespace {

// The canvas at `zoom`, centred across the area when narrower, else from its left edge.
ViewTransform transform_at(const WorldGeometry& geometry, const Rect& area, float zoom) {
    ViewTransform t;
    t.zoom = zoom;
    t.x = std::round(area.x + std::max(0.0f, (area.w - geometry.width * t.zoom) / 2));
    t.y = area.y;
    return t;
}

// Only a world that scrolls follows the step, clear of the hint bands.
ViewTransform follow_step(ViewTransform t, const WorldGeometry& g, const Rect& area, const WorldView& view) {
    if (!offscreen(g, t, area).any()) return t;
    const auto focus = step_focus(g, view);
    return focus ? follow(t, *focus, area, g.m.hint()) : t;
}

}  // namespace

ViewTransform default_transform(const WorldGeometry& geometry, const Rect& area, float floor) {
    return transform_at(geometry, area, fit_zoom(geometry, area.w, area.h, floor));
}

Offscreen offscreen(const WorldGeometry& geometry, const ViewTransform& t, const Rect& area) {
    // The boxes, not the canvas: it ends in a gap after its last card or node.
    if (geometry.cards.empty() && geometry.nodes.empty()) return {};
    float left = geometry.width, top = geometry.height, right = 0, bottom = 0;
    auto add = [&](const Rect& r) {
        left = std::min(left, r.x), top = std::min(top, r.y), right = std::max(right, r.right()), bottom = std::max(bottom, r.bottom());
    };
    for (const auto& card : geometry.cards) add(card.rect);
    for (const auto& node : geometry.nodes) add(node.rect);
    const Rect boxes = t.map({left, top, right - left, bottom - top});
    const float slack = 0.5f;   // the layout report's own rounding slack (Rect::contains)
    return {boxes.x < area.x - slack, boxes.right() > area.right() + slack, boxes.y < area.y - slack, boxes.bottom() > area.bottom() + slack};
}

std::optional<Rect> step_focus(const WorldGeometry& g, const WorldView& view) {
    std::optional<Rect> focus;
    auto add = [&](const Rect& r) {
        if (!focus) { focus = r; return; }
        const float x = std::min(focus->x, r.x), y = std::min(focus->y, r.y);
        focus = Rect{x, y, std::max(focus->right(), r.right()) - x, std::max(focus->bottom(), r.bottom()) - y};
    };
    auto row_of = [&](const WorldGeometry::CardBox& box, std::size_t r) {   // past the reserved slots: the "... more" line
        return g.row_rect(box, std::min(r, std::max<std::size_t>(box.rows, 1) - 1));
    };
    for (const ProcessCard& card : view.cards) {
        auto it = g.card_of.find(card.pid);
        if (it == g.card_of.end()) continue;
        const auto& box = g.cards[it->second];
        if (card.highlight != Highlight::None) add(g.title_rect(box));
        for (std::size_t r = 0; r < card.rows.size(); ++r)
            if (card.rows[r].highlight != Highlight::None || card.rows[r].failed_lookup) add(row_of(box, r));
    }
    for (const ObjectNode& node : view.objects)
        if (auto it = g.node_of.find(node.id); it != g.node_of.end() && node.highlight != Highlight::None) add(g.nodes[it->second].rect);
    for (const CopyArrow& c : view.copies)   // the parent's entry the child's copy came from
        if (auto it = g.card_of.find(view.cards[c.parent_card].pid); it != g.card_of.end()) add(row_of(g.cards[it->second], c.parent_row));
    for (const FlowArrow& f : view.flows) {
        if (f.card >= view.cards.size() || f.node >= view.objects.size()) continue;
        if (auto it = g.card_of.find(view.cards[f.card].pid); it != g.card_of.end()) add(row_of(g.cards[it->second], f.row));
        if (auto it = g.node_of.find(view.objects[f.node].id); it != g.node_of.end()) add(g.nodes[it->second].rect);
    }
    return focus;
}

ViewTransform follow(ViewTransform t, const Rect& focus, const Rect& area_in, float margin) {
    const Rect f = t.map(focus);
    // The margin only where the area has room for it beside the focus.
    const float mx = std::clamp((area_in.w - f.w) / 2, 0.0f, margin), my = std::clamp((area_in.h - f.h) / 2, 0.0f, margin);
    const Rect area{area_in.x + mx, area_in.y + my, area_in.w - 2 * mx, area_in.h - 2 * my};
    auto shift = [](float start, float end, float area_start, float area_end) {
        if (end > area_end) return std::max(area_end - end, area_start - start);   // left or up, but keep its start
        if (start < area_start) return area_start - start;
        return 0.0f;
    };
    t.x = std::round(t.x + shift(f.x, f.right(), area.x, area.right()));
    t.y = std::round(t.y + shift(f.y, f.bottom(), area.y, area.bottom()));
    return t;
}

namespace {

// Whether giving the world a side column's room (setting `gives_room` in the inputs) is worth it:
// the world does not show readably without it, and with it does or shows a sixth better (the call
// line above shows the statement; a few pixels more text or less panning is not worth a column).
bool room_worth_a_column(ScreenInputs in, bool ScreenInputs::*gives_room, const WorldPlan& plan, DiagramZoom zoom,
                         const TextMetrics& metrics) {
    in.*gives_room = false;
    const float before = world_quality(plan, world_area(layout_screen(in, metrics), in.font), zoom);
    if (before >= 1) return false;
    in.*gives_room = true;
    const float after = world_quality(plan, world_area(layout_screen(in, metrics), in.font), zoom);
    return after >= 1 || after > before * 1.15f;
}

}  // namespace

bool wants_wide_world(ScreenInputs in, const WorldPlan& plan, DiagramZoom zoom, const TextMetrics& metrics) {
    if (in.editing || in.source_column == SideColumn::Shown) return false;
    if (in.source_column == SideColumn::Hidden) return true;
    return room_worth_a_column(in, &ScreenInputs::wide_world, plan, zoom, metrics);
}

bool wants_inspector_hidden(ScreenInputs in, const WorldPlan& plan, DiagramZoom zoom, const TextMetrics& metrics) {
    if (in.editing || in.predict || in.inspector_column == SideColumn::Shown) return false;
    if (in.inspector_column == SideColumn::Hidden) return true;
    if (!in.wide_world) return false;   // the source column goes first: the inspector answers questions
    return room_worth_a_column(in, &ScreenInputs::inspector_hidden, plan, zoom, metrics);
}

ViewTransform step_view(const WorldGeometry& g, const Rect& area, float floor, const WorldView& view) {
    return follow_step(default_transform(g, area, floor), g, area, view);
}

ViewLayout layout_view(ScreenInputs in, const WorldPlan& plan, DiagramZoom zoom, const TextMetrics& metrics) {
    ViewLayout v;
    in.wide_world = wants_wide_world(in, plan, zoom, metrics);
    in.inspector_hidden = wants_inspector_hidden(in, plan, zoom, metrics);
    const float floor = zoom.floor;
    v.screen = layout_screen(in, metrics);
    const Rect area = world_area(v.screen, in.font);
    v.geometry = layout_world(plan, area.w, area.h);
    v.zoom = fit_zoom(v.geometry, area.w, area.h, floor);
    v.scrolls = offscreen(v.geometry, default_transform(v.geometry, area, floor), area).any();
    return v;
}

// ---- the window's panels ---------------------------------------------------------------------

namespace {

// Greedy word wrap to `width`; a word longer than the line is cut by elide.
std::vector<std::string> wrap(const std::string& text, float width, float font, const TextMetrics& metrics) {
    std::vector<std::string> lines;
    std::string line;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find(' ', start);
        if (end == std::string::npos) end = text.size();
        const std::string word = text.substr(start, end - start);
        const std::string candidate = line.empty() ? word : line + " " + word;
        if (!line.empty() && metrics.width(candidate, font) > width) {
            lines.push_back(line);
            line = word;
        } else {
            line = candidate;
        }
        start = end + 1;
    }
    if (!line.empty()) lines.push_back(line);
    for (auto& l : lines) l = elide(l, width, font, metrics);
    return lines;
}

}  // namespace

ScreenLayout layout_screen(const ScreenInputs& in, const TextMetrics& metrics) {
    ScreenLayout s;
    s.width = in.width;
    s.height = in.height;
    const Metrics m{in.font};
    const float gap = m.pad();
    const float width = in.width - 2 * gap;
    float y = 0;
    s.menu = {0, 0, in.width, m.frame()};
    y = s.menu.bottom() + gap;
    s.header_lines = wrap(in.title, width, in.font, metrics);
    if (s.header_lines.size() > 2) s.header_lines.resize(2);
    const float line = std::round(in.font * 1.25f);
    s.header = {gap, y, width, line * static_cast<float>(s.header_lines.size())};
    y = s.header.bottom() + (s.header_lines.empty() ? 0 : gap);
    s.transport = {gap, y, width, m.frame()};
    y = s.transport.bottom() + gap;
    // The call line: large type, its own line(s) under the transport, never under other controls.
    s.big_font = m.big_font();
    const float inner = width - 2 * m.pad();
    // Two lines always (the call; its result and last error), so the panels below never move.
    s.call_lines = {elide(in.call, inner, s.big_font, metrics), elide(in.result, inner, s.big_font, metrics)};
    const float big_line = std::round(s.big_font * 1.25f);
    s.call = {gap, y, width, big_line * static_cast<float>(s.call_lines.size()) + 2 * m.pad()};
    y = s.call.bottom() + gap;
    // A window short for its text size (presenter type at 1280x720) keeps the narration to two
    // lines (it scrolls) and gives the side panels less width, so the world keeps its room.
    const bool cramped = in.height < in.font * 45;
    s.narration = {gap, y, width, std::round(line * (cramped ? 2.2f : 3.6f)) + 2 * m.pad()};
    y = s.narration.bottom() + gap;
    const float rest = std::max(in.height - y - gap, m.frame() * 3);
    const float side = in.width < in.font * 80 ? 0.17f : 0.2f;
    // A world too big for its panel at presenter size gets the source column's room: the call line
    // above already shows the statement just run, and a diagram that scrolls is read, one too small is not.
    s.wide_world = in.wide_world && !in.editing;
    s.inspector_hidden = in.inspector_hidden && !in.editing && !in.predict;
    float left_w = s.wide_world ? 0 : std::round(width * (in.editing ? side * 2.1f : side)),
          right_w = s.inspector_hidden ? 0 : std::round(width * side);
    if (in.editing) {
        // Editing, the text needs the room: editor_columns of the source font beside its gutter (at
        // presenter size 2.1 sides showed 20), taken from the inspector first, then from the world,
        // which keeps a quarter of the width (it zooms to fit, or scrolls at presenter size).
        const float mono = in.mono_advance > 0 ? in.mono_advance : in.font * 0.6f;
        const float wanted = std::ceil(mono * (editor_columns + editor_gutter_columns)) + 2 * m.pad();
        const float world_min = std::round(width / 4);
        left_w = std::max(left_w, wanted);
        if (width - left_w - right_w - 2 * gap < world_min) right_w = 0;
        left_w = std::max(std::round(width * side * 2.1f), std::min(left_w, width - right_w - (right_w > 0 ? 2 : 1) * gap - world_min));
    }
    const float left_gap = s.wide_world ? 0 : gap;
    const float world_w = width - left_w - right_w - left_gap - (right_w > 0 ? gap : 0);
    // Editing, the whole column is the text: expectation results are marked in it, at their lines.
    const bool expectations = in.valid && !in.editing && !s.wide_world;
    const float source_h = expectations ? std::round(rest * 0.66f) : s.wide_world ? 0 : rest;
    s.source = {gap, y, left_w, source_h};
    s.expectations = expectations ? Rect{gap, y + source_h + gap, left_w, rest - source_h - gap} : Rect{gap, y + rest, left_w, 0};
    s.world = {gap + left_w + left_gap, y, world_w, rest};
    const float right_x = s.world.right() + gap;
    const float predict_h = in.predict ? std::round(rest * 0.42f) : 0;
    s.predict = {right_x, y, right_w, predict_h};
    s.inspector = {right_x, y + (in.predict ? predict_h + gap : 0), right_w, rest - (in.predict ? predict_h + gap : 0)};
    return s;
}

// ---- everything drawn, as items --------------------------------------------------------------

Rect marker_rect(const WorldGeometry& g, const WorldGeometry::CardBox& card, std::size_t line) {
    const Rect info = g.info_rect(card, line);
    const float inset = std::round(g.m.pad() * 0.5f);
    return {info.x + g.m.pad(), info.y + inset * 0.5f, info.w - 2 * g.m.pad(), info.h - inset};
}

Rect marker_text_rect(const WorldGeometry& g, const Rect& marker) {
    return {marker.x + g.m.pad(), marker.y, marker.w - 2 * g.m.pad(), marker.h};
}

FlowPath flow_path(const Rect& row, const Rect& data_line, const Rect& node, bool into_node, float text_size) {
    FlowPath path;
    const bool leftward = node.x < row.x;
    path.row_end = {leftward ? row.x : row.right(), row.y + row.h * 0.5f};
    path.node_end = {leftward ? node.right() : node.x, data_line.y + data_line.h * 0.5f};
    path.from = into_node ? path.row_end : path.node_end;
    path.to = into_node ? path.node_end : path.row_end;
    const float r = std::max(2.0f, text_size * 0.25f), head = text_size * 0.8f;
    path.tail = {path.from.x - r, path.from.y - r, 2 * r, 2 * r};
    // The head lies outside the box it points at (before its edge, on the arrow's side).
    const bool head_left = path.to.x > path.from.x;   // moving right: the head ends at the target's left edge
    path.head = {head_left ? path.to.x - head : path.to.x, path.to.y - head / 2, head, head};
    path.head_size = head;
    return path;
}

CopyPath copy_path(const Rect& parent_row, bool parent_left, const Rect& child_row, bool child_left, float text_size) {
    CopyPath path;
    path.from = {parent_left ? parent_row.x : parent_row.right(), parent_row.y + parent_row.h * 0.5f};
    path.to = {child_left ? child_row.x : child_row.right(), child_row.y + child_row.h * 0.5f};
    const float bend = text_size * 1.1f, r = std::max(2.0f, text_size * 0.25f), head = text_size * 0.6f;
    path.c1 = {path.from.x + (parent_left ? -bend : bend), path.from.y};
    // The curve ends where the head begins, outside the child's card.
    path.c2 = {path.to.x + (child_left ? -bend : bend), path.to.y};
    path.tail = {path.from.x - r, path.from.y - r, 2 * r, 2 * r};
    path.head = {child_left ? path.to.x - head : path.to.x, path.to.y - head / 2, head, head};
    path.head_size = head;
    return path;
}

std::vector<LayoutItem> layout_items(const ScreenLayout& screen, const WorldGeometry& g, const WorldView& view, float zoom,
                                     NumberBase base, const TextMetrics& metrics) {
    std::vector<LayoutItem> items;
    const Rect window{0, 0, screen.width, screen.height};
    auto add_item = [&](int parent, std::string kind, std::string text, Rect rect, const Rect& panel) {
        LayoutItem item;
        item.id = static_cast<int>(items.size());
        item.parent = parent;
        item.kind = std::move(kind);
        item.text = std::move(text);
        item.rect = rect;
        item.visible = panel.contains(rect);
        items.push_back(std::move(item));
        return items.back().id;
    };
    const float font = g.m.font;
    const float big_line = std::round(screen.big_font * 1.25f);
    const float line = std::round(font * 1.25f);
    add_item(-1, "panel", "menu", screen.menu, window);
    const int header = add_item(-1, "header", "", screen.header, window);
    for (std::size_t i = 0; i < screen.header_lines.size(); ++i)
        add_item(header, "label", screen.header_lines[i],
            {screen.header.x, screen.header.y + line * static_cast<float>(i), metrics.width(screen.header_lines[i], font), line}, screen.header);
    add_item(-1, "panel", "transport", screen.transport, window);
    const int call = add_item(-1, "call", "", screen.call, window);
    for (std::size_t i = 0; i < screen.call_lines.size(); ++i)
        if (!screen.call_lines[i].empty()) add_item(call, "label", screen.call_lines[i],
            {screen.call.x + g.m.pad(), screen.call.y + g.m.pad() + big_line * static_cast<float>(i),
             metrics.width(screen.call_lines[i], screen.big_font), big_line},
            screen.call);
    add_item(-1, "panel", "narration", screen.narration, window);
    if (screen.source.w > 0) add_item(-1, "panel", "source", screen.source, window);
    if (screen.expectations.h > 0) add_item(-1, "panel", "expectations", screen.expectations, window);
    if (screen.predict.h > 0 && screen.predict.w > 0) add_item(-1, "panel", "predict", screen.predict, window);
    if (screen.inspector.w > 0) add_item(-1, "panel", "inspector", screen.inspector, window);
    const int world = add_item(-1, "panel", "world", screen.world, window);

    const Rect area = world_area(screen, font);
    const ViewTransform t = follow_step(transform_at(g, area, zoom), g, area, view);   // as the panel opens it
    const float zf = font * zoom;   // the drawn text size
    auto text_rect = [&](const Rect& box, const std::string& text) {   // text at the left of its box, vertically centred
        const Rect b = t.map(box);
        return Rect{b.x, b.y + (b.h - zf) / 2, metrics.width(text, zf), zf};
    };
    std::map<model::ObjectId, std::size_t> view_node;
    for (std::size_t i = 0; i < view.objects.size(); ++i) view_node[view.objects[i].id] = i;

    std::map<std::pair<std::size_t, std::size_t>, int> row_item;
    std::map<std::size_t, std::pair<int, Rect>> card_state;   // card index -> its item and state line (screen)
    for (std::size_t ci = 0; ci < view.cards.size(); ++ci) {
        const ProcessCard& card = view.cards[ci];
        auto it = g.card_of.find(card.pid);
        if (it == g.card_of.end()) continue;
        const auto& box = g.cards[it->second];
        const int card_id = add_item(world, "card", card.title, t.map(box.rect), area);
        card_state[ci] = {card_id, t.map(g.state_rect(box))};
        const std::string title = elide(card.title, box.rect.w - 2 * g.m.pad(), font, metrics);
        Rect title_box = g.title_rect(box);
        title_box.x += g.m.pad();
        title_box.w -= 2 * g.m.pad();
        add_item(card_id, "title", title, text_rect(title_box, title), area);
        Rect state_box = g.state_rect(box);
        state_box.x += g.m.pad();
        state_box.w -= 2 * g.m.pad();
        const std::string state = elide(card_state_text(card, g.language), state_box.w, font, metrics);
        add_item(card_id, "label", state, text_rect(state_box, state), area);
        // The command line and environment (when shown), then this step's pseudo-handle markers.
        std::size_t line_index = 0;
        if (g.environment && card.show_environment)
            for (const std::string* full : {&card.command_line, &card.environment}) {
                Rect info_box = g.info_rect(box, line_index++);
                info_box.x += g.m.pad();
                info_box.w -= 2 * g.m.pad();
                const std::string text = elide(*full, info_box.w, font, metrics);
                add_item(card_id, "label", text, text_rect(info_box, text), area);
            }
        line_index = g.environment ? 2 : 0;
        for (std::size_t k = 0; k < card.markers.size() && k < box.markers; ++k) {
            const Rect marker_box = marker_rect(g, box, line_index + k);
            const int marker_id = add_item(card_id, "marker", card.markers[k], t.map(marker_box), area);
            const Rect inner = marker_text_rect(g, marker_box);
            const std::string text = elide(card.markers[k], inner.w, font, metrics);
            add_item(marker_id, "label", text, text_rect(inner, text), area);
        }
        const Rect header_box = g.header_rect(box);
        for (int c = 0; c < column_count; ++c) {
            const Rect cell{header_box.x + g.column_x[c], header_box.y, g.column_w[c], header_box.h};
            const std::string text = elide(column_titles(g.language)[c], cell.w, font, metrics);
            add_item(card_id, "header", text, text_rect(cell, text), area);
        }
        // Rows fill the card's reserved slots; when there are more, the last slot says how many.
        const std::size_t slots = std::max<std::size_t>(box.rows, 1);
        const std::size_t shown = card.rows.size() <= slots ? card.rows.size() : slots - 1;
        if (card.rows.empty()) add_item(card_id, "label", empty_table_text(g.language), text_rect(g.row_rect(box, 0), empty_table_text(g.language)), area);
        for (std::size_t r = 0; r < shown; ++r) {
            const int row_id = add_item(card_id, "row", card.rows[r].value_text, t.map(g.row_rect(box, r)), area);
            row_item[{ci, r}] = row_id;
            const auto cells = cell_texts(card.rows[r], base, g.language);
            for (int c = 0; c < column_count; ++c) {
                if (cells[c].empty()) continue;
                const std::string text = elide(cells[c], g.column_w[c], font, metrics);
                add_item(row_id, "cell", text, text_rect(g.cell_rect(box, r, c), text), area);
            }
        }
        if (card.rows.size() > shown) {
            const std::string more = elide(more_rows_text(card.rows.size() - shown, g.language), box.rect.w - 2 * g.m.pad(), font, metrics);
            add_item(card_id, "label", more, text_rect(g.row_rect(box, shown), more), area);
        }
    }
    std::map<std::size_t, int> node_item;
    for (std::size_t i = 0; i < view.objects.size(); ++i) {
        const ObjectNode& node = view.objects[i];
        auto it = g.node_of.find(node.id);
        if (it == g.node_of.end()) continue;
        const auto& box = g.nodes[it->second];
        const std::string full = node_title(node, g.language);
        const int node_id = add_item(world, "node", full, t.map(box.rect), area);
        node_item[i] = node_id;
        const Rect title_box = g.node_title_rect(box);
        const std::string title = elide(full, title_box.w, font, metrics);
        add_item(node_id, "label", title, text_rect(title_box, title), area);
        const std::string state_full = node_state_text(node, g.language);
        if (!state_full.empty()) {
            const Rect state_box = g.node_state_rect(box);
            const std::string state = elide(state_full, state_box.w, font, metrics);
            add_item(node_id, "label", state, text_rect(state_box, state), area);
        }
        if (box.data) {
            const Rect data_box = g.node_data_rect(box);
            const std::string data = elide(node_data_text(node, g.language), data_box.w, font, metrics);
            add_item(node_id, "label", data, text_rect(data_box, data), area);
        }
        const std::array<std::string, 2> badges = badge_texts(node, g.language);
        for (int b = 0; b < 2; ++b) {
            const Rect badge_box = g.badge_rect(box, b);
            const int badge_id = add_item(node_id, "badge", badges[b], t.map(badge_box), area);
            Rect inner = badge_box;
            inner.x += g.m.pad() * 0.5f;
            inner.w -= g.m.pad();
            const std::string text = elide(badges[b], inner.w, font, metrics);
            add_item(badge_id, "label", text, text_rect(inner, text), area);
        }
    }
    // Arrow ends: a dot on the row's edge, a head on the node's edge.
    for (const auto& a : view.arrows) {
        auto row = row_item.find({a.card, a.row});
        auto node = node_item.find(a.node);
        if (row == row_item.end() || node == node_item.end()) continue;
        const Rect& row_rect = items[row->second].rect;
        const Rect& node_rect = items[node->second].rect;
        const bool leftward = node_rect.x < row_rect.x;
        const float r = std::max(2.0f, zf * 0.25f);
        const float sx = leftward ? row_rect.x : row_rect.right();
        const float sy = row_rect.y + row_rect.h / 2;
        add_item(row->second, "arrow-end", "", {sx - r, sy - r, 2 * r, 2 * r}, area);
        const float ex = leftward ? node_rect.right() : node_rect.x;
        const float ey = node_rect.y + std::min(node_rect.h / 2, zf * 1.2f);
        const float head = zf * 0.6f;
        add_item(node->second, "arrow-end", "", {leftward ? ex : ex - head, ey - head / 2, head, head}, area);
    }
    // Data flow arrows (world_panel draws them the same way): between the row and the node's data line.
    for (const auto& f : view.flows) {
        auto row = row_item.find({f.card, f.row});
        auto node = node_item.find(f.node);
        auto box = g.node_of.find(view.objects[f.node].id);
        if (row == row_item.end() || node == node_item.end() || box == g.node_of.end()) continue;
        const FlowPath path = flow_path(items[row->second].rect, t.map(g.nodes[box->second].data ? g.node_data_rect(g.nodes[box->second])
                                                                                                  : g.node_state_rect(g.nodes[box->second])),
                                        items[node->second].rect, f.into_node, zf);
        add_item(f.into_node ? row->second : node->second, "arrow-end", f.text, path.tail, area);
        add_item(f.into_node ? node->second : row->second, "arrow-end", f.text, path.head, area);
    }
    // Inheritance copy arrows (world_panel draws them the same way): parent's row -> child's row.
    for (const auto& c : view.copies) {
        auto from = row_item.find({c.parent_card, c.parent_row});
        auto to = row_item.find({c.child_card, c.child_row});
        auto parent_box = g.card_of.find(view.cards[c.parent_card].pid);
        auto child_box = g.card_of.find(view.cards[c.child_card].pid);
        if (from == row_item.end() || to == row_item.end() || parent_box == g.card_of.end() || child_box == g.card_of.end()) continue;
        const CopyPath path = copy_path(items[from->second].rect, g.cards[parent_box->second].side == WorldGeometry::Side::Left,
                                        items[to->second].rect, g.cards[child_box->second].side == WorldGeometry::Side::Left, zf);
        // TRANSLATORS: the label of the arrow from a parent's entry to the child's copy (CreateProcess inheritance).
        const std::string text = tr(g.language, "copied");
        add_item(from->second, "copy-end", text, path.tail, area);
        add_item(to->second, "copy-end", text, path.head, area);
    }
    // Wait-for arrows (world_panel draws them the same way): from the state line to the node.
    for (std::size_t ci = 0; ci < view.cards.size(); ++ci) {
        if (!view.cards[ci].waits_on) continue;
        auto card = card_state.find(ci);
        auto node = node_item.find(*view.cards[ci].waits_on);
        if (card == card_state.end() || node == node_item.end()) continue;
        const Rect from = card->second.second;
        const Rect& node_rect = items[node->second].rect;
        const bool leftward = node_rect.x < from.x;
        const float r = std::max(2.0f, zf * 0.25f);
        const float sx = leftward ? from.x : from.right();
        add_item(card->second.first, "arrow-end", "", {sx - r, from.y + from.h / 2 - r, 2 * r, 2 * r}, area);
        const float ex = leftward ? node_rect.right() : node_rect.x;
        const float ey = node_rect.y + std::min(node_rect.h * 0.75f, node_rect.h - zf * 0.5f);
        const float head = zf * 0.7f;
        add_item(node->second, "arrow-end", "", {leftward ? ex : ex - head, ey - head / 2, head, head}, area);
    }
    return items;
}

}  // namespace kosim::ui
