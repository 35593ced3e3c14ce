// Expectations: which `expect` lines passed or failed so far, which are still to come.
#include "panels/panels.h"

namespace kosim::ui {

void ExpectationsPanel::draw(FrameContext& ctx) {
    const Palette& pal = ctx.palette;
    if (!ctx.expectations) return;
    const ExpectationsView& view = *ctx.expectations;
    const Language l = ctx.session.language();
    ImGui::TextUnformatted(fmt(tr(l, "Expectations: {0} passed, {1} failed, {2} to come"),
                               {std::to_string(view.passed), std::to_string(view.failed), std::to_string(view.pending)}).c_str());
    if (view.rows.empty()) {
        ImGui::TextDisabled("%s", tr(l, "This scenario has no expect lines."));
        return;
    }
    if (!ImGui::BeginTable("expectations", 3, ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingFixedFit)) return;
    ImGui::TableSetupColumn("##status", ImGuiTableColumnFlags_WidthFixed);
    ImGui::TableSetupColumn("##line", ImGuiTableColumnFlags_WidthFixed);
    ImGui::TableSetupColumn("##text", ImGuiTableColumnFlags_WidthStretch);
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(view.rows.size()));
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const ExpectationRow& row = view.rows[static_cast<std::size_t>(i)];
            ImGui::PushID(i);
            ImGui::TableNextRow();
            ImGui::TableSetColumnIndex(0);
            const char* status = "...";
            ImU32 colour = pal.text_dim;
            if (row.status == ExpectationRow::Status::Passed) { status = tr(l, "PASS"); colour = pal.passed; }
            if (row.status == ExpectationRow::Status::Failed) { status = tr(l, "FAIL"); colour = pal.error; }
            ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(colour));
            ImGui::TextUnformatted(status);
            ImGui::PopStyleColor();
            ImGui::TableSetColumnIndex(1);
            if (ImGui::Selectable(std::to_string(row.line).c_str(), false, ImGuiSelectableFlags_SpanAllColumns) && row.step) {
                Intent seek; seek.kind = Intent::Kind::Seek; seek.step = row.step;
                ctx.intents.push_back(seek);
            }
            ImGui::TableSetColumnIndex(2);
            ImGui::TextWrapped("%s", row.text.c_str());
            if (row.status == ExpectationRow::Status::Failed && !row.message.empty()) {
                ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(pal.error));
                ImGui::TextWrapped("%s", row.message.c_str());
                ImGui::PopStyleColor();
            }
            ImGui::PopID();
        }
    }
    ImGui::EndTable();
}

}  // namespace kosim::ui
