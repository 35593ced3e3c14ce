// libFuzzer target: scenario text -> parser -> runner -> timeline -> trace JSON. Whatever the bytes,
// parsing gives a Program or diagnostics, a Program runs to its end within bounded steps, the world
// stays consistent, and its trace writes and reads back (docs/testing.md has the commands).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <string>

#include "scenario/parser.h"
#include "timeline/timeline.h"
#include "trace/model_trace.h"
#include "trace/trace.h"

namespace {

// Stops the fuzzer with the input saved, naming the broken rule.
[[noreturn]] void broken(const std::string& what) {
    std::cerr << "scenario_fuzz: " << what << "\n";
    std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size > 64 * 1024) return -1;   // the grammar is line-based: longer inputs add nothing but time
    const std::string source(reinterpret_cast<const char*>(data), size);
    kosim::ParseResult parsed = kosim::parse_scenario(source, "fuzz.kos");
    if (!parsed.ok()) {
        if (parsed.diagnostics.empty()) broken("an invalid scenario without a diagnostic");
        for (const kosim::Diagnostic& d : parsed.diagnostics) (void)kosim::format_diagnostic(d, source, "fuzz.kos");
        return 0;
    }
    kosim::TimelineOptions options;
    options.max_steps = 2000;          // a scenario cannot loop, but Sleep and time-outs add clock steps
    kosim::Timeline timeline(parsed.program, options);
    for (std::size_t position = 0; position <= timeline.step_count(); ++position) {
        auto problems = timeline.state_at(position).world.check_invariants();
        if (!problems.empty()) broken("after step " + std::to_string(position) + ": " + problems.front());
    }
    kosim::trace::Trace trace = kosim::trace::make_trace(timeline);
    const nlohmann::json json = kosim::trace::to_json(trace);
    const std::string text = json.dump();   // throws on text that is not UTF-8: a finding
    std::string error;
    auto back = kosim::trace::from_json(nlohmann::json::parse(text), error);
    if (!back) broken("the model's own trace does not read back: " + error);
    if (kosim::trace::to_json(*back) != json) broken("the trace changed in a JSON round trip");
    return 0;
}
