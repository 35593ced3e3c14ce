#include "trace/step_trace.h"

#include "describe/describe.h"

namespace kosim::trace {

namespace {

std::string kind_text(StepRecord::Kind kind) {
    switch (kind) {
    case StepRecord::Kind::Statement: return "statement";
    case StepRecord::Kind::Clock: return "clock";
    case StepRecord::Kind::Deadlock: return "deadlock";
    case StepRecord::Kind::Skipped: return "skipped";
    }
    return "";
}

}  // namespace

CallOutcome call_outcome(const Program& program, std::size_t statement, const model::Outcome& outcome) {
    CallOutcome c;
    c.statement = statement;
    const Statement& s = program.statements.at(statement);
    c.line = s.location.line;
    c.process = s.process;
    if (s.kind == Statement::Kind::Call) c.call = std::string(call_info(s.call).name);
    c.status = outcome.status == model::Outcome::Status::Blocked ? "blocked" : "completed";
    if (outcome.status == model::Outcome::Status::Completed) {
        if (!outcome.result.is_none()) c.result = outcome.result;
        c.last_error = outcome.last_error;
        for (const auto& [param, value] : outcome.outputs)
            if (param >= 0 && static_cast<std::size_t>(param) < s.outputs.size() && !s.outputs[param].empty())
                c.outputs.emplace_back(s.outputs[param], value);
        if (!s.result_var.empty() && !outcome.result.is_none()) c.outputs.emplace_back(s.result_var, outcome.result);
    }
    return c;
}

Step step_from_record(const Program& program, const StepRecord& record, std::size_t index) {
    Step step;
    step.index = index;
    step.kind = kind_text(record.kind);
    step.error = record.error;
    step.time_ms = record.time_ms;
    if (record.kind == StepRecord::Kind::Statement && record.statement != no_statement)
        step.call = call_outcome(program, record.statement, record.outcome);
    for (const StepRecord::Completed& c : record.completions)
        step.completions.push_back(call_outcome(program, c.statement, c.outcome));
    for (const ExpectationResult& e : record.expectations) {
        const Expectation& expectation = program.statements[e.statement].expectations[e.index];
        std::string observed = e.observed;
        // The comparison skips what one side cannot see; the text says which and why.
        if (e.kind == ExpectationResult::Kind::NotObservable) observed = "not observable: " + e.message;
        if (e.kind == ExpectationResult::Kind::NotRun) observed = "not run: " + e.message;
        step.expectations.push_back({expectation.location.line, expectation.text, e.passed, observed});
    }
    for (const WaitReport& w : record.waits) step.waits.push_back(describe::wait_sentence(w, Language::English));
    return step;
}

}  // namespace kosim::trace
