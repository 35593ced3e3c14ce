// The one scheduler, for the model and for real Win32 alike: statements run in file order; a
// statement whose process waits in a blocked call (or does not exist yet) is deferred until that
// process can run, so other processes go on, as threads on a real machine would. When nothing can
// run, the virtual clock moves to the next time-out; when nothing can time out either, the run ends
// in a deadlock naming who waits on what. Variables, argument evaluation, expectations and the
// step's record live here and nowhere else; the backend (runner/backend.h) only makes the calls.
#pragma once

#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "runner/backend.h"
#include "runner/evaluate.h"

namespace kosim {

inline constexpr std::size_t no_statement = static_cast<std::size_t>(-1);
// A run longer than this ends with an error step (the timeline's and the native driver's limit).
inline constexpr std::size_t default_max_steps = 10'000'000;

struct ExpectationResult {
    enum class Kind : std::uint8_t {
        Checked,         // evaluated: `passed` says how it went
        Error,           // could not be evaluated (a scenario error): fails
        NotObservable,   // the backend cannot see the value (usage() natively): fails, reported apart
        NotRun,          // its statement never ran (deadlock, exited process): fails, says why
    };
    std::size_t statement = no_statement;   // the statement it follows
    std::size_t index = 0;                  // its position in that statement's expectations
    bool passed = false;
    std::string observed;                   // what the backend holds, as text
    std::string message;                    // "expected usage(Sender.hFile) == 2, but it is 1"
    Kind kind = Kind::Checked;              // last, so positional initialisers of the fields above still work
};

// A HANDLE argument of a step's call as it was evaluated (Params<Call::X> index and value): the
// world view draws pseudo-handles and failed look-ups from these, never from text.
struct HandleArgument {
    std::size_t param = 0;
    HandleValue value;
};

struct StepRecord {
    enum class Kind : std::uint8_t {
        Statement,   // one statement ran (its call may have blocked)
        Clock,       // every process waited; the virtual clock moved to the next time-out
        Deadlock,    // the end: processes wait and nothing can wake them
        Skipped,     // a statement could not run (its process exited or was never created)
    };
    Kind kind = Kind::Statement;
    std::size_t statement = no_statement;
    model::Pid pid = 0;
    model::Outcome outcome;                 // Statement: the call's outcome (status Blocked if it waits)
    std::vector<HandleArgument> handle_arguments;   // Statement: its call's HANDLE arguments, in parameter order
    struct Completed { std::size_t statement; model::Pid pid; model::Outcome outcome; };
    std::vector<Completed> completions;     // earlier blocked calls this step finished
    std::vector<model::Change> changes;
    std::vector<ExpectationResult> expectations;
    std::vector<WaitReport> waits;          // Deadlock: who waits on what
    std::string error;                      // a run-time error in this step ("handle(\"x\"): not a number")
    std::uint64_t time_ms = 0;              // the virtual clock after the step
};

// The scheduler's place in a run: everything a step depends on besides the backend's machine.
struct SchedulerState {
    std::map<std::string, std::map<std::string, Value>> variables;  // process name -> name -> value
    // process name -> its handle variables whose entry was closed after they were set (a later
    // entry may reuse the value; the variable does not name it). Kept by the model's runner.
    std::map<std::string, std::set<std::string>> closed_variables;
    std::map<std::string, model::Pid> pids;                         // scenario process name -> pid
    std::size_t next_statement = 0;                                  // first statement not yet looked at
    std::vector<std::size_t> deferred;                               // skipped over: their process waited
    std::map<model::Pid, std::size_t> blocked;                       // pid -> its blocked statement
    std::size_t steps = 0;
    bool ended = false;
};

// "the run was stopped after N steps": the record of the step that hits the step limit.
StepRecord step_limit_record(std::size_t max_steps);
// Sets `name` in `process`; a record (PROCESS_INFORMATION) is kept whole and field by field.
void set_variable(SchedulerState& state, const std::string& process, const std::string& name, Value value);
// Stores a completed call's outputs and result in the statement's variables.
void apply_outcome(SchedulerState& state, const Statement& statement, const model::Outcome& outcome);
// Whether any statement is left or any process waits.
bool statements_left(const SchedulerState& state, const Program& program);
// The expectations of a statement that never ran, failed with the reason (`why`: "Child has exited").
void fail_not_run(const Program& program, std::size_t statement, const std::string& why,
                  std::vector<ExpectationResult>& out);
// Evaluates a statement's expectations right after its step (`outcome`: null while its call waits).
void check_expectations(const Program& program, std::size_t statement, const EvalContext& context,
                        std::vector<ExpectationResult>& out);
// The sentence for a statement that can never run: "Child has exited, so line 7 (Child: ...) cannot run".
std::string cannot_run_message(const Statement& statement, ProcessState state);

// Answers the evaluator: variables from the scheduler's state, pure calls and observers from the backend.
template <Backend B>
class BackendContext final : public EvalContext {
public:
    // `outcome`: the statement just run, for `result` and `last_error` (null while it waits).
    BackendContext(const SchedulerState& state, B& backend, const model::Outcome* outcome = nullptr)
        : state_(state), backend_(backend), outcome_(outcome) {}

