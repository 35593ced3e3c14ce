// The ImGui font atlas with Hangul merged in (the font files come from platform::find_fonts).
#include "app/fonts.h"

#include <imgui.h>

#include "app/platform.h"

namespace kosim::ui {

FontPaths find_fonts() { return platform::find_fonts(); }

Fonts load_fonts(const FontPaths& paths, float pixel_size) {
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    Fonts fonts;
    fonts.pixel_size = pixel_size;
    static ImVector<ImWchar> ranges;   // must outlive the atlas build
    if (ranges.empty()) {
        ImFontGlyphRangesBuilder builder;
        builder.AddRanges(io.Fonts->GetGlyphRangesDefault());
        builder.AddRanges(io.Fonts->GetGlyphRangesKorean());
        builder.AddText("→←↑↓▶■●✓✗…·–—“”‘’");
        builder.BuildRanges(&ranges);
    }
    auto add = [&](const std::string& base, const std::string& korean) -> ImFont* {
        ImFontConfig config;
        config.OversampleH = 1;    // Hangul makes the atlas large; no horizontal oversampling
        config.PixelSnapH = true;
        ImFont* font = nullptr;
        if (!base.empty()) font = io.Fonts->AddFontFromFileTTF(base.c_str(), pixel_size, &config, ranges.Data);
        if (!font) {
            ImFontConfig fallback;
            fallback.SizePixels = pixel_size;
            font = io.Fonts->AddFontDefault(&fallback);
        }
        const std::string& merge_from = korean.empty() ? base : korean;
        if (!merge_from.empty()) {
            ImFontConfig merge;
            merge.MergeMode = true;
            merge.OversampleH = 1;
            merge.PixelSnapH = true;
            io.Fonts->AddFontFromFileTTF(merge_from.c_str(), pixel_size, &merge, ranges.Data);
        }
        return font;
    };
    fonts.ui = add(paths.sans, paths.korean);
    fonts.mono = add(paths.mono, paths.korean_mono);
    io.Fonts->Build();
    return fonts;
}

}  // namespace kosim::ui
