// Compiler-style diagnostics: "file:line:col: error: message", the source line, a caret under
// the offending text, and a "did you mean" suggestion where one is close.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "program/program.h"

namespace kosim {

struct Diagnostic {
    enum class Severity : std::uint8_t { Error, Warning, Note };
    Severity severity = Severity::Error;
    SourceLocation location;
    std::uint32_t length = 1;     // bytes the caret run covers
    std::string message;          // "unknown call 'CreateMailSlot'"
    std::string suggestion;       // "CreateMailslot" (shown as "did you mean 'CreateMailslot'?"), or ""
};

// The diagnostic as a compiler prints it, three lines (or two when the line is not in the source):
//   demo.kos:4:11: error: unknown call 'CreateMailSlot'; did you mean 'CreateMailslot'?
//       4 | Receiver: hSlot = CreateMailSlot("\\.\mailslot\demo")
//         |                   ^~~~~~~~~~~~~~
std::string format_diagnostic(const Diagnostic& diagnostic, std::string_view source, std::string_view file_name);

// The closest candidate within a small edit distance (case-insensitive), or "".
std::string closest_match(std::string_view word, const std::vector<std::string_view>& candidates);

}  // namespace kosim
