// Shared helpers for the runner tests: parse inline scenarios, run them, read steps.
#pragma once

#include <doctest/doctest.h>

#include <memory>
#include <sstream>
#include <string>

#include "scenario/builtin.h"
#include "scenario/parser.h"
#include "timeline/timeline.h"

namespace kosim::testing {

// Parses `source`; fails the test with every diagnostic when it is invalid.
inline std::shared_ptr<const Program> parse_or_fail(const std::string& source, const std::string& name = "test.kos") {
    ParseResult parsed = parse_scenario(source, name);
    std::ostringstream diagnostics;
    for (const Diagnostic& d : parsed.diagnostics) diagnostics << format_diagnostic(d, source, name);
    INFO(diagnostics.str());
    REQUIRE(parsed.ok());
    return parsed.program;
}

// Every failed expectation and run-time error of a timeline, one per line.
inline std::string failures(const Timeline& timeline) {
    std::ostringstream out;
    for (const auto& checked : timeline.expectations())
        if (!checked.result.passed) out << "step " << checked.step << ": " << checked.result.message << "\n";
    for (std::size_t step : timeline.error_steps()) out << "step " << step << " has a run-time error\n";
    return out.str();
}

}  // namespace kosim::testing
