// What a step did with handle values that no table row shows: pseudo-handles (GetCurrentProcess()
// is (HANDLE)-1, GetCurrentThread() (HANDLE)-2, never an entry) and values looked up in a table
// that has no entry for them (ERROR_INVALID_HANDLE). Read from the step record's structured
// arguments and outcome, never from text; the world view draws them.
#pragma once

#include <cstdint>
#include <vector>

#include "model/world.h"
#include "program/program.h"
#include "runner/scheduler.h"

namespace kosim::describe {

struct PseudoHandleUse {
    HandleValue value;           // current_process_pseudo or current_thread_pseudo
    bool closed = false;         // CloseHandle on it: TRUE and no effect
    friend bool operator==(const PseudoHandleUse&, const PseudoHandleUse&) = default;
};
// The pseudo-handles the step's call returned (GetCurrentProcess, GetCurrentThread) or took as a
// HANDLE argument, each once, -1 first. Empty for steps that are not a statement that ran.
std::vector<PseudoHandleUse> pseudo_handle_uses(const Program& program, const StepRecord& record);

struct FailedLookup {
    model::Pid pid = 0;          // whose table was searched
    HandleValue value;           // the value looked up
    std::uint32_t error = 0;     // GetLastError() after the call (ERROR_INVALID_HANDLE)
    friend bool operator==(const FailedLookup&, const FailedLookup&) = default;
};
// The HANDLE arguments of a call that failed with ERROR_INVALID_HANDLE and that have no entry in
// the table they are looked up in (the caller's; for DuplicateHandle's hSourceHandle, the source
// process's). `world` is the state after the step (a failed call changes no table).
std::vector<FailedLookup> failed_lookups(const Program& program, const StepRecord& record, const model::World& world);

}  // namespace kosim::describe
