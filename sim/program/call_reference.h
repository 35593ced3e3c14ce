// The call table of docs/scenario-language.md, made from the call table itself, so the reference
// cannot drift: tests/program checks the doc against it and rewrites it on request.
#pragma once

#include <string>
#include <string_view>

namespace kosim {

// The markdown table: a header row, a rule and one row per call in table order.
std::string call_reference_markdown();

// The lines around the generated table in docs/scenario-language.md.
inline constexpr std::string_view call_reference_begin =
    "<!-- BEGIN call table: generated from sim/program/calls.def; regenerate with "
    "KOSIM_UPDATE_DOCS=1 build/tests/kosim_program_tests -->";
inline constexpr std::string_view call_reference_end = "<!-- END call table -->";

}  // namespace kosim
