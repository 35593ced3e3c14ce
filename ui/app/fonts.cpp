// The ImGui font atlas with Hangul merged in (the font files come from platform::find_fonts).
#include "app/fonts.h"

#include <imgui.h>
#include <imgui_internal.h>   // ImTextCharFromUtf8

#include "app/platform.h"
#include "describe/catalogue.h"

namespace kosim::ui {

FontPaths find_fonts() { return platform::find_fonts(); }

Fonts load_fonts(const FontPaths& paths, float pixel_size, GlyphSet glyphs) {
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    Fonts fonts;
    fonts.pixel_size = pixel_size;
    static ImVector<ImWchar> ranges;   // must outlive the atlas build
    ranges.clear();
    ImFontGlyphRangesBuilder builder;
    builder.AddRanges(io.Fonts->GetGlyphRangesDefault());
    builder.AddText("→←↑↓▶■●✓✗…·–—“”‘’");
    if (glyphs.all_hangul) {
        builder.AddRanges(io.Fonts->GetGlyphRangesKorean());
    } else {
        // Rasterising all 11,172 syllables twice (UI and source fonts) was most of the first frame.
        for (const CatalogueEntry& entry : korean_catalogue()) builder.AddText(entry.msgstr);
        builder.AddText("한국어");
        builder.AddText(glyphs.text.data(), glyphs.text.data() + glyphs.text.size());
    }
    builder.BuildRanges(&ranges);
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

bool font_lacks_glyphs(const ImFont* font, std::string_view text) {
    if (!font) return false;
    const char* at = text.data();
    const char* end = text.data() + text.size();
    while (at < end) {
        unsigned int c = 0;
        const int length = ImTextCharFromUtf8(&c, at, end);
        if (length <= 0) break;
        at += length;
        if (c >= 0x80 && c != IM_UNICODE_CODEPOINT_INVALID && !font->FindGlyphNoFallback(static_cast<ImWchar>(c))) return true;
    }
    return false;
}

}  // namespace kosim::ui
