// The scenario source: the current statement's line marked, the next one outlined, clicking a
// line seeks to its step; a scenario with errors shows its diagnostics above the marked text.
// A toolbar switches to the editor (editor_panel.cpp) and saves.
#include "panels/panels.h"

namespace kosim::ui {

void SourcePanel::draw_toolbar(FrameContext& ctx) {
    const Palette& pal = ctx.palette;
    const auto& session = ctx.session;
    const Language l = session.language();
    bool editing = session.editing();
    ImGui::BeginDisabled(!session.can_edit());
    if (ImGui::Checkbox(tr(l, "Edit"), &editing)) {
        Intent i;
        i.kind = Intent::Kind::SetEditing;
        i.flag = editing;
        ctx.intents.push_back(i);
    }
    ImGui::EndDisabled();
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr(l, "Ctrl+E: edit the scenario (it runs again as you type)   Ctrl+S: save"));
    if (!session.editing() && !session.modified()) return;
    ImGui::SameLine();
    // A built-in cannot be overwritten: the button says where the text will go.
    if (ImGui::SmallButton(session.can_save() ? tr(l, "Save") : tr(l, "Save as..."))) {
        Intent i;
        i.kind = Intent::Kind::Save;
        ctx.intents.push_back(i);
    }
    ImGui::SameLine();
    const SaveStatus& status = session.save_status();
    if (session.modified()) {
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(pal.warning));
        ImGui::TextUnformatted(tr(l, "modified"));
        ImGui::PopStyleColor();
    } else if (status.outcome == SaveStatus::Outcome::Saved) {
        ImGui::TextDisabled("%s", tr(l, "saved"));
    }
    if (status.outcome == SaveStatus::Outcome::Failed && !session.unsaved_question()) {
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(pal.error));
        ImGui::TextWrapped("%s", status.message.c_str());
        ImGui::PopStyleColor();
    }
}

void SourcePanel::draw(FrameContext& ctx) {
    const Palette& pal = ctx.palette;
    const SourceView& view = *ctx.source;
    const auto& session = ctx.session;
    const Language l = session.language();
    draw_toolbar(ctx);
    if (session.editing()) return draw_editor(ctx);
    if (!session.load_error().empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(pal.error));
        ImGui::TextWrapped("%s", session.load_error().c_str());
        ImGui::PopStyleColor();
    }
    if (!view.diagnostics.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(view.error_count ? pal.error : pal.warning));
        if (session.run_is_stale())
            ImGui::TextWrapped("%s", fmt(trn(l, "{0} error - the run shown is the last one that worked",
                                             "{0} errors - the run shown is the last one that worked", view.error_count),
                                         {std::to_string(view.error_count)}).c_str());
        else
            ImGui::TextUnformatted(fmt(trn(l, "{0} error - the scenario cannot run until it is fixed",
                                           "{0} errors - the scenario cannot run until they are fixed", view.error_count),
                                       {std::to_string(view.error_count)}).c_str());
        ImGui::PopStyleColor();
        if (ctx.mono) ImGui::PushFont(ctx.mono);
        const float height = std::min(ImGui::GetContentRegionAvail().y * 0.5f,
                                      ImGui::GetTextLineHeightWithSpacing() * (3.2f * static_cast<float>(view.diagnostics.size()) + 0.5f));
        if (ImGui::BeginChild("diagnostics", ImVec2(0, height), true, ImGuiWindowFlags_HorizontalScrollbar)) {
            for (std::size_t i = 0; i < view.diagnostics.size(); ++i) {
                ImGui::PushID(static_cast<int>(i));
                ImGui::TextUnformatted(view.diagnostics[i].c_str());
                ImGui::PopID();
            }
        }
        ImGui::EndChild();
        if (ctx.mono) ImGui::PopFont();
    }
    if (view.lines.empty()) return;

    if (ctx.mono) ImGui::PushFont(ctx.mono);
    if (ImGui::BeginChild("source_text", ImVec2(0, 0), false, ImGuiWindowFlags_HorizontalScrollbar)) {
        const float line_h = ImGui::GetTextLineHeightWithSpacing();
        const bool moved = last_position != session.position() || last_generation != session.generation();
        if (moved && view.current_line) {
            // Keep the current line in view (centred) when the cursor moves.
            const float target = *view.current_line * line_h;
            const float top = ImGui::GetScrollY(), bottom = top + ImGui::GetWindowHeight();
            if (target < top + line_h || target > bottom - 2 * line_h) ImGui::SetScrollY(target - ImGui::GetWindowHeight() * 0.4f);
        }
        last_position = session.position();
        last_generation = session.generation();
        ImGuiListClipper clipper;
        clipper.Begin(static_cast<int>(view.lines.size()), line_h);
        ImDrawList* dl = ImGui::GetWindowDrawList();
        while (clipper.Step()) {
            for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
                const SourceLine& line = view.lines[static_cast<std::size_t>(i)];
                ImGui::PushID(i);
                const ImVec2 p = ImGui::GetCursorScreenPos();
                const float width = std::max(ImGui::GetWindowWidth(), ImGui::GetContentRegionMax().x);
                ImU32 fill = 0;
                if (line.current) fill = pal.current_line;
                else if (line.next && session.predict_mode()) fill = pal.next_line;
                if (line.mark == SourceLine::Mark::Error) fill = (pal.error & ~IM_COL32_A_MASK) | IM_COL32(0, 0, 0, 60);
                if (fill) dl->AddRectFilled(p, ImVec2(p.x + width, p.y + line_h), fill);
                if (line.next && !line.current) dl->AddRect(p, ImVec2(p.x + width, p.y + line_h), pal.border);
                char number[16];
                std::snprintf(number, sizeof number, "%4u%s", line.number, line.current ? ">" : " ");
                ImU32 mark_colour = pal.text_dim;
                switch (line.mark) {
                case SourceLine::Mark::Error: mark_colour = pal.error; break;
                case SourceLine::Mark::Warning: mark_colour = pal.warning; break;
                case SourceLine::Mark::ExpectPassed: mark_colour = pal.passed; break;
                case SourceLine::Mark::ExpectFailed: mark_colour = pal.error; break;
                case SourceLine::Mark::None: break;
                }
                ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(mark_colour));
                ImGui::TextUnformatted(number);
                ImGui::PopStyleColor();
                ImGui::SameLine();
                const bool clickable = line.seek_step.has_value();
                if (ImGui::Selectable(line.text.empty() ? " " : line.text.c_str(), false,
                                      clickable ? ImGuiSelectableFlags_None : ImGuiSelectableFlags_Disabled) && clickable) {
                    Intent seek;
                    seek.kind = Intent::Kind::SeekLine;
                    seek.line = line.number;
                    ctx.intents.push_back(seek);
                }
                if (ImGui::IsItemHovered() && !line.note.empty()) ImGui::SetTooltip("%s", line.note.c_str());
                if (line.mark == SourceLine::Mark::ExpectPassed || line.mark == SourceLine::Mark::ExpectFailed) {
                    ImGui::SameLine();
                    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(mark_colour));
                    ImGui::Text("  %s", line.mark == SourceLine::Mark::ExpectPassed ? tr(l, "ok") : tr(l, "FAILED"));
                    ImGui::PopStyleColor();
                }
                ImGui::PopID();
            }
        }
    }
    ImGui::EndChild();
    if (ctx.mono) ImGui::PopFont();
}

}  // namespace kosim::ui
