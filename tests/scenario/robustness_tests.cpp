// Whatever the bytes, parse_scenario returns (a Program or diagnostics), never crashes, and is fast.
#include <doctest/doctest.h>

#include <chrono>
#include <random>
#include <string>

#include "scenario/parser.h"

using namespace kosim;

namespace {

using Clock = std::chrono::steady_clock;
constexpr auto time_limit = std::chrono::seconds(10);   // generous: sanitizer and debug builds

// Every diagnostic formats, and a failed parse says why.
void check_sane(const ParseResult& result, std::string_view source) {
    CHECK((result.ok() || !result.diagnostics.empty()));
    std::size_t errors = 0;
    for (const Diagnostic& d : result.diagnostics) {
        if (d.severity == Diagnostic::Severity::Error) ++errors;
        const std::string text = format_diagnostic(d, source, "fuzz.kos");
        CHECK(text.size() < 4096);
    }
    CHECK(errors <= 51);
}

}  // namespace

TEST_CASE("random bytes and random token soup: thousands of inputs, no crash") {
    std::mt19937 random(20240607);
    const std::string pieces[] = {"process ", "P", "Q", ": ", "= ", "CreateFile", "CreateProcess", "(", ")", ",", "&", "\"", "r\"",
                                  "\\", "#", "\n", "\r\n", " ", "\t", "expect ", "say ", "say.ko ", "scenario ", "deadlock",
                                  "usage", "state", "hex", "0x", "99999999999999999999", "-", "|", "+", "==", "GENERIC_READ",
                                  "pi.hProcess", "Child", "\"Child\"", ".", "\xEF\xBB\xBF", "\xFF", std::string(1, '\0'), "한"};
    const auto start = Clock::now();
    for (int round = 0; round < 3000; ++round) {
        std::string input;
        const std::size_t length = random() % 400;
        if (round % 2 == 0) {
            for (std::size_t i = 0; i < length; ++i) input += static_cast<char>(random() & 0xFF);
        } else {
            for (std::size_t i = 0; i < length / 4; ++i) input += pieces[random() % std::size(pieces)];
        }
        INFO("round ", round);
        ParseResult result = parse_scenario(input, "fuzz.kos");
        check_sane(result, input);
    }
    CHECK(Clock::now() - start < time_limit);
}

TEST_CASE("a 10 MB line") {
    std::string source = "process P\nP: x = \"" + std::string(10'000'000, 'a') + "\" + hFile\n";
    auto start = Clock::now();
    ParseResult result = parse_scenario(source, "big.kos");
    REQUIRE(result.diagnostics.size() == 1);
    CHECK(result.diagnostics[0].message == "'hFile' is not set in P before this line");
    CHECK(format_diagnostic(result.diagnostics[0], source, "big.kos").size() < 600);
    std::string words = "process P\nP: x = " + std::string(10'000'000, 'b');
    ParseResult garbage = parse_scenario(words, "big.kos");
    CHECK(garbage.diagnostics.size() == 1);
    std::string punctuation = "process P\n" + std::string(10'000'000, '@');
    CHECK(parse_scenario(punctuation, "big.kos").diagnostics.size() == 1);
    std::string unterminated = "process P\nP: x = \"" + std::string(10'000'000, '\\');
    CHECK(parse_scenario(unterminated, "big.kos").diagnostics.at(0).message == "unterminated string");
    CHECK(Clock::now() - start < time_limit);
}

TEST_CASE("100k lines, valid and invalid") {
    std::string source = "process P\n";
    for (int i = 0; i < 100'000; ++i) source += (i % 1000 == 0 ? "P: h" + std::to_string(i) : std::string("P: h")) + " = CreateEvent(NULL, TRUE, FALSE)\n";
    auto start = Clock::now();
    ParseResult result = parse_scenario(source, "long.kos");
    CHECK(result.ok());
    CHECK(result.program->statements.size() == 100'000);
    std::string bad = "process P\n";
    for (int i = 0; i < 100'000; ++i) bad += "P: CloseHandle(nothing)\n";
    ParseResult failed = parse_scenario(bad, "long.kos");
    CHECK(failed.diagnostics.size() == 51);
    std::string blank(100'000, '\n');
    CHECK(parse_scenario(blank, "blank.kos").diagnostics.at(0).message == "the scenario has no statements");
    CHECK(Clock::now() - start < time_limit);
}

TEST_CASE("nesting 100k deep: parentheses, builtins and calls") {
    auto start = Clock::now();
    for (const std::string& open : {std::string("("), std::string("hex("), std::string("GetStdHandle("), std::string("usage(")}) {
        std::string source = "process P\nP: Sleep(1)\n" + std::string(open == "usage(" ? "expect " : "P: x = ");
        for (int i = 0; i < 100'000; ++i) source += open;
        source += "1";
        ParseResult result = parse_scenario(source, "deep.kos");
        REQUIRE_FALSE(result.ok());
        CHECK(result.diagnostics.at(0).message == "expression nested too deeply (more than 200 levels)");
    }
    CHECK(Clock::now() - start < time_limit);
}

TEST_CASE("NUL bytes, invalid UTF-8, a lone CR, and only a BOM") {
    for (std::string source : {std::string("\0\0\0", 3), std::string("\xC3\x28\xA0\xA1"), std::string("\r"),
                               std::string("\xEF\xBB\xBF"), std::string("process P\nP: x = \"\xFF\xFE\"\n"),
                               std::string("process P\rP: Sleep(1)\r")}) {
        ParseResult result = parse_scenario(source, "odd.kos");
        check_sane(result, source);
    }
    // Invalid UTF-8 inside a string passes through as bytes.
    ParseResult bytes = parse_scenario("process P\nP: x = \"\xFF\xFE\"\n", "odd.kos");
    REQUIRE(bytes.ok());
    CHECK(bytes.program->statements.at(0).value.text == "\xFF\xFE");
}
