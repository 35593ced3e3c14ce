// Before each ImGui::NewFrame, in every window layer (window.cpp, window_web.cpp): the font atlas
// and the theme the App asked for.
#pragma once

#include "app/app.h"

namespace kosim::ui {

// Rebuilds the atlas when the scale changed or the scenario has Hangul it lacks, re-creates the
// renderer's font texture, and applies the theme when it changed.
void prepare_frame(App& app, const FontPaths& fonts);

}  // namespace kosim::ui
