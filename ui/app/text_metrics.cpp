// Text widths from ImGui's font (as ImGui::CalcTextSize rounds them), and a window-less atlas.
#include "app/text_metrics.h"

#include <cmath>

#include <imgui.h>

#include "app/fonts.h"

namespace kosim::ui {

float ImGuiTextMetrics::width(std::string_view text, float font_size) const {
    if (text.empty()) return 0;
    const ImVec2 size = font_->CalcTextSizeA(font_size, FLT_MAX, 0.0f, text.data(), text.data() + text.size());
    return std::floor(size.x + 0.95f);
}

HeadlessFonts::HeadlessFonts(float pixel_size) {
    previous_ = ImGui::GetCurrentContext();
    context_ = ImGui::CreateContext();
    ImGui::SetCurrentContext(context_);
    ImGui::GetIO().IniFilename = nullptr;
    const Fonts fonts = load_fonts(find_fonts(), pixel_size);
    ImGui::GetIO().Fonts->Build();   // glyph advances; the texture is never uploaded
    metrics_ = std::make_unique<ImGuiTextMetrics>(fonts.ui);
}

HeadlessFonts::~HeadlessFonts() {
    ImGui::DestroyContext(context_);
    ImGui::SetCurrentContext(previous_);
}

}  // namespace kosim::ui
