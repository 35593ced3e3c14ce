// The malformed corpus: every tests/scenario/malformed/X.kos gives exactly the diagnostics in X.expected.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "scenario/parser.h"

namespace {

std::string read_all(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace

TEST_CASE("malformed corpus: each file gives its expected diagnostics, word for word") {
    const std::filesystem::path folder = std::filesystem::path(KOSIM_SOURCE_DIR) / "tests" / "scenario" / "malformed";
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(folder))
        if (entry.path().extension() == ".kos") files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    REQUIRE(files.size() >= 15);
    for (const auto& file : files) {
        const std::string name = file.filename().string();
        INFO("scenario: ", name);
        const std::string source = read_all(file);
        std::filesystem::path expected_path = file;
        expected_path.replace_extension(".expected");
        REQUIRE(std::filesystem::exists(expected_path));
        const kosim::ParseResult result = kosim::parse_scenario(source, name);
        std::string output;
        for (const auto& diagnostic : result.diagnostics) output += kosim::format_diagnostic(diagnostic, source, name);
        CHECK(output == read_all(expected_path));
        CHECK_FALSE(result.ok());
    }
}
