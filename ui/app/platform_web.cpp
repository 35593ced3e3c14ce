// The platform seam in the browser (ui/app/platform.h, emscripten): a virtual file system that holds
// the fonts packaged with the page (web/CMakeLists.txt), no processes, settings kept by the page,
// the visitor's files through the browser's picker (web/index.html's kosim_page).
#include "app/platform.h"

#include <emscripten.h>


namespace kosim::platform {

namespace fs = std::filesystem;

namespace {
// Marks a message for po/update.sh (kosim_platform does not link the catalogue; the panel translates it).
constexpr const char* N_(const char* msgid) { return msgid; }
}  // namespace

fs::path path_from_utf8(std::string_view text) { return fs::path(std::string(text)); }
std::string utf8_of(const fs::path& path) { return path.string(); }

void prepare_console() {}

bool display_available(std::string*) { return true; }

// The page keeps settings in the browser's localStorage (ui/app/window_web.cpp), not in files.
fs::path settings_folder() { return {}; }

fs::path own_executable() { return {}; }

fs::path native_runner(std::string_view) { return {}; }
std::string path_for_native(const fs::path& path) { return path.string(); }

// --preload-file puts Debian's fonts, cut down to what the page shows (web/font_subset.py), at /fonts
// in the page's virtual file system (web/CMakeLists.txt; window_web.cpp fetches the whole Nanum files
// when a text needs more):
// DejaVu for Latin, NanumGothic merged in for Hangul, as fontconfig picks on the desktop (Nanum alone
// would draw every backslash of a mailslot or pipe name as a won sign).
ui::FontPaths find_fonts() {
    ui::FontPaths paths;
    std::error_code ec;
    auto font = [&ec](const char* path) { return fs::is_regular_file(path, ec) ? std::string(path) : std::string(); };
    paths.korean = font("/fonts/NanumGothic.ttf");
    paths.korean_mono = font("/fonts/NanumGothicCoding.ttf");
    paths.sans = font("/fonts/DejaVuSans.ttf");
    paths.mono = font("/fonts/DejaVuSansMono.ttf");
    if (paths.sans.empty()) paths.sans = paths.korean;
    if (paths.mono.empty()) paths.mono = paths.korean_mono.empty() ? paths.sans : paths.korean_mono;
    if (paths.korean_mono.empty()) paths.korean_mono = paths.korean;
    return paths;
}

bool can_run_processes() { return false; }

int run_process(const std::vector<std::string>&, const fs::path&) { return -1; }

std::optional<std::vector<std::string>> native_launcher(std::string* why) {
    if (why) *why = N_("A web page cannot start programs: run kosim crosscheck on Windows (or under Wine), then open the trace it writes.");
    return std::nullopt;
}

// The picker opens only within a user gesture's activation window: the menu click or key a frame ago is.
EM_JS(int, open_file_picker, (const char* purpose), {
    if (!window.kosim_page || !window.kosim_page.pick) return 0;
    window.kosim_page.pick(UTF8ToString(purpose));
    return 1;
});

// The names web/index.html and ui/app/window_web.cpp use for the purposes.
bool pick_file(FilePurpose purpose) { return open_file_picker(purpose == FilePurpose::Trace ? "trace" : "open") != 0; }

// Save writes into the page's file system; ui/app/window_web.cpp hands the file over as a download.
bool saves_as_downloads() { return true; }

unsigned long process_id() { return 1; }

}  // namespace kosim::platform
