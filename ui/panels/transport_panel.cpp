// Transport: first / back / play-pause / forward / last, a slider over all steps, play speed.
#include "panels/panels.h"

namespace kosim::ui {

void TransportPanel::draw(FrameContext& ctx) {
    const auto& session = ctx.session;
    auto intent = [&](Intent::Kind kind) { Intent i; i.kind = kind; ctx.intents.push_back(i); };
    const std::size_t steps = session.step_count();
    const std::size_t position = session.position();
    if (!session.valid()) ImGui::BeginDisabled();
    if (ImGui::Button("|<  First")) intent(Intent::Kind::First);
    ImGui::SameLine();
    if (ImGui::Button("<  Back")) intent(Intent::Kind::Back);
    ImGui::SameLine();
    if (ImGui::Button(session.playing() ? "Pause" : "Play", ImVec2(ImGui::GetFontSize() * 4, 0))) intent(Intent::Kind::TogglePlay);
    ImGui::SameLine();
    const bool asking = session.prediction() && !session.prediction()->revealed;
    if (ImGui::Button(asking ? "Reveal  >" : "Forward  >")) intent(asking ? Intent::Kind::Reveal : Intent::Kind::Forward);
    ImGui::SameLine();
    if (ImGui::Button("Last  >|")) intent(Intent::Kind::Last);
    ImGui::SameLine();
    int step = static_cast<int>(position);
    const float speed_w = ImGui::GetFontSize() * 9;
    ImGui::SetNextItemWidth(std::max(ImGui::GetFontSize() * 8, ImGui::GetContentRegionAvail().x - speed_w - ImGui::GetFontSize()));
    char format[64];
    std::snprintf(format, sizeof format, "step %%d of %zu", steps);
    if (ImGui::SliderInt("##step", &step, 0, static_cast<int>(steps), format, ImGuiSliderFlags_AlwaysClamp)) {
        Intent seek;
        seek.kind = Intent::Kind::Seek;
        seek.step = static_cast<std::size_t>(std::max(step, 0));
        ctx.intents.push_back(seek);
    }
    ImGui::SameLine();
    float speed = session.speed();
    ImGui::SetNextItemWidth(speed_w);
    if (ImGui::SliderFloat("##speed", &speed, 0.25f, 10.0f, "%.2g steps/s", ImGuiSliderFlags_Logarithmic)) {
        Intent set;
        set.kind = Intent::Kind::SetSpeed;
        set.speed = speed;
        ctx.intents.push_back(set);
    }
    if (!session.valid()) ImGui::EndDisabled();
}

}  // namespace kosim::ui
