// Runs a Program on the model one step at a time: the one scheduler (runner/scheduler.h) over the
// model backend (runner/model_backend.h), with the model's change log recorded per step.
#pragma once

#include <memory>

#include "model/world.h"
#include "program/program.h"
#include "runner/scheduler.h"

namespace kosim {

// Everything a model step depends on: the scheduler's place and the world. Copyable (checkpoints).
struct RunState : SchedulerState {
    model::World world;
};

class Runner {
public:
    explicit Runner(std::shared_ptr<const Program> program, std::size_t max_steps = default_max_steps);

    const Program& program() const { return *program_; }
    const RunState& state() const { return state_; }
    void restore(RunState state) { state_ = std::move(state); }

    bool finished() const { return state_.ended; }
    // Runs one step. `record_changes` false skips the change list (fast replay).
    StepRecord step(bool record_changes = true);

private:
    std::shared_ptr<const Program> program_;
    std::size_t max_steps_;
    RunState state_;
};

}  // namespace kosim
