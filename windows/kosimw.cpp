// kosimw.exe: the window without a console. kosim.exe is a console program (its command line prints),
// so started from Explorer it would bring a console window along; kosimw.exe is a GUI-subsystem
// program that runs `kosim.exe gui ARGS...` with no console and shows what went wrong in a message box.
#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#include <windows.h>
#include <shellapi.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "app/platform.h"

namespace fs = std::filesystem;
using namespace kosim;

int WINAPI wWinMain(HINSTANCE, HINSTANCE, PWSTR, int) {
    const fs::path self = platform::own_executable();
    std::vector<std::string> argv{platform::utf8_of(self.parent_path() / "kosim.exe"), "gui"};
    int count = 0;
    if (wchar_t** arguments = CommandLineToArgvW(GetCommandLineW(), &count)) {
        for (int i = 1; i < count; ++i) argv.push_back(platform::utf8_of(fs::path(arguments[i])));
        LocalFree(arguments);
    }
    // Output to a file: run_process then starts kosim.exe without a console window.
    const fs::path log = fs::temp_directory_path() / ("kosimw-" + std::to_string(platform::process_id()) + ".log");
    const int exit_code = platform::run_process(argv, log);
    std::stringstream text;
    text << std::ifstream(log).rdbuf();
    std::error_code ignored;
    fs::remove(log, ignored);
    // 2: the window could not open or the arguments were wrong; 1 is a failed expectation, not an error.
    if (exit_code == -1 || exit_code == 2) {
        const std::string message = exit_code == -1 ? "cannot start " + argv[0] : text.str();
        const int length = MultiByteToWideChar(CP_UTF8, 0, message.data(), static_cast<int>(message.size()), nullptr, 0);
        std::wstring wide(static_cast<std::size_t>(length), L'\0');
        MultiByteToWideChar(CP_UTF8, 0, message.data(), static_cast<int>(message.size()), wide.data(), length);
        MessageBoxW(nullptr, wide.c_str(), L"kosim", MB_ICONERROR);
    }
    return exit_code;
}
