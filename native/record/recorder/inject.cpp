#include "inject.h"

namespace kosim::record {

namespace {
std::string failed(const char* what) { return std::string(what) + " failed (error " + std::to_string(GetLastError()) + ")"; }
}  // namespace

std::string inject_hook(HANDLE process, const std::wstring& dll_path, DWORD timeout_ms) {
    const SIZE_T size = (dll_path.size() + 1) * sizeof(wchar_t);
    void* remote = VirtualAllocEx(process, nullptr, size, MEM_COMMIT | MEM_RESERVE, PAGE_READWRITE);
    if (!remote) return failed("VirtualAllocEx");
    if (!WriteProcessMemory(process, remote, dll_path.c_str(), size, nullptr)) return failed("WriteProcessMemory");
    auto load_library = reinterpret_cast<LPTHREAD_START_ROUTINE>(GetProcAddress(GetModuleHandleW(L"kernel32.dll"), "LoadLibraryW"));
    HANDLE thread = CreateRemoteThread(process, nullptr, 0, load_library, remote, 0, nullptr);
    if (!thread) return failed("CreateRemoteThread");
    DWORD wait = WaitForSingleObject(thread, timeout_ms);
    DWORD loaded = 0;
    GetExitCodeThread(thread, &loaded);
    CloseHandle(thread);
    VirtualFreeEx(process, remote, 0, MEM_RELEASE);
    if (wait != WAIT_OBJECT_0) return "the hook did not load within " + std::to_string(timeout_ms) + " ms";
    if (!loaded) return "LoadLibraryW could not load the hook in the program (is kosim-hook.dll beside kosim-record.exe?)";
    return "";
}

}  // namespace kosim::record
