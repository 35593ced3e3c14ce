// The page's window layer (ui/app/window_web.cpp), what run_gui is on the desktop.
#pragma once

namespace kosim::ui {

// Opens the scenario and step the address names on a canvas that fills the browser window, and
// hands the frames to the browser (returns at once; the page runs on).
int run_page();

}  // namespace kosim::ui
