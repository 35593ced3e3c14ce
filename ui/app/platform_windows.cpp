// The platform seam on Windows (ui/app/platform.h): wide-character Win32 calls throughout, known
// folders for settings and fonts, CreateProcessW with a command line quoted the way
// CommandLineToArgvW and the C runtime split it.
#include "app/platform.h"

#include <cstdio>
#include <cstdlib>

#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#ifndef NOMINMAX
#define NOMINMAX
#endif
#include <windows.h>
#include <shlobj.h>

namespace kosim::platform {

namespace fs = std::filesystem;

fs::path path_from_utf8(std::string_view text) {
    return fs::path(std::u8string(reinterpret_cast<const char8_t*>(text.data()), text.size()));
}

std::string utf8_of(const fs::path& path) {
    const std::u8string text = path.u8string();
    return std::string(reinterpret_cast<const char*>(text.data()), text.size());
}

namespace {

std::wstring wide(std::string_view text) { return path_from_utf8(text).native(); }

UINT console_output_code_page = 0;
void restore_console() { SetConsoleOutputCP(console_output_code_page); }

// A known folder (FOLDERID_RoamingAppData, FOLDERID_Fonts), or empty.
fs::path known_folder(REFKNOWNFOLDERID id) {
    PWSTR path = nullptr;
    fs::path result;
    if (SUCCEEDED(SHGetKnownFolderPath(id, KF_FLAG_DEFAULT, nullptr, &path)) && path) result = path;
    CoTaskMemFree(path);
    return result;
}

bool file_exists(const fs::path& path) {
    std::error_code ec;
    return !path.empty() && fs::is_regular_file(path, ec);
}

// One argument as CommandLineToArgvW reads it back: quotes around, backslashes doubled only before
// a quote (docs: "Parsing C++ command-line arguments").
void append_quoted(std::wstring& line, const std::wstring& argument) {
    if (!line.empty()) line += L' ';
    if (!argument.empty() && argument.find_first_of(L" \t\n\v\"") == std::wstring::npos) {
        line += argument;
        return;
    }
    line += L'"';
    for (auto it = argument.begin();; ++it) {
        std::size_t backslashes = 0;
        while (it != argument.end() && *it == L'\\') {
            ++it;
            ++backslashes;
        }
        if (it == argument.end()) {
            line.append(backslashes * 2, L'\\');
            break;
        }
        if (*it == L'"') {
            line.append(backslashes * 2 + 1, L'\\');
            line += L'"';
        } else {
            line.append(backslashes, L'\\');
            line += *it;
        }
    }
    line += L'"';
}

}  // namespace

void prepare_console() {
    // The console shows the OEM code page (437, 949...) unless told otherwise; kosim writes UTF-8.
    console_output_code_page = GetConsoleOutputCP();
    if (console_output_code_page != 0 && console_output_code_page != CP_UTF8 && SetConsoleOutputCP(CP_UTF8))
        std::atexit(restore_console);
}

bool display_available(std::string*) { return true; }

fs::path settings_folder() {
    const fs::path base = known_folder(FOLDERID_RoamingAppData);
    if (base.empty()) return {};
    std::error_code ec;
    fs::create_directories(base / "kosim", ec);
    return ec ? fs::path() : base / "kosim";
}

fs::path own_executable() {
    std::wstring buffer(MAX_PATH, L'\0');
    for (;;) {
        const DWORD length = GetModuleFileNameW(nullptr, buffer.data(), static_cast<DWORD>(buffer.size()));
        if (length == 0) return {};
        if (length < buffer.size()) {
            buffer.resize(length);
            return fs::path(buffer);
        }
        buffer.resize(buffer.size() * 2);   // truncated: long paths (\\?\...) exceed MAX_PATH
    }
}

fs::path native_runner(std::string_view file) {
    const fs::path self = own_executable();
    const fs::path beside = self.empty() ? fs::path() : self.parent_path() / fs::path(std::string(file));
    return file_exists(beside) ? beside : fs::path();
}

ui::FontPaths find_fonts() {
    // Segoe UI and Consolas since Vista, Malgun Gothic (Hangul) since Windows 7; NanumGothic beside
    // the exe covers Wine, whose fresh prefix has an empty Fonts folder.
    const fs::path windows = known_folder(FOLDERID_Fonts);
    const fs::path self = own_executable();
    const fs::path shipped = self.empty() ? fs::path() : self.parent_path() / "fonts";
    auto first = [](std::initializer_list<fs::path> candidates) {
        for (const fs::path& candidate : candidates)
            if (file_exists(candidate)) return utf8_of(candidate);
        return std::string();
    };
    auto in = [](const fs::path& folder, const char* name) { return folder.empty() ? fs::path() : folder / name; };
    ui::FontPaths paths;
    paths.sans = first({in(windows, "segoeui.ttf"), in(shipped, "NanumGothic.ttf")});
    paths.mono = first({in(windows, "consola.ttf"), in(shipped, "NanumGothicCoding.ttf"), in(shipped, "NanumGothic.ttf")});
    paths.korean = first({in(windows, "malgun.ttf"), in(shipped, "NanumGothic.ttf")});
    paths.korean_mono = first({in(shipped, "NanumGothicCoding.ttf"), in(windows, "malgun.ttf"), in(shipped, "NanumGothic.ttf")});
    if (paths.korean.empty())
        std::fprintf(stderr, "kosim: no Korean font (malgun.ttf in the Windows font folder or fonts\\NanumGothic.ttf beside kosim.exe); Korean text will show as '?'\n");
    return paths;
}

bool can_run_processes() { return true; }

int run_process(const std::vector<std::string>& argv, const fs::path& output) {
    if (argv.empty()) return -1;
    std::wstring line;
    for (const std::string& argument : argv) append_quoted(line, wide(argument));

    STARTUPINFOW startup{};
    startup.cb = sizeof startup;
    DWORD flags = CREATE_UNICODE_ENVIRONMENT;
    HANDLE file = INVALID_HANDLE_VALUE;
    if (!output.empty()) {
        SECURITY_ATTRIBUTES inheritable{sizeof inheritable, nullptr, TRUE};
        file = CreateFileW(output.c_str(), GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE, &inheritable, CREATE_ALWAYS,
                           FILE_ATTRIBUTE_NORMAL, nullptr);
        if (file == INVALID_HANDLE_VALUE) return -1;
        startup.dwFlags = STARTF_USESTDHANDLES;
        startup.hStdInput = GetStdHandle(STD_INPUT_HANDLE);
        startup.hStdOutput = file;
        startup.hStdError = file;
        flags |= CREATE_NO_WINDOW;   // started from the window (kosimw.exe): no console flashing up
    }
    PROCESS_INFORMATION process{};
    const BOOL started = CreateProcessW(nullptr, line.data(), nullptr, nullptr, TRUE, flags, nullptr, nullptr, &startup, &process);
    if (file != INVALID_HANDLE_VALUE) CloseHandle(file);
    if (!started) return -1;
    CloseHandle(process.hThread);
    WaitForSingleObject(process.hProcess, INFINITE);
    DWORD exit_code = 0;
    const BOOL known = GetExitCodeProcess(process.hProcess, &exit_code);
    CloseHandle(process.hProcess);
    return known ? static_cast<int>(exit_code) : -1;
}

std::optional<std::vector<std::string>> native_launcher(std::string*) { return std::vector<std::string>{}; }

std::string path_for_native(const fs::path& path) { return utf8_of(path); }

bool pick_file(FilePurpose) { return false; }

bool saves_as_downloads() { return false; }

unsigned long process_id() { return GetCurrentProcessId(); }

}  // namespace kosim::platform
