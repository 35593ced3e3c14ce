// kosim-record.exe: the Windows side of `kosim record` (which runs it directly on Windows, through
// Wine on Linux). Usage:
//   kosim-record.exe --out FILE.json [--timeout-ms N] [--hook kosim-hook.dll] -- PROGRAM.exe [ARGS...]
//                    [--then -- OTHER.exe [ARGS...]]...
#include <cstdio>
#include <cwchar>
#include <string>

#include "../../src/win.h"
#include "recorder.h"

namespace {

int usage(const char* problem) {
    std::fprintf(stderr, "kosim-record: %s\nusage: kosim-record.exe --out FILE.json [--timeout-ms N] [--hook DLL] -- PROGRAM.exe [ARGS...] "
                         "[--then -- OTHER.exe [ARGS...]]\n", problem);
    return 2;
}

}  // namespace

int wmain(int argc, wchar_t** argv) {
    // A program that crashes ends with its exception code, which the recording names; no crash
    // dialog or debugger (Wine's winedbg) in between. Children inherit the error mode.
    SetErrorMode(SEM_FAILCRITICALERRORS | SEM_NOGPFAULTERRORBOX);
    kosim::record::RecordOptions options;
    int i = 1;
    for (; i < argc && std::wcscmp(argv[i], L"--") != 0; ++i) {
        std::wstring a = argv[i];
        if ((a == L"--out" || a == L"--timeout-ms" || a == L"--hook") && i + 1 >= argc) return usage("an option is missing its value");
        if (a == L"--out") {
            options.out_path = argv[++i];
        } else if (a == L"--hook") {
            options.hook_path = argv[++i];
        } else if (a == L"--timeout-ms") {
            wchar_t* end = nullptr;
            unsigned long ms = std::wcstoul(argv[++i], &end, 10);
            if (!end || *end || ms == 0 || ms > 3600000) return usage("--timeout-ms takes a number of milliseconds from 1 to 3600000");
            options.timeout_ms = static_cast<unsigned>(ms);
        } else {
            return usage("unknown option");
        }
    }
    // Programs: "-- PROGRAM ARGS..." then any number of "--then -- PROGRAM ARGS...".
    while (i < argc) {
        if (std::wcscmp(argv[i], L"--") != 0) return usage("expected -- before a program");
        ++i;
        if (i >= argc || std::wcscmp(argv[i], L"--then") == 0) return usage("a program is missing after --");
        kosim::record::ProgramToRun program{argv[i++], {}};
        for (; i < argc && std::wcscmp(argv[i], L"--then") != 0; ++i) program.arguments.push_back(argv[i]);
        options.programs.push_back(std::move(program));
        if (i < argc) ++i;   // past --then
    }
    if (options.programs.empty()) return usage("no program to record");
    if (options.out_path.empty()) return usage("--out FILE.json is required");
    if (options.hook_path.empty()) {
        wchar_t self[MAX_PATH * 2];
        DWORD length = GetModuleFileNameW(nullptr, self, MAX_PATH * 2);
        std::wstring folder(self, length);
        folder.resize(folder.find_last_of(L"\\/") + 1);
        options.hook_path = folder + L"kosim-hook.dll";
    }
    // LoadLibraryW in the program resolves the hook by this path: make it absolute.
    wchar_t full[MAX_PATH * 2];
    if (GetFullPathNameW(options.hook_path.c_str(), MAX_PATH * 2, full, nullptr)) options.hook_path = full;
    if (GetFileAttributesW(options.hook_path.c_str()) == INVALID_FILE_ATTRIBUTES) return usage("kosim-hook.dll not found beside kosim-record.exe (or --hook)");
    return kosim::record::record(options);
}
