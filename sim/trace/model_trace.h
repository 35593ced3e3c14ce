// The model's side of the trace: every step of a Timeline with what a native agent would observe.
#pragma once

#include <string>

#include "timeline/timeline.h"
#include "trace/trace.h"

namespace kosim::trace {

// "created", "opened by name", "inherited from Parent:0x8", "duplicated from Parent:0x4".
std::string describe_origin(const model::World& world, const model::Origin& origin);

// Observations of a state, as a native agent would make them. Handle variables that hold a value
// for another process's table (foreign_handle_variables) are not observed.
void observe_state(const Program& program, const RunState& state, Step& step);

Trace make_trace(Timeline& timeline);

}  // namespace kosim::trace
