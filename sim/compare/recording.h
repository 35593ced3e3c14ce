// A recording (kosim record, docs/record.md) as a scenario, and the model's run of that scenario
// set against the recording: the same calls in the same order, per call and per process table.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "compare/compare.h"
#include "trace/trace.h"

namespace kosim::compare {

struct RecordedScenario {
    std::string text;                      // the .kos source
    std::vector<std::size_t> steps;        // per statement of the scenario: its recording step (0-based)
};

// Processes are named after their programs; each handle value a call returns is bound to a
// variable (hFile, hFile2, pi, ...) and later uses of the value name it (Parent.hFile in a child
// that inherited it); data is written as it was. One statement per recorded call, in the order
// the calls returned, and ExitProcess where a program ended by returning from main.
RecordedScenario scenario_from_recording(const trace::Trace& recording);

// The model's trace of that scenario against the recording, statement by statement: status,
// success or failure, GetLastError after a failure, and per process how many entries of each
// object type its table holds (the program's own: entries for objects a process had before its
// first instruction, the console and Wine's or Windows' own handles, are left out).
Report compare_recording(const trace::Trace& model, const trace::Trace& recording, const RecordedScenario& scenario,
                         const Profile* profile);

}  // namespace kosim::compare
