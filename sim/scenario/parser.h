// Turns scenario text (.kos) into a Program, or into diagnostics. Never throws, never crashes and
// never hangs, whatever the bytes: every byte sequence gives a Program or at least one error.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "program/program.h"
#include "scenario/diagnostics.h"

namespace kosim {

struct ParseResult {
    std::shared_ptr<const Program> program;    // null when there is any error
    std::vector<Diagnostic> diagnostics;       // errors and warnings, in source order
    bool ok() const { return program != nullptr; }
};

ParseResult parse_scenario(std::string_view source, std::string file_name);

}  // namespace kosim
