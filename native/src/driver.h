// Driver mode: runs a scenario on real Win32 with the one scheduler (sim/runner/scheduler.h) over
// the agent backend (agent_backend.h). Each scenario process is an agent (this program again) inside
// one kill-on-close Job object; this file only starts, reaches and ends them, and writes the trace.
#pragma once

#include <string>

namespace kosim::native {

struct DriverOptions {
    std::string scenario;         // a path or a built-in's name
    std::string json_path;        // "" = standard output
    unsigned grace_ms = 500;      // a call not returned by then counts as blocked
    unsigned settle_ms = 150;     // how long a step may take to wake blocked calls
    unsigned step_timeout_ms = 20000;
};

int run_driver(const DriverOptions& options);

}  // namespace kosim::native
