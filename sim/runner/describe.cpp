#include "runner/describe.h"

#include "win32/constants.h"

namespace kosim {

std::string describe_object(const model::World& world, model::ObjectId id) {
    const model::KernelObject* object = world.object(id);
    if (!object) return "object #" + std::to_string(id);
    std::string text(model::kind_name(object->kind));
    if (const model::Process* process = world.process(model::owner_pid(*object))) return text + " " + process->name;
    if (!object->name.empty()) return text + " '" + object->name + "'";
    return text + " #" + std::to_string(object->id);
}

namespace {

std::string process_name(const model::World& world, model::Pid pid) {
    const model::Process* p = world.process(pid);
    return p ? p->name : "pid " + std::to_string(pid);
}

std::string flags_text(std::uint32_t flags) {
    std::string text;
    if (flags & win32::HANDLE_FLAG_INHERIT) text = "HANDLE_FLAG_INHERIT";
    if (flags & win32::HANDLE_FLAG_PROTECT_FROM_CLOSE) text += std::string(text.empty() ? "" : " | ") + "HANDLE_FLAG_PROTECT_FROM_CLOSE";
    return text.empty() ? "0" : text;
}

std::string event_text(model::Change::Event event, std::uint64_t amount) {
    using E = model::Change::Event;
    std::string n = std::to_string(amount);
    switch (event) {
    case E::MessageQueued: return "a message of " + n + " bytes queued";
    case E::MessageRead: return "a message of " + n + " bytes read";
    case E::BytesWritten: return n + " bytes written";
    case E::BytesRead: return n + " bytes read";
    case E::Signalled: return "signalled";
    case E::Reset: return "reset to non-signalled";
    case E::Connected: return "a client connected";
    case E::Disconnected: return "disconnected";
    case E::Acquired: return "acquired";
    case E::Released: return "released";
    case E::Abandoned: return "abandoned";
    case E::None: break;
    }
    return "changed";
}

}  // namespace

std::string describe_change(const model::World& before, const model::World& after, const model::Change& change) {
    using K = model::Change::Kind;
    auto object = [&](model::ObjectId id) {
        return after.object(id) ? describe_object(after, id) : describe_object(before, id);
    };
    auto process = [&](model::Pid pid) {
        return after.process(pid) ? process_name(after, pid) : process_name(before, pid);
    };
    switch (change.kind) {
    case K::ObjectCreated: return object(change.object) + " created";
    case K::ObjectDestroyed:
        return (before.object(change.object) || change.detail.empty() ? object(change.object) : change.detail) +
               " destroyed (usage_count reached 0)";
    case K::EntryAdded: {
        std::string text = "+ " + process(change.pid) + " " + to_hex(change.handle) + " -> " + object(change.object);
        if (const model::HandleEntry* e = after.entry(change.pid, change.handle)) {
            if (e->inherit) text += " [inherit]";
            switch (e->origin.how) {
            case model::Origin::How::Created: text += " (created)"; break;
            case model::Origin::How::Opened: text += " (opened by name)"; break;
            case model::Origin::How::Inherited:
                text += " (inherited from " + process(e->origin.from_pid) + ":" + to_hex(e->origin.from_handle) + ")";
                break;
            case model::Origin::How::Duplicated:
                text += " (duplicated from " + process(e->origin.from_pid) + ":" + to_hex(e->origin.from_handle) + ")";
                break;
            }
        }
        return text;
    }
    case K::EntryRemoved: return "- " + process(change.pid) + " " + to_hex(change.handle) + " -> " + object(change.object) + " closed";
    case K::EntryFlagsChanged:
        return process(change.pid) + " " + to_hex(change.handle) + " flags " + flags_text(change.before) + " -> " +
               flags_text(change.after);
    case K::CountsChanged: {
        std::string text = object(change.object) + ":";
        if (change.before != change.after)
            text += " handle_count " + std::to_string(change.before) + " -> " + std::to_string(change.after);
        if (change.usage_before != change.usage_after)
            text += std::string(change.before != change.after ? "," : "") + " usage_count " +
                    std::to_string(change.usage_before) + " -> " + std::to_string(change.usage_after);
        return text;
    }
    case K::ProcessCreated: return "process " + process(change.pid) + " started";
    case K::ProcessStateChanged: {
        auto state = [](std::uint32_t s) { return std::string(model::to_string(static_cast<model::RunState>(s))); };
        return "process " + process(change.pid) + " " + state(change.before) + " -> " + state(change.after);
    }
    case K::ObjectStateChanged: return object(change.object) + ": " + event_text(change.event, change.amount);
    case K::EnvironmentChanged: return process(change.pid) + " environment: " + change.detail + " changed";
    case K::FileChanged: return "file '" + change.detail + "' now " + std::to_string(change.amount) + " bytes";
    case K::StdHandleChanged: return process(change.pid) + " standard handle set to " + to_hex(change.handle);
    }
    return "";
}

std::string describe_outcome(const Statement& statement, const model::Outcome& outcome) {
    std::string text = to_source(statement);
    if (outcome.status == model::Outcome::Status::Blocked) return text + "  ... waits";
    if (outcome.result.is_none()) return text;
    bool is_bool = statement.kind == Statement::Kind::Call && call_info(statement.call).returns == Returns::Bool;
    if (is_bool && outcome.result.number <= 1) return text + "  -> " + (outcome.result.number ? "TRUE" : "FALSE");
    return text + "  -> " + to_display(outcome.result);
}

const std::string& pick_language(const Narration& narration, bool korean) {
    if (korean) return narration.ko.empty() ? narration.en : narration.ko;
    return narration.en.empty() ? narration.ko : narration.en;
}

}  // namespace kosim
