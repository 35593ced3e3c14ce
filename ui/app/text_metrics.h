// The layout's text measurements with the window's own fonts: ImGui's glyph advances, read from
// the font atlas (built on the CPU, no OpenGL), so `kosim layout` measures exactly as the window
// draws. HeadlessFonts builds that atlas without a window for the command line and the tests.
#pragma once

#include "view_models/layout.h"

struct ImFont;
struct ImGuiContext;

namespace kosim::ui {

class ImGuiTextMetrics final : public TextMetrics {
public:
    explicit ImGuiTextMetrics(ImFont* font) : font_(font) {}
    float width(std::string_view text, float font_size) const override;
private:
    ImFont* font_;
};

// An ImGui context of its own with the window's UI font at `pixel_size` (fontconfig, fonts.cpp).
class HeadlessFonts {
public:
    explicit HeadlessFonts(float pixel_size);
    ~HeadlessFonts();
    HeadlessFonts(const HeadlessFonts&) = delete;
    HeadlessFonts& operator=(const HeadlessFonts&) = delete;
    const TextMetrics& metrics() const { return *metrics_; }
private:
    ImGuiContext* context_ = nullptr;
    ImGuiContext* previous_ = nullptr;
    std::unique_ptr<ImGuiTextMetrics> metrics_;
};

}  // namespace kosim::ui
