// The scheduler's parts that do not depend on the backend: variables, expectations, messages.
#include "runner/scheduler.h"

namespace kosim {

StepRecord step_limit_record(std::size_t max_steps) {
    StepRecord record;
    record.kind = StepRecord::Kind::Skipped;
    record.error = "the run was stopped after " + std::to_string(max_steps) + " steps";
    return record;
}

void set_variable(SchedulerState& state, const std::string& process, const std::string& name, Value value) {
    if (name.empty()) return;
    // Set again: it names whatever entry holds its new value.
    if (auto closed = state.closed_variables.find(process); closed != state.closed_variables.end()) {
        closed->second.erase(name);
        if (value.kind == Value::Kind::Record && value.fields)
            for (const auto& field : *value.fields) closed->second.erase(name + "." + field.first);
    }
    // A record (PROCESS_INFORMATION) is kept whole and field by field, so pi and pi.hProcess both work.
    if (value.kind == Value::Kind::Record && value.fields)
        for (const auto& [field, field_value] : *value.fields) state.variables[process][name + "." + field] = field_value;
    state.variables[process][name] = std::move(value);
}

void apply_outcome(SchedulerState& state, const Statement& statement, const model::Outcome& outcome) {
    for (const auto& [param, value] : outcome.outputs)
        if (param >= 0 && static_cast<std::size_t>(param) < statement.outputs.size())
            set_variable(state, statement.process, statement.outputs[param], value);
    if (!statement.result_var.empty()) set_variable(state, statement.process, statement.result_var, outcome.result);
}

bool statements_left(const SchedulerState& state, const Program& program) {
    return state.next_statement < program.statements.size() || !state.deferred.empty();
}

std::string cannot_run_message(const Statement& statement, ProcessState state) {
    std::string why = state == ProcessState::Exited    ? " has exited"
                    : state == ProcessState::Suspended ? " is suspended (CREATE_SUSPENDED or SuspendThread) and never resumed"
                                                       : " was never created";
    return statement.process + why + ", so line " + std::to_string(statement.location.line) + " (" +
           to_source(statement) + ") cannot run";
}

void fail_not_run(const Program& program, std::size_t statement, const std::string& why,
                  std::vector<ExpectationResult>& out) {
    const auto& expectations = program.statements[statement].expectations;
    for (std::size_t i = 0; i < expectations.size(); ++i) {
        ExpectationResult result;
        result.statement = statement;
        result.index = i;
        result.passed = false;
        result.kind = ExpectationResult::Kind::NotRun;
        result.observed = "not run";
        result.message = "expect " + expectations[i].text + " was not checked: " + why;
        out.push_back(std::move(result));
    }
}

void check_expectations(const Program& program, std::size_t statement, const EvalContext& context,
                        std::vector<ExpectationResult>& out) {
    const auto& expectations = program.statements[statement].expectations;
    for (std::size_t i = 0; i < expectations.size(); ++i) {
        const Expectation& expectation = expectations[i];
        ExpectationResult result;
        result.statement = statement;
        result.index = i;
        EvalError error;
        auto lhs = evaluate(expectation.lhs, expectation.process, context, error);
        auto rhs = lhs ? evaluate(expectation.rhs, expectation.process, context, error) : std::nullopt;
        if (!lhs || !rhs) {
            result.passed = false;
            result.kind = error.not_observable ? ExpectationResult::Kind::NotObservable : ExpectationResult::Kind::Error;
            result.observed = error.not_observable ? "not observable" : "error";
            result.message = "expect " + expectation.text + ": " + error.message;
        } else {
            result.passed = compare_values(*lhs, expectation.op, *rhs);
            result.observed = to_display(*lhs);
            if (!result.passed)
                result.message = "expected " + expectation.text + ", but " + to_source(expectation.lhs) + " is " +
                                 result.observed;
        }
        out.push_back(std::move(result));
    }
}

}  // namespace kosim
