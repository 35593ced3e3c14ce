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
    StepRecord record = Scheduler<ModelBackend>(*program_, state_, backend, max_steps_).step();
    state_.world.set_change_log(nullptr);
    if (record_changes) {
        log.coalesce();
        record.changes = std::move(log.changes);
    }
    return record;
}

}  // namespace kosim