    std::optional<Value> variable(const std::string& process, const std::string& name) const override {
        if (auto p = state_.variables.find(process); p != state_.variables.end())
            if (auto v = p->second.find(name); v != p->second.end()) return v->second;
        if (name == "result" || name == "last_error") {
            if (!outcome_) return std::nullopt;  // the call still waits
            if (name == "result") return outcome_->result;
            return Value::integer(outcome_->last_error);
        }
        return std::nullopt;
    }
    Value pure_call(const std::string& process, Call call, const std::vector<Value>& args) const override {
        auto it = state_.pids.find(process);
        return backend_.pure_call(it == state_.pids.end() ? 0 : it->second, call, args);
    }
    std::optional<Value> observe(Builtin builtin, const std::string& target_process, const std::vector<Value>& args,
                                 ObserveError& error) const override {
        auto it = state_.pids.find(target_process);
        if (it == state_.pids.end()) {
            error.message = "there is no process " + target_process + " (yet)";
            return std::nullopt;
        }
        return backend_.observe(builtin, it->second, args, error);
    }

private:
    const SchedulerState& state_;
    B& backend_;
    const model::Outcome* outcome_;
};

template <Backend B>
class Scheduler {
public:
    Scheduler(const Program& program, SchedulerState& state, B& backend, std::size_t max_steps = default_max_steps)
        : program_(program), state_(state), backend_(backend), max_steps_(max_steps) {}

    // Starts the declared processes. Returns false (with `error`) when the backend cannot.
    bool start(std::string& error) {
        for (const ProcessDeclaration& declaration : program_.processes) {
            model::Pid pid = backend_.start_process(declaration.name);
            if (pid == 0) {
                error = "cannot start process " + declaration.name;
                return false;
            }
            state_.pids[declaration.name] = pid;
        }
        state_.ended = program_.statements.empty();
        return true;
    }

    // Runs one step and returns its record.
    StepRecord step() {
        StepRecord record;
        if (state_.ended) {
            record.kind = StepRecord::Kind::Deadlock;
            record.error = "the run has ended";
            return record;
        }
        if (state_.steps >= max_steps_) {
            record = step_limit_record(max_steps_);
            state_.ended = true;
            ++state_.steps;
            return record;
        }
        const auto& statements = program_.statements;
        std::optional<std::size_t> chosen;
        std::optional<std::size_t> never;
        ProcessState never_state = ProcessState::Exited;
        for (std::size_t k = 0; k < state_.deferred.size(); ++k) {
            std::size_t index = state_.deferred[k];
            Readiness r = readiness(statements[index], never_state);
            if (r == Readiness::Wait) continue;
            state_.deferred.erase(state_.deferred.begin() + static_cast<std::ptrdiff_t>(k));
            (r == Readiness::Ready ? chosen : never) = index;
            break;
        }
        while (!chosen && !never && state_.next_statement < statements.size()) {
            std::size_t index = state_.next_statement++;
            Readiness r = readiness(statements[index], never_state);
            if (r == Readiness::Ready) chosen = index;
            else if (r == Readiness::Never) never = index;
            else state_.deferred.push_back(index);
        }

        if (chosen) {
            run_statement(*chosen, record);
        } else if (never) {
            skip(*never, never_state, record);
        } else if (auto deadline = backend_.next_deadline()) {
            record.kind = StepRecord::Kind::Clock;
            for (model::Completion& completion : backend_.advance_clock(*deadline)) complete(std::move(completion), record);
            settle(record);
        } else if (backend_.any_waiting()) {
            // One more settle first: a backend that learns of completions by polling may not have yet.
            record.kind = StepRecord::Kind::Clock;
            settle(record);
            if (record.completions.empty()) deadlock(record);
        } else {
            // Statements left whose process was never created, or can never run (suspended).
            std::size_t index = state_.deferred.front();
            state_.deferred.erase(state_.deferred.begin());
            auto pid = state_.pids.find(statements[index].process);
            skip(index, pid == state_.pids.end() ? ProcessState::Unknown : backend_.process_state(pid->second), record);
        }

        // Blocked calls of processes that exited while waiting never complete.
        for (auto it = state_.blocked.begin(); it != state_.blocked.end();) {
            if (backend_.process_state(it->first) == ProcessState::Exited) it = state_.blocked.erase(it);
            else ++it;
        }
        record.time_ms = backend_.now_ms();
        ++state_.steps;
        if (!state_.ended) state_.ended = !statements_left(state_, program_) && !backend_.any_waiting();
        return record;
    }

private:
    // Why a statement cannot run now: it can later (Wait), or never (Never).
    enum class Readiness { Ready, Wait, Never };

