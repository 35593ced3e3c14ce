#include "object_info.h"

namespace kosim::native {

CompareObjectHandlesFn compare_object_handles() {
    static CompareObjectHandlesFn function = [] {
        HMODULE module = GetModuleHandleA("kernelbase.dll");
        return module ? reinterpret_cast<CompareObjectHandlesFn>(GetProcAddress(module, "CompareObjectHandles")) : nullptr;
    }();
    return function;
}

std::string utf8_of(const UNICODE_STRING& s) {
    if (!s.Buffer || !s.Length) return "";
    const int length = static_cast<int>(s.Length / 2);
    const int size = WideCharToMultiByte(CP_UTF8, 0, s.Buffer, length, nullptr, 0, nullptr, nullptr);
    std::string out(size > 0 ? size : 0, '\0');
    if (size > 0) WideCharToMultiByte(CP_UTF8, 0, s.Buffer, length, out.data(), size, nullptr, nullptr);
    return out;
}

std::string object_type_name(HANDLE h) {
    alignas(8) unsigned char buffer[1024];
    ULONG length = 0;
    if (NtQueryObject(h, static_cast<OBJECT_INFORMATION_CLASS>(object_type_information), buffer, sizeof buffer, &length) < 0)
        return "";
    return utf8_of(*reinterpret_cast<UNICODE_STRING*>(buffer));
}

std::string object_name(HANDLE h) {
    alignas(8) unsigned char buffer[2048];
    ULONG length = 0;
    if (NtQueryObject(h, static_cast<OBJECT_INFORMATION_CLASS>(object_name_information), buffer, sizeof buffer, &length) < 0)
        return "";
    return utf8_of(*reinterpret_cast<UNICODE_STRING*>(buffer));
}

}  // namespace kosim::native
