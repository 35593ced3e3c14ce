// A runner step as a trace step: the same conversion for the model and for the native driver, so
// both traces say the same things in the same words. Observations are added by each side.
#pragma once

#include <functional>
#include <string>

#include "runner/scheduler.h"
#include "trace/trace.h"

namespace kosim::trace {

// One call's outcome as the trace records it (variables named, results only once completed).
CallOutcome call_outcome(const Program& program, std::size_t statement, const model::Outcome& outcome);

// Step `index` (1-based) from its record, without observations.
Step step_from_record(const Program& program, const StepRecord& record, std::size_t index);

}  // namespace kosim::trace
