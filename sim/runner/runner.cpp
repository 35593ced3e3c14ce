// The scheduler: statements run in file order; a statement whose process waits in a blocked call
// (or does not exist yet) is deferred until that process can run, so other processes go on, as
// threads on a real machine would. When nothing can run, the virtual clock moves to the next
// time-out; when nothing can time out either, the run ends in a deadlock naming who waits on what.
#include "runner/runner.h"

#include <algorithm>

#include "runner/evaluate.h"
#include "runner/world_context.h"
#include "win32/constants.h"

namespace kosim {

using model::Pid;

Runner::Runner(std::shared_ptr<const Program> program) : program_(std::move(program)) {
    for (const ProcessDeclaration& declaration : program_->processes)
        state_.pids[declaration.name] = state_.world.add_process(declaration.name);
    state_.ended = program_->statements.empty();
}

namespace {

// Why a statement cannot run now: it can later (Wait), or never (Never).
enum class Readiness { Ready, Wait, Never };

Readiness readiness(const RunState& state, const Statement& statement) {
    auto it = state.pids.find(statement.process);
    if (it == state.pids.end()) return Readiness::Wait;  // created later by a CreateProcess
    const model::Process* process = state.world.process(it->second);
    if (!process || process->state == model::RunState::Exited) return Readiness::Never;
    if (process->state == model::RunState::Waiting) return Readiness::Wait;
    return Readiness::Ready;
}

}  // namespace

StepRecord Runner::step(bool record_changes) {
    StepRecord record;
    if (state_.ended) {
        record.kind = StepRecord::Kind::Deadlock;
        record.error = "the run has ended";
        return record;
    }
    model::ChangeLog log;
    state_.world.set_change_log(record_changes ? &log : nullptr);

    const auto& statements = program_->statements;
    std::optional<std::size_t> chosen;
    std::optional<std::size_t> never;
    for (std::size_t k = 0; k < state_.deferred.size(); ++k) {
        std::size_t index = state_.deferred[k];
        Readiness r = readiness(state_, statements[index]);
        if (r == Readiness::Wait) continue;
        state_.deferred.erase(state_.deferred.begin() + static_cast<std::ptrdiff_t>(k));
        (r == Readiness::Ready ? chosen : never) = index;
        break;
    }
    while (!chosen && !never && state_.next_statement < statements.size()) {
        std::size_t index = state_.next_statement++;
        Readiness r = readiness(state_, statements[index]);
        if (r == Readiness::Ready) chosen = index;
        else if (r == Readiness::Never) never = index;
        else state_.deferred.push_back(index);
    }

    if (chosen) {
        run_statement(*chosen, record);
    } else if (never) {
        const Statement& statement = statements[*never];
        record.kind = StepRecord::Kind::Skipped;
        record.statement = *never;
        record.error = statement.process + " has exited, so line " + std::to_string(statement.location.line) +
                       " (" + to_source(statement) + ") cannot run";
    } else if (auto deadline = state_.world.next_deadline()) {
        record.kind = StepRecord::Kind::Clock;
        for (model::Completion& completion : state_.world.advance_clock(*deadline))
            complete(std::move(completion), record);
        settle(record);
    } else if (std::any_of(state_.world.processes().begin(), state_.world.processes().end(),
                           [](const model::Process& p) { return p.state == model::RunState::Waiting; })) {
        record.kind = StepRecord::Kind::Deadlock;
        for (const model::Process& process : state_.world.processes()) {
            if (process.state != model::RunState::Waiting || !process.wait) continue;
            WaitReport report;
            report.pid = process.pid;
            report.process = process.name;
            auto blocked = state_.blocked.find(process.pid);
            report.statement = blocked == state_.blocked.end() ? no_statement : blocked->second;
            report.wait = *process.wait;
            record.waits.push_back(std::move(report));
        }
        state_.ended = true;
    } else {
        // Statements left whose process was never created.
        std::size_t index = state_.deferred.front();
        state_.deferred.erase(state_.deferred.begin());
        const Statement& statement = statements[index];
        record.kind = StepRecord::Kind::Skipped;
        record.statement = index;
        record.error = statement.process + " was never created, so line " + std::to_string(statement.location.line) +
                       " (" + to_source(statement) + ") cannot run";
    }

    // Blocked calls of processes that were terminated while waiting never complete.
    for (auto it = state_.blocked.begin(); it != state_.blocked.end();) {
        const model::Process* process = state_.world.process(it->first);
        if (process && process->state == model::RunState::Exited) it = state_.blocked.erase(it);
        else ++it;
    }

    state_.world.set_change_log(nullptr);
    if (record_changes) {
        log.coalesce();
        record.changes = std::move(log.changes);
    }
    record.time_ms = state_.world.now_ms();
    ++state_.steps;
    if (!state_.ended) state_.ended = !has_work();
    return record;
}

bool Runner::has_work() const {
    if (state_.next_statement < program_->statements.size() || !state_.deferred.empty()) return true;
    for (const model::Process& process : state_.world.processes())
        if (process.state == model::RunState::Waiting) return true;
    return false;
}

void Runner::set_variable(const std::string& process, const std::string& name, Value value) {
    if (name.empty()) return;
    // A record (PROCESS_INFORMATION) is kept whole and field by field, so pi and pi.hProcess both work.
    if (value.kind == Value::Kind::Record && value.fields)
        for (const auto& [field, field_value] : *value.fields) state_.variables[process][name + "." + field] = field_value;
    state_.variables[process][name] = std::move(value);
}

void Runner::apply_outcome(std::size_t index, const model::Outcome& outcome) {
    const Statement& statement = program_->statements[index];
    for (const auto& [param, value] : outcome.outputs)
        if (param >= 0 && static_cast<std::size_t>(param) < statement.outputs.size())
            set_variable(statement.process, statement.outputs[param], value);
    if (!statement.result_var.empty()) set_variable(statement.process, statement.result_var, outcome.result);
}

void Runner::complete(model::Completion completion, StepRecord& record) {
    auto it = state_.blocked.find(completion.pid);
    if (it == state_.blocked.end()) return;
    std::size_t index = it->second;
    state_.blocked.erase(it);
    apply_outcome(index, completion.outcome);
    record.completions.push_back({index, completion.pid, std::move(completion.outcome)});
}

void Runner::settle(StepRecord& record) {
    for (model::Completion& completion : state_.world.settle()) complete(std::move(completion), record);
}

void Runner::run_statement(std::size_t index, StepRecord& record) {
    const Statement& statement = program_->statements[index];
    record.kind = StepRecord::Kind::Statement;
    record.statement = index;
    Pid pid = state_.pids.at(statement.process);
    record.pid = pid;
    WorldContext context(state_);
    EvalError error;

    if (statement.kind == Statement::Kind::Assign) {
        auto value = evaluate(statement.value, statement.process, context, error);
        if (!value) {
            record.error = error.message;
        } else {
            record.outcome.result = *value;
            record.outcome.last_error = state_.world.process(pid)->last_error;
            set_variable(statement.process, statement.result_var, std::move(*value));
        }
    } else {
        const CallInfo& info = call_info(statement.call);
        std::vector<Value> args(info.params.size());
        bool ok = true;
        for (std::size_t i = 0; i < info.params.size() && ok; ++i) {
            const Param& param = info.params[i];
            if (param.direction == Direction::Out) continue;
            if (i < statement.inputs.size() && statement.inputs[i]) {
                auto value = evaluate(*statement.inputs[i], statement.process, context, error);
                if (!value) ok = false;
                else args[i] = std::move(*value);
            } else if (param.type != ParamType::String && param.type != ParamType::OptionalString) {
                args[i] = Value::integer(param.default_value);
            }
        }
        if (!ok) {
            record.error = error.message;
        } else if (info.pure) {
            record.outcome.result = context.pure_call(statement.process, statement.call, args);
            record.outcome.last_error = state_.world.process(pid)->last_error;
            apply_outcome(index, record.outcome);
        } else {
            record.outcome = state_.world.invoke(pid, statement.call, args);
            if (statement.call == Call::CreateProcess && record.outcome.result.number != 0 && !args.empty())
                if (const model::Process* child = state_.world.find_process(args[0].text))
                    state_.pids[child->name] = child->pid;
            if (record.outcome.status == model::Outcome::Status::Blocked) state_.blocked[pid] = index;
            else apply_outcome(index, record.outcome);
        }
    }
    settle(record);

    // Expectations are checked right after their statement's step, blocked or not.
    for (std::size_t i = 0; i < statement.expectations.size(); ++i) {
        const Expectation& expectation = statement.expectations[i];
        ExpectationResult result;
        result.statement = index;
        result.index = i;
        EvalError expect_error;
        bool completed = record.error.empty() && record.outcome.status == model::Outcome::Status::Completed;
        WorldContext expect_context(state_, completed ? &record.outcome : nullptr);
        auto lhs = evaluate(expectation.lhs, expectation.process, expect_context, expect_error);
        auto rhs = lhs ? evaluate(expectation.rhs, expectation.process, expect_context, expect_error) : std::nullopt;
        if (!lhs || !rhs) {
            result.passed = false;
            result.observed = "error";
            result.message = "expect " + expectation.text + ": " + expect_error.message;
        } else {
            result.passed = compare(*lhs, expectation.op, *rhs);
            result.observed = to_display(*lhs);
            if (!result.passed)
                result.message = "expected " + expectation.text + ", but " + to_source(expectation.lhs) + " is " +
                                 result.observed;
        }
        record.expectations.push_back(std::move(result));
    }
}

}  // namespace kosim
