// Font discovery with fontconfig and the ImGui atlas with Hangul merged in.
#include "app/fonts.h"

#include <cstdio>

#include <fontconfig/fontconfig.h>
#include <imgui.h>

namespace kosim::ui {
namespace {

// The file of the best match for a fontconfig pattern like "sans-serif" or ":lang=ko".
std::string match(const char* pattern_text, const char* must_have_lang = nullptr) {
    std::string path;
    FcPattern* pattern = FcNameParse(reinterpret_cast<const FcChar8*>(pattern_text));
    if (!pattern) return path;
    FcConfigSubstitute(nullptr, pattern, FcMatchPattern);
    FcDefaultSubstitute(pattern);
    FcResult result = FcResultNoMatch;
    if (FcPattern* font = FcFontMatch(nullptr, pattern, &result)) {
        FcChar8* file = nullptr;
        bool ok = FcPatternGetString(font, FC_FILE, 0, &file) == FcResultMatch && file;
        if (ok && must_have_lang) {
            FcLangSet* langs = nullptr;
            ok = FcPatternGetLangSet(font, FC_LANG, 0, &langs) == FcResultMatch &&
                 FcLangSetHasLang(langs, reinterpret_cast<const FcChar8*>(must_have_lang)) == FcLangEqual;
        }
        if (ok) {
            const std::string p = reinterpret_cast<const char*>(file);
            // ImGui reads TrueType/OpenType files only.
            if (p.ends_with(".ttf") || p.ends_with(".otf") || p.ends_with(".ttc") || p.ends_with(".TTF")) path = p;
        }
        FcPatternDestroy(font);
    }
    FcPatternDestroy(pattern);
    return path;
}

}  // namespace

FontPaths find_fonts() {
    FontPaths paths;
    if (!FcInit()) return paths;
    paths.sans = match("sans-serif");
    paths.mono = match("monospace");
    paths.korean = match("NanumGothic:lang=ko", "ko");
    if (paths.korean.empty()) paths.korean = match(":lang=ko", "ko");
    paths.korean_mono = match("NanumGothicCoding:lang=ko", "ko");
    if (paths.korean_mono.empty()) paths.korean_mono = paths.korean;
    if (paths.korean.empty())
        std::fprintf(stderr, "kosim: no Korean font found through fontconfig (install fonts-nanum); Korean text will show as '?'\n");
    return paths;
}

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
