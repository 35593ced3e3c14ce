// The call line: what the current step called, what it returned and GetLastError, on a line of
// their own in large type (often the point of the step: ERROR_PIPE_BUSY, ERROR_INVALID_HANDLE).
#pragma once

#include <string>

#include "runner/runner.h"
#include "view_models/selection.h"

namespace kosim::ui {

struct CallLine {
    std::string call;          // "Step 9 of 14   Client: h = CreateFile(...)"
    std::string result;        // "-> INVALID_HANDLE_VALUE   GetLastError() = ERROR_PIPE_BUSY (231)"
    bool failed = false;       // the call set a last error
};

// `record` is the step that led to `position` (null at position 0).
CallLine build_call_line(const Program& program, std::size_t position, std::size_t step_count, const StepRecord* record,
                         Language language);

}  // namespace kosim::ui
