// The UI fonts: a sans-serif UI font and a monospace source font, each with a Korean-capable font
// merged in so Korean narration renders. The files are found per platform (platform::find_fonts).
#pragma once

#include <string>
#include <string_view>

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

// Which Hangul the atlas holds: every syllable (11,172: text measured headless, any text), or only
// those in the interface's Korean catalogue and in `text` (the scenario), which makes the first
// frame several times faster; the window rebuilds when a new scenario needs more.
struct GlyphSet {
    bool all_hangul = true;
    std::string_view text;
};

// Rebuilds ImGui's font atlas at `pixel_size` (call before NewFrame; the renderer's texture must
// be re-created afterwards).
Fonts load_fonts(const FontPaths& paths, float pixel_size, GlyphSet glyphs = {});

// True when `text` has a character the font lacks (it would show as '?').
bool font_lacks_glyphs(const ImFont* font, std::string_view text);

}  // namespace kosim::ui
