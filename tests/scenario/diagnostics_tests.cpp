// format_diagnostic and closest_match: the exact text a user sees.
#include <doctest/doctest.h>

#include <string>

#include "scenario/diagnostics.h"

using kosim::Diagnostic;
using kosim::format_diagnostic;

namespace {

Diagnostic at(std::uint32_t line, std::uint32_t column, std::uint32_t length, std::string message, std::string suggestion = {}) {
    Diagnostic d;
    d.location = {line, column};
    d.length = length;
    d.message = std::move(message);
    d.suggestion = std::move(suggestion);
    return d;
}

}  // namespace

TEST_CASE("a diagnostic: location, message, suggestion, the line and a caret run") {
    const std::string source = "process Receiver\nReceiver: hSlot = CreateMailSlot(\"x\")\n";
    CHECK(format_diagnostic(at(2, 19, 14, "unknown call 'CreateMailSlot'", "CreateMailslot"), source, "demo.kos") ==
          "demo.kos:2:19: error: unknown call 'CreateMailSlot'; did you mean 'CreateMailslot'?\n"
          "    2 | Receiver: hSlot = CreateMailSlot(\"x\")\n"
          "      |                   ^~~~~~~~~~~~~~\n");
}

TEST_CASE("severity words: error, warning, note") {
    Diagnostic d = at(1, 1, 1, "m");
    d.severity = Diagnostic::Severity::Warning;
    CHECK(format_diagnostic(d, "x", "f") == "f:1:1: warning: m\n    1 | x\n      | ^\n");
    d.severity = Diagnostic::Severity::Note;
    CHECK(format_diagnostic(d, "x", "f") == "f:1:1: note: m\n    1 | x\n      | ^\n");
}

TEST_CASE("a diagnostic without a line is one line") {
    CHECK(format_diagnostic(at(0, 0, 1, "the scenario has no statements"), "", "e.kos") == "e.kos: error: the scenario has no statements\n");
    CHECK(format_diagnostic(at(9, 1, 1, "past the end"), "one line", "e.kos") == "e.kos:9:1: error: past the end\n");
}

TEST_CASE("the caret can point just past the end of the line") {
    CHECK(format_diagnostic(at(1, 15, 1, "expected ')'"), "CloseHandle(h\n", "f") ==
          "f:1:15: error: expected ')'\n    1 | CloseHandle(h\n      |              ^\n");
}

TEST_CASE("tabs are expanded in the line and the caret line alike") {
    CHECK(format_diagnostic(at(1, 4, 1, "m"), "\tx\ty", "f") == "f:1:4: error: m\n    1 |         x       y\n      |                 ^\n");
}

TEST_CASE("CRLF endings and a UTF-8 BOM do not show") {
    CHECK(format_diagnostic(at(1, 1, 2, "m"), "\xEF\xBB\xBF" "ab\r\ncd\r\n", "f") == "f:1:1: error: m\n    1 | ab\n      | ^~\n");
    CHECK(format_diagnostic(at(2, 2, 1, "m"), "ab\r\ncd\r\n", "f") == "f:2:2: error: m\n    2 | cd\n      |  ^\n");
}

TEST_CASE("control bytes, invalid UTF-8 and bidi marks are spelt out; the caret stays aligned") {
    CHECK(format_diagnostic(at(1, 3, 1, "m"), std::string("a\0b", 3), "f") == "f:1:3: error: m\n    1 | a<U+0000>b\n      |          ^\n");
    CHECK(format_diagnostic(at(1, 2, 1, "m"), "\xFFz", "f") == "f:1:2: error: m\n    1 | <FF>z\n      |     ^\n");
    CHECK(format_diagnostic(at(1, 4, 1, "m"), "\xE2\x80\xAEx", "f") == "f:1:4: error: m\n    1 | <U+202E>x\n      |         ^\n");
}

TEST_CASE("Korean text takes two columns a character") {
    CHECK(format_diagnostic(at(1, 9, 1, "m"), "\"한\" + x", "f") == "f:1:9: error: m\n    1 | \"한\" + x\n      |        ^\n");
}

TEST_CASE("a very long line shows a window around the column") {
    std::string line(10'000'000, 'a');
    line.replace(5'000'000, 3, "BAD");
    const std::string text = format_diagnostic(at(1, 5'000'001, 3, "m"), line, "f");
    CHECK(text.size() < 600);
    CHECK(text.find("| ...") != std::string::npos);
    CHECK(text.find("BAD") != std::string::npos);
    // The caret sits under BAD.
    const std::size_t echo = text.find("    1 | ");
    const std::size_t caret_line = text.find("      | ", echo + 1);
    const std::size_t bad = text.find("BAD") - (echo + 8);
    CHECK(text.substr(caret_line + 8) == std::string(bad, ' ') + "^~~\n");
}

TEST_CASE("line numbers wider than five digits keep the gutter aligned") {
    std::string source(123'456, '\n');
    source += "x";
    CHECK(format_diagnostic(at(123'457, 1, 1, "m"), source, "f") == "f:123457:1: error: m\n123457 | x\n       | ^\n");
}

TEST_CASE("closest_match: case-insensitive, small edit distance, nothing when far") {
    const std::vector<std::string_view> calls = {"CreateFile", "CreateMailslot", "CloseHandle"};
    CHECK(kosim::closest_match("CreateMailSlot", calls) == "CreateMailslot");
    CHECK(kosim::closest_match("CreatFile", calls) == "CreateFile");
    CHECK(kosim::closest_match("ClsoeHandle", calls) == "CloseHandle");   // a swap counts once
    CHECK(kosim::closest_match("WriteFile", calls) == "");
    CHECK(kosim::closest_match("", calls) == "");
    CHECK(kosim::closest_match("x", {"y", "X"}) == "X");
    CHECK(kosim::closest_match("x", {"y"}) == "");
    CHECK(kosim::closest_match(std::string(100'000, 'a'), calls) == "");
}
