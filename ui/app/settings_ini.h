// kosim's settings as a section of ImGui's ini text, [Kosim][Settings], beside ImGui's own (table
// column widths): the desktop keeps that text in imgui.ini, the page in the browser's localStorage.
#pragma once

#include "app/app.h"

namespace kosim::ui {

// Registers the section with the current ImGui context (once per context, before loading ini text).
void register_settings_handler();
// The settings the section is read into and written from; nullptr while there are none.
void set_settings_target(Settings* target);

}  // namespace kosim::ui
