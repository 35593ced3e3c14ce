// Narration: the step's heading, the scenario's own narration (English or Korean) and the
// automatic sentences for what changed.
#include "panels/panels.h"

namespace kosim::ui {

void NarrationPanel::draw(FrameContext& ctx) {
    const Palette& pal = ctx.palette;
    const float height = ImGui::GetTextLineHeightWithSpacing() * 5.4f;
    if (!ImGui::BeginChild("narration", ImVec2(0, height), true)) {
        ImGui::EndChild();
        return;
    }
    // Language switch on the right.
    const bool korean = ctx.session.language() == Language::Korean;
    const float switch_w = ImGui::CalcTextSize("English  한국어").x + ImGui::GetFontSize() * 4;
    ImGui::SetCursorPosX(ImGui::GetWindowWidth() - switch_w);
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(4, 0));
    if (ImGui::RadioButton("English", !korean)) { Intent i; i.kind = Intent::Kind::SetLanguage; i.language = Language::English; ctx.intents.push_back(i); }
    ImGui::SameLine();
    if (ImGui::RadioButton("한국어", korean)) { Intent i; i.kind = Intent::Kind::SetLanguage; i.language = Language::Korean; ctx.intents.push_back(i); }
    ImGui::PopStyleVar();
    ImGui::SameLine();
    ImGui::SetCursorPosX(ImGui::GetStyle().WindowPadding.x);
    const StepNarration* n = ctx.narration;
    if (!n) {
        ImGui::TextUnformatted(tr(ctx.session.language(), "The scenario has errors."));
        ImGui::EndChild();
        return;
    }
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(pal.text));
    // The heading wraps before the language switch instead of running under it.
    ImGui::PushTextWrapPos(ImGui::GetWindowWidth() - switch_w - ImGui::GetFontSize());
    ImGui::TextWrapped("%s", n->heading.c_str());
    ImGui::PopTextWrapPos();
    if (!n->result.empty()) ImGui::TextWrapped("%s", n->result.c_str());
    ImGui::PopStyleColor();
    if (!n->text.empty()) ImGui::TextWrapped("%s", n->text.c_str());
    if (!n->error.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(pal.error));
        ImGui::TextWrapped("%s", n->error.c_str());
        ImGui::PopStyleColor();
    }
    for (std::size_t i = 0; i < n->sentences.size(); ++i) {
        ImGui::PushID(static_cast<int>(i));
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(pal.text_dim));
        ImGui::Bullet();
        ImGui::SameLine();
        ImGui::TextWrapped("%s", n->sentences[i].c_str());
        ImGui::PopStyleColor();
        ImGui::PopID();
    }
    ImGui::EndChild();
}

}  // namespace kosim::ui