    Readiness readiness(const Statement& statement, ProcessState& never_state) const {
        auto it = state_.pids.find(statement.process);
        if (it == state_.pids.end()) return Readiness::Wait;  // created later by a CreateProcess
        switch (backend_.process_state(it->second)) {
        case ProcessState::Running: return Readiness::Ready;
        case ProcessState::Waiting:
        case ProcessState::Suspended: return Readiness::Wait;
        case ProcessState::Exited:
        case ProcessState::Unknown: never_state = ProcessState::Exited; return Readiness::Never;
        }
        return Readiness::Never;
    }

    void skip(std::size_t index, ProcessState state, StepRecord& record) {
        const Statement& statement = program_.statements[index];
        record.kind = StepRecord::Kind::Skipped;
        record.statement = index;
        record.error = cannot_run_message(statement, state);
        fail_not_run(program_, index, record.error, record.expectations);
    }

    void deadlock(StepRecord& record) {
        record.kind = StepRecord::Kind::Deadlock;
        record.waits = backend_.waits();
        for (WaitReport& report : record.waits) {
            auto blocked = state_.blocked.find(report.pid);
            report.statement = blocked == state_.blocked.end() ? no_statement : blocked->second;
        }
        // The statements left never run: their expectations fail, saying so.
        std::vector<std::size_t> left = state_.deferred;
        for (std::size_t i = state_.next_statement; i < program_.statements.size(); ++i) left.push_back(i);
        std::sort(left.begin(), left.end());
        for (std::size_t index : left)
            fail_not_run(program_, index, "the run ended in a deadlock before line " +
                         std::to_string(program_.statements[index].location.line) + " could run", record.expectations);
        state_.deferred.clear();
        state_.next_statement = program_.statements.size();
        state_.ended = true;
    }

    void complete(model::Completion completion, StepRecord& record) {
        auto it = state_.blocked.find(completion.pid);
        if (it == state_.blocked.end()) return;
        std::size_t index = it->second;
        state_.blocked.erase(it);
        apply_outcome(state_, program_.statements[index], completion.outcome);
        record.completions.push_back({index, completion.pid, std::move(completion.outcome)});
    }

    void settle(StepRecord& record) {
        for (model::Completion& completion : backend_.settle()) complete(std::move(completion), record);
    }

    void run_statement(std::size_t index, StepRecord& record) {
        const Statement& statement = program_.statements[index];
        record.kind = StepRecord::Kind::Statement;
        record.statement = index;
        model::Pid pid = state_.pids.at(statement.process);
        record.pid = pid;
        BackendContext<B> context(state_, backend_);
        EvalError error;

        if (statement.kind == Statement::Kind::Assign) {
            auto value = evaluate(statement.value, statement.process, context, error);
            if (!value) {
                record.error = error.message;
            } else {
                record.outcome.result = *value;
                record.outcome.last_error = backend_.last_error(pid);
                set_variable(state_, statement.process, statement.result_var, std::move(*value));
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
            if (ok)
                for (std::size_t i = 0; i < info.params.size(); ++i)
                    if (info.params[i].direction == Direction::In && info.params[i].type == ParamType::Handle &&
                        args[i].kind == Value::Kind::Handle)
                        record.handle_arguments.push_back({i, args[i].as_handle()});
            std::string problem = ok ? argument_problem(statement.call, args) : std::string();
            if (!ok) {
                record.error = error.message;
            } else if (!problem.empty()) {
                record.error = problem;
            } else if (info.pure) {
                record.outcome.result = backend_.pure_call(pid, statement.call, args);
                record.outcome.last_error = backend_.last_error(pid);
                apply_outcome(state_, statement, record.outcome);
            } else {
                record.outcome = backend_.invoke(pid, statement.call, args);
                if (statement.call == Call::CreateProcess && record.outcome.result.number != 0)
                    note_child(info, args);
                if (record.outcome.status == model::Outcome::Status::Blocked) state_.blocked[pid] = index;
                else apply_outcome(state_, statement, record.outcome);
            }
        }
        settle(record);

        // Expectations are checked right after their statement's step, blocked or not.
        bool completed = record.error.empty() && record.outcome.status == model::Outcome::Status::Completed;
        BackendContext<B> expect_context(state_, backend_, completed ? &record.outcome : nullptr);
        check_expectations(program_, index, expect_context, record.expectations);
    }

    // A created child is known by its scenario name (lpApplicationName) from now on.
    void note_child(const CallInfo& info, const std::vector<Value>& args) {
        int name = param_index(info, "lpApplicationName");
        if (name < 0 || args[static_cast<std::size_t>(name)].kind != Value::Kind::String) return;
        const std::string& child = args[static_cast<std::size_t>(name)].text;
        if (model::Pid pid = backend_.find_process(child)) state_.pids[child] = pid;
    }

    const Program& program_;
    SchedulerState& state_;
    B& backend_;
    std::size_t max_steps_;
};

}  // namespace kosim
