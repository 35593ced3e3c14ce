// The world view: process cards with their handle tables, kernel objects with their handle_count
// and usage_count, an arrow from every entry to its object, parent -> child links in the margins.
// Every box comes from the layout (view_models/layout.h), placed once for the whole run; this file
// only draws it at the view's zoom and pan (fit by default) and turns clicks into intents.
// What the step changed is coloured (Okabe-Ito); the selection is a dashed outline and a marker.
#include <algorithm>
#include <cmath>

#include "panels/panels.h"

namespace kosim::ui {
namespace {

ImU32 with_alpha(ImU32 colour, int alpha) { return (colour & ~IM_COL32_A_MASK) | (static_cast<ImU32>(alpha) << IM_COL32_A_SHIFT); }
ImVec2 min_of(const Rect& r) { return {r.x, r.y}; }
ImVec2 max_of(const Rect& r) { return {r.right(), r.bottom()}; }

void arrow_head(ImDrawList* dl, ImVec2 tip, ImVec2 from, ImU32 colour, float size) {
    ImVec2 d(tip.x - from.x, tip.y - from.y);
    const float len = std::sqrt(d.x * d.x + d.y * d.y);
    if (len < 1e-3f) return;
    d = ImVec2(d.x / len, d.y / len);
    const ImVec2 n(-d.y, d.x);
    dl->AddTriangleFilled(tip, ImVec2(tip.x - d.x * size + n.x * size * 0.5f, tip.y - d.y * size + n.y * size * 0.5f),
                          ImVec2(tip.x - d.x * size - n.x * size * 0.5f, tip.y - d.y * size - n.y * size * 0.5f), colour);
}

// A dashed rectangle: the selection's shape, which no change colour uses.
void dashed_rect(ImDrawList* dl, const Rect& r, ImU32 colour, float thickness, float dash) {
    auto line = [&](ImVec2 a, ImVec2 b) {
        const float len = std::hypot(b.x - a.x, b.y - a.y);
        if (len < 1) return;
        const ImVec2 d((b.x - a.x) / len, (b.y - a.y) / len);
        for (float s = 0; s < len; s += 2 * dash) {
            const float e = std::min(s + dash, len);
            dl->AddLine(ImVec2(a.x + d.x * s, a.y + d.y * s), ImVec2(a.x + d.x * e, a.y + d.y * e), colour, thickness);
        }
    };
    line({r.x, r.y}, {r.right(), r.y});
    line({r.right(), r.y}, {r.right(), r.bottom()});
    line({r.right(), r.bottom()}, {r.x, r.bottom()});
    line({r.x, r.bottom()}, {r.x, r.y});
}

// The selection marker: a solid triangle pointing at the box from outside its left edge.
void selection_marker(ImDrawList* dl, const Rect& r, ImU32 colour, float size) {
    const float cy = r.y + std::min(r.h / 2, size * 1.2f);
    dl->AddTriangleFilled(ImVec2(r.x - size * 0.15f, cy), ImVec2(r.x - size, cy - size * 0.55f), ImVec2(r.x - size, cy + size * 0.55f), colour);
}

void text_in(ImDrawList* dl, float size, const Rect& box, ImU32 colour, const std::string& text) {
    const ImVec4 clip(box.x, box.y, box.right() + 1, box.bottom());
    dl->AddText(ImGui::GetFont(), size, ImVec2(box.x, box.y + (box.h - size) / 2), colour, text.c_str(), nullptr, 0.0f, &clip);
}

Rect inset_x(Rect r, float by) {
    r.x += by;
    r.w -= 2 * by;
    return r;
}

}  // namespace

void WorldPanel::zoom_by(float factor, float floor) {
    fitted = false;
    zoom = zoom_step(zoom, factor, floor);
}

void WorldPanel::pan_by(float dx, float dy) {
    fitted = false;
    pan_x += dx;
    pan_y += dy;
}

void WorldPanel::reset_view() { fitted = true; }

void WorldPanel::draw(FrameContext& ctx) {
    const Palette& pal = ctx.palette;
    const Language l = ctx.session.language();
    if (!ctx.world || !ctx.geometry || !ctx.screen || !ctx.metrics) {
        ImGui::TextWrapped("%s", ctx.session.scenario().file_name.empty() ? tr(l, "No scenario is open.")
                                 : tr(l, "The scenario cannot run: its diagnostics are in the source panel on the left. "
                                         "Fix the file and it reloads by itself."));
        // The diagnostics again, where there is room to read them whole.
        if (ctx.mono) ImGui::PushFont(ctx.mono);
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(pal.error));
        if (!ctx.session.load_error().empty()) ImGui::TextWrapped("%s", ctx.session.load_error().c_str());
        for (std::size_t i = 0; i < ctx.source->diagnostics.size(); ++i) {
            ImGui::PushID(static_cast<int>(i));
            ImGui::TextUnformatted(ctx.source->diagnostics[i].c_str());
            ImGui::PopID();
        }
        ImGui::PopStyleColor();
        if (ctx.mono) ImGui::PopFont();
        return;
    }
    const WorldView& w = *ctx.world;
    const WorldGeometry& g = *ctx.geometry;
    const TextMetrics& metrics = *ctx.metrics;
    const Metrics& m = g.m;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float fs = m.font;
    const Rect panel = ctx.screen->world;
    const Rect area = world_area(*ctx.screen, fs);

