// Makes one scenario call with the real Win32 function, in the agent process, and reports what Win32
// returned: the result, GetLastError() right after it, and the Out parameters it wrote.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "program/call_params.h"
#include "program/calls.h"
#include "program/value.h"

namespace kosim::native {

struct CallResult {
    Value result;                                  // None for VOID calls
    unsigned long last_error = 0;
    OutputValues outputs;                          // Out parameter index -> value written
    nlohmann::json extra = nlohmann::json::object(); // agent facts for the driver (CreateProcess: the child's pid)

    // Records the value the call wrote to Out parameter P (a Params<Call::X> tag).
    template <class P> void write(Value value) { write_output<P>(outputs, std::move(value)); }
};

// `args` is indexed like call_info(call).params, defaults applied, names already given the run's suffix;
// each operation reads them by Win32 parameter name (program/call_params.h).
// `agent_exe` is this program: a scenario CreateProcess starts it again, never any other program.
CallResult make_call(Call call, const std::vector<Value>& args, const std::string& agent_exe);

// The time-out a blocking call was given, in ms, or -1 for none (INFINITE, or a call that never times out).
long long call_timeout_ms(Call call, const std::vector<Value>& args);

}  // namespace kosim::native
