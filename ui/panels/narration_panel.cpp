// Narration: the scenario's own narration (English or Korean) and the automatic sentences for what
// changed. The call, its result and GetLastError have their own line above (app.cpp, call_line.h).
#include "panels/panels.h"

namespace kosim::ui {

void NarrationPanel::draw(FrameContext& ctx) {
    const Palette& pal = ctx.palette;
    if (!ImGui::BeginChild("narration", ImVec2(0, 0), true)) {
        ImGui::EndChild();
        return;
    }
    const StepNarration* n = ctx.narration;
    if (!n) {
        ImGui::TextUnformatted(tr(ctx.session.language(), "The scenario has errors."));
        ImGui::EndChild();
        return;
    }
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
