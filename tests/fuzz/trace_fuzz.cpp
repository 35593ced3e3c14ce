// libFuzzer target: bytes -> JSON -> trace reader -> compare against itself and against the model's
// trace of a built-in. Whatever the bytes: a parse error, a located refusal, or a trace that the
// comparison handles; never a crash, a hang or an uncaught exception.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <string>

#include "compare/compare.h"
#include "scenario/builtin.h"
#include "timeline/timeline.h"
#include "trace/model_trace.h"
#include "trace/trace.h"

namespace {

[[noreturn]] void broken(const std::string& what) {
    std::cerr << "trace_fuzz: " << what << "\n";
    std::abort();
}

// The model's trace of the worked example, made once.
const kosim::trace::Trace& model_trace(std::shared_ptr<const kosim::Program>& program) {
    static std::shared_ptr<const kosim::Program> parsed;
    static kosim::trace::Trace trace = [] {
        kosim::LoadedScenario loaded = kosim::load_scenario(kosim::default_scenario_name);
        if (!loaded.ok()) broken("the default scenario does not parse");
        parsed = loaded.parsed.program;
        kosim::Timeline timeline(parsed);
        return kosim::trace::make_trace(timeline);
    }();
    program = parsed;
    return trace;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    auto json = nlohmann::json::parse(data, data + size, nullptr, false);
    if (json.is_discarded()) return 0;
    std::string error;
    auto trace = kosim::trace::from_json(json, error);
    if (!trace) {
        if (error.empty()) broken("a refused trace without a reason");
        return 0;
    }
    // What was read writes again, and reads back to the same.
    const nlohmann::json again = kosim::trace::to_json(*trace);
    auto back = kosim::trace::from_json(nlohmann::json::parse(again.dump()), error);
    if (!back) broken("a trace read once does not read again: " + error);
    if (kosim::trace::to_json(*back) != again) broken("the trace changed in a second round trip");

    std::shared_ptr<const kosim::Program> program;
    const kosim::trace::Trace& model = model_trace(program);
    for (const kosim::compare::Profile* profile : {static_cast<const kosim::compare::Profile*>(nullptr),
                                                   kosim::compare::profile_for_platform(trace->platform)}) {
        (void)kosim::compare::format_report(kosim::compare::compare_traces(*trace, *trace, profile, nullptr), true);
        (void)kosim::compare::format_report(kosim::compare::compare_traces(model, *trace, profile, program.get()), true);
    }
    return 0;
}
