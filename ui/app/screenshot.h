// Screenshots: the window's framebuffer read back with glReadPixels and written as PNG.
#pragma once

#include <string>

namespace kosim::ui {

// Reads width x height pixels of the bound framebuffer (the window's back buffer, or colour
// attachment 0 of a framebuffer object) and writes them to `path`. Returns "", or why it failed.
std::string write_framebuffer_png(const std::string& path, int width, int height, bool from_framebuffer_object);

}  // namespace kosim::ui
