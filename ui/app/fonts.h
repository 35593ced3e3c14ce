// The UI fonts: a sans-serif UI font and a monospace source font, each with a Korean-capable font
// merged in so Korean narration renders. The files are found per platform (platform::find_fonts).
#pragma once

#include <string>

struct ImFont;

namespace kosim::ui {

struct FontPaths {
    std::string sans;      // UTF-8 file paths; "" when none was found (ImGui's built-in font is used)
    std::string mono;
    std::string korean;    // "" when no font has lang "ko" (warned once)
    std::string korean_mono;
};

// The platform's font files (platform::find_fonts: fontconfig, the Windows font folder...).
FontPaths find_fonts();

struct Fonts {
    ImFont* ui = nullptr;
    ImFont* mono = nullptr;
    float pixel_size = 18.0f;
};

// Rebuilds ImGui's font atlas at `pixel_size` (call before NewFrame; the renderer's texture must
// be re-created afterwards).
Fonts load_fonts(const FontPaths& paths, float pixel_size);

}  // namespace kosim::ui
