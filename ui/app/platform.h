// What differs between Linux, Windows and the browser (emscripten), behind one header. Each platform
// has one file, ui/app/platform_<name>.cpp, picked by ui/CMakeLists.txt; no ImGui or GLFW here, so the
// command line uses it too. Text crosses this seam as UTF-8 std::string on every platform.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/fonts.h"

namespace kosim::platform {

// UTF-8 text <-> path. mingw's path(std::string) and path::string() use the ANSI code page, so
// every path shown to the user or handed to ImGui goes through these (a no-op on Linux).
std::filesystem::path path_from_utf8(std::string_view text);
std::string utf8_of(const std::filesystem::path& path);

// Once at start-up: Windows' console shows UTF-8 (Korean narration); elsewhere nothing to do.
void prepare_console();

// Whether a window can open. Linux: DISPLAY or WAYLAND_DISPLAY is set (why says what is missing);
// Windows and the browser: always.
bool display_available(std::string* why);

// Where imgui.ini goes, created when missing: $XDG_CONFIG_HOME/kosim or ~/.config/kosim (Linux),
// %APPDATA%\kosim (Windows); empty when none is known (the browser keeps settings in memory).
std::filesystem::path settings_folder();

// This program's own file (/proc/self/exe, GetModuleFileNameW); empty where there is none (browser).
std::filesystem::path own_executable();

// kosim-native.exe (or another of the native side's files, kosim-record.exe): beside this program
// (build tree, Windows zip), else ../lib/kosim/ (Debian package: /usr/bin/kosim and
// /usr/lib/kosim/kosim-native.exe); empty when neither exists.
std::filesystem::path native_runner(std::string_view file = "kosim-native.exe");

// A path as the native side sees it: unchanged on Windows; under Wine, the absolute path on drive
// Z: (which a Wine prefix maps to /).
std::string path_for_native(const std::filesystem::path& path);

// The UI fonts: fontconfig (Linux); the Windows font folder (Segoe UI, Consolas, Malgun Gothic) with
// NanumGothic in fonts/ beside the exe as the fallback (Windows); files packaged with the page (web).
ui::FontPaths find_fonts();

// Whether run_process can start programs here (not in the browser).
bool can_run_processes();

// Runs argv[0] with argv[1..] as its arguments, each passed as is (no shell, no quoting for the
// caller to get right), and waits. With output set, the program's stdout and stderr go to that file.
// Returns the exit status, or -1 when the program could not be started.
int run_process(const std::vector<std::string>& argv, const std::filesystem::path& output = {});

// What runs kosim-native.exe, put before its path: nothing on Windows (the machine's own kernel),
// {"wine"} on Linux (honouring WINEPREFIX); nullopt, with why, when that is not installed.
std::optional<std::vector<std::string>> native_launcher(std::string* why);

// Where no path can be typed (the browser), asks the visitor for a file with the browser's own
// picker; the file comes back later with its purpose (the page opens it). Returns false where the
// popup asks for a path (the desktop).
enum class FilePurpose : unsigned char { Open, Trace };   // a scenario or recording; a native trace for Model vs real
bool pick_file(FilePurpose purpose);
// Whether Save writes a download (the browser: a name, no folder) rather than a file at a path.
bool saves_as_downloads();

// This process's id, for unique temporary folder names.
unsigned long process_id();

}  // namespace kosim::platform
