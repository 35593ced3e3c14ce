#include <map>
#include <set>

#include "compare/recording.h"

namespace kosim::compare {

namespace {

using trace::Step;

// Objects that were in some process before its first instruction (console, loader, Wine's or
// Windows' own handles) and everything inherited from them: not the program's.
std::set<std::string> system_objects(const trace::Trace& recording) {
    std::set<std::string> labels;
    for (const Step& s : recording.steps)
        for (const trace::ProcessObservation& p : s.processes)
            for (const trace::TableEntry& e : p.table)
                if (e.origin == "preexisting") labels.insert(e.object);
    return labels;
}

// Per process: object type -> how many entries the program holds.
std::map<std::string, std::map<std::string, int>> entry_counts(const Step& step, const std::set<std::string>& excluded) {
    std::map<std::string, std::map<std::string, int>> counts;
    for (const trace::ProcessObservation& p : step.processes) {
        auto& mine = counts[p.name];
        for (const trace::TableEntry& e : p.table)
            if (!excluded.contains(e.object)) ++mine[e.type];
    }
    return counts;
}

// Whether the handle a call returned names one of the system's objects in the caller's table.
bool is_system_handle(const Step& step, const trace::CallOutcome& call, const std::set<std::string>& system) {
    if (!call.result || call.result->kind != Value::Kind::Handle) return false;
    for (const trace::ProcessObservation& p : step.processes)
        if (p.name == call.process)
            for (const trace::TableEntry& e : p.table)
                if (e.value == call.result->number) return system.contains(e.object);
    return false;
}

std::string call_summary(const trace::CallOutcome& c) {
    if (c.status == "blocked") return "blocked";
    return c.status + " " + (c.result ? to_display(*c.result) : std::string("(no value)"));
}

}  // namespace

Report compare_recording(const trace::Trace& model, const trace::Trace& recording, const RecordedScenario& scenario,
                         const Profile* profile) {
    Report report;
    report.scenario = recording.scenario;
    report.model_platform = model.platform;
    report.native_platform = recording.platform;
    report.profile = profile ? profile->name : "";
    const std::set<std::string> system = system_objects(recording);
    const std::set<std::string> none;

    // The model step of each statement: where it completed, else where it blocked.
    std::map<std::size_t, const Step*> model_step;
    for (const Step& s : model.steps)
        if (s.call && (s.call->status == "completed" || !model_step.contains(s.call->statement))) model_step[s.call->statement] = &s;
    for (const Step& s : model.steps)
        for (const trace::CallOutcome& c : s.completions) model_step[c.statement] = &s;

    for (std::size_t statement = 0; statement < scenario.steps.size(); ++statement) {
        const Step& real = recording.steps[scenario.steps[statement]];
        StepComparison row;
        row.index = statement + 1;
        row.native_kind = real.kind;
        auto found = model_step.find(statement);
        const Step* m = found == model_step.end() ? nullptr : found->second;
        row.model_kind = m ? m->kind : "(not run)";
        auto add = [&](Difference d) {
            d.step = row.index;
            if (d.explained_by.empty()) explain(d, profile);
            row.differences.push_back(std::move(d));
        };
        const trace::CallOutcome* real_call = real.kind == "statement" && real.call ? &*real.call : nullptr;
        const trace::CallOutcome* model_call = nullptr;
        if (m && m->call && m->call->statement == statement) model_call = &*m->call;
        if (m)
            for (const trace::CallOutcome& c : m->completions)
                if (c.statement == statement) model_call = &c;
        row.process = real_call ? real_call->process : (model_call ? model_call->process : "");
        row.call = real_call ? real_call->call : "ExitProcess";
        row.line = model_call ? model_call->line : 0;
        row.native_summary = real_call ? call_summary(*real_call) : "exited";
        row.model_summary = model_call ? call_summary(*model_call) : (m ? m->kind : "(not run)");
        if (!m) {
            add({0, 0, row.process, row.call, "kind", "statement " + std::to_string(statement + 1), "(not run)", real.kind, "", ""});
        } else if (real_call && model_call) {
            if (real_call->status != model_call->status)
                add({0, row.line, row.process, row.call, "status", row.process, model_call->status, real_call->status, "", ""});
            const bool model_failed = call_failed(row.call, model_call->result);
            const bool real_failed = call_failed(row.call, real_call->result);
            if (real_call->status == "completed" && model_call->status == "completed") {
                if (model_failed != real_failed) {
                    Difference d{0, row.line, row.process, row.call, "result", row.process, model_failed ? "failed" : "succeeded",
                                 real_failed ? "failed" : "succeeded", "", ""};
                    if (row.call == "GetStdHandle" && !real_failed && model_failed && is_system_handle(real, *real_call, system)) {
                        d.explained_by = "record.console";
                        d.justification = "a real program starts with standard handles for its console (GetStdHandle, "
                                          "learn.microsoft.com/windows/console/getstdhandle); a model process has none";
                    }
                    add(std::move(d));
                }
                else if (model_failed && model_call->last_error != real_call->last_error)
                    add({0, row.line, row.process, row.call, "last_error", row.process, std::to_string(model_call->last_error),
                         std::to_string(real_call->last_error), "", ""});
            }
        }
        if (m) {
            auto model_counts = entry_counts(*m, none);
            auto real_counts = entry_counts(real, system);
            for (const trace::ProcessObservation& p : real.processes) {
                std::set<std::string> types;
                for (const auto& [type, n] : model_counts[p.name]) types.insert(type);
                for (const auto& [type, n] : real_counts[p.name]) types.insert(type);
                for (const std::string& type : types) {
                    const int mc = model_counts[p.name][type];
                    const int rc = real_counts[p.name][type];
                    if (mc != rc) {
                        Difference d{0, row.line, p.name, row.call, "table", p.name + " " + type + " entries",
                                     std::to_string(mc), std::to_string(rc), "", ""};
                        d.object_type = type;
                        add(std::move(d));
                    }
                }
            }
        }
        report.steps.push_back(std::move(row));
    }
    for (const StepComparison& row : report.steps)
        for (const Difference& d : row.differences) (d.explained_by.empty() ? report.unexplained : report.explained)++;
    return report;
}

}  // namespace kosim::compare
