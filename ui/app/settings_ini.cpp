// [Kosim][Settings] in ImGui's ini text: one "key=value" line per setting, unknown or out-of-range
// values ignored (the defaults stay).
#include "app/settings_ini.h"

#include <cstdio>
#include <string>
#include <string_view>

#include <imgui.h>
#include <imgui_internal.h>   // ImGuiSettingsHandler

namespace kosim::ui {
namespace {

Settings* settings_target = nullptr;
const char* const side_column_names[] = {"auto", "shown", "hidden"};   // SideColumn order
SideColumn parse_side_column(std::string_view v) {
    return v == "shown" ? SideColumn::Shown : v == "hidden" ? SideColumn::Hidden : SideColumn::Automatic;
}

void* settings_open(ImGuiContext*, ImGuiSettingsHandler*, const char* name) {
    return std::string_view(name) == "Settings" ? settings_target : nullptr;
}
void settings_read_line(ImGuiContext*, ImGuiSettingsHandler*, void* entry, const char* line) {
    auto* s = static_cast<Settings*>(entry);
    char text[64] = {};
    float f = 0;
    int i = 0;
    if (std::sscanf(line, "language=%63s", text) == 1) s->language = std::string_view(text) == "ko" ? Language::Korean : Language::English;
    else if (std::sscanf(line, "theme=%63s", text) == 1) parse_theme(text, s->theme);
    else if (std::sscanf(line, "font_scale=%f", &f) == 1 && f >= 0.5f && f <= 3.0f) s->font_scale = f;
    else if (std::sscanf(line, "predict=%d", &i) == 1) s->predict = i != 0;
    else if (std::sscanf(line, "speed=%f", &f) == 1 && f > 0.0f && f <= 50.0f) s->speed = f;
    else if (std::sscanf(line, "source_column=%63s", text) == 1) s->source_column = parse_side_column(text);
    else if (std::sscanf(line, "inspector_column=%63s", text) == 1) s->inspector_column = parse_side_column(text);
    else if (std::sscanf(line, "large_diagram_text=%d", &i) == 1) s->large_diagram_text = i != 0;
}
void settings_write_all(ImGuiContext*, ImGuiSettingsHandler* handler, ImGuiTextBuffer* out) {
    if (!settings_target) return;
    const Settings& s = *settings_target;
    out->appendf("[%s][Settings]\n", handler->TypeName);
    out->appendf("language=%s\n", s.language == Language::Korean ? "ko" : "en");
    out->appendf("theme=%s\n", std::string(theme_name(s.theme)).c_str());
    out->appendf("font_scale=%.2f\n", s.font_scale);
    out->appendf("predict=%d\n", s.predict ? 1 : 0);
    out->appendf("speed=%.2f\n", s.speed);
    out->appendf("source_column=%s\n", side_column_names[static_cast<int>(s.source_column)]);
    out->appendf("inspector_column=%s\n", side_column_names[static_cast<int>(s.inspector_column)]);
    out->appendf("large_diagram_text=%d\n\n", s.large_diagram_text ? 1 : 0);
}

}  // namespace

void register_settings_handler() {
    ImGuiSettingsHandler handler;
    handler.TypeName = "Kosim";
    handler.TypeHash = ImHashStr("Kosim");
    handler.ReadOpenFn = settings_open;
    handler.ReadLineFn = settings_read_line;
    handler.WriteAllFn = settings_write_all;
    ImGui::GetCurrentContext()->SettingsHandlers.push_back(handler);
}

void set_settings_target(Settings* target) { settings_target = target; }

}  // namespace kosim::ui
