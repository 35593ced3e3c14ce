// History as checkpoints plus deterministic replay: the runner is a pure function of RunState, so
// restoring the checkpoint at or before a position and stepping forward reproduces it exactly.
#include "timeline/timeline.h"

namespace kosim {

Timeline::Timeline(std::shared_ptr<const Program> program, TimelineOptions options)
    : program_(program), options_(options), cursor_(program) {
    if (options_.checkpoint_interval == 0) options_.checkpoint_interval = 1;
    first_step_of_statement_.assign(program_->statements.size(), 0);
    Runner runner(program_);
    while (!runner.finished()) {
        if (summaries_.size() % options_.checkpoint_interval == 0) checkpoints_.push_back(runner.state());
        if (summaries_.size() >= options_.max_steps) {
            // Record the cut-off as a run-time error rather than running forever.
            StepSummary summary;
            summary.kind = StepRecord::Kind::Skipped;
            summary.has_error = true;
            summaries_.push_back(summary);
            error_steps_.push_back(summaries_.size());
            truncated_ = true;
            break;
        }
        StepRecord record = runner.step(false);
        StepSummary summary;
        summary.kind = record.kind;
        summary.statement = record.statement;
        summary.pid = record.pid;
        summary.blocked = record.outcome.status == model::Outcome::Status::Blocked;
        summary.has_error = !record.error.empty();
        summary.last_error = record.outcome.last_error;
        summary.result = record.outcome.result.number;
        summaries_.push_back(summary);
        std::size_t step = summaries_.size();
        for (ExpectationResult& result : record.expectations) expectations_.push_back({step, std::move(result)});
        if (summary.has_error) error_steps_.push_back(step);
        if (record.kind == StepRecord::Kind::Deadlock) deadlock_step_ = step;
        if (record.statement != no_statement && record.kind == StepRecord::Kind::Statement &&
            first_step_of_statement_[record.statement] == 0)
            first_step_of_statement_[record.statement] = step;
    }
    cursor_.restore(checkpoints_.empty() ? Runner(program_).state() : checkpoints_.front());
    cursor_position_ = 0;
}

void Timeline::seek(std::size_t position) {
    if (position > summaries_.size()) position = summaries_.size();
    if (position == cursor_position_) return;
    std::size_t interval = options_.checkpoint_interval;
    std::size_t checkpoint = std::min(position / interval, checkpoints_.empty() ? 0 : checkpoints_.size() - 1);
    // Replay from the checkpoint unless the cursor is already between it and the target.
    if (position < cursor_position_ || cursor_position_ < checkpoint * interval) {
        cursor_.restore(checkpoints_.empty() ? Runner(program_).state() : checkpoints_[checkpoint]);
        cursor_position_ = checkpoints_.empty() ? 0 : checkpoint * interval;
    }
    while (cursor_position_ < position && !cursor_.finished()) {
        cursor_.step(false);
        ++cursor_position_;
    }
    record_.reset();
}

const RunState& Timeline::state_at(std::size_t position) {
    seek(position);
    return cursor_.state();
}

const StepRecord& Timeline::record(std::size_t step) {
    if (step == 0 || step > summaries_.size()) throw std::out_of_range("Timeline::record: no step " + std::to_string(step));
    if (record_ && record_step_ == step && cursor_position_ == step) return *record_;
    seek(step - 1);
    if (truncated_ && step == summaries_.size()) {
        StepRecord cut;
        cut.kind = StepRecord::Kind::Skipped;
        cut.error = "the run was stopped after " + std::to_string(options_.max_steps) + " steps";
        record_ = std::move(cut);
    } else {
        record_ = cursor_.step(true);
    }
    ++cursor_position_;
    record_step_ = step;
    return *record_;
}

bool Timeline::all_expectations_passed() const {
    for (const CheckedExpectation& checked : expectations_)
        if (!checked.result.passed) return false;
    return true;
}

bool Timeline::passed() const {
    if (!all_expectations_passed() || !error_steps_.empty()) return false;
    return deadlock_step_.has_value() == program_->expect_deadlock;
}

std::optional<std::size_t> Timeline::step_of_statement(std::size_t statement) const {
    if (statement >= first_step_of_statement_.size() || first_step_of_statement_[statement] == 0) return std::nullopt;
    return first_step_of_statement_[statement];
}

}  // namespace kosim
