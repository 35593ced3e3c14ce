// Issue 12: the random scenario generator and shrinker behind `kosim crosscheck --random`.
#include <doctest/doctest.h>

#include <algorithm>
#include <regex>
#include <set>
#include <string>

#include "compare/random_scenario.h"
#include "runner/runner.h"
#include "scenario/parser.h"

using namespace kosim;
using namespace kosim::compare;

namespace {

bool has_line_containing(const RandomScenario& s, const std::string& text) {
    return std::any_of(s.statements.begin(), s.statements.end(), [&](const std::string& l) { return l.find(text) != std::string::npos; });
}

}  // namespace

TEST_CASE("a random scenario depends on its seed alone") {
    const RandomScenario a = random_scenario({7, 30});
    const RandomScenario b = random_scenario({7, 30});
    const RandomScenario c = random_scenario({8, 30});
    CHECK(a.text() == b.text());
    CHECK(a.text() != c.text());
    CHECK(a.text().find("seed 7") != std::string::npos);
}

TEST_CASE("every random scenario parses and runs in the model with no call waiting") {
    std::size_t short_ones = 0;
    for (std::uint64_t seed = 1; seed <= 150; ++seed) {
        const RandomScenario s = random_scenario({seed, 30});
        INFO("seed " << seed << "\n" << s.text());
        const ParseResult parsed = parse_scenario(s.text(), "random.kos");
        REQUIRE(parsed.ok());
        CHECK(parsed.program->statements.size() == s.statements.size());
        CHECK(model_runs_to_completion(s.text()));
        CHECK(s.statements.size() <= 30 + 1);   // a candidate adds at most two lines past the aim
        if (s.statements.size() < 25) ++short_ones;
    }
    CHECK(short_ones < 10);   // the generator almost always finds enough calls that fit
}

TEST_CASE("random scenarios cover the lessons' calls: inheritance, duplication, pipes, mailslots, the environment") {
    std::set<std::string> seen;
    const char* wanted[] = {"CreateProcess(", "bInheritHandles=TRUE", "bInheritHandles=FALSE", "DuplicateHandle(", "DUPLICATE_CLOSE_SOURCE",
                            "OpenProcess(", "CreatePipe(", "CreateMailslot(", "CreateFile(", "WriteFile(", "ReadFile(", "CreateEvent(",
                            "OpenEvent(", "CreateMutex(", "ReleaseMutex(", "CreateSemaphore(", "ReleaseSemaphore(", "WaitForSingleObject(",
                            "WaitForMultipleObjects(", "SetHandleInformation(", "GetHandleInformation(", "CloseHandle(", "ExitProcess(",
                            "GetExitCodeProcess(", "SetEnvironmentVariable(", "GetEnvironmentVariable("};
    bool child_uses_inherited = false, target_uses_duplicate = false;
    for (std::uint64_t seed = 1; seed <= 60; ++seed) {
        const RandomScenario s = random_scenario({seed, 30});
        for (const char* w : wanted)
            if (has_line_containing(s, w)) seen.insert(w);
        for (const std::string& l : s.statements) {
            // A child naming its parent's variable: a value it inherited.
            if ((l.starts_with("C: ") || l.starts_with("D: ")) && (l.find("=A.h") != std::string::npos || l.find("=B.h") != std::string::npos))
                child_uses_inherited = true;
            // A process naming another's hCopy variable: a value duplicated into its table.
            if (l.find(".hCopy") != std::string::npos) target_uses_duplicate = true;
        }
    }
    for (const char* w : wanted) CHECK_MESSAGE(seen.count(w), w);
    CHECK(child_uses_inherited);
    CHECK(target_uses_duplicate);
}

