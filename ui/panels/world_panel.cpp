// The world view: process cards with their handle tables on the left, kernel objects with their
// handle_count and usage_count on the right, an arrow from every entry to its object, parent ->
// child links in the left margin; what the current step changed is coloured, with the old value.
// Drawn with the window's draw list; only cards and nodes inside the visible area are drawn, and
// long tables are clipped to max_rows_per_card (the inspector lists them all).
#include <algorithm>
#include <cmath>

#include "panels/panels.h"

namespace kosim::ui {
namespace {

constexpr int column_count = 5;   // handle, object, access, flags (inherit, protect), origin
// TRANSLATORS: the handle table's columns; Origin is how the entry came to be (created, inherited, ...).
const char* const column_titles[column_count] = {N_("Handle"), N_("Object"), N_("Access"), N_("Flags"), N_("Origin")};

// The access rights as the card shows them: GENERIC_ dropped to save width (the inspector has them whole).
std::string short_access(const std::vector<std::string>& names) {
    std::string out;
    for (std::string part : names) {
        if (part.starts_with("GENERIC_")) part = part.substr(8);
        if (part.ends_with("_ALL_ACCESS")) part = "ALL";
        out += (out.empty() ? "" : "|") + part;
    }
    return out;
}

std::string cell_text(const HandleRow& row, int column, Language l) {
    switch (column) {
    case 0: return row.value_text;
    case 1: return row.object_text;
    case 2: return row.ghost ? std::string() : short_access(row.access);
    case 3: return row.ghost ? std::string() : row.inherit ? (row.protect ? tr(l, "inherit, protect") : tr(l, "inherit")) : (row.protect ? tr(l, "protect") : "-");
    case 4: return row.origin_verb;
    }
    return {};
}

ImU32 with_alpha(ImU32 colour, int alpha) { return (colour & ~IM_COL32_A_MASK) | (static_cast<ImU32>(alpha) << IM_COL32_A_SHIFT); }

void arrow_head(ImDrawList* dl, ImVec2 tip, ImVec2 from, ImU32 colour, float size) {
    ImVec2 d(tip.x - from.x, tip.y - from.y);
    const float len = std::sqrt(d.x * d.x + d.y * d.y);
    if (len < 1e-3f) return;
    d = ImVec2(d.x / len, d.y / len);
    const ImVec2 n(-d.y, d.x);
    dl->AddTriangleFilled(tip, ImVec2(tip.x - d.x * size + n.x * size * 0.5f, tip.y - d.y * size + n.y * size * 0.5f),
                          ImVec2(tip.x - d.x * size - n.x * size * 0.5f, tip.y - d.y * size - n.y * size * 0.5f), colour);
}

std::string badge_text(const std::string& name, std::uint32_t value, std::optional<std::uint32_t> before, bool hidden) {
    std::string text = std::string(name) + " ";
    if (hidden) text += "?";
    else if (before) text += std::to_string(*before) + "->" + std::to_string(value);
    else text += std::to_string(value);
    return text;
}

// A badge "usage 2 -> 3": the count name, its value and, when the step changed it, the old value.
float badge(ImDrawList* dl, ImVec2 pos, const std::string& name, std::uint32_t value, std::optional<std::uint32_t> before,
            bool hidden, const Palette& pal, float pad) {
    const std::string text = badge_text(name, value, before, hidden);
    const ImVec2 size = ImGui::CalcTextSize(text.c_str());
    const ImVec2 max(pos.x + size.x + 2 * pad, pos.y + size.y + pad);
    ImU32 fill = pal.card, border = pal.border, ink = pal.text;
    if (hidden) { fill = pal.changed; ink = IM_COL32(0, 0, 0, 255); }
    else if (before) { fill = *before < value ? pal.count_up : pal.count_down; ink = IM_COL32(255, 255, 255, 255); border = fill; }
    dl->AddRectFilled(pos, max, fill, pad);
    dl->AddRect(pos, max, border, pad);
    dl->AddText(ImVec2(pos.x + pad, pos.y + pad * 0.5f), ink, text.c_str());
    return max.x - pos.x;
}

}  // namespace

void WorldPanel::draw(FrameContext& ctx) {
    const Palette& pal = ctx.palette;
    const Language l = ctx.session.language();
    if (!ctx.world) {
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
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float fs = ImGui::GetFontSize();
    const float pad = std::round(fs * 0.3f);
    const float row_h = std::round(fs * 1.3f);
    const float title_h = std::round(fs * 1.5f);

    // Legend.
    {
        struct Item { Highlight h; const char* text; };
        const Item items[] = {{Highlight::New, tr(l, "new")}, {Highlight::Closed, tr(l, "closed")}, {Highlight::CountUp, tr(l, "count up")},
                              {Highlight::CountDown, tr(l, "count down")}, {Highlight::Changed, tr(l, "changed")}};
        for (const auto& item : items) {
            const ImVec2 p = ImGui::GetCursorScreenPos();
            dl->AddRectFilled(ImVec2(p.x, p.y + fs * 0.2f), ImVec2(p.x + fs * 0.8f, p.y + fs), highlight_colour(pal, item.h), 2);
            ImGui::Dummy(ImVec2(fs * 0.9f, fs));
            ImGui::SameLine();
            ImGui::TextUnformatted(item.text);
            ImGui::SameLine(0, fs);
        }
        ImGui::TextDisabled("%s", fmt(tr(l, "{0} processes, {1} objects"), {std::to_string(w.cards.size()), std::to_string(w.objects.size())}).c_str());
    }

    // Column widths: measured when the world changes, only ever growing while the same scenario
    // is open, so the layout does not jump while stepping or scrolling.
    if (widths_generation != ctx.session.generation()) {
        if (last_position == ~std::size_t{0} || ctx.session.position() == 0) std::fill(std::begin(column_widths), std::end(column_widths), 0.0f);
        for (int c = 0; c < column_count; ++c)
            column_widths[c] = std::max(column_widths[c], ImGui::CalcTextSize(tr(l, column_titles[c])).x);
        std::size_t measured = 0;
        for (const auto& card : w.cards) {
            if (++measured > 300) break;   // a huge world: the first cards decide
            const std::size_t shown = std::min<std::size_t>(card.rows.size(), static_cast<std::size_t>(max_rows_per_card));
            for (std::size_t r = 0; r < shown; ++r)
                for (int c = 0; c < column_count; ++c)
                    column_widths[c] = std::min(std::max(column_widths[c], ImGui::CalcTextSize(cell_text(card.rows[r], c, l).c_str()).x), fs * 16);
        }
        // Titles, node widths and badge widths: measured here, not every frame (1,000s of objects).
        title_width = 0;
        for (std::size_t i = 0; i < w.cards.size() && i < 300; ++i)
            title_width = std::max(title_width, ImGui::CalcTextSize((w.cards[i].title + "    " + tr(l, "running")).c_str()).x + 2 * pad);
        node_width = fs * 12;
        for (std::size_t i = 0; i < w.objects.size() && i < 300; ++i) {
            node_width = std::max(node_width, ImGui::CalcTextSize(w.objects[i].title.c_str()).x + 2 * pad);
            node_width = std::max(node_width, ImGui::CalcTextSize(w.objects[i].state_line.c_str()).x + 2 * pad);
        }
        node_width = std::min(std::max(node_width, ImGui::CalcTextSize((badge_text(tr(l, "handles"), 3, 2, false) + "  " + badge_text(tr(l, "usage"), 3, 2, false)).c_str()).x + 4 * pad), fs * 16);
        badge_widths.resize(w.objects.size());
        for (std::size_t i = 0; i < w.objects.size(); ++i) {
            const ObjectNode& node = w.objects[i];
            badge_widths[i] = ImGui::CalcTextSize(badge_text(tr(l, "usage"), node.usage_count, node.usage_count_before, node.counts_hidden).c_str()).x +
                              ImGui::CalcTextSize(badge_text(tr(l, "handles"), node.handle_count, node.handle_count_before, node.counts_hidden).c_str()).x +
                              6 * pad;
        }
        widths_generation = ctx.session.generation();
    }
    float card_w = 0;
    float column_x[column_count];
    for (int c = 0; c < column_count; ++c) {
        column_x[c] = card_w + pad;
        card_w += column_widths[c] + 2 * pad;
    }
    card_w = std::max(card_w, title_width);

    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float margin = fs * 1.4f;            // parent -> child links run here
    const float card_x = origin.x + margin;
    const float node_x = card_x + card_w + fs * 3;
    const float room = origin.x + ImGui::GetContentRegionAvail().x - node_x - pad;
    float node_w = node_width;
    node_w = std::max(std::min(node_w, room), fs * 8);   // fit the panel when it can

    // Vertical layout of cards and nodes.
    std::vector<float> card_y(w.cards.size()), card_h(w.cards.size());
    float y = origin.y;
    for (std::size_t i = 0; i < w.cards.size(); ++i) {
        const std::size_t rows = w.cards[i].rows.size();
        const std::size_t shown = std::min<std::size_t>(rows, static_cast<std::size_t>(max_rows_per_card));
        card_y[i] = y;
        card_h[i] = title_h + row_h * (1 + shown + (rows > shown ? 1 : 0) + (rows == 0 ? 1 : 0)) + pad;
        y += card_h[i] + fs * 0.8f;
    }
    const float cards_bottom = y;
    // A node is three lines (title, state, badges), four when both badges do not fit side by side.
    const float short_node_h = std::round(fs * 3.9f), tall_node_h = std::round(fs * 5.1f);
    std::vector<float> node_y(w.objects.size());
    std::vector<char> node_tall(w.objects.size());
    y = origin.y;
    for (std::size_t i = 0; i < w.objects.size(); ++i) {
        const ObjectNode& node = w.objects[i];
        (void)node;
        node_tall[i] = i < badge_widths.size() && badge_widths[i] > node_w;
        node_y[i] = y;
        y += (node_tall[i] ? tall_node_h : short_node_h) + fs * 0.6f;
    }
    const float total_h = std::max(cards_bottom, y) - origin.y;

    const float view_top = ImGui::GetWindowPos().y;
    const float view_bottom = view_top + ImGui::GetWindowHeight();
    auto visible = [&](float top, float height) { return top + height >= view_top && top <= view_bottom; };

    // Scroll to the first thing the step changed when the cursor moves onto it.
    if (last_position != ctx.session.position()) {
        last_position = ctx.session.position();
        for (std::size_t i = 0; i < w.cards.size(); ++i) {
            bool changed = w.cards[i].highlight != Highlight::None;
            for (const auto& row : w.cards[i].rows) changed = changed || row.highlight != Highlight::None;
            if (changed && !visible(card_y[i], card_h[i])) {
                ImGui::SetScrollY(card_y[i] - origin.y + ImGui::GetScrollY());
                break;
            }
            if (changed) break;
        }
    }

    auto row_center = [&](std::size_t card, std::size_t row) { return card_y[card] + title_h + row_h * (1.5f + row); };
    const std::size_t max_rows = static_cast<std::size_t>(max_rows_per_card);

    // Arrows first, under the cards and nodes.
    for (const auto& a : w.arrows) {
        if (a.row >= max_rows) continue;
        const float y0 = row_center(a.card, a.row);
        const float y1 = node_y[a.node] + short_node_h * 0.5f;
        // Only arrows with an end in view: in a huge world, rows far above and objects far below
        // would otherwise cross the view by the thousand.
        const bool row_visible = y0 >= view_top && y0 <= view_bottom;
        const bool node_visible = y1 + short_node_h * 0.5f >= view_top && y1 - short_node_h * 0.5f <= view_bottom;
        if (!row_visible && !node_visible) continue;
        const bool ghost = w.cards[a.card].rows[a.row].ghost;
        ImU32 colour = a.highlight == Highlight::None ? pal.arrow : highlight_colour(pal, a.highlight);
        if (w.cards[a.card].rows[a.row].selected || w.objects[a.node].selected) colour = pal.selected;
        if (ghost) colour = with_alpha(pal.closed, 150);
        const float thickness = pal.line_thickness * (a.highlight == Highlight::None ? 1.0f : 2.0f);
        const ImVec2 p0(card_x + card_w, y0), p3(node_x - fs * 0.2f, y1);
        const float dx = (p3.x - p0.x) * 0.5f;
        dl->AddBezierCubic(p0, ImVec2(p0.x + dx, p0.y), ImVec2(p3.x - dx, p3.y), p3, colour, thickness);
        dl->AddCircleFilled(p0, thickness * 1.6f, colour);
        arrow_head(dl, ImVec2(node_x, y1), ImVec2(p3.x - 1, y1), colour, fs * 0.6f);
    }

    // Parent -> child links in the left margin.
    for (const auto& link : w.links) {
        const float y0 = card_y[link.parent_card] + title_h * 0.5f, y1 = card_y[link.child_card] + title_h * 0.5f;
        if ((y0 < view_top && y1 < view_top) || (y0 > view_bottom && y1 > view_bottom)) continue;
        const float bend = margin * 0.8f;
        dl->AddBezierCubic(ImVec2(card_x, y0), ImVec2(card_x - bend, y0), ImVec2(card_x - bend, y1), ImVec2(card_x - fs * 0.3f, y1),
                           pal.link, pal.line_thickness * 1.5f);
        arrow_head(dl, ImVec2(card_x, y1), ImVec2(card_x - fs, y1), pal.link, fs * 0.55f);
    }

    // Process cards.
    for (std::size_t i = 0; i < w.cards.size(); ++i) {
        if (!visible(card_y[i], card_h[i])) continue;
        const ProcessCard& card = w.cards[i];
        ImGui::PushID(static_cast<int>(card.pid));
        const ImVec2 top_left(card_x, card_y[i]), bottom_right(card_x + card_w, card_y[i] + card_h[i]);
        dl->AddRectFilled(top_left, bottom_right, pal.card, 4);
        const ImU32 title_fill = card.exited ? with_alpha(pal.text_dim, 90) : pal.card_title;
        dl->AddRectFilled(top_left, ImVec2(bottom_right.x, top_left.y + title_h), title_fill, 4, ImDrawFlags_RoundCornersTop);
        ImU32 border = card.selected ? pal.selected : card.highlight != Highlight::None ? highlight_colour(pal, card.highlight) : pal.border;
        dl->AddRect(top_left, bottom_right, border, 4, 0, pal.line_thickness * (card.selected || card.highlight != Highlight::None ? 2.0f : 1.0f));
        const float text_y = top_left.y + (title_h - fs) * 0.5f;
        dl->AddText(ImVec2(top_left.x + pad, text_y), pal.text, card.title.c_str());
        std::string state = card.state_text;
        if (card.still_referenced) state = fmt(tr(l, "{0}, still referenced"), {state});
        // The state right-aligned after the title, clipped to the card (the tooltip has it whole).
        const float state_w = ImGui::CalcTextSize(state.c_str()).x;
        const float title_end = top_left.x + pad + ImGui::CalcTextSize(card.title.c_str()).x + fs;
        const ImVec4 state_clip(title_end, top_left.y, bottom_right.x - pad, top_left.y + title_h);
        dl->AddText(ImGui::GetFont(), fs, ImVec2(std::max(title_end, bottom_right.x - pad - state_w), text_y),
                    card.exited ? pal.closed : pal.text_dim, state.c_str(), nullptr, 0.0f, &state_clip);
        ImGui::SetCursorScreenPos(top_left);
        if (ImGui::InvisibleButton("title", ImVec2(card_w, title_h))) {
            Intent select; select.kind = Intent::Kind::Select; select.selection = Selection::process(card.pid);
            ctx.intents.push_back(select);
        }
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s: %s", card.title.c_str(), state.c_str());
        // Column titles.
        const float header_y = top_left.y + title_h;
        for (int c = 0; c < column_count; ++c)
            dl->AddText(ImVec2(top_left.x + column_x[c], header_y + (row_h - fs) * 0.5f), pal.text_dim, tr(l, column_titles[c]));
        dl->AddLine(ImVec2(top_left.x, header_y + row_h), ImVec2(bottom_right.x, header_y + row_h), with_alpha(pal.border, 120));
        if (card.rows.empty())
            dl->AddText(ImVec2(top_left.x + pad, header_y + row_h + (row_h - fs) * 0.5f), pal.text_dim, tr(l, "(empty handle table)"));
        const std::size_t shown = std::min(card.rows.size(), max_rows);
        for (std::size_t r = 0; r < shown; ++r) {
            const HandleRow& row = card.rows[r];
            const float ry = header_y + row_h * (1 + r);
            if (row.highlight != Highlight::None)
                dl->AddRectFilled(ImVec2(top_left.x + 1, ry), ImVec2(bottom_right.x - 1, ry + row_h),
                                  with_alpha(highlight_colour(pal, row.highlight), 70));
            if (row.selected) dl->AddRect(ImVec2(top_left.x + 1, ry), ImVec2(bottom_right.x - 1, ry + row_h), pal.selected, 0, 0, 2.0f);
            for (int c = 0; c < column_count; ++c) {
                const std::string text = cell_text(row, c, l);
                const ImVec2 pos(top_left.x + column_x[c], ry + (row_h - fs) * 0.5f);
                const ImVec4 clip(pos.x, ry, pos.x + column_widths[c] + pad, ry + row_h);
                dl->AddText(ImGui::GetFont(), fs, pos, row.ghost ? pal.closed : pal.text, text.c_str(), nullptr, 0.0f, &clip);
            }
            if (row.ghost)   // struck through: this entry is gone after the step
                dl->AddLine(ImVec2(top_left.x + pad, ry + row_h * 0.5f), ImVec2(top_left.x + column_x[2] - pad, ry + row_h * 0.5f), pal.closed, 2.0f);
            ImGui::PushID(static_cast<int>(r));
            ImGui::SetCursorScreenPos(ImVec2(top_left.x, ry));
            if (ImGui::InvisibleButton("row", ImVec2(card_w, row_h)) && !row.ghost) {
                Intent select; select.kind = Intent::Kind::Select; select.selection = Selection::entry(card.pid, row.value);
                ctx.intents.push_back(select);
            }
            if (ImGui::IsItemHovered())
                ImGui::SetTooltip("%s", fmt(tr(l, "{0}  {1}\naccess: {2}\ninherit: {3}, protect: {4}\norigin: {5}"),
                                            {row.value_text, row.type + (row.object_name.empty() ? "" : " " + row.object_name), row.access_text,
                                             row.inherit ? tr(l, "yes") : tr(l, "no"), row.protect ? tr(l, "yes") : tr(l, "no"), row.origin_text})
                                            .c_str());
            ImGui::PopID();
        }
        if (card.rows.size() > shown) {
            const std::string more = fmt(tr(l, "... {0} more (select the process to see all)"), {std::to_string(card.rows.size() - shown)});
            dl->AddText(ImVec2(top_left.x + pad, header_y + row_h * (1 + shown) + (row_h - fs) * 0.5f), pal.text_dim, more.c_str());
        }
        ImGui::PopID();
    }

    // Kernel object nodes.
    ImGui::PushID("objects");
    for (std::size_t i = 0; i < w.objects.size(); ++i) {
        const float node_h = node_tall[i] ? tall_node_h : short_node_h;
        if (!visible(node_y[i], node_h)) continue;
        const ObjectNode& node = w.objects[i];
        ImGui::PushID(static_cast<int>(node.id));
        const ImVec2 top_left(node_x, node_y[i]), bottom_right(node_x + node_w, node_y[i] + node_h);
        dl->AddRectFilled(top_left, bottom_right, node.ghost ? with_alpha(pal.closed, 40) : pal.node, fs * 0.5f);
        const bool marked = node.selected || node.highlight != Highlight::None;
        const ImU32 border = node.selected ? pal.selected : marked ? highlight_colour(pal, node.highlight) : pal.border;
        dl->AddRect(top_left, bottom_right, border, fs * 0.5f, 0, pal.line_thickness * (marked ? 2.5f : 1.0f));
        const ImVec4 node_clip(top_left.x, top_left.y, bottom_right.x - pad, bottom_right.y);
        dl->AddText(ImGui::GetFont(), fs, ImVec2(top_left.x + pad, top_left.y + pad), node.ghost ? pal.closed : pal.text,
                    node.title.c_str(), nullptr, 0.0f, &node_clip);
        dl->AddText(ImGui::GetFont(), fs, ImVec2(top_left.x + pad, top_left.y + pad + fs * 1.15f), pal.text_dim,
                    node.state_line.c_str(), nullptr, 0.0f, &node_clip);
        const ImVec2 badges(top_left.x + pad, top_left.y + pad + fs * 2.35f);
        // usage_count first: the textbook's count.
        const float used = badge(dl, badges, tr(l, "usage"), node.usage_count, node.usage_count_before, node.counts_hidden, pal, pad);
        const ImVec2 second = node_tall[i] ? ImVec2(badges.x, badges.y + fs * 1.2f) : ImVec2(badges.x + used + pad, badges.y);
        badge(dl, second, tr(l, "handles"), node.handle_count, node.handle_count_before, node.counts_hidden, pal, pad);
        ImGui::SetCursorScreenPos(top_left);
        if (ImGui::InvisibleButton("node", ImVec2(node_w, node_h)) && !node.ghost) {
            Intent select; select.kind = Intent::Kind::Select; select.selection = Selection::object_node(node.id);
            ctx.intents.push_back(select);
        }
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("%s", fmt(tr(l, "{0}\nhandle_count {1} (entries in handle tables)\nusage_count {2} (entries + kernel references)"),
                                        {node.label, std::to_string(node.handle_count), std::to_string(node.usage_count)})
                                        .c_str());
        ImGui::PopID();
    }
    ImGui::PopID();

    // The whole canvas, so the child window scrolls over it.
    ImGui::SetCursorScreenPos(origin);
    ImGui::Dummy(ImVec2(node_x + node_w - origin.x + pad, total_h + pad));
}

}  // namespace kosim::ui
