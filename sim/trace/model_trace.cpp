#include "trace/model_trace.h"

#include "describe/describe.h"

namespace kosim::trace {

namespace {

// An object's identity as both sides of a trace record it (ids, never words).
std::string object_key(model::ObjectId id) { return "#" + std::to_string(id); }

CallOutcome call_outcome(const Program& program, std::size_t statement, const std::string& process,
                         const model::Outcome& outcome) {
    CallOutcome c;
    c.statement = statement;
    const Statement& s = program.statements.at(statement);
    c.line = s.location.line;
    c.process = process;
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

void observe_state(const Program& program, const RunState& state, Step& step) {
    const model::World& world = state.world;
    const auto foreign = foreign_handle_variables(program);
    for (const auto& [process_name, variables] : state.variables) {
        auto pid = state.pids.find(process_name);
        if (pid == state.pids.end()) continue;
        for (const auto& [name, value] : variables) {
            if (value.kind != Value::Kind::Handle || is_pseudo_handle(value.as_handle()) || value.number == 0) continue;
            if (foreign.count({process_name, name.substr(0, name.find('.'))})) continue;
            HandleObservation h;
            h.process = process_name;
            h.variable = name;
            h.value = value.number;
            const model::HandleEntry* entry = world.entry(pid->second, value.as_handle());
            const model::KernelObject* object = entry ? world.object(entry->object) : nullptr;
            h.valid = object != nullptr;
            if (object) {
                h.inherit = entry->inherit;
                h.protect = entry->protect_from_close;
                h.type = std::string(model::win32_type_name(object->kind));
                h.object = object_key(object->id);
                h.handle_count = object->handle_count;
                h.usage_count = object->usage_count;
            }
            step.handles.push_back(std::move(h));
        }
    }
    for (const model::Process& process : world.processes()) {
        ProcessObservation p;
        p.name = process.name;
        p.state = std::string(model::to_string(process.state));
        p.exit_code = process.exit_code;
        if (process.wait) {
            p.waiting_on = std::string(call_info(process.wait->call).name);
            if (world.object(process.wait->object))
                p.waiting_on += " on " + describe::label_text(describe::label_of(world, process.wait->object), Language::English);
        }
        process.handles.for_each([&](const model::HandleEntry& entry) {
            TableEntry e;
            e.value = entry.value.raw;
            const model::KernelObject* object = world.object(entry.object);
            e.type = object ? std::string(model::win32_type_name(object->kind)) : "?";
            e.object = object_key(entry.object);
            e.inherit = entry.inherit;
            e.protect = entry.protect_from_close;
            e.origin = describe::origin_text(entry.origin, world, Language::English);
            p.table.push_back(std::move(e));
        });
        step.processes.push_back(std::move(p));
    }
}

Trace make_trace(Timeline& timeline) {
    const Program& program = timeline.program();
    Trace trace;
    trace.producer = "kosim";
    trace.platform = "model";
    trace.scenario = program.file_name;
    trace.title = program.title.en;
    trace.passed = timeline.passed();
    trace.deadlock = timeline.deadlock_step().has_value();
    for (std::size_t index = 1; index <= timeline.step_count(); ++index) {
        const StepRecord record = timeline.record(index);  // a copy: state_at below may replay
        Step step;
        step.index = index;
        step.kind = kind_text(record.kind);
        step.error = record.error;
        step.time_ms = record.time_ms;
        const RunState& state = timeline.state_at(index);
        auto process_name = [&](model::Pid pid) {
            const model::Process* p = state.world.process(pid);
            return p ? p->name : std::string();
        };
        if (record.kind == StepRecord::Kind::Statement && record.statement != no_statement)
            step.call = call_outcome(program, record.statement, program.statements[record.statement].process, record.outcome);
        for (const StepRecord::Completed& c : record.completions)
            step.completions.push_back(call_outcome(program, c.statement, process_name(c.pid), c.outcome));
        for (const ExpectationResult& e : record.expectations) {
            const Expectation& expectation = program.statements[e.statement].expectations[e.index];
            step.expectations.push_back({expectation.location.line, expectation.text, e.passed, e.observed});
        }
        for (const WaitReport& w : record.waits) step.waits.push_back(describe::wait_sentence(state.world, w, Language::English));
        observe_state(program, state, step);
        trace.steps.push_back(std::move(step));
    }
    return trace;
}

}  // namespace kosim::trace
