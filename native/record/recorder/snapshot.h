// The real handle tables of the recorded processes, read from outside them: the system's handle
// list (NtQuerySystemInformation, SystemExtendedHandleInformation) gives value, access and flags;
// a momentary duplicate of each entry gives its type, name, HandleCount and identity. Duplicates
// are closed before the snapshot returns: a duplicate kept open would keep a pipe end alive and
// change the very lifetimes being recorded.
#pragma once

#include "../../src/win.h"

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace kosim::record {

struct RealEntry {
    std::uint64_t value = 0;
    std::uint32_t access = 0;
    bool inherit = false;
    bool protect = false;
    std::string type;          // NtQueryObject's type name
    std::string name;          // the object's name, where asking cannot block ("" for files: see docs/record.md)
    std::uint32_t handle_count = 0;   // HandleCount without the snapshot's own duplicates
    int group = -1;            // entries with the same group name the same object (within this snapshot)
};

struct RealProcess {
    DWORD pid = 0;
    HANDLE process = nullptr;               // the recorder's handle (PROCESS_DUP_HANDLE at least)
    std::set<std::uint64_t> hidden;         // the hook's own handles
};

// pid -> entries, in handle-value order. Groups are numbered across all processes of the snapshot.
std::map<DWORD, std::vector<RealEntry>> snapshot(const std::vector<RealProcess>& processes);

}  // namespace kosim::record
