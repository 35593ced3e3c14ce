// Regression tests for loading and lexing scenarios, each named after the bug it fixes (issue 12).
#include <doctest/doctest.h>

#include <cstdio>
#include <filesystem>
#include <string>

#ifndef _WIN32
#include <sys/stat.h>
#include <unistd.h>
#endif

#include "scenario/builtin.h"
#include "scenario/parser.h"

using namespace kosim;

namespace {

std::string first_error(const std::string& source) {
    ParseResult parsed = parse_scenario(source, "nul.kos");
    for (const Diagnostic& d : parsed.diagnostics)
        if (d.severity == Diagnostic::Severity::Error) return format_diagnostic(d, source, "nul.kos");
    return "";
}

}  // namespace

TEST_CASE("regression: a NUL inside an identifier was diagnosed as an unknown variable 'Crea'") {
    const std::string source = std::string("process P\nP: h = Crea") + '\0' + "teEvent(FALSE, FALSE)\n";
    const std::string message = first_error(source);
    CHECK(message.rfind("nul.kos:2:8: error: a NUL byte (0x00) inside the name 'Crea\\0teEvent'\n", 0) == 0);
    // The caret covers the whole word, NUL included.
    CHECK(message.find("^~~~~~~~~~~~") != std::string::npos);
}

TEST_CASE("regression: a NUL inside a process name cut the name short") {
    const std::string source = std::string("process P") + '\0' + "Q\n";
    CHECK(first_error(source).rfind("nul.kos:1:9: error: a NUL byte (0x00) inside the name 'P\\0Q'\n", 0) == 0);
}

TEST_CASE("regression: a UTF-16 scenario file is named as such") {
    std::string source;
    for (char c : std::string("process P\n")) source += std::string(1, c) + '\0';
    CHECK(first_error(source).find("is the file UTF-16? Save it as UTF-8") != std::string::npos);
}

#ifndef _WIN32
TEST_CASE("regression: kosim run /dev/zero said 'the scenario has no statements'") {
    LoadedScenario loaded = load_scenario("/dev/zero");
    CHECK(loaded.error == "'/dev/zero' is a character device, not a regular file; a scenario must be a regular file");
    CHECK_FALSE(loaded.ok());
}

TEST_CASE("regression: kosim run on a FIFO with no writer blocked forever in open()") {
    const std::string path = (std::filesystem::temp_directory_path() / ("kosim-fifo-" + std::to_string(::getpid()))).string();
    std::remove(path.c_str());
    REQUIRE(::mkfifo(path.c_str(), 0600) == 0);
    // Nobody writes: a blocking open() would hang here (CTest's time-out would then fail the test).
    LoadedScenario loaded = load_scenario(path);
    std::remove(path.c_str());
    CHECK(loaded.error == "'" + path + "' is a named pipe (FIFO), not a regular file; a scenario must be a regular file");
}
#endif
