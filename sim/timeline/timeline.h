// The whole run as history plus a cursor: position p is the state after p steps (0 = the start).
// Seeking restores the nearest checkpoint and replays deterministically, so a run of millions of
// steps keeps only a 32-byte summary per step and a state copy at checkpoints spaced by the work
// since the last one: at least `checkpoint_interval` steps, at least as many steps as the state
// has parts (processes, chunks of handle entries and objects, variables, ...) and as slots were
// copied since (checkpoints share unchanged chunks), so checkpoints together cost memory linear
// in the run, whatever the world's size (docs/benchmarks.md).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "runner/runner.h"

namespace kosim {

struct TimelineOptions {
    std::size_t checkpoint_interval = 512;      // the fewest steps between two checkpoints
    std::size_t max_steps = 10'000'000;     // a run longer than this ends with an error step
    // A memory budget: after every step the heap the run has grown by since it started,
    // memory_in_use() minus its value at the start, is compared with max_memory, and a run over it
    // ends with an error step instead of exhausting the machine. sim/ cannot see the heap, so the
    // program supplies the probe (the command line counts its operator new); no probe, no budget.
    std::size_t max_memory = std::size_t{2} << 30;    // 2 GiB: no lesson comes near it
    std::function<std::size_t()> memory_in_use;
};

// One line per step, kept for every step of the run (32 bytes: a million steps cost 32 MB).
struct StepSummary {
    std::uint64_t result = 0;               // the return value's number (0 for none)
    std::size_t statement = no_statement;
    model::Pid pid = 0;
    std::uint32_t last_error = 0;
    StepRecord::Kind kind = StepRecord::Kind::Statement;
    bool blocked = false;                   // the call put its process into a waiting state
    bool has_error = false;
};

class Timeline {
public:
    // Runs the program to its end and records it.
    explicit Timeline(std::shared_ptr<const Program> program, TimelineOptions options = {});

    const Program& program() const { return *program_; }
    std::size_t step_count() const { return summaries_.size(); }
    const StepSummary& summary(std::size_t step) const { return summaries_.at(step - 1); }  // step in 1..step_count

    // The state after `position` steps (0..step_count; beyond: the end), as a value of its own: a
    // later seek never changes an earlier result. Const, but not for concurrent use (one cursor).
    RunState state_at(std::size_t position) const;
    // The full record of step `step` (1..step_count), changes included.
    StepRecord record(std::size_t step) const;
    // How many state copies the timeline keeps (for tests and benchmarks).
    std::size_t checkpoint_count() const { return checkpoints_.size(); }

    // Every expectation outcome of the run, in step order, with the step that checked it.
    struct CheckedExpectation { std::size_t step; ExpectationResult result; };
    const std::vector<CheckedExpectation>& expectations() const { return expectations_; }
    bool all_expectations_passed() const;
    // The deadlock step, if the run ended in one.
    std::optional<std::size_t> deadlock_step() const { return deadlock_step_; }
    // Steps that carry a run-time error.
    const std::vector<std::size_t>& error_steps() const { return error_steps_; }
    // Passed: every expectation held, no run-time error, and a deadlock only where `expect deadlock` asked for one.
    bool passed() const;

    // The first step that ran statement `statement`, if any (for "click a line to seek").
    std::optional<std::size_t> step_of_statement(std::size_t statement) const;

private:
    struct Checkpoint {
        std::size_t position = 0;
        RunState state;
    };
    void seek(std::size_t position) const;

    std::shared_ptr<const Program> program_;
    TimelineOptions options_;
    std::vector<StepSummary> summaries_;
    std::vector<Checkpoint> checkpoints_;          // by position; the first is the start
    std::vector<CheckedExpectation> expectations_;
    std::vector<std::size_t> error_steps_;
    std::optional<std::size_t> deadlock_step_;
    std::vector<std::uint32_t> first_step_of_statement_;   // statement -> first step that ran it (0 = none)
    std::string cut_error_;                        // why the run was cut short (the last step's error), if it was
    // The replay cursor: moving it changes no observable result, so const queries may move it.
    mutable Runner cursor_;                        // positioned at cursor_position_
    mutable std::size_t cursor_position_ = 0;
};

}  // namespace kosim
