#include "trace/model_trace.h"

#include "trace/step_trace.h"

#include "describe/describe.h"

namespace kosim::trace {

namespace {

// An object's identity as both sides of a trace record it (ids, never words).
std::string object_key(model::ObjectId id) { return "#" + std::to_string(id); }

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
                p.waiting_on += " on " + describe::wait_targets_text(world, *process.wait, Language::English);
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
        Step step = step_from_record(program, record, index);
        const RunState& state = timeline.state_at(index);
        // The model side words each wait with the world in view: who still holds what keeps it waiting.
        step.waits.clear();
        for (const WaitReport& w : record.waits) step.waits.push_back(describe::wait_sentence(state.world, w, Language::English));
        observe_state(program, state, step);
        trace.steps.push_back(std::move(step));
    }
    return trace;
}

}  // namespace kosim::trace
