// Sentences about a step: the call and its outcome, what changed, who waits on what.
#include <map>
#include <set>

#include "describe/describe.h"
#include "win32/constants.h"

namespace kosim::describe {

OutcomeParts outcome_parts(const Statement& statement, const model::Outcome& outcome) {
    OutcomeParts parts;
    parts.call = to_source(statement);
    if (outcome.status == model::Outcome::Status::Blocked) {
        parts.waits = true;
        return parts;
    }
    if (!outcome.result.is_none()) {
        const Returns returns = statement.kind == Statement::Kind::Call ? call_info(statement.call).returns : Returns::Void;
        if (returns == Returns::Bool && outcome.result.number <= 1) parts.result = outcome.result.number ? "TRUE" : "FALSE";
        else if (returns == Returns::Handle && outcome.result.number == invalid_handle_value.raw) parts.result = "INVALID_HANDLE_VALUE";
        else if (returns == Returns::Address) parts.result = outcome.result.number ? to_hex(HandleValue{outcome.result.number}) : "NULL";
        else parts.result = to_display(outcome.result);
    }
    if (outcome.last_error != 0 && outcome.last_error != last_error_sentinel)  // the sentinel: left unchanged
        parts.last_error = win32::error_name(outcome.last_error) + " (" + std::to_string(outcome.last_error) + ")";
    return parts;
}

std::string outcome_text(const Statement& statement, const model::Outcome& outcome, Language l) {
    const OutcomeParts parts = outcome_parts(statement, outcome);
    if (parts.waits) return parts.call + "  " + tr(l, "(waits)");
    std::string text = parts.call;
    if (!parts.result.empty()) text += "  -> " + parts.result;
    return text;
}

std::vector<std::string> change_sentences(const Program& program, const StepRecord& record, const model::World& world,
                                          Language l) {
    using model::Change;
    const auto& changes = record.changes;
    // Objects this step destroyed are named from their ObjectDestroyed rows.
    std::map<model::ObjectId, ObjectLabel> gone;
    for (const auto& c : changes)
        if (c.kind == Change::Kind::ObjectDestroyed) gone[c.object] = label_of_destroyed(world, c);
    auto label = [&](model::ObjectId id) {
        if (world.object(id)) return label_text(label_of(world, id), l);
        if (auto it = gone.find(id); it != gone.end()) return label_text(it->second, l);
        return label_text(label_of(world, id), l);
    };
    auto who = [&](model::Pid pid) { return process_name(world, pid); };
    std::string call_name;
    if (record.kind == StepRecord::Kind::Statement && record.statement < program.statements.size() &&
        program.statements[record.statement].kind == Statement::Kind::Call)
        call_name = call_info(program.statements[record.statement].call).name;

    // Count changes, merged per object, told with the first entry change of that object.
    std::map<model::ObjectId, const Change*> counts;
    for (const auto& c : changes)
        if (c.kind == Change::Kind::CountsChanged && (c.before != c.after || c.usage_before != c.usage_after)) counts[c.object] = &c;
    std::set<model::ObjectId> told;
    auto object_and_counts = [&](model::ObjectId id) {
        std::string text = label(id);
        if (auto it = counts.find(id); it != counts.end() && !told.count(id)) {
            text += " " + counts_text(*it->second, l);
            told.insert(id);
        }
        return text;
    };

    std::vector<std::string> out;
    for (const auto& c : changes) {
        const std::string h = to_hex(c.handle);
        switch (c.kind) {
        case Change::Kind::EntryAdded: {
            std::string origin = tr(l, "created");
            if (const model::HandleEntry* e = world.entry(c.pid, c.handle)) origin = origin_text(e->origin, world, l);
            out.push_back(call_name.empty()
                              ? fmt(tr(l, "{0} adds {1} ({2}): {3}"), {who(c.pid), h, origin, object_and_counts(c.object)})
                              : fmt(tr(l, "{0} in {1} adds {2} ({3}): {4}"), {call_name, who(c.pid), h, origin, object_and_counts(c.object)}));
            break;
        }
        case Change::Kind::EntryRemoved:
            out.push_back(call_name == "CloseHandle"
                              ? fmt(tr(l, "CloseHandle({0}) in {1}: {2}"), {h, who(c.pid), object_and_counts(c.object)})
                              : fmt(tr(l, "{0} loses {1}: {2}"), {who(c.pid), h, object_and_counts(c.object)}));
            break;
        case Change::Kind::EntryFlagsChanged:
            out.push_back(fmt(tr(l, "{0} {1} flags: {2} -> {3}"),
                              {who(c.pid), h, join_flags(handle_flag_names(c.before)), join_flags(handle_flag_names(c.after))}));
            break;
        case Change::Kind::ObjectCreated: out.push_back(fmt(tr(l, "Kernel object created: {0}"), {label(c.object)})); break;
        case Change::Kind::ObjectDestroyed:
            out.push_back(fmt(tr(l, "{0} destroyed (usage_count reached 0)"), {label(c.object)}));
            break;
        case Change::Kind::ProcessCreated: {
            const model::Process* p = world.process(c.pid);
            out.push_back(p && p->parent ? fmt(tr(l, "New process {0} (child of {1})"), {who(c.pid), who(p->parent)})
                                         : fmt(tr(l, "New process {0}"), {who(c.pid)}));
            break;
        }
        case Change::Kind::ProcessStateChanged:
            out.push_back(fmt(tr(l, "{0}: {1} -> {2}"), {who(c.pid), run_state_text(static_cast<model::RunState>(c.before), l),
                                                         run_state_text(static_cast<model::RunState>(c.after), l)}));
            break;
        case Change::Kind::ObjectStateChanged:
            out.push_back(label(c.object) + ": " + event_text(c.event, c.amount, l));
            break;
        case Change::Kind::EnvironmentChanged:
            out.push_back(fmt(tr(l, "{0} sets environment variable {1}"), {who(c.pid), c.detail}));
            break;
        case Change::Kind::FileChanged:
            out.push_back(fmt(trn(l, "File '{0}' now holds {1} byte", "File '{0}' now holds {1} bytes", c.amount),
                              {c.detail, std::to_string(c.amount)}));
            break;
        case Change::Kind::StdHandleChanged:
            out.push_back(fmt(tr(l, "{0} standard handle set to {1}"), {who(c.pid), h}));
            break;
        case Change::Kind::CountsChanged: break;
        }
    }
    // Counts that changed without an entry change of their own (a kernel reference came or went).
    for (const auto& [id, c] : counts)
        if (!told.count(id)) out.push_back(label(id) + " " + counts_text(*c, l));
    return out;
}

std::vector<model::Holder> entries_keeping_wait(const model::World& world, const model::Wait& wait) {
    std::vector<model::Holder> holders;
    const model::KernelObject* object = world.object(wait.object);
    if (!object) return holders;
    if (const auto* end = std::get_if<model::PipeEndObject>(&object->state); end && end->peer != 0)
        for (const model::Holder& holder : world.holders(end->peer))
            if (holder.kind == model::Holder::Kind::Entry) holders.push_back(holder);
    return holders;
}

std::string wait_targets_text(const model::World& world, const model::Wait& wait, Language l) {
    if (wait.objects.size() <= 1) return label_text(label_of(world, wait.object), l);
    std::string text;
    for (model::ObjectId id : wait.objects) text += (text.empty() ? "" : ", ") + label_text(label_of(world, id), l);
    return text;
}

std::string wait_sentence(const WaitReport& report, Language l) {
    const std::string call(call_info(report.wait.call).name);
    if (report.wait.reason == model::WaitReason::PipeInstance)
        return fmt(tr(l, "{0} waits in {1} for an instance of {2}"), {report.process, call, report.wait.name});
    return fmt(tr(l, "{0} waits in {1}"), {report.process, call});
}

std::string wait_sentence(const model::World& world, const WaitReport& report, Language l) {
    const model::Wait& wait = report.wait;
    const std::string who = report.process, call(call_info(wait.call).name);
    if (wait.reason == model::WaitReason::PipeInstance)
        return fmt(tr(l, "{0} waits in {1} for an instance of {2}"), {who, call, wait.name});
    if (wait.reason == model::WaitReason::Sleep) return fmt(tr(l, "{0} waits in {1}"), {who, call});
    std::string text = fmt(tr(l, "{0} waits in {1} on {2}"), {who, call, wait_targets_text(world, wait, l)});
    const model::KernelObject* object = world.object(wait.object);
    if (!object) return text;
    // The lesson of the classic pipe bug: name who still holds the end that would wake the reader.
    if (const auto keeping = entries_keeping_wait(world, wait); !keeping.empty()) {
        std::string holders;
        for (const model::Holder& holder : keeping)
            holders += (holders.empty() ? "" : ", ") + process_name(world, holder.pid) + " (" + to_hex(holder.handle) + ")";
        const auto& end = std::get<model::PipeEndObject>(object->state);
        text += fmt(tr(l, "; still open: {0} in {1}"), {label_text(label_of(world, end.peer), l), holders});
    }
    if (model::Pid pid = model::owner_pid(*object)) {
        if (pid == report.pid)
            text += tr(l, " (itself: it can never end while it waits)");
        else if (const model::Process* target = world.process(pid))
            text += fmt(tr(l, " ({0} is {1})"), {target->name, run_state_text(target->state, l)});
    }
    return text;
}

const std::string& pick_language(const Narration& narration, Language language) {
    if (language == Language::Korean) return narration.ko.empty() ? narration.en : narration.ko;
    return narration.en.empty() ? narration.ko : narration.en;
}

}  // namespace kosim::describe
