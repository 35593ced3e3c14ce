// The model's runner: the scheduler over the World, recording each step's changes.
#include "runner/runner.h"

#include "runner/model_backend.h"

namespace kosim {

Runner::Runner(std::shared_ptr<const Program> program, std::size_t max_steps)
    : program_(std::move(program)), max_steps_(max_steps) {
    ModelBackend backend(state_.world);
    std::string error;
    Scheduler<ModelBackend>(*program_, state_, backend, max_steps_).start(error);  // the model starts any process
}

StepRecord Runner::step(bool record_changes) {
    model::ChangeLog log;
    state_.world.set_change_log(record_changes ? &log : nullptr);
    ModelBackend backend(state_.world);
    state_.world.forget_removed_entries();
    StepRecord record = Scheduler<ModelBackend>(*program_, state_, backend, max_steps_).step();
    state_.world.set_change_log(nullptr);
    // A variable whose entry this step closed no longer names anything, even when a later entry
    // gets the same value (the lowest free slot is reused). An entry back at the value in the same
    // step (DuplicateHandle with DUPLICATE_CLOSE_SOURCE within one process) keeps its names.
    for (const auto& removed : state_.world.removed_entries()) {
        const model::Process* process = state_.world.process(removed.pid);
        if (!process || state_.world.entry(removed.pid, removed.handle)) continue;
        auto vars = state_.variables.find(process->name);
        if (vars == state_.variables.end()) continue;
        for (const auto& [name, value] : vars->second)
            if (value.kind == Value::Kind::Handle && value.number == removed.handle.raw) state_.closed_variables[process->name].insert(name);
    }
    if (record_changes) {
        log.coalesce();
        record.changes = std::move(log.changes);
    }
    return record;
}

}  // namespace kosim
