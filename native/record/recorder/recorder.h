// kosim-record.exe's session: starts the programs suspended in a kill-on-close job, loads the hook
// into each (and into every child they create), turns each reported call into a step with the real
// handle tables of every recorded process after it, and writes the trace (docs/record.md).
#pragma once

#include <string>
#include <vector>

namespace kosim::record {

struct ProgramToRun {
    std::wstring path;                     // as given
    std::vector<std::wstring> arguments;
};

struct RecordOptions {
    std::vector<ProgramToRun> programs;    // started in order (--then)
    std::wstring hook_path;                // kosim-hook.dll
    std::wstring out_path;                 // the trace
    unsigned timeout_ms = 30000;           // the whole recording
};

// Returns the process exit code: 0 recorded (the programs may have failed; the trace says how),
// 2 nothing could be recorded (bad arguments, a program that cannot start), 3 the trace could not be written.
int record(const RecordOptions& options);

}  // namespace kosim::record