    // The tool line: legend (colour means what the step did; the dashed outline is the selection),
    // then zoom and the number base on the right.
    {
        ImGui::SetCursorScreenPos(ImVec2(panel.x + m.pad(), panel.y + m.pad()));
        struct Item { Highlight h; const char* text; };
        const Item items[] = {{Highlight::New, tr(l, "new")}, {Highlight::Closed, tr(l, "closed")}, {Highlight::CountUp, tr(l, "count up")},
                              {Highlight::CountDown, tr(l, "count down")}, {Highlight::Changed, tr(l, "changed")}};
        auto swatch = [&](ImU32 colour, bool dashed) {
            const ImVec2 p = ImGui::GetCursorScreenPos();
            const Rect r{p.x, p.y + fs * 0.3f, fs * 0.8f, fs * 0.8f};
            if (dashed) dashed_rect(dl, r, colour, pal.line_thickness, fs * 0.15f);
            else dl->AddRectFilled(min_of(r), max_of(r), colour, 2);
            ImGui::Dummy(ImVec2(fs * 0.9f, fs));
            ImGui::SameLine();
        };
        if (ImGui::SmallButton("-")) zoom_by(1 / 1.2f, ctx.world_floor);
        ImGui::SameLine();
        if (ImGui::SmallButton("+")) zoom_by(1.2f, ctx.world_floor);
        ImGui::SameLine();
        if (ImGui::SmallButton((std::string(tr(l, "Fit")) + "###fit").c_str())) reset_view();
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr(l, "Zoom to fit (0); zoom with the wheel or = and -, pan by dragging or Shift+arrows"));
        ImGui::SameLine();
        if (ImGui::RadioButton((std::string(tr(l, "hex")) + "###hex").c_str(), base == NumberBase::Hex)) base = NumberBase::Hex;
        ImGui::SameLine();
        if (ImGui::RadioButton((std::string(tr(l, "dec")) + "###dec").c_str(), base == NumberBase::Decimal)) base = NumberBase::Decimal;
        ImGui::SameLine(0, fs);
        // The tool line has one row above the diagram: legend entries that do not fit (large text,
        // a narrow panel) go into the tooltip of a "..." so none is cut off at the panel's edge.
        const float right = panel.right() - m.pad();
        const float more_w = ImGui::CalcTextSize("...").x + fs;
        struct Entry { ImU32 colour; bool dashed; const char* text; };
        std::vector<Entry> rest;
        auto entry = [&](ImU32 colour, bool dashed, const char* text, bool last) {
            const float entry_w = fs * 0.9f + ImGui::GetStyle().ItemSpacing.x + ImGui::CalcTextSize(text).x + fs * 0.7f;
            if (!rest.empty() || ImGui::GetCursorScreenPos().x + entry_w + (last ? 0 : more_w) > right) {
                rest.push_back({colour, dashed, text});
                return;
            }
            swatch(colour, dashed);
            ImGui::TextUnformatted(text);
            ImGui::SameLine(0, fs * 0.7f);
        };
        for (std::size_t i = 0; i < std::size(items); ++i) entry(highlight_colour(pal, items[i].h), false, items[i].text, false);
        if (w.any_wait) {
            // TRANSLATORS: legend: the dashed arrow from a blocked process to what it waits on.
            entry(pal.error, true, tr(l, "waits on"), false);
        }
        if (!w.copies.empty()) {
            // TRANSLATORS: legend: the dashed arrow from a parent's entry to the child's inherited copy.
            entry(pal.link, true, tr(l, "copied by inheritance"), false);
        }
        entry(pal.text, true, tr(l, "selected"), true);
        if (!rest.empty()) {
            ImGui::TextUnformatted("...");
            if (ImGui::IsItemHovered()) {
                ImGui::BeginTooltip();
                dl = ImGui::GetWindowDrawList();   // the swatches draw into the tooltip
                for (const Entry& e : rest) {
                    swatch(e.colour, e.dashed);
                    ImGui::TextUnformatted(e.text);
                }
                ImGui::EndTooltip();
                dl = ImGui::GetWindowDrawList();
            }
        }
    }

    // The view: fit by default; the wheel zooms around the mouse, dragging pans.
    // A world that scrolls (presenter text) follows the step: what it changed is brought into view.
    const ViewTransform fit = step_view(g, area, ctx.world_floor, w);
    if (fitted) {
        zoom = fit.zoom;
        pan_x = fit.x - area.x;
        pan_y = fit.y - area.y;
    } else {
        zoom = zoom_step(zoom, 1, ctx.world_floor);   // zoomed out at normal text, then the text enlarged
    }
    ImGuiIO& io = ImGui::GetIO();
    const bool hovered = ImGui::IsWindowHovered() && io.MousePos.y >= area.y;
    if (hovered && io.MouseWheel != 0) {
        const float before = zoom;
        zoom_by(io.MouseWheel > 0 ? 1.15f : 1 / 1.15f, ctx.world_floor);
        const float mx = io.MousePos.x - area.x, my = io.MousePos.y - area.y;
        pan_x = mx - (mx - pan_x) * zoom / before;
        pan_y = my - (my - pan_y) * zoom / before;
    }
    if (hovered && !ImGui::IsAnyItemActive() &&
        (ImGui::IsMouseDragging(ImGuiMouseButton_Left) || ImGui::IsMouseDragging(ImGuiMouseButton_Right) ||
         ImGui::IsMouseDragging(ImGuiMouseButton_Middle)))
        pan_by(io.MouseDelta.x, io.MouseDelta.y);
    ViewTransform t;
    t.zoom = zoom;
    t.x = area.x + pan_x;
    t.y = area.y + pan_y;
    const float zf = fs * zoom;                  // text size on screen
    const float line = pal.line_thickness * std::min(1.0f, zoom * 1.5f);
    // Text below 5 pixels is unreadable (a huge world at fit): the boxes alone show its shape.
    const bool legible = zf >= 5;
    auto say = [&](const Rect& box, ImU32 colour, const std::string& full, float width) {
        if (legible) text_in(dl, zf, box, colour, elide(full, width, fs, metrics));
    };
    dl->PushClipRect(min_of(area), max_of(area), true);
    auto in_view = [&](const Rect& r) { return r.right() >= area.x && r.x <= area.right() && r.bottom() >= area.y && r.y <= area.bottom(); };

    std::vector<const WorldGeometry::CardBox*> card_box(w.cards.size(), nullptr);
    for (std::size_t i = 0; i < w.cards.size(); ++i)
        if (auto it = g.card_of.find(w.cards[i].pid); it != g.card_of.end()) card_box[i] = &g.cards[it->second];
    std::vector<const WorldGeometry::NodeBox*> node_box(w.objects.size(), nullptr);
    for (std::size_t i = 0; i < w.objects.size(); ++i)
        if (auto it = g.node_of.find(w.objects[i].id); it != g.node_of.end()) node_box[i] = &g.nodes[it->second];
    auto shown_rows = [&](std::size_t card) {
        const std::size_t slots = std::max<std::size_t>(card_box[card]->rows, 1);
        return w.cards[card].rows.size() <= slots ? w.cards[card].rows.size() : slots - 1;
    };

    // Arrows first, under the cards and nodes; only those with an end in view.
    for (const auto& a : w.arrows) {
        if (!card_box[a.card] || !node_box[a.node] || a.row >= shown_rows(a.card)) continue;
        const Rect row = t.map(g.row_rect(*card_box[a.card], a.row));
        const Rect node = t.map(node_box[a.node]->rect);
        if (!in_view(row) && !in_view(node)) continue;
        const bool leftward = node.x < row.x;
        const ImVec2 p0(leftward ? row.x : row.right(), row.y + row.h / 2);
        const ImVec2 tip(leftward ? node.right() : node.x, node.y + std::min(node.h / 2, zf * 1.2f));
        const ImVec2 p3(tip.x + (leftward ? zf * 0.5f : -zf * 0.5f), tip.y);
        const HandleRow& r = w.cards[a.card].rows[a.row];
        ImU32 colour = a.highlight == Highlight::None ? pal.arrow : highlight_colour(pal, a.highlight);
        if (r.ghost) colour = with_alpha(pal.closed, 150);
        const bool selected = r.selected || w.objects[a.node].selected;
        const float thickness = line * (a.highlight == Highlight::None && !selected ? 1.0f : 2.0f);
        const float dx = (p3.x - p0.x) * 0.5f;
        dl->AddBezierCubic(p0, ImVec2(p0.x + dx, p0.y), ImVec2(p3.x - dx, p3.y), p3, colour, thickness);
        dl->AddCircleFilled(p0, std::max(2.0f, zf * 0.18f), colour);
        arrow_head(dl, tip, ImVec2(p3.x - (leftward ? -1.0f : 1.0f), tip.y), colour, zf * 0.6f);
    }

    // Wait-for: a dashed arrow from a blocked process's state line to the object it waits on.
    for (std::size_t i = 0; i < w.cards.size(); ++i) {
        const auto& waits_on = w.cards[i].waits_on;
        if (!waits_on || !card_box[i] || !node_box[*waits_on]) continue;
        const Rect from = t.map(g.state_rect(*card_box[i]));
        const Rect node = t.map(node_box[*waits_on]->rect);
        if (!in_view(from) && !in_view(node)) continue;
        const bool leftward = node.x < from.x;
        const ImVec2 p0(leftward ? from.x : from.right(), from.y + from.h / 2);
        const ImVec2 tip(leftward ? node.right() : node.x, node.y + std::min(node.h * 0.75f, node.h - zf * 0.5f));
        const float dx = (tip.x - p0.x) * 0.5f;
        const ImVec2 c1(p0.x + dx, p0.y), c2(tip.x - dx, tip.y);
        // Dashes along the curve: the shape says "waits", the colour is the error colour.
        const int pieces = 24;
        auto at = [&](float u) {
            const float v = 1 - u;
            return ImVec2(v * v * v * p0.x + 3 * v * v * u * c1.x + 3 * v * u * u * c2.x + u * u * u * tip.x,
                          v * v * v * p0.y + 3 * v * v * u * c1.y + 3 * v * u * u * c2.y + u * u * u * tip.y);
        };
        for (int k = 0; k < pieces; k += 2)
            dl->AddLine(at(static_cast<float>(k) / pieces), at(static_cast<float>(k + 1) / pieces), pal.error, line * 2.0f);
        arrow_head(dl, tip, at(0.97f), pal.error, zf * 0.7f);
    }

    // Data flow: a thick solid arrow from the writer's row to the node's data line, or from the
    // data line to the reader's row, for the step that wrote or read.
    for (const auto& f : w.flows) {
        if (!card_box[f.card] || !node_box[f.node] || f.row >= shown_rows(f.card)) continue;
        const Rect row = t.map(g.row_rect(*card_box[f.card], f.row));
        const auto& nb = *node_box[f.node];
        const Rect node = t.map(nb.rect);
        if (!in_view(row) && !in_view(node)) continue;
        const FlowPath path = flow_path(row, t.map(nb.data ? g.node_data_rect(nb) : g.node_state_rect(nb)), node, f.into_node, zf);
        const ImVec2 p0(path.from.x, path.from.y), tip(path.to.x, path.to.y);
        const float dx = (tip.x - p0.x) * 0.5f;
        const ImVec2 p3(tip.x + (tip.x > p0.x ? -path.head_size * 0.8f : path.head_size * 0.8f), tip.y);
        dl->AddBezierCubic(p0, ImVec2(p0.x + dx, p0.y), ImVec2(p3.x - dx, p3.y), p3, pal.text, line * 3.0f);
        dl->AddCircleFilled(p0, std::max(2.0f, zf * 0.22f), pal.text);
        arrow_head(dl, tip, ImVec2(p3.x - (tip.x > p0.x ? 1.0f : -1.0f), tip.y), pal.text, path.head_size);
    }

    // Inheritance: a dashed arrow in the link colour from the parent's entry to the child's copy,
    // through the outer margins, at the CreateProcess step only.
    for (const auto& c : w.copies) {
        if (!card_box[c.parent_card] || !card_box[c.child_card] || c.parent_row >= shown_rows(c.parent_card) ||
            c.child_row >= shown_rows(c.child_card))
            continue;
        const Rect from = t.map(g.row_rect(*card_box[c.parent_card], c.parent_row));
        const Rect to = t.map(g.row_rect(*card_box[c.child_card], c.child_row));
        if (!in_view(from) && !in_view(to)) continue;
        const CopyPath path = copy_path(from, card_box[c.parent_card]->side == WorldGeometry::Side::Left, to,
                                        card_box[c.child_card]->side == WorldGeometry::Side::Left, zf);
        const ImVec2 p0(path.from.x, path.from.y), c1(path.c1.x, path.c1.y), c2(path.c2.x, path.c2.y);
        const ImVec2 tip(path.to.x, path.to.y);
        const ImVec2 p3(tip.x + (path.head.x < tip.x ? -path.head_size * 0.8f : path.head_size * 0.8f), tip.y);
        auto at = [&](float u) {
            const float v = 1 - u;
            return ImVec2(v * v * v * p0.x + 3 * v * v * u * c1.x + 3 * v * u * u * c2.x + u * u * u * p3.x,
                          v * v * v * p0.y + 3 * v * v * u * c1.y + 3 * v * u * u * c2.y + u * u * u * p3.y);
        };
        const int pieces = 20;
        for (int k = 0; k < pieces; k += 2)
            dl->AddLine(at(static_cast<float>(k) / pieces), at(static_cast<float>(k + 1) / pieces), pal.link, line * 2.0f);
        dl->AddCircleFilled(p0, std::max(2.0f, zf * 0.18f), pal.link);
        arrow_head(dl, tip, p3, pal.link, path.head_size);
    }

    // Parent -> child links in the outer margins.
    for (const auto& link : w.links) {
        if (!card_box[link.parent_card] || !card_box[link.child_card]) continue;
        const auto& parent = *card_box[link.parent_card];
        const auto& child = *card_box[link.child_card];
        const Rect a = t.map(g.title_rect(parent)), b = t.map(g.title_rect(child));
        const bool a_left = parent.side == WorldGeometry::Side::Left, b_left = child.side == WorldGeometry::Side::Left;
        const ImVec2 p0(a_left ? a.x : a.right(), a.y + a.h / 2), p3(b_left ? b.x : b.right(), b.y + b.h / 2);
        const float bend = fs * 1.1f * zoom;
        dl->AddBezierCubic(p0, ImVec2(p0.x + (a_left ? -bend : bend), p0.y), ImVec2(p3.x + (b_left ? -bend : bend), p3.y),
                           ImVec2(p3.x + (b_left ? -zf * 0.4f : zf * 0.4f), p3.y), pal.link, line * 1.5f);
        arrow_head(dl, p3, ImVec2(p3.x + (b_left ? -zf : zf), p3.y), pal.link, zf * 0.55f);
    }

    // A card's or node's border: the step's colour when it changed something, and the selection
    // as a shape (dashed outline and corner marker), never as a colour that already means something.
    auto frame = [&](const Rect& r, Highlight highlight, bool selected, float round, float marked_width) {
        const bool marked = highlight != Highlight::None;
        dl->AddRect(min_of(r), max_of(r), marked ? highlight_colour(pal, highlight) : pal.border, round, 0,
                    line * (marked ? marked_width : 1.0f));
        if (selected) {
            dashed_rect(dl, r.inset(-3 * zoom), pal.text, line * 1.5f, zf * 0.4f);
            selection_marker(dl, r, pal.text, zf);
        }
    };

    // Process cards.
    for (std::size_t i = 0; i < w.cards.size(); ++i) {
        if (!card_box[i]) continue;
        const auto& box = *card_box[i];
        const Rect card_rect = t.map(box.rect);
        if (!in_view(card_rect)) continue;
        const ProcessCard& card = w.cards[i];
        ImGui::PushID(static_cast<int>(card.pid));
        const float round = 4 * zoom;
        dl->AddRectFilled(min_of(card_rect), max_of(card_rect), pal.card, round);
        const Rect title = t.map(g.title_rect(box));
        dl->AddRectFilled(min_of(title), max_of(title), card.exited ? with_alpha(pal.text_dim, 90) : pal.card_title, round,
                          ImDrawFlags_RoundCornersTop);
        frame(card_rect, card.highlight, card.selected, round, 2.0f);
        const Rect title_text = inset_x(title, m.pad() * zoom);
        say(title_text, pal.text, card.title, title_text.w / zoom);
        const std::string state = card_state_text(card, g.language);
        const Rect state_text = inset_x(t.map(g.state_rect(box)), m.pad() * zoom);
        say(state_text, card.exited ? pal.closed : pal.text_dim, state, state_text.w / zoom);
        ImGui::SetCursorScreenPos(min_of(card_rect));
        if (ImGui::InvisibleButton("title", ImVec2(std::max(card_rect.w, 1.0f), std::max(title.h + state_text.h, 1.0f)))) {
            Intent select; select.kind = Intent::Kind::Select; select.selection = Selection::process(card.pid);
            ctx.intents.push_back(select);
        }
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s: %s", card.title.c_str(), state.c_str());
        // The command line and environment block (View menu), then this step's pseudo-handles:
        // a marker per value, since no row of the table stands for it.
        if (g.environment && card.show_environment) {
            const std::string* lines[2] = {&card.command_line, &card.environment};
            for (std::size_t k = 0; k < 2; ++k) {
                const Rect info = inset_x(t.map(g.info_rect(box, k)), m.pad() * zoom);
                say(info, pal.text_dim, *lines[k], info.w / zoom);
            }
        }
        for (std::size_t k = 0; k < card.markers.size() && k < box.markers; ++k) {
            const Rect marker_box = marker_rect(g, box, (g.environment ? 2 : 0) + k);
            const Rect r = t.map(marker_box);
            dl->AddRectFilled(min_of(r), max_of(r), pal.node, m.pad() * zoom);
            dl->AddRect(min_of(r), max_of(r), pal.border, m.pad() * zoom, 0, line * 1.5f);
            const Rect inner = marker_text_rect(g, marker_box);
            say(t.map(inner), pal.text, card.markers[k], inner.w);
        }
        // Column titles.
        const Rect header = g.header_rect(box);
        for (int c = 0; c < column_count; ++c) {
            const Rect cell = t.map(Rect{header.x + g.column_x[c], header.y, g.column_w[c], header.h});
            say(cell, pal.text_dim, column_titles(g.language)[c], g.column_w[c]);
        }
        const Rect header_screen = t.map(header);
        dl->AddLine(ImVec2(card_rect.x, header_screen.bottom()), ImVec2(card_rect.right(), header_screen.bottom()), with_alpha(pal.border, 120));
        if (card.rows.empty())
            say(inset_x(t.map(g.row_rect(box, 0)), m.pad() * zoom), pal.text_dim, empty_table_text(g.language), box.rect.w);
        const std::size_t shown = shown_rows(i);
        for (std::size_t r = 0; r < shown; ++r) {
            const HandleRow& row = card.rows[r];
            const Rect row_rect = t.map(g.row_rect(box, r));
            if (!in_view(row_rect)) continue;
            if (row.highlight != Highlight::None)
                dl->AddRectFilled(ImVec2(row_rect.x + 1, row_rect.y), ImVec2(row_rect.right() - 1, row_rect.bottom()),
                                  with_alpha(highlight_colour(pal, row.highlight), 70));
            if (row.failed_lookup)   // looked up here, no entry: a dashed, dimmed ghost in the error colour
                dashed_rect(dl, row_rect.inset(1), pal.error, line * 1.5f, zf * 0.3f);
            if (row.keeps_wait)   // the entry that keeps a reader waiting: a thick solid outline
                dl->AddRect(min_of(row_rect.inset(-1)), max_of(row_rect.inset(-1)), pal.error, 0, 0, line * 2.5f);
            if (row.selected) {
                dashed_rect(dl, row_rect.inset(1), pal.text, line * 1.5f, zf * 0.4f);
                selection_marker(dl, row_rect, pal.text, zf);
            }
            const auto cells = legible ? cell_texts(row, base, g.language) : std::array<std::string, column_count>{};
            for (int c = 0; c < column_count; ++c) {
                if (cells[c].empty()) continue;
                const ImU32 ink = row.failed_lookup ? (c == column_count - 1 ? pal.error : pal.text_dim)
                                  : row.ghost ? pal.closed : c == 1 ? pal.names
                                  : row.inherited_copy && c == column_count - 1 ? pal.link   // "inherited from ...", the copy arrow's colour
                                                                                : pal.text;
                say(t.map(g.cell_rect(box, r, c)), ink, cells[c], g.column_w[c]);
            }
            if (row.ghost && !row.failed_lookup) {   // struck through: this entry is gone after the step
                const Rect first = t.map(g.cell_rect(box, r, 0)), object = t.map(g.cell_rect(box, r, 2));
                dl->AddLine(ImVec2(first.x, row_rect.y + row_rect.h / 2), ImVec2(object.right(), row_rect.y + row_rect.h / 2), pal.closed,
                            std::max(1.0f, 2 * zoom));
            }
            ImGui::PushID(static_cast<int>(r));
            ImGui::SetCursorScreenPos(min_of(row_rect));
            if (ImGui::InvisibleButton("row", ImVec2(std::max(row_rect.w, 1.0f), std::max(row_rect.h, 1.0f))) && !row.ghost) {
                Intent select; select.kind = Intent::Kind::Select; select.selection = Selection::entry(card.pid, row.value);
                ctx.intents.push_back(select);
            }
            if (ImGui::IsItemHovered() && row.failed_lookup) {
                ImGui::SetTooltip("%s", fmt(tr(l, "{0}: no entry in this table; the call failed with {1}"), {row.value_text, row.error}).c_str());
            } else if (ImGui::IsItemHovered()) {
                std::string names;
                for (const auto& name : row.variables) names += (names.empty() ? "" : ", ") + name;
                ImGui::SetTooltip("%s", fmt(tr(l, "{0}  {1}\naccess: {2}\ninherit: {3}, protect: {4}\norigin: {5}"),
                                            {row.value_text + (names.empty() ? "" : " " + names),
                                             row.type + (row.object_name.empty() ? "" : " " + row.object_name), row.access_text,
                                             row.inherit ? tr(l, "yes") : tr(l, "no"), row.protect ? tr(l, "yes") : tr(l, "no"), row.origin_text})
                                            .c_str());
            }
            ImGui::PopID();
        }
        if (card.rows.size() > shown) {
            const std::string more = more_rows_text(card.rows.size() - shown, g.language);
            say(inset_x(t.map(g.row_rect(box, shown)), m.pad() * zoom), pal.text_dim, more, box.rect.w - 2 * m.pad());
        }
        ImGui::PopID();
    }

    // Kernel object nodes.
    ImGui::PushID("objects");
    for (std::size_t i = 0; i < w.objects.size(); ++i) {
        if (!node_box[i]) continue;
        const auto& box = *node_box[i];
        const Rect node_rect = t.map(box.rect);
        if (!in_view(node_rect)) continue;
        const ObjectNode& node = w.objects[i];
        ImGui::PushID(static_cast<int>(node.id));
        const float round = fs * 0.5f * zoom;
        dl->AddRectFilled(min_of(node_rect), max_of(node_rect), node.ghost ? with_alpha(pal.closed, 40) : pal.node, round);
        frame(node_rect, node.highlight, node.selected, round, 2.5f);
        const Rect title = g.node_title_rect(box);
        const std::string full_title = node_title(node, g.language);
        say(t.map(title), node.ghost ? pal.closed : pal.text, full_title, title.w);
        const std::string state = node_state_text(node, g.language);
        const Rect state_rect = g.node_state_rect(box);
        say(t.map(state_rect), pal.text_dim, state, state_rect.w);
        if (box.data) {   // the data in flight, quoted
            const Rect data_rect = g.node_data_rect(box);
            say(t.map(data_rect), node.data_line.empty() ? pal.text_dim : pal.text, node_data_text(node, g.language), data_rect.w);
        }
        // usage_count first: the textbook's count.
        const std::array<std::string, 2> badges = badge_texts(node, g.language);
        const std::uint32_t values[2] = {node.usage_count, node.handle_count};
        const std::optional<std::uint32_t> before[2] = {node.usage_count_before, node.handle_count_before};
        for (int b = 0; b < 2; ++b) {
            const Rect badge_box = g.badge_rect(box, b);
            const Rect r = t.map(badge_box);
            ImU32 fill = pal.card, border = pal.border, ink = pal.text;
            if (node.counts_hidden) { fill = pal.predict; ink = pal.on_colour; }
            else if (before[b]) { fill = *before[b] < values[b] ? pal.count_up : pal.count_down; ink = pal.on_colour; border = fill; }
            dl->AddRectFilled(min_of(r), max_of(r), fill, m.pad() * zoom);
            if (node.counts_hidden) dashed_rect(dl, r, pal.text, line, zf * 0.25f);   // asked, not changed
            else dl->AddRect(min_of(r), max_of(r), border, m.pad() * zoom);
            const Rect inner = inset_x(badge_box, m.pad() * 0.5f);
            say(t.map(inner), ink, badges[b], inner.w);
        }
        ImGui::SetCursorScreenPos(min_of(node_rect));
        if (ImGui::InvisibleButton("node", ImVec2(std::max(node_rect.w, 1.0f), std::max(node_rect.h, 1.0f))) && !node.ghost) {
            Intent select; select.kind = Intent::Kind::Select; select.selection = Selection::object_node(node.id);
            ctx.intents.push_back(select);
        }
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("%s", fmt(tr(l, "{0}\nhandle_count {1} (entries in handle tables)\nusage_count {2} (entries + kernel references)"),
                                        {object_id_text(node.id) + " " + node.label + "\n" + state, std::to_string(node.handle_count),
                                         std::to_string(node.usage_count)}).c_str());
        ImGui::PopID();
    }
    ImGui::PopID();

    // More of the world past an edge (presenter text stops the fit at its floor): a chevron on
    // a band at that edge, so the room sees the diagram goes on and the presenter drags to it.
    const Offscreen more = offscreen(g, t, area);
    if (more.any()) {
        const float band = m.hint(), size = fs * 0.45f;
        const ImU32 fill = with_alpha(pal.background, 235), clear = with_alpha(pal.background, 0);
        auto chevron = [&](ImVec2 centre, float dx, float dy) {   // pointing along (dx, dy)
            const ImVec2 tip(centre.x + dx * size, centre.y + dy * size);
            const ImVec2 a(centre.x - dx * size * 0.3f - dy * size, centre.y - dy * size * 0.3f - dx * size);
            const ImVec2 b(centre.x - dx * size * 0.3f + dy * size, centre.y - dy * size * 0.3f + dx * size);
            dl->AddLine(a, tip, pal.text, pal.line_thickness * 2.0f);
            dl->AddLine(tip, b, pal.text, pal.line_thickness * 2.0f);
        };
        const float cx = area.x + area.w / 2, cy = area.y + area.h / 2;
        if (more.right) {
            dl->AddRectFilledMultiColor(ImVec2(area.right() - band, area.y), max_of(area), clear, fill, fill, clear);
            chevron(ImVec2(area.right() - band * 0.45f, cy), 1, 0);
        }
        if (more.left) {
            dl->AddRectFilledMultiColor(min_of(area), ImVec2(area.x + band, area.bottom()), fill, clear, clear, fill);
            chevron(ImVec2(area.x + band * 0.45f, cy), -1, 0);
        }
        if (more.bottom) {
            dl->AddRectFilledMultiColor(ImVec2(area.x, area.bottom() - band), max_of(area), clear, clear, fill, fill);
            chevron(ImVec2(cx, area.bottom() - band * 0.45f), 0, 1);
        }
        if (more.top) {
            dl->AddRectFilledMultiColor(min_of(area), ImVec2(area.right(), area.y + band), fill, fill, clear, clear);
            chevron(ImVec2(cx, area.y + band * 0.45f), 0, -1);
        }
    }
    dl->PopClipRect();
}

}  // namespace kosim::ui
