// Import-table patching: the program's own calls into kernel32 go through its import address
// table, so rewriting those slots intercepts exactly the calls the program makes (not the ones the
// C runtime or kernel32 make internally). Hooked exports get their wrapper; other Win32 imports get
// a trampoline that counts the call and jumps on, so calls outside kosim's table are listed, not lost.
#include "hook.h"

#include <cctype>
#include <cstring>
#include <deque>
#include <string>
#include <utility>

namespace kosim::record_hook {

namespace {

struct Counter {
    std::string function;
    volatile std::uint64_t count = 0;
};
std::deque<Counter> counters;   // deque: trampolines hold the counters' addresses

bool is_runtime_module(std::string name) {
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    // C and C++ runtime functions (printf, malloc) are not Win32 calls.
    return name.starts_with("msvcr") || name.starts_with("ucrtbase") || name.starts_with("api-ms-win-crt-") ||
           name.starts_with("vcruntime") || name.starts_with("msvcp") || name.starts_with("libgcc") ||
           name.starts_with("libstdc++") || name.starts_with("libwinpthread");
}

void write_slot(ULONG_PTR* slot, ULONG_PTR value) {
    DWORD old = 0;
    VirtualProtect(slot, sizeof *slot, PAGE_READWRITE, &old);
    *slot = value;
    VirtualProtect(slot, sizeof *slot, old, &old);
}

#if defined(__x86_64__) || defined(_M_X64)
// mov rax, &count; lock inc qword [rax]; mov rax, original; jmp rax (rax is volatile and carries
// no argument in the x64 calling convention, so the call goes on exactly as it came).
constexpr std::size_t trampoline_size = 32;
void* make_trampoline(unsigned char* at, volatile std::uint64_t* count, ULONG_PTR original) {
    unsigned char* p = at;
    *p++ = 0x48; *p++ = 0xB8;
    std::memcpy(p, &count, 8); p += 8;
    *p++ = 0xF0; *p++ = 0x48; *p++ = 0xFF; *p++ = 0x00;
    *p++ = 0x48; *p++ = 0xB8;
    std::memcpy(p, &original, 8); p += 8;
    *p++ = 0xFF; *p++ = 0xE0;
    return at;
}
#endif

}  // namespace

void patch_imports() {
    auto* base = reinterpret_cast<unsigned char*>(GetModuleHandleW(nullptr));
    auto* dos = reinterpret_cast<IMAGE_DOS_HEADER*>(base);
    auto* nt = reinterpret_cast<IMAGE_NT_HEADERS*>(base + dos->e_lfanew);
    const IMAGE_DATA_DIRECTORY& directory = nt->OptionalHeader.DataDirectory[IMAGE_DIRECTORY_ENTRY_IMPORT];
    if (!directory.VirtualAddress) return;
#if defined(__x86_64__) || defined(_M_X64)
    auto* code = static_cast<unsigned char*>(VirtualAlloc(nullptr, 1 << 16, MEM_COMMIT | MEM_RESERVE, PAGE_EXECUTE_READWRITE));
    std::size_t used = 0;
#endif
    for (auto* import = reinterpret_cast<IMAGE_IMPORT_DESCRIPTOR*>(base + directory.VirtualAddress); import->Name; ++import) {
        const bool runtime = is_runtime_module(reinterpret_cast<const char*>(base + import->Name));
        auto* names = reinterpret_cast<IMAGE_THUNK_DATA*>(base + (import->OriginalFirstThunk ? import->OriginalFirstThunk : import->FirstThunk));
        auto* slots = reinterpret_cast<IMAGE_THUNK_DATA*>(base + import->FirstThunk);
        for (; names->u1.AddressOfData; ++names, ++slots) {
            if (IMAGE_SNAP_BY_ORDINAL(names->u1.Ordinal)) continue;
            const char* function = reinterpret_cast<const char*>(
                reinterpret_cast<IMAGE_IMPORT_BY_NAME*>(base + names->u1.AddressOfData)->Name);
            auto* slot = reinterpret_cast<ULONG_PTR*>(&slots->u1.Function);
            if (const Hook* hook = find_hook(function)) {
                *hook->original = reinterpret_cast<void*>(*slot);
                write_slot(slot, reinterpret_cast<ULONG_PTR>(hook->wrapper));
                continue;
            }
            if (runtime) continue;
#if defined(__x86_64__) || defined(_M_X64)
            if (!code || used + trampoline_size > (1 << 16)) continue;
            counters.push_back({function, 0});
            write_slot(slot, reinterpret_cast<ULONG_PTR>(make_trampoline(code + used, &counters.back().count, *slot)));
            used += trampoline_size;
#endif
        }
    }
#if defined(__x86_64__) || defined(_M_X64)
    if (code) FlushInstructionCache(GetCurrentProcess(), code, used);
#endif
}

json unmodelled_counts() {
    json counts = json::object();
    for (const Counter& c : counters)
        if (c.count) counts[c.function] = c.count;
    return counts;
}

}  // namespace kosim::record_hook
