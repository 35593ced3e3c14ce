// Random scenarios for differential testing (kosim crosscheck --random): processes, handles,
// inheritance, duplication, pipes, mailslots, events, mutexes, semaphores and the environment, run
// by both the model and real Win32 (Wine on Linux). One statement per line, so a scenario that shows
// a mismatch can be shrunk line by line to the smallest one that still shows it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace kosim::compare {

struct RandomScenarioOptions {
    std::uint64_t seed = 1;
    std::size_t statements = 30;   // calls to aim for; the run may end sooner when no candidate fits
};

struct RandomScenario {
    std::uint64_t seed = 0;
    std::vector<std::string> processes;    // declared at the start ("process A")
    std::vector<std::string> statements;   // one statement per line, in order
    std::string text() const;              // the .kos file
};

// A scenario from `options.seed` alone (the same seed gives the same text on every platform). Every
// statement is one the model runs to completion: no call waits, no process is used after it exits,
// no run-time error; a handle value is used only in the process whose table gives it a meaning (its
// own, inherited, or duplicated into it), so what the platform does with a stale value never enters.
RandomScenario random_scenario(const RandomScenarioOptions& options);

// Whether `text` parses and the model runs it to its end with every call completing: the generator's
// test for a candidate statement.
bool model_runs_to_completion(const std::string& text);

// The smallest scenario found by dropping statements (chunks first, then single lines) for which
// `still_fails` holds; a candidate that does not parse is never tried. At most `max_tries` calls of
// `still_fails` (each may run a native process).
RandomScenario shrink_scenario(const RandomScenario& failing, const std::function<bool(const RandomScenario&)>& still_fails,
                               std::size_t max_tries = 100);

}  // namespace kosim::compare
