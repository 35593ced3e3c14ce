// History as checkpoints plus deterministic replay: the runner is a pure function of RunState, so
// restoring the checkpoint at or before a position and stepping forward reproduces it exactly.
#include "timeline/timeline.h"

#include <algorithm>

namespace kosim {

namespace {

// The parts a copy of `state` copies, counted roughly alike: processes, chunks of handle entries
// and of live objects (copies share the chunks themselves: model/cow_slots.h), variables, and,
// counted as if copied though chunks share them too, queued messages and every 64 bytes of
// strings, file contents and buffers.
std::size_t state_parts(const RunState& state) {
    std::size_t parts = state.pids.size() + state.deferred.size() + state.blocked.size();
    for (const auto& [process, variables] : state.variables) {
        parts += 1;
        for (const auto& [name, value] : variables) parts += 1 + value.text.size() / 64;   // strings go up to 1 MiB
    }
    for (const model::Process& process : state.world.processes()) {
        parts += 1 + process.handles.chunk_count();
        for (const auto& [name, value] : process.environment) parts += 1 + (name.size() + value.size()) / 64;
    }
    parts += state.world.object_chunk_count();
    for (const model::KernelObject* object : state.world.objects()) {
        if (const auto* slot = std::get_if<model::MailslotObject>(&object->state)) parts += slot->messages.size();
        if (const auto* end = std::get_if<model::PipeEndObject>(&object->state)) parts += end->buffer.size() / 64;
    }
    for (const auto& [path, contents] : state.world.files()) parts += 1 + contents.size() / 64;
    return parts;
}

// Names the budget in MiB (or bytes below one) and where the run went over it.
std::string memory_budget_error(std::size_t budget, std::size_t steps, std::size_t line) {
    const std::size_t mib = std::size_t{1} << 20;
    const std::string amount = budget >= mib && budget % mib == 0 ? std::to_string(budget / mib) + " MiB"
                                                                   : std::to_string(budget) + " bytes";
    std::string error = "the run went over its memory budget of " + amount + " after " + std::to_string(steps) + " steps";
    if (line) error += " (at line " + std::to_string(line) + ")";
    return error + "; a larger budget: --max-memory";
}

}  // namespace

Timeline::Timeline(std::shared_ptr<const Program> program, TimelineOptions options)
    : program_(program), options_(options), cursor_(program) {
    if (options_.checkpoint_interval == 0) options_.checkpoint_interval = 1;
    first_step_of_statement_.assign(program_->statements.size(), 0);
    Runner runner(program_);
    // Spacing checkpoints by what each keeps keeps their total memory linear in the run: a
    // checkpoint of P parts is followed by at least P steps, and by at least as many steps as the
    // slots copied since it (a chunk it shares with the run is copied when a step writes into it).
    // Replaying P steps costs about what copying P parts does, so a seek costs O(P): with shared
    // chunks, P is a world's size / 64 when its steps touch few chunks (docs/benchmarks.md).
    std::size_t last_checkpoint = 0, spacing = 0, copied_at_checkpoint = 0;
    const std::size_t memory_at_start = options_.memory_in_use ? options_.memory_in_use() : 0;
    std::size_t last_line = 0;
    while (!runner.finished()) {
        const std::size_t since = summaries_.size() - last_checkpoint;
        if (checkpoints_.empty() || (since >= spacing && since >= model::cow_slots_copied - copied_at_checkpoint)) {
            checkpoints_.push_back({summaries_.size(), runner.state()});
            last_checkpoint = summaries_.size();
            spacing = std::max(options_.checkpoint_interval, state_parts(runner.state()));
            copied_at_checkpoint = model::cow_slots_copied;
        }
        // Record a cut-off as a run-time error step rather than running forever or out of memory.
        if (summaries_.size() >= options_.max_steps)
            cut_error_ = "the run was stopped after " + std::to_string(options_.max_steps) + " steps";
        else if (options_.memory_in_use && options_.memory_in_use() > memory_at_start + options_.max_memory)
            cut_error_ = memory_budget_error(options_.max_memory, summaries_.size(), last_line);
        if (!cut_error_.empty()) {
            StepSummary summary;
            summary.kind = StepRecord::Kind::Skipped;
            summary.has_error = true;
            summaries_.push_back(summary);
            error_steps_.push_back(summaries_.size());
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
        if (record.statement < program_->statements.size()) last_line = program_->statements[record.statement].location.line;
        for (ExpectationResult& result : record.expectations) expectations_.push_back({step, std::move(result)});
        if (summary.has_error) error_steps_.push_back(step);
        if (record.kind == StepRecord::Kind::Deadlock) deadlock_step_ = step;
        if (record.statement != no_statement && record.kind == StepRecord::Kind::Statement &&
            first_step_of_statement_[record.statement] == 0)
            first_step_of_statement_[record.statement] = static_cast<std::uint32_t>(std::min<std::size_t>(step, ~std::uint32_t{0}));
    }
    if (checkpoints_.empty()) checkpoints_.push_back({0, runner.state()});
    summaries_.shrink_to_fit();
    checkpoints_.shrink_to_fit();
    cursor_.restore(checkpoints_.front().state);
    cursor_position_ = 0;
}

void Timeline::seek(std::size_t position) const {
    if (position > summaries_.size()) position = summaries_.size();
    if (position == cursor_position_) return;
    // The last checkpoint at or before the position.
    auto after = std::upper_bound(checkpoints_.begin(), checkpoints_.end(), position,
                                  [](std::size_t p, const Checkpoint& c) { return p < c.position; });
    const Checkpoint& checkpoint = *std::prev(after);
    // Replay from the checkpoint unless the cursor is already between it and the target.
    if (position < cursor_position_ || cursor_position_ < checkpoint.position) {
        cursor_.restore(checkpoint.state);
        cursor_position_ = checkpoint.position;
    }
    while (cursor_position_ < position && !cursor_.finished()) {
        cursor_.step(false);
        ++cursor_position_;
    }
}

RunState Timeline::state_at(std::size_t position) const {
    seek(position);
    return cursor_.state();
}

StepRecord Timeline::record(std::size_t step) const {
    if (step == 0 || step > summaries_.size()) throw std::out_of_range("Timeline::record: no step " + std::to_string(step));
    if (!cut_error_.empty() && step == summaries_.size()) {
        StepRecord cut;
        cut.kind = StepRecord::Kind::Skipped;
        cut.error = cut_error_;
        return cut;
    }
    seek(step - 1);
    StepRecord record = cursor_.step(true);
    ++cursor_position_;
    return record;
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
