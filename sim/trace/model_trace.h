// The model's side of the trace: every step of a Timeline with what a native agent would observe.
// Its words (origins, waits) come from sim/describe, in English.
#pragma once

#include <string>

#include "timeline/timeline.h"
#include "trace/trace.h"

namespace kosim::trace {

// Observations of a state, as a native agent would make them. Handle variables that hold a value
// for another process's table (foreign_handle_variables) are not observed.
void observe_state(const Program& program, const RunState& state, Step& step);

Trace make_trace(Timeline& timeline);

}  // namespace kosim::trace
