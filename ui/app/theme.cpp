// Themes: light (the default, for screens and most projectors), dark, and high-contrast (black on
// white, thick lines: readable on a washed-out classroom projector). In all three, what a step did
// takes an Okabe-Ito colour (Okabe & Ito 2008, "Color Universal Design"): bluish green new,
// vermillion closed, orange count up, blue count down, reddish purple changed, sky blue (yellow on
// dark) for predict mode's "?"; the selection is drawn as a shape in the text colour.
#include "panels/panels.h"

namespace kosim::ui {

std::string_view theme_name(Theme theme) {
    switch (theme) {
    case Theme::Light: return "light";
    case Theme::Dark: return "dark";
    case Theme::HighContrast: return "high-contrast";
    }
    return "light";
}

bool parse_theme(std::string_view text, Theme& theme) {
    for (Theme t : {Theme::Light, Theme::Dark, Theme::HighContrast})
        if (text == theme_name(t)) { theme = t; return true; }
    return false;
}

ImU32 highlight_colour(const Palette& palette, Highlight highlight) {
    switch (highlight) {
    case Highlight::None: return 0;
    case Highlight::New: return palette.new_item;
    case Highlight::Closed: return palette.closed;
    case Highlight::CountUp: return palette.count_up;
    case Highlight::CountDown: return palette.count_down;
    case Highlight::Changed: return palette.changed;
    }
    return 0;
}

Palette apply_theme(Theme theme, float scale) {
    ImGuiStyle style;
    Palette p{};
    switch (theme) {
    case Theme::Dark:
        ImGui::StyleColorsDark(&style);
        p.text = IM_COL32(235, 235, 235, 255);
        p.text_dim = IM_COL32(160, 160, 170, 255);
        p.background = IM_COL32(22, 24, 30, 255);
        p.card = IM_COL32(38, 42, 52, 255);
        p.card_title = IM_COL32(58, 66, 86, 255);
        p.node = IM_COL32(44, 48, 60, 255);
        p.border = IM_COL32(120, 128, 150, 255);
        p.arrow = IM_COL32(150, 160, 185, 200);
        p.link = IM_COL32(200, 200, 210, 255);
        p.names = IM_COL32(120, 200, 250, 255);
        p.new_item = IM_COL32(0, 158, 115, 255);      // bluish green
        p.closed = IM_COL32(213, 94, 0, 255);         // vermillion
        p.count_up = IM_COL32(230, 159, 0, 255);      // orange
        p.count_down = IM_COL32(86, 180, 233, 255);   // sky blue (blue is too dark on dark)
        p.changed = IM_COL32(204, 121, 167, 255);     // reddish purple
        p.predict = IM_COL32(240, 228, 66, 255);      // yellow
        p.on_colour = IM_COL32(0, 0, 0, 255);
        p.current_line = IM_COL32(80, 80, 20, 255);
        p.next_line = IM_COL32(70, 70, 90, 255);
        p.error = IM_COL32(255, 90, 90, 255);
        p.warning = IM_COL32(240, 190, 60, 255);
        p.passed = IM_COL32(80, 210, 100, 255);
        break;
    case Theme::Light:
    case Theme::HighContrast: {
        const bool hc = theme == Theme::HighContrast;
        ImGui::StyleColorsLight(&style);
        p.text = IM_COL32(0, 0, 0, 255);
        p.text_dim = hc ? IM_COL32(40, 40, 40, 255) : IM_COL32(90, 90, 100, 255);
        p.background = IM_COL32(255, 255, 255, 255);
        p.card = hc ? IM_COL32(255, 255, 255, 255) : IM_COL32(246, 247, 250, 255);
        p.card_title = hc ? IM_COL32(210, 225, 255, 255) : IM_COL32(222, 230, 245, 255);
        p.node = hc ? IM_COL32(255, 255, 255, 255) : IM_COL32(252, 248, 238, 255);
        p.border = hc ? IM_COL32(0, 0, 0, 255) : IM_COL32(120, 125, 140, 255);
        p.arrow = hc ? IM_COL32(40, 40, 40, 255) : IM_COL32(110, 115, 135, 220);
        p.link = hc ? IM_COL32(0, 0, 0, 255) : IM_COL32(70, 70, 80, 255);
        p.names = hc ? IM_COL32(0, 0, 0, 255) : IM_COL32(0, 90, 150, 255);
        p.new_item = IM_COL32(0, 158, 115, 255);      // bluish green
        p.closed = IM_COL32(213, 94, 0, 255);         // vermillion
        p.count_up = IM_COL32(230, 159, 0, 255);      // orange
        p.count_down = IM_COL32(0, 114, 178, 255);    // blue
        p.changed = IM_COL32(204, 121, 167, 255);     // reddish purple
        p.predict = IM_COL32(86, 180, 233, 255);      // sky blue
        p.on_colour = IM_COL32(0, 0, 0, 255);
        p.current_line = hc ? IM_COL32(255, 230, 0, 255) : IM_COL32(255, 240, 150, 255);
        p.next_line = hc ? IM_COL32(200, 220, 255, 255) : IM_COL32(225, 235, 255, 255);
        p.error = IM_COL32(200, 0, 0, 255);
        p.warning = IM_COL32(170, 100, 0, 255);
        p.passed = IM_COL32(0, 140, 40, 255);
        if (hc) {
            style.Colors[ImGuiCol_Text] = ImVec4(0, 0, 0, 1);
            style.Colors[ImGuiCol_Border] = ImVec4(0, 0, 0, 1);
            style.Colors[ImGuiCol_WindowBg] = ImVec4(1, 1, 1, 1);
            style.Colors[ImGuiCol_ChildBg] = ImVec4(1, 1, 1, 1);
            style.Colors[ImGuiCol_Button] = ImVec4(0.85f, 0.88f, 1.0f, 1);
            style.Colors[ImGuiCol_FrameBg] = ImVec4(0.93f, 0.93f, 0.93f, 1);
            style.WindowBorderSize = 2.0f;
            style.ChildBorderSize = 2.0f;
            style.FrameBorderSize = 1.0f;
        } else {
            style.Colors[ImGuiCol_WindowBg] = ImVec4(0.97f, 0.97f, 0.98f, 1);
            style.FrameBorderSize = 1.0f;
        }
        p.line_thickness = hc ? 2.5f : 1.6f;
        break;
    }
    }
    style.WindowRounding = 0;
    style.ChildRounding = 3;
    style.FrameRounding = 3;
    style.ItemSpacing = ImVec2(8, 5);
    style.CellPadding = ImVec2(6, 3);
    style.ScrollbarSize = 16;
    style.ScaleAllSizes(scale);
    ImGui::GetStyle() = style;
    p.line_thickness *= scale;
    return p;
}

}  // namespace kosim::ui
