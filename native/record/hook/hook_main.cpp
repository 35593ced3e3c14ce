// kosim-hook.dll: loaded into a recorded process while it is still suspended (the recorder makes a
// remote thread call LoadLibraryW), before the program's first instruction. DllMain connects to the
// recorder's pipe, patches the program's imports and says hello; every hooked call then reports.
#include "hook.h"

#include "../protocol.h"

#include <cstdio>
#include <vector>

namespace kosim::record_hook {

namespace {

HANDLE pipe = INVALID_HANDLE_VALUE;
CRITICAL_SECTION pipe_lock;

bool send_and_wait(const json& message) {
    if (pipe == INVALID_HANDLE_VALUE) return false;
    const std::string text = message.dump(-1, ' ', false, json::error_handler_t::replace);
    EnterCriticalSection(&pipe_lock);
    DWORD done = 0;
    char answer[16];
    bool ok = WriteFile(pipe, text.data(), static_cast<DWORD>(text.size()), &done, nullptr) &&
              ReadFile(pipe, answer, sizeof answer, &done, nullptr);
    LeaveCriticalSection(&pipe_lock);
    return ok;
}

std::string hex(std::uint64_t v) {
    char text[24];
    std::snprintf(text, sizeof text, "0x%llX", static_cast<unsigned long long>(v));
    return text;
}

std::string utf8_of(const wchar_t* text, int length) {
    int size = WideCharToMultiByte(CP_UTF8, 0, text, length, nullptr, 0, nullptr, nullptr);
    std::string out(size > 0 ? size : 0, '\0');
    if (size > 0) WideCharToMultiByte(CP_UTF8, 0, text, length, out.data(), size, nullptr, nullptr);
    return out;
}

void connect() {
    char name[512];
    DWORD length = GetEnvironmentVariableA(KOSIM_RECORD_PIPE_VARIABLE, name, sizeof name);
    if (length == 0 || length >= sizeof name) return;
    for (int attempt = 0; attempt < 50 && pipe == INVALID_HANDLE_VALUE; ++attempt) {
        pipe = CreateFileA(name, GENERIC_READ | GENERIC_WRITE, 0, nullptr, OPEN_EXISTING, 0, nullptr);
        if (pipe == INVALID_HANDLE_VALUE) WaitNamedPipeA(name, 100);
    }
    if (pipe == INVALID_HANDLE_VALUE) return;
    DWORD mode = PIPE_READMODE_MESSAGE;
    SetNamedPipeHandleState(pipe, &mode, nullptr, nullptr);
    // The pipe handle is the hook's, not the program's: the recorder leaves it out of the tables.
    json hello{{"type", "hello"}, {"pid", GetCurrentProcessId()}, {"own_handles", json::array({hex(reinterpret_cast<std::uintptr_t>(pipe))})}};
    send_and_wait(hello);
}

}  // namespace

json handle_value(HANDLE h) { return {{"handle", hex(reinterpret_cast<std::uintptr_t>(h))}}; }
json int_value(std::uint64_t n) { return {{"int", n}}; }

json bytes_value(const void* data, std::size_t size) {
    static const char digits[] = "0123456789abcdef";
    std::string text;
    text.reserve(size * 2);
    const auto* bytes = static_cast<const unsigned char*>(data);
    for (std::size_t i = 0; i < size; ++i) {
        text += digits[bytes[i] >> 4];
        text += digits[bytes[i] & 15];
    }
    return {{"bytes_hex", text}};
}

json ansi_text(const char* text) {
    if (!text) return nullptr;
    int size = MultiByteToWideChar(CP_ACP, 0, text, -1, nullptr, 0);
    std::wstring wide(size > 0 ? size : 0, L'\0');
    if (size > 0) MultiByteToWideChar(CP_ACP, 0, text, -1, wide.data(), size);
    std::string utf8 = utf8_of(wide.c_str(), static_cast<int>(wide.empty() ? 0 : wide.size() - 1));
    return bytes_value(utf8.data(), utf8.size());
}

json wide_text(const wchar_t* text) {
    if (!text) return nullptr;
    std::string utf8 = utf8_of(text, static_cast<int>(wcslen(text)));
    return bytes_value(utf8.data(), utf8.size());
}

json security_value(const SECURITY_ATTRIBUTES* sa) {
    if (!sa) return nullptr;
    return {{"record", {{"bInheritHandle", int_value(sa->bInheritHandle ? 1 : 0)}}}};
}

void report(const char* function, const char* call, json arguments, json outputs, json result, DWORD last_error) {
    KeepLastError keep;
    keep.error = last_error;
    send_and_wait({{"type", "call"}, {"pid", GetCurrentProcessId()}, {"tid", GetCurrentThreadId()},
                   {"function", function}, {"call", call}, {"arguments", std::move(arguments)},
                   {"outputs", std::move(outputs)}, {"result", std::move(result)}, {"last_error", last_error},
                   {"unmodelled", unmodelled_counts()}});
}

void begin_call() {
    KeepLastError keep;
    send_and_wait({{"type", "begin"}, {"pid", GetCurrentProcessId()}, {"tid", GetCurrentThreadId()}});
}

void announce(const char* function, const char* call, const json& arguments) {
    KeepLastError keep;
    send_and_wait({{"type", "enter"}, {"pid", GetCurrentProcessId()}, {"tid", GetCurrentThreadId()},
                   {"function", function}, {"call", call}, {"arguments", arguments}});
}

void announce_child(const PROCESS_INFORMATION& pi) {
    KeepLastError keep;
    send_and_wait({{"type", "child"}, {"pid", GetCurrentProcessId()}, {"child_pid", pi.dwProcessId},
                   {"child_tid", pi.dwThreadId}});
}

}  // namespace kosim::record_hook

using namespace kosim::record_hook;

BOOL WINAPI DllMain(HINSTANCE, DWORD reason, LPVOID reserved) {
    if (reason == DLL_PROCESS_ATTACH) {
        InitializeCriticalSection(&pipe_lock);
        connect();
        if (pipe != INVALID_HANDLE_VALUE) patch_imports();
    } else if (reason == DLL_PROCESS_DETACH && reserved != nullptr) {
        // The process is exiting: the last counts of the calls outside the table.
        send_and_wait({{"type", "bye"}, {"pid", GetCurrentProcessId()}, {"unmodelled", unmodelled_counts()}});
    }
    return TRUE;
}
