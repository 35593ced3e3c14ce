// Loading kosim-hook.dll into a process that is still suspended: the path is written into its
// memory and a remote thread runs LoadLibraryW on it (kernel32 is mapped at the same address in
// every process of a session). The hook's DllMain says hello before the thread returns.
#pragma once

#include "../../src/win.h"

#include <string>

namespace kosim::record {

// Returns "" on success, else what went wrong.
std::string inject_hook(HANDLE process, const std::wstring& dll_path, DWORD timeout_ms);

}  // namespace kosim::record
