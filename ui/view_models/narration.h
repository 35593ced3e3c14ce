// The narration of a step: the scenario's own text (say / say.ko), what the step called and
// returned, and one sentence per thing that changed, all worded by sim/describe in the language
// asked for: "CloseHandle(0x1C) in Parent: Mailslot 'demo' usage_count 2 -> 1".
#pragma once

#include <string>
#include <vector>

#include "describe/describe.h"
#include "model/world.h"
#include "runner/runner.h"
#include "view_models/selection.h"

namespace kosim::ui {

struct StepNarration {
    std::string heading;                 // "Step 4 of 12 - Parent: CloseHandle(hSlot)"
    std::string result;                  // "-> TRUE", "-> INVALID_HANDLE_VALUE   GetLastError() = ERROR_PIPE_BUSY (231)"
    describe::OutcomeParts outcome;      // the same in parts
    std::string text;                    // the scenario's narration for the step, in the language
    std::vector<std::string> sentences;  // what changed, one sentence each
    std::string error;                   // a run-time error of the step, if any
};

// `record` is the step that led to `position` (null at position 0); `world` is the state after it.
StepNarration narrate_step(const Program& program, std::size_t position, std::size_t step_count,
                           const StepRecord* record, const model::World& world, Language language);

}  // namespace kosim::ui
