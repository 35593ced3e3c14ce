// Transport: first / back / play-pause / forward / last, a slider over all steps, play speed, and
// the language switch at the end of the line (never over the call line).
#include <cstdio>

#include "panels/panels.h"

namespace kosim::ui {

void TransportPanel::draw(FrameContext& ctx) {
    const auto& session = ctx.session;
    const Language l = session.language();
    auto intent = [&](Intent::Kind kind) { Intent i; i.kind = kind; ctx.intents.push_back(i); };
    const std::size_t steps = session.step_count();
    const std::size_t position = session.position();
    if (!session.valid()) ImGui::BeginDisabled();
    // "###" keeps each button's ID the same in every language.
    auto label = [&](const char* text, const char* id) { return std::string(tr(l, text)) + id; };
    if (ImGui::Button(label(N_("|<  First"), "###first").c_str())) intent(Intent::Kind::First);
    ImGui::SameLine();
    if (ImGui::Button(label(N_("<  Back"), "###back").c_str())) intent(Intent::Kind::Back);
    ImGui::SameLine();
    const float play_w = std::max(ImGui::CalcTextSize(tr(l, "Pause")).x, ImGui::CalcTextSize(tr(l, "Play")).x) + ImGui::GetFontSize() * 1.5f;
    if (ImGui::Button(label(session.playing() ? N_("Pause") : N_("Play"), "###play").c_str(), ImVec2(play_w, 0))) intent(Intent::Kind::TogglePlay);
    ImGui::SameLine();
    const bool asking = session.prediction() && !session.prediction()->revealed;
    if (ImGui::Button(label(asking ? N_("Reveal  >") : N_("Forward  >"), "###forward").c_str())) intent(asking ? Intent::Kind::Reveal : Intent::Kind::Forward);
    ImGui::SameLine();
    if (ImGui::Button(label(N_("Last  >|"), "###last").c_str())) intent(Intent::Kind::Last);
    ImGui::SameLine();
    int step = static_cast<int>(position);
    // The speed's text beside its slider, not on it: a grab drawn over "1 steps/s" (초당 1단계)
    // hid a letter at every speed, and the text is what the room reads.
    const std::string speed_format = fmt(tr(l, "{0} steps/s"), {"%.2g"});
    char speed_text[64];
    std::snprintf(speed_text, sizeof speed_text, speed_format.c_str(), static_cast<double>(session.speed()));
    char widest[64];
    std::snprintf(widest, sizeof widest, speed_format.c_str(), 0.25);
    const float speed_slider_w = ImGui::GetFontSize() * 3.5f;
    const float speed_w = speed_slider_w + ImGui::GetStyle().ItemInnerSpacing.x + ImGui::CalcTextSize(widest).x;
    const float language_w = ImGui::CalcTextSize("English").x + ImGui::CalcTextSize("한국어").x + ImGui::GetFontSize() * 4;
    // No text on the bar: centred there it sat over the grab's highlight, and beside it there is no
    // room at 1280x720 in presenter mode. The call line just below starts with "step 5 of 10".
    ImGui::SetNextItemWidth(std::max(ImGui::GetFontSize() * 6,
                                     ImGui::GetContentRegionAvail().x - speed_w - language_w - ImGui::GetStyle().ItemSpacing.x * 2));
    if (ImGui::SliderInt("##step", &step, 0, static_cast<int>(steps), "", ImGuiSliderFlags_AlwaysClamp)) {
        Intent seek;
        seek.kind = Intent::Kind::Seek;
        seek.step = static_cast<std::size_t>(std::max(step, 0));
        ctx.intents.push_back(seek);
    }
    ImGui::SameLine();
    float speed = session.speed();
    ImGui::SetNextItemWidth(speed_slider_w);
    if (ImGui::SliderFloat("##speed", &speed, 0.25f, 10.0f, "", ImGuiSliderFlags_Logarithmic)) {
        Intent set;
        set.kind = Intent::Kind::SetSpeed;
        set.speed = speed;
        ctx.intents.push_back(set);
    }
    ImGui::SameLine(0, ImGui::GetStyle().ItemInnerSpacing.x);
    ImGui::TextUnformatted(speed_text);
    if (!session.valid()) ImGui::EndDisabled();
    ImGui::SameLine();
    const bool korean = session.language() == Language::Korean;
    if (ImGui::RadioButton("English", !korean)) { Intent i; i.kind = Intent::Kind::SetLanguage; i.language = Language::English; ctx.intents.push_back(i); }
    ImGui::SameLine();
    if (ImGui::RadioButton("한국어", korean)) { Intent i; i.kind = Intent::Kind::SetLanguage; i.language = Language::Korean; ctx.intents.push_back(i); }
}

}  // namespace kosim::ui
