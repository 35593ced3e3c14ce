// Built-in scenarios and load_scenario: by path, by name or prefix, and the errors for each way it fails.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "scenario/builtin.h"

using namespace kosim;

TEST_CASE("built-ins are sorted and each is found by its full name") {
    auto all = builtin_scenarios();
    for (std::size_t i = 1; i < all.size(); ++i) CHECK(all[i - 1].name < all[i].name);
    for (const BuiltinScenario& scenario : all) {
        const BuiltinScenario* found = find_builtin_scenario(scenario.name);
        REQUIRE(found != nullptr);
        CHECK(found->name == scenario.name);
    }
    CHECK(find_builtin_scenario("") == nullptr);
    CHECK(find_builtin_scenario("no-such-scenario-anywhere") == nullptr);
}

TEST_CASE("a prefix finds a built-in only when exactly one starts with it") {
    auto all = builtin_scenarios();
    for (const BuiltinScenario& scenario : all) {
        std::string_view prefix = scenario.name.substr(0, 2);
        std::size_t count = 0;
        for (const BuiltinScenario& other : all) count += other.name.substr(0, 2) == prefix;
        const BuiltinScenario* found = find_builtin_scenario(prefix);
        if (count == 1) {
            REQUIRE(found != nullptr);
            CHECK(found->name == scenario.name);
        } else if (prefix != scenario.name) {
            CHECK((found == nullptr || found->name == prefix));
        }
    }
}

TEST_CASE("load_scenario: errors for a missing file, a folder and an unknown name") {
    LoadedScenario missing = load_scenario("surely-missing-file.kos");
    CHECK_FALSE(missing.ok());
    CHECK(missing.error == "cannot open 'surely-missing-file.kos': No such file or directory");
    const std::string folder = (std::filesystem::path(KOSIM_SOURCE_DIR) / "tests" / "scenario").string();
    LoadedScenario directory = load_scenario(folder);
    CHECK(directory.error == "'" + folder + "' is a folder, not a scenario file");
    LoadedScenario unknown = load_scenario("zz-no-such-builtin");
    CHECK(unknown.error == "unknown scenario 'zz-no-such-builtin': no such file and no built-in by that name (`kosim list` shows them)");
}

TEST_CASE("load_scenario: a file is read byte for byte and parsed under its path") {
    const std::filesystem::path path = std::filesystem::temp_directory_path() / "kosim-scenario-test.kos";
    {
        std::ofstream out(path, std::ios::binary);
        out << "process P\r\nP: Sleep(1)\r\n";
    }
    LoadedScenario loaded = load_scenario(path.string());
    std::filesystem::remove(path);
    CHECK(loaded.error == "");
    CHECK(loaded.file_name == path.string());
    CHECK(loaded.source == "process P\r\nP: Sleep(1)\r\n");
    REQUIRE(loaded.ok());
    CHECK(loaded.parsed.program->file_name == path.string());
    CHECK(loaded.parsed.program->statements.size() == 1);
}

TEST_CASE("load_scenario: a built-in by name") {
    auto all = builtin_scenarios();
    if (all.empty()) return;
    LoadedScenario loaded = load_scenario(all.front().name);
    CHECK(loaded.error == "");
    CHECK(loaded.file_name == "builtin:" + std::string(all.front().name));
    CHECK(loaded.source == all.front().source);
}
