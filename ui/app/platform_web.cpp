// The platform seam in the browser (ui/app/platform.h, emscripten): a virtual file system that holds
// the fonts packaged with the page (web/CMakeLists.txt), no processes, settings kept by the page.
#include "app/platform.h"

namespace kosim::platform {

namespace fs = std::filesystem;

fs::path path_from_utf8(std::string_view text) { return fs::path(std::string(text)); }
std::string utf8_of(const fs::path& path) { return path.string(); }

void prepare_console() {}

bool display_available(std::string*) { return true; }

// The page keeps settings in the browser's localStorage (ui/app/window_web.cpp), not in files.
fs::path settings_folder() { return {}; }

fs::path own_executable() { return {}; }

fs::path native_runner() { return {}; }

// --preload-file puts Debian's NanumGothic files at /fonts in the page's virtual file system: one
// font carries Latin and Hangul for the interface, NanumGothicCoding the same for the source.
ui::FontPaths find_fonts() {
    ui::FontPaths paths;
    std::error_code ec;
    if (fs::is_regular_file("/fonts/NanumGothic.ttf", ec)) paths.sans = paths.korean = "/fonts/NanumGothic.ttf";
    if (fs::is_regular_file("/fonts/NanumGothicCoding.ttf", ec)) paths.mono = paths.korean_mono = "/fonts/NanumGothicCoding.ttf";
    if (paths.mono.empty()) paths.mono = paths.korean_mono = paths.sans;
    return paths;
}

bool can_run_processes() { return false; }

int run_process(const std::vector<std::string>&, const fs::path&) { return -1; }

std::optional<std::vector<std::string>> native_launcher(std::string* why) {
    if (why) *why = "a web page cannot start programs: run kosim crosscheck on Windows or under Wine, then open its trace";
    return std::nullopt;
}

unsigned long process_id() { return 1; }

}  // namespace kosim::platform
