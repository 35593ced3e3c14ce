// The platform seam on Linux (ui/app/platform.h): X11 or Wayland, XDG folders, fontconfig, fork/exec.
#include "app/platform.h"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <sstream>

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fontconfig/fontconfig.h>

namespace kosim::platform {

namespace fs = std::filesystem;

fs::path path_from_utf8(std::string_view text) { return fs::path(std::string(text)); }
std::string utf8_of(const fs::path& path) { return path.string(); }

void prepare_console() {}

bool display_available(std::string* why) {
    const char* x11 = std::getenv("DISPLAY");
    const char* wayland = std::getenv("WAYLAND_DISPLAY");
    if ((!x11 || !*x11) && (!wayland || !*wayland)) {
        if (why) *why = "no display: neither DISPLAY nor WAYLAND_DISPLAY is set";
        return false;
    }
    // Only the environment: opening a probe connection and closing it would make Xvfb reset (it
    // does when its last client leaves), and the real connection right after would race the reset.
    return true;
}

fs::path settings_folder() {
    fs::path base;
    if (const char* xdg = std::getenv("XDG_CONFIG_HOME"); xdg && *xdg) base = xdg;
    else if (const char* home = std::getenv("HOME"); home && *home) base = fs::path(home) / ".config";
    else return {};
    std::error_code ec;
    fs::create_directories(base / "kosim", ec);
    return ec ? fs::path() : base / "kosim";
}

fs::path own_executable() {
    std::error_code ec;
    fs::path self = fs::read_symlink("/proc/self/exe", ec);
    return ec ? fs::path() : self;
}

fs::path native_runner(std::string_view file) {
    const fs::path self = own_executable();
    if (self.empty()) return {};
    for (const fs::path& candidate : {self.parent_path() / file, self.parent_path().parent_path() / "lib" / "kosim" / file}) {
        std::error_code ec;
        if (fs::is_regular_file(candidate, ec)) return candidate;
    }
    return {};
}

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

ui::FontPaths find_fonts() {
    ui::FontPaths paths;
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

bool can_run_processes() { return true; }

int run_process(const std::vector<std::string>& argv, const fs::path& output) {
    if (argv.empty()) return -1;
    int out_fd = -1;
    if (!output.empty()) {
        out_fd = ::open(output.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
        if (out_fd < 0) return -1;
    }
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    const pid_t pid = fork();
    if (pid == 0) {
        if (out_fd >= 0) {
            dup2(out_fd, STDOUT_FILENO);
            dup2(out_fd, STDERR_FILENO);
        }
        execvp(args[0], args.data());
        _exit(127);
    }
    if (out_fd >= 0) ::close(out_fd);
    if (pid < 0) return -1;
    int status = 0;
    while (waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR) return -1;
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

namespace {

bool on_path(std::string_view program) {
    const char* path = std::getenv("PATH");
    std::stringstream dirs(path ? path : "");
    std::string dir;
    while (std::getline(dirs, dir, ':'))
        if (!dir.empty() && access((fs::path(dir) / program).c_str(), X_OK) == 0) return true;
    return false;
}

// Marks a message for po/update.sh (kosim_platform does not link the catalogue; the panel translates it).
constexpr const char* N_(const char* msgid) { return msgid; }

}  // namespace

std::optional<std::vector<std::string>> native_launcher(std::string* why) {
    if (on_path("wine")) return std::vector<std::string>{"wine"};
    if (why) *why = N_("Wine is not installed: on Linux the native side runs under Wine.");
    return std::nullopt;
}

std::string path_for_native(const fs::path& path) {
    std::error_code ec;
    fs::path absolute = fs::absolute(path, ec);
    std::string text = "Z:" + (ec ? path : absolute).lexically_normal().string();
    for (char& c : text)
        if (c == '/') c = '\\';
    return text;
}

bool pick_file(FilePurpose) { return false; }

bool saves_as_downloads() { return false; }

unsigned long process_id() { return static_cast<unsigned long>(::getpid()); }

}  // namespace kosim::platform
