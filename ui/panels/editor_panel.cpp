// The editor: the scenario's text in Dear ImGui's multiline input, with a gutter (line numbers, the
// current step's line, error and expectation marks) and every diagnostic drawn at its line, after
// the text, with a wavy underline under the characters it is about (the inline errors of compilers'
// IDEs). Each change goes to the session as Intent::EditText; the session runs it when typing
// pauses, and keeps the last run that worked while the text has errors.
#include "panels/panels.h"
#include "view_models/carry_step.h"

#include <algorithm>
#include <cmath>
#include <string_view>
#include <vector>

namespace kosim::ui {
namespace {

// ImGui writes into the panel's std::string (imgui_stdlib's way) and reports the text cursor.
int text_callback(ImGuiInputTextCallbackData* data) {
    auto* panel = static_cast<SourcePanel*>(data->UserData);
    if (data->EventFlag == ImGuiInputTextFlags_CallbackResize) {
        panel->buffer.resize(static_cast<std::size_t>(data->BufTextLen));
        data->Buf = panel->buffer.data();
    } else {
        panel->cursor = data->CursorPos;
    }
    return 0;
}

float text_width(std::string_view text) {
    return text.empty() ? 0.0f : ImGui::CalcTextSize(text.data(), text.data() + text.size()).x;
}

// A zigzag under [x0, x1] with its top at y: what editors put under an error.
void squiggle(ImDrawList* dl, float x0, float x1, float y, float amplitude, ImU32 colour, float thickness) {
    std::vector<ImVec2> points;
    const float step = amplitude * 1.5f;
    bool up = true;
    for (float x = x0; x < x1 + step; x += step, up = !up) points.emplace_back(std::min(x, x1), up ? y : y + amplitude);
    if (points.size() >= 2) dl->AddPolyline(points.data(), static_cast<int>(points.size()), colour, 0, thickness);
}

ImU32 mark_colour(const Palette& pal, SourceLine::Mark mark) {
    switch (mark) {
    case SourceLine::Mark::Error: return pal.error;
    case SourceLine::Mark::Warning: return pal.warning;
    case SourceLine::Mark::ExpectPassed: return pal.passed;
    case SourceLine::Mark::ExpectFailed: return pal.error;
    case SourceLine::Mark::None: break;
    }
    return pal.text_dim;
}

constexpr std::size_t max_listed = 2;   // diagnostics listed above the text; all are marked in it

}  // namespace

void SourcePanel::draw_editor(FrameContext& ctx) {
    const Palette& pal = ctx.palette;
    const SourceView& view = *ctx.source;
    const Session& session = ctx.session;
    const Language l = session.language();
    if (buffer_revision != session.text_revision()) {
        buffer = session.text();
        buffer_revision = session.text_revision();
        cursor = followed_cursor = -1;
    }

    // What the run on screen is, in one line under the toolbar.
    if (view.error_count > 0) {
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(pal.error));
        const std::string count = std::to_string(view.error_count);
        ImGui::TextWrapped("%s", session.run_is_stale()
                                     ? fmt(trn(l, "{0} error - the run shown is the last one that worked",
                                               "{0} errors - the run shown is the last one that worked", view.error_count), {count}).c_str()
                                     : fmt(trn(l, "{0} error - the scenario cannot run until it is fixed",
                                               "{0} errors - the scenario cannot run until they are fixed", view.error_count), {count}).c_str());
        // The first few in full, wrapped: a narrow column shows only the start of a long line's message.
        // A short panel (presenter type at 1280x720) lists one, a very short one none: the text needs the room.
        const float room = ImGui::GetContentRegionAvail().y / ImGui::GetFontSize();
        const std::size_t listed = room > 14 ? max_listed : room > 8 ? 1 : 0;
        std::size_t shown = 0, located = 0;
        for (const SourceLine& line : view.lines) {
            if (line.mark != SourceLine::Mark::Error && line.mark != SourceLine::Mark::Warning) continue;
            ++located;
            if (shown == listed) continue;
            ++shown;
            ImGui::TextWrapped("%s", fmt(tr(l, "line {0}: {1}"), {std::to_string(line.number), line.note}).c_str());
        }
        if (located > shown && listed > 0) ImGui::TextUnformatted(fmt(tr(l, "... and {0} more (marked in the text)"), {std::to_string(located - shown)}).c_str());
        // Diagnostics no line holds (at the end of the text, or about the whole scenario).
        if (located == 0 && listed > 0)
            for (const std::string& d : view.diagnostics) ImGui::TextWrapped("%s", d.substr(0, d.find('\n')).c_str());
        ImGui::PopStyleColor();
    } else if (!session.load_error().empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(pal.error));
        ImGui::TextWrapped("%s", session.load_error().c_str());
        ImGui::PopStyleColor();
    } else {
        ImGui::TextDisabled("%s", tr(l, "The run follows the text as you type."));
    }

    if (ctx.mono) ImGui::PushFont(ctx.mono);
    const ImGuiStyle& style = ImGui::GetStyle();
    const float line_h = ImGui::GetFontSize();   // InputTextMultiline's line height
    const float char_w = ImGui::CalcTextSize("0").x;
    const std::vector<std::string_view> lines = split_lines(buffer);
    // A line's marks belong to the text the session last parsed; while an edit waits to run, a line
    // whose text moved shows none rather than another line's.
    auto info = [&](std::size_t i) -> const SourceLine* {
        return i < view.lines.size() && view.lines[i].text == lines[i] ? &view.lines[i] : nullptr;
    };
    auto inline_note = [&](const SourceLine& line) -> std::string {
        switch (line.mark) {
        case SourceLine::Mark::Error:
        case SourceLine::Mark::Warning:
        case SourceLine::Mark::ExpectFailed: return line.note;
        case SourceLine::Mark::ExpectPassed: return tr(l, "ok");
        case SourceLine::Mark::None: break;
        }
        return {};
    };
    const int digits = std::max(3, static_cast<int>(std::to_string(lines.size()).size()));
    const float gutter = std::round(char_w * (static_cast<float>(digits) + 2.5f));
    const float note_gap = char_w * 3;
    float content_w = 0;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        float w = text_width(lines[i]);
        if (const SourceLine* line = info(i)) {
            const std::string note = inline_note(*line);
            if (!note.empty()) w += note_gap + text_width(note);
        }
        content_w = std::max(content_w, w);
    }

    if (ImGui::BeginChild("editor", ImVec2(0, 0), false, ImGuiWindowFlags_HorizontalScrollbar)) {
        ImDrawList* dl = ImGui::GetWindowDrawList();
        const ImVec2 origin = ImGui::GetCursorScreenPos();
        const float visible_w = ImGui::GetContentRegionAvail().x;
        // Sized to the whole text, so the input never scrolls by itself: this child scrolls, and the
        // gutter and the marks drawn here stay on their lines.
        const ImVec2 size(std::max(visible_w - gutter, content_w + 2 * style.FramePadding.x + char_w * 4),
                          static_cast<float>(lines.size() + 2) * line_h + 2 * style.FramePadding.y);
        const ImVec2 text0(origin.x + gutter + style.FramePadding.x, origin.y + style.FramePadding.y);
        const float scroll_y = ImGui::GetScrollY(), window_h = ImGui::GetWindowHeight();
        const float right = origin.x + gutter + size.x;

        // Under the text: the current step's line, the next one, lines with errors.
        const std::size_t first = static_cast<std::size_t>(std::max(0.0f, (scroll_y - style.FramePadding.y) / line_h));
        const std::size_t last = std::min(lines.size(), static_cast<std::size_t>((scroll_y + window_h) / line_h) + 2);
        for (std::size_t i = first; i < last; ++i) {
            const SourceLine* line = info(i);
            if (!line) continue;
            const float y = text0.y + static_cast<float>(i) * line_h;
            ImU32 fill = 0;
            if (line->current) fill = pal.current_line;
            else if (line->next && session.predict_mode()) fill = pal.next_line;
            if (line->mark == SourceLine::Mark::Error) fill = (pal.error & ~IM_COL32_A_MASK) | IM_COL32(0, 0, 0, 40);
            if (fill) dl->AddRectFilled(ImVec2(origin.x + gutter, y), ImVec2(right, y + line_h), fill);
            if (line->next && !line->current) dl->AddRect(ImVec2(origin.x + gutter, y), ImVec2(right, y + line_h), pal.border);
        }

        ImGui::SetCursorScreenPos(ImVec2(origin.x + gutter, origin.y));
        ImGui::PushStyleColor(ImGuiCol_FrameBg, IM_COL32(0, 0, 0, 0));
        ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize, 0.0f);
        ImGui::PushID(static_cast<int>(buffer_revision));
        const bool changed = ImGui::InputTextMultiline("##scenario_text", buffer.data(), buffer.capacity() + 1, size,
                                                       ImGuiInputTextFlags_CallbackResize | ImGuiInputTextFlags_CallbackAlways,
                                                       text_callback, this);
        const bool active = ImGui::IsItemActive();
        ImGui::PopID();
        ImGui::PopStyleVar();
        ImGui::PopStyleColor();
        if (changed) {
            Intent edit;
            edit.kind = Intent::Kind::EditText;
            edit.text = buffer;
            ctx.intents.push_back(edit);
        }

        // The gutter and the marks, for the lines in view.
        const bool in_gutter = ImGui::IsWindowHovered() && ImGui::GetIO().MousePos.x < origin.x + gutter;
        for (std::size_t i = first; i < last; ++i) {
            const float y = text0.y + static_cast<float>(i) * line_h;
            const SourceLine* line = info(i);
            const SourceLine::Mark mark = line ? line->mark : SourceLine::Mark::None;
            std::string number = std::to_string(i + 1);
            number.insert(0, static_cast<std::size_t>(std::max(0, digits - static_cast<int>(number.size()))), ' ');
            dl->AddText(ImVec2(origin.x + char_w * 1.5f, y), mark == SourceLine::Mark::None ? pal.text_dim : mark_colour(pal, mark), number.c_str());
            if (!line) continue;
            if (line->current) {   // the step's line: a triangle, as the read-only view's ">"
                const float h = line_h * 0.35f, cx = origin.x + char_w * 0.6f, cy = y + line_h / 2;
                dl->AddTriangleFilled(ImVec2(cx - h * 0.6f, cy - h), ImVec2(cx - h * 0.6f, cy + h), ImVec2(cx + h * 0.6f, cy), pal.text);
            } else if (mark != SourceLine::Mark::None) {
                dl->AddCircleFilled(ImVec2(origin.x + char_w * 0.6f, y + line_h / 2), line_h * 0.22f, mark_colour(pal, mark));
            }
            if (line->column > 0 && (mark == SourceLine::Mark::Error || mark == SourceLine::Mark::Warning)) {
                const std::string_view text = lines[i];
                const std::size_t from = std::min<std::size_t>(line->column - 1, text.size());
                const std::size_t to = std::min<std::size_t>(from + std::max<std::uint32_t>(line->length, 1), text.size());
                const float x0 = text0.x + text_width(text.substr(0, from));
                const float x1 = to > from ? text0.x + text_width(text.substr(0, to)) : x0 + char_w;
                squiggle(dl, x0, x1, y + line_h - line_h * 0.12f, line_h * 0.12f, mark_colour(pal, mark), std::max(1.0f, pal.line_thickness * 0.8f));
            }
            const std::string note = inline_note(*line);
            if (!note.empty()) {
                const float x = text0.x + text_width(lines[i]) + note_gap;
                const float h = line_h * 0.3f, cy = y + line_h / 2;
                dl->AddTriangleFilled(ImVec2(x - note_gap * 0.6f, cy), ImVec2(x - note_gap * 0.25f, cy - h), ImVec2(x - note_gap * 0.25f, cy + h),
                                      mark_colour(pal, mark));
                dl->AddText(ImVec2(x, y), mark_colour(pal, mark), note.c_str());
            }
            const bool hovered = in_gutter && ImGui::GetIO().MousePos.y >= y && ImGui::GetIO().MousePos.y < y + line_h;
            if (hovered && !line->note.empty()) ImGui::SetTooltip("%s", line->note.c_str());
            // Clicking a line number goes to its step, as clicking the line does in the read-only view.
            if (hovered && line->seek_step && ImGui::IsMouseClicked(ImGuiMouseButton_Left)) {
                Intent seek;
                seek.kind = Intent::Kind::SeekLine;
                seek.line = line->number;
                ctx.intents.push_back(seek);
            }
        }
        ImGui::SetCursorScreenPos(ImVec2(origin.x, origin.y + size.y));
        ImGui::Dummy(ImVec2(gutter + size.x, 0));

        // Keep the text cursor in view while typing; the current step's line when the step moves.
        const float visible_h = ImGui::GetWindowHeight() - style.ScrollbarSize;
        if (active && cursor >= 0 && cursor != followed_cursor && static_cast<std::size_t>(cursor) <= buffer.size()) {
            followed_cursor = cursor;
            const std::string_view before(buffer.data(), static_cast<std::size_t>(cursor));
            const std::size_t line_start = before.rfind('\n') == std::string_view::npos ? 0 : before.rfind('\n') + 1;
            const float cy = style.FramePadding.y + static_cast<float>(std::count(before.begin(), before.end(), '\n')) * line_h;
            const float cx = gutter + style.FramePadding.x + text_width(before.substr(line_start));
            if (cy < ImGui::GetScrollY()) ImGui::SetScrollY(cy);
            else if (cy + line_h > ImGui::GetScrollY() + visible_h) ImGui::SetScrollY(cy + line_h - visible_h);
            const float visible_text_w = ImGui::GetWindowWidth() - gutter - style.ScrollbarSize;
            if (cx - gutter < ImGui::GetScrollX()) ImGui::SetScrollX(std::max(0.0f, cx - gutter - char_w * 4));
            else if (cx + char_w * 2 > ImGui::GetScrollX() + gutter + visible_text_w) ImGui::SetScrollX(cx + char_w * 6 - gutter - visible_text_w);
        } else if (!active) {
            // Not typing: bring the step's line into view when the step moves, else the first error
            // when the errors change.
            std::optional<std::size_t> target_line = view.current_line;
            if (!target_line)
                for (const SourceLine& line : view.lines)
                    if (line.mark == SourceLine::Mark::Error) { target_line = line.number - 1; break; }
            const std::size_t target_key = target_line ? *target_line : ~std::size_t{0};
            if (target_line && (editor_position != session.position() || editor_target != target_key)) {
                const float target = style.FramePadding.y + static_cast<float>(*target_line) * line_h;
                if (target < ImGui::GetScrollY() || target + line_h > ImGui::GetScrollY() + visible_h) ImGui::SetScrollY(target - visible_h * 0.4f);
            }
            editor_position = session.position();
            editor_target = target_key;
        }
    }
    ImGui::EndChild();
    if (ctx.mono) ImGui::PopFont();
}

}  // namespace kosim::ui
