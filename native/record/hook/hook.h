// kosim-hook.dll's parts: the pipe to the recorder (hook_main.cpp), the import patching
// (import_patch.cpp) and the wrappers of the calls kosim's call table covers (hook_calls.cpp).
#pragma once

#include "../../src/win.h"

#include <cstddef>
#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

namespace kosim::record_hook {

using nlohmann::json;

// One intercepted export: its name, our wrapper, and where the real function's address goes.
struct Hook {
    const char* function;   // "CreateFileA"
    void* wrapper;
    void** original;
};
const Hook* find_hook(const char* function);

// Values in the trace's JSON form (docs/trace-format.md, "Values"); texts travel as bytes_hex and
// the recorder decides whether they are UTF-8.
json handle_value(HANDLE h);
json int_value(std::uint64_t n);
json bytes_value(const void* data, std::size_t size);
json ansi_text(const char* text);        // NULL -> null; converted from the process's ANSI code page
json wide_text(const wchar_t* text);
json security_value(const SECURITY_ATTRIBUTES* sa);  // NULL -> null, else {bInheritHandle}

// Tells the recorder a call returned and waits until it has taken the step's snapshot.
// Keeps GetLastError as the call left it.
void report(const char* function, const char* call, json arguments, json outputs, json result, DWORD last_error);
// Before a call that cannot block: waits for the recorder's turn, so that no other recorded
// process's call lands between this call and its snapshot (the turn ends with its report).
void begin_call();
// Tells the recorder a call that may block is about to be made (if it never returns, the
// recording still shows it, blocked).
void announce(const char* function, const char* call, const json& arguments);
// CreateProcess made a (suspended) child: the recorder injects this DLL into it before it runs.
void announce_child(const PROCESS_INFORMATION& pi);

// Patches the main program's import table: hooked exports go to their wrappers, every other
// Win32 import to a counting trampoline. Returns the per-function counters.
void patch_imports();
json unmodelled_counts();

// Keeps the last error across the hook's own work.
struct KeepLastError {
    DWORD error = GetLastError();
    ~KeepLastError() { SetLastError(error); }
};

}  // namespace kosim::record_hook
