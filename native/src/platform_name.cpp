#include "platform_name.h"

#include "win.h"

namespace kosim::native {

std::string platform_name() {
    HMODULE ntdll = GetModuleHandleA("ntdll.dll");
    using WineVersion = const char*(CDECL*)();
    if (auto wine = reinterpret_cast<WineVersion>(GetProcAddress(ntdll, "wine_get_version"))) return std::string("wine-") + wine();
    using RtlGetVersionFn = LONG(WINAPI*)(OSVERSIONINFOW*);
    OSVERSIONINFOW info{};
    info.dwOSVersionInfoSize = sizeof info;
    if (auto get = reinterpret_cast<RtlGetVersionFn>(GetProcAddress(ntdll, "RtlGetVersion"))) get(&info);
    return "windows-" + std::to_string(info.dwMajorVersion) + "." + std::to_string(info.dwMinorVersion) + "." +
           std::to_string(info.dwBuildNumber);
}

}  // namespace kosim::native