TEST_CASE("shrinking keeps a failure with the fewest statements: each one left is needed") {
    // The "failure": the scenario still contains the first ReleaseMutex line of seed 3's scenario.
    RandomScenario failing;
    std::string target;
    for (std::uint64_t seed = 1; target.empty() && seed < 100; ++seed) {
        failing = random_scenario({seed, 30});
        for (const std::string& l : failing.statements)
            if (l.find("ReleaseMutex(") != std::string::npos) {
                target = l;
                break;
            }
    }
    REQUIRE(!target.empty());
    auto still_fails = [&](const RandomScenario& s) { return std::find(s.statements.begin(), s.statements.end(), target) != s.statements.end(); };
    const RandomScenario smallest = shrink_scenario(failing, still_fails, 1000);
    INFO(smallest.text());
    CHECK(still_fails(smallest));
    CHECK(smallest.statements.size() < failing.statements.size());
    CHECK(parse_scenario(smallest.text(), "min.kos").ok());
    // 1-minimal: dropping any one statement either breaks the scenario or loses the failure.
    for (std::size_t i = 0; i < smallest.statements.size(); ++i) {
        RandomScenario fewer = smallest;
        fewer.statements.erase(fewer.statements.begin() + static_cast<std::ptrdiff_t>(i));
        CHECK_FALSE((parse_scenario(fewer.text(), "fewer.kos").ok() && still_fails(fewer)));
    }
}

TEST_CASE("shrinking stops after its budget of tries") {
    const RandomScenario failing = random_scenario({5, 30});
    std::size_t calls = 0;
    shrink_scenario(failing, [&](const RandomScenario&) { ++calls; return false; }, 7);
    CHECK(calls == 7);
}

// Runs the random scenarios of seeds 1..last in the model and calls `each(scenario, line index,
// its step record)` for every statement, in order.
template <class Each> void for_each_statement(std::uint64_t last, Each each) {
    for (std::uint64_t seed = 1; seed <= last; ++seed) {
        const RandomScenario s = random_scenario({seed, 30});
        INFO("seed " << seed << "\n" << s.text());
        const ParseResult parsed = parse_scenario(s.text(), "random.kos");
        REQUIRE(parsed.ok());
        Runner runner(parsed.program, 100'000);
        for (std::size_t i = 0; i < s.statements.size() && !runner.finished(); ++i) each(s, i, runner.step(false));
    }
}

TEST_CASE("a random scenario never uses a handle whose creation failed in the model") {
    // Seed 8 once duplicated the INVALID_HANDLE_VALUE a failed CreateFile left in hClient: -1 is the
    // caller's pseudo-handle, so the scenario tested how -1 is read, not the call it meant.
    const std::regex made(R"((?:^\w+: |&)(h\w+|pi\w+)\b)");
    std::size_t failures_seen = 0;
    for_each_statement(120, [&](const RandomScenario& s, std::size_t i, const StepRecord& record) {
        const Value& result = record.outcome.result;
        const bool failed = result.is_number() && (result.number == 0 || (result.kind == Value::Kind::Handle && result.number == ~std::uint64_t{0}));
        if (!failed) return;
        const std::string& line = s.statements[i];
        for (std::sregex_iterator m(line.begin(), line.end(), made), end; m != end; ++m) {
            const std::regex use("\\b" + (*m)[1].str() + "\\b");
            ++failures_seen;
            for (std::size_t later = i + 1; later < s.statements.size(); ++later)
                CHECK_MESSAGE(!std::regex_search(s.statements[later], use), "line " << later + 1 << " uses " << (*m)[1].str()
                                                                                    << ", which line " << i + 1 << " failed to make");
        }
    });
    CHECK(failures_seen > 0);   // failing creations are still generated (a closed mailslot, a lost name)
}

TEST_CASE("a random wait-all never names one object twice (a known Wine difference whose effects last)") {
    std::size_t wait_alls = 0;
    for_each_statement(200, [&](const RandomScenario& s, std::size_t i, const StepRecord& record) {
        if (s.statements[i].find("bWaitAll=TRUE") == std::string::npos) return;
        ++wait_alls;
        // The model refuses one object twice with ERROR_INVALID_PARAMETER (ReactOS obwait.c).
        CHECK_MESSAGE(record.outcome.last_error != 87, "line " << i + 1 << ": " << s.statements[i]);
    });
    CHECK(wait_alls > 0);
}
