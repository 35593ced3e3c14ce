// The built-in scenarios (assets/scenarios/*.kos), compiled into the binary so kosim works from any
// folder; and loading a scenario given by built-in name or by path.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "scenario/parser.h"

namespace kosim {

struct BuiltinScenario {
    std::string_view name;       // file stem: "03-worked-example"
    std::string_view source;     // the file's text
};

std::span<const BuiltinScenario> builtin_scenarios();   // sorted by name
const BuiltinScenario* find_builtin_scenario(std::string_view name);  // full stem, or a unique prefix like "03"
inline constexpr std::string_view default_scenario_name = "03-worked-example";

struct LoadedScenario {
    std::string file_name;       // the path, or "builtin:NAME"
    std::string source;
    ParseResult parsed;
    std::string error;           // a file that could not be read: "cannot open 'x.kos': No such file or directory"
    bool ok() const { return error.empty() && parsed.ok(); }
};

// A path (anything that names an existing file or ends in .kos) or a built-in's name.
LoadedScenario load_scenario(std::string_view name_or_path);

}  // namespace kosim
