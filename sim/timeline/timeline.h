// The whole run as history plus a cursor: position p is the state after p steps (0 = the start).
// Seeking restores the nearest checkpoint and replays deterministically, so a run of millions of
// steps keeps only a compact summary per step and a world copy every `checkpoint_interval` steps.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <vector>

#include "runner/runner.h"

namespace kosim {

struct TimelineOptions {
    std::size_t checkpoint_interval = 512;
    std::size_t max_steps = 10'000'000;     // a run longer than this ends with an error step
};

// One line per step, kept for every step of the run.
struct StepSummary {
    StepRecord::Kind kind = StepRecord::Kind::Statement;
    std::size_t statement = no_statement;
    model::Pid pid = 0;
    bool blocked = false;                   // the call put its process into a waiting state
    bool has_error = false;
    std::uint32_t last_error = 0;
    std::uint64_t result = 0;               // the return value's number (0 for none)
};

class Timeline {
public:
    // Runs the program to its end and records it.
    explicit Timeline(std::shared_ptr<const Program> program, TimelineOptions options = {});

    const Program& program() const { return *program_; }
    std::size_t step_count() const { return summaries_.size(); }
    const StepSummary& summary(std::size_t step) const { return summaries_.at(step - 1); }  // step in 1..step_count

    // The state after `position` steps (0..step_count); the reference lives until the next seek.
    const RunState& state_at(std::size_t position);
    // The full record of step `step` (1..step_count), changes included.
    const StepRecord& record(std::size_t step);

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
    void seek(std::size_t position);

    std::shared_ptr<const Program> program_;
    TimelineOptions options_;
    std::vector<StepSummary> summaries_;
    std::vector<RunState> checkpoints_;            // checkpoints_[i] = state at i * interval
    std::vector<CheckedExpectation> expectations_;
    std::vector<std::size_t> error_steps_;
    std::optional<std::size_t> deadlock_step_;
    Runner cursor_;                                // positioned at cursor_position_
    std::size_t cursor_position_ = 0;
    std::optional<StepRecord> record_;             // record of step cursor_position_ (when produced)
    std::size_t record_step_ = 0;
    std::vector<std::size_t> first_step_of_statement_;   // statement -> first step that ran it (0 = none)
    bool truncated_ = false;
};

}  // namespace kosim
