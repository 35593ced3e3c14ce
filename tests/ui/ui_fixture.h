// A small scenario shared by the view-model tests: an inheritable event, a child that inherits
// it, a duplicate, and a CloseHandle, so every highlight kind appears in some step.
#pragma once

#include <doctest/doctest.h>

#include <memory>
#include <sstream>
#include <string>

#include "scenario/parser.h"
#include "timeline/timeline.h"

namespace kosim::ui_test {

inline const char* const scenario_text =
    "process Parent\n"                                                               // 1
    "Parent: h = CreateEvent(TRUE, TRUE, FALSE, \"ev\")\n"                           // 2  step 1
    "say \"Parent creates an inheritable event.\"\n"                                 // 3
    "say.ko \"Parent가 상속 가능한 이벤트를 만든다.\"\n"                                  // 4
    "Parent: CreateProcess(\"Child\", &pi, bInheritHandles=TRUE)\n"                  // 5  step 2
    "Parent: DuplicateHandle(GetCurrentProcess(), h, GetCurrentProcess(), &h2)\n"    // 6  step 3
    "expect usage(h) == 3\n"                                                         // 7
    "Parent: CloseHandle(h)\n"                                                       // 8  step 4
    "expect usage(h2) == 2\n";                                                       // 9

inline std::shared_ptr<const Program> parse_or_fail(const std::string& source) {
    ParseResult parsed = parse_scenario(source, "ui-test.kos");
    std::ostringstream diagnostics;
    for (const Diagnostic& d : parsed.diagnostics) diagnostics << format_diagnostic(d, source, "ui-test.kos") << "\n";
    INFO(diagnostics.str());
    REQUIRE(parsed.ok());
    return parsed.program;
}

// The value a scenario variable holds after `position` steps.
inline HandleValue variable(Timeline& timeline, std::size_t position, const std::string& process, const std::string& name) {
    const RunState& state = timeline.state_at(position);
    auto p = state.variables.find(process);
    REQUIRE(p != state.variables.end());
    auto v = p->second.find(name);
    REQUIRE(v != p->second.end());
    return v->second.as_handle();
}

}  // namespace kosim::ui_test
