// Names of objects, processes, access masks, origins and states (the nouns every sentence uses).
#include "describe/describe.h"

#include <algorithm>
#include <bit>

#include <cstdio>

#include "win32/constants.h"

namespace kosim::describe {

namespace {

std::string hex(std::uint64_t value) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "0x%llX", static_cast<unsigned long long>(value));
    return buffer;
}

// "\\.\mailslot\demo" -> "demo": the short form cards and nodes show (the inspector shows it whole).
std::string last_part(const std::string& name) {
    const std::size_t slash = name.find_last_of('\\');
    return slash == std::string::npos || slash + 1 >= name.size() ? name : name.substr(slash + 1);
}

}  // namespace

ObjectLabel label_of(const model::World& world, const model::KernelObject& object) {
    ObjectLabel label;
    label.kind = object.kind;
    label.id = object.id;
    label.name = object.name;
    if (const auto* file = std::get_if<model::FileObject>(&object.state); file && label.name.empty()) label.name = file->path;
    if (object.kind == model::ObjectKind::Process || object.kind == model::ObjectKind::Thread)
        if (model::Pid pid = model::owner_pid(object)) label.process = process_name(world, pid);
    return label;
}

ObjectLabel label_of(const model::World& world, model::ObjectId id) {
    if (const model::KernelObject* object = world.object(id)) return label_of(world, *object);
    ObjectLabel label;
    label.id = id;
    label.known = false;
    return label;
}

ObjectLabel label_of_destroyed(const model::World& world, const model::Change& destroyed) {
    ObjectLabel label;
    label.kind = destroyed.object_kind;
    label.id = destroyed.object;
    label.name = destroyed.detail;
    if (destroyed.pid) label.process = process_name(world, destroyed.pid);
    return label;
}

const char* kind_text(model::ObjectKind kind, Language l) {
    using K = model::ObjectKind;
    switch (kind) {
    case K::Process: return tr(l, "Process");
    case K::Thread: return tr(l, "Thread");
    case K::Mailslot: return tr(l, "Mailslot");
    case K::MailslotClient: return tr(l, "Mailslot writer");
    case K::PipeReadEnd: return tr(l, "Pipe read end");
    case K::PipeWriteEnd: return tr(l, "Pipe write end");
    case K::NamedPipeServer: return tr(l, "Named pipe (server end)");
    case K::NamedPipeClient: return tr(l, "Named pipe (client end)");
    case K::File: return tr(l, "File");
    case K::Event: return tr(l, "Event");
    case K::Mutex: return tr(l, "Mutex");
    case K::Semaphore: return tr(l, "Semaphore");
    case K::FileMapping: return tr(l, "File mapping");
    case K::Timer: return tr(l, "Waitable timer");
    }
    return "?";
}

std::string label_name_text(const ObjectLabel& label, bool short_path) {
    if (!label.process.empty()) return "'" + label.process + "'";
    if (!label.name.empty()) return "'" + (short_path ? last_part(label.name) : label.name) + "'";
    return "#" + std::to_string(label.id);
}

namespace {

std::string label_text(const ObjectLabel& label, Language l, bool short_path) {
    if (!label.known) return fmt(tr(l, "object #{0}"), {std::to_string(label.id)});
    const std::string name = label_name_text(label, short_path);
    // A thread object is named after its process: "Thread of 'Child'".
    if (label.kind == model::ObjectKind::Thread && !label.process.empty())
        return fmt(tr(l, "Thread of {0}"), {name});
    return std::string(kind_text(label.kind, l)) + " " + name;
}

}  // namespace

std::string label_text(const ObjectLabel& label, Language l) { return label_text(label, l, false); }
std::string short_label_text(const ObjectLabel& label, Language l) { return label_text(label, l, true); }

std::string process_name(const model::World& world, model::Pid pid) {
    if (const model::Process* p = world.process(pid); p && !p->name.empty()) return p->name;
    return "pid " + pid_text(pid);
}

std::string pid_text(model::Pid pid) { return hex(pid); }

std::vector<std::string> access_names(std::uint32_t access, model::ObjectKind kind) {
    if (access == 0) return {"0"};
    // Object-specific rights share values across kinds (PROCESS_ALL_ACCESS == THREAD_ALL_ACCESS on
    // Windows 10); name them only for their own kind. Pipes and mailslots are File objects.
    auto fits = [kind](std::string_view name) {
        using K = model::ObjectKind;
        struct Prefix { std::string_view text; bool own; };
        const Prefix prefixes[] = {
            {"PROCESS_", kind == K::Process}, {"THREAD_", kind == K::Thread}, {"EVENT_", kind == K::Event},
            {"MUTEX_", kind == K::Mutex},     {"MUTANT_", kind == K::Mutex}, {"SEMAPHORE_", kind == K::Semaphore},
            {"SECTION_", kind == K::FileMapping}, {"TIMER_", kind == K::Timer}, {"FILE_MAP_", false},   // FILE_MAP_* alias SECTION_* rights
            {"FILE_", model::win32_type_name(kind) == model::win32_type_name(K::File)},
        };
        for (const Prefix& prefix : prefixes)
            if (name.starts_with(prefix.text)) return prefix.own;
        return true;
    };
    for (const auto& constant : win32::all_constants())
        if (constant.group == win32::ConstantGroup::Access && constant.value == access && fits(constant.name))
            return {std::string(constant.name)};
    // The named sets it holds whole first, widest first (FILE_GENERIC_READ for what CreatePipe's read
    // end gets), then single rights for the rest: 0x120189 reads FILE_GENERIC_READ | FILE_WRITE_ATTRIBUTES.
    std::vector<const win32::NamedConstant*> candidates;
    for (const auto& constant : win32::all_constants()) {
        if (constant.group != win32::ConstantGroup::Access || constant.value == 0 || !fits(constant.name)) continue;
        const auto v = static_cast<std::uint32_t>(constant.value);
        if (v == constant.value && (access & v) == v) candidates.push_back(&constant);
    }
    std::stable_sort(candidates.begin(), candidates.end(), [](const win32::NamedConstant* a, const win32::NamedConstant* b) {
        return std::popcount(static_cast<std::uint32_t>(a->value)) > std::popcount(static_cast<std::uint32_t>(b->value));
    });
    std::vector<const win32::NamedConstant*> chosen;
    std::uint32_t covered = 0;
    for (const win32::NamedConstant* constant : candidates) {
        const auto v = static_cast<std::uint32_t>(constant->value);
        const bool single = (v & (v - 1)) == 0;
        if (single ? (covered & v) == 0 : (v & ~covered) != 0) {   // a set when it names a right not named yet
            chosen.push_back(constant);
            covered |= v;
        }
    }
    // Read before write before execute, as Win32 code writes them (GENERIC_READ | GENERIC_WRITE):
    // a duplex pipe end read WRITE|READ when the wider set came first.
    auto rank = [](std::string_view name) {
        if (name.find("READ") != std::string_view::npos) return 0;
        if (name.find("WRITE") != std::string_view::npos) return 1;
        if (name.find("EXECUTE") != std::string_view::npos) return 2;
        return 3;
    };
    auto is_set = [](const win32::NamedConstant* c) { return std::popcount(static_cast<std::uint32_t>(c->value)) > 1; };
    std::stable_sort(chosen.begin(), chosen.end(), [&](const win32::NamedConstant* a, const win32::NamedConstant* b) {
        if (is_set(a) != is_set(b)) return is_set(a);
        return rank(a->name) < rank(b->name);
    });
    std::vector<std::string> names;
    for (const win32::NamedConstant* constant : chosen) names.emplace_back(constant->name);
    if (covered == access) return names;
    return {hex(access)};
}

std::vector<std::string> handle_flag_names(std::uint32_t flags) {
    std::vector<std::string> names;
    if (flags & win32::HANDLE_FLAG_INHERIT) names.emplace_back("HANDLE_FLAG_INHERIT");
    if (flags & win32::HANDLE_FLAG_PROTECT_FROM_CLOSE) names.emplace_back("HANDLE_FLAG_PROTECT_FROM_CLOSE");
    return names;
}

std::string join_flags(const std::vector<std::string>& names) {
    std::string text;
    for (const std::string& name : names) text += (text.empty() ? "" : " | ") + name;
    return text.empty() ? "0" : text;
}

const char* origin_verb(model::Origin::How how, Language l) {
    // TRANSLATORS: how a handle entry came to be, in a narrow table column.
    switch (how) {
    case model::Origin::How::Created: return tr(l, "created");
    case model::Origin::How::Opened: return tr(l, "opened");
    case model::Origin::How::Inherited: return tr(l, "inherited");
    case model::Origin::How::Duplicated: return tr(l, "duplicated");
    }
    return "?";
}

std::string origin_text(const model::Origin& origin, const model::World& world, Language l) {
    const std::string from = process_name(world, origin.from_pid), handle = to_hex(origin.from_handle);
    switch (origin.how) {
    case model::Origin::How::Created: return tr(l, "created");
    case model::Origin::How::Opened: return tr(l, "opened by name");
    case model::Origin::How::Inherited: return fmt(tr(l, "inherited from {0} {1}"), {from, handle});
    case model::Origin::How::Duplicated: return fmt(tr(l, "duplicated from {0} {1}"), {from, handle});
    }
    return "?";
}

const char* run_state_text(model::RunState state, Language l) {
    switch (state) {
    case model::RunState::Running: return tr(l, "running");
    case model::RunState::Waiting: return tr(l, "waiting");
    case model::RunState::Exited: return tr(l, "exited");
    }
    return "?";
}

std::string process_state_text(const model::Process& p, const model::World& world, Language l) {
    switch (p.state) {
    case model::RunState::Running: return tr(l, "running");
    case model::RunState::Exited: return fmt(tr(l, "exited (code {0})"), {std::to_string(p.exit_code)});
    case model::RunState::Waiting: break;
    }
    if (!p.wait) return tr(l, "waiting");
    const std::string call(call_info(p.wait->call).name);
    if (p.wait->object && world.object(p.wait->object))
        return fmt(tr(l, "waiting in {0} on {1}"), {call, wait_targets_text(world, *p.wait, l)});
    if (!p.wait->name.empty()) return fmt(tr(l, "waiting in {0} for {1}"), {call, p.wait->name});
    return fmt(tr(l, "waiting in {0}"), {call});
}

std::string object_state_line(const model::KernelObject& object, const model::World& world, Language l) {
    auto n = [](std::uint64_t value) { return std::to_string(value); };
    // The other end by its label, the one its own node shows ("Mailslot 'uc'", "Pipe read end #3").
    auto other = [&](model::ObjectId id) { return label_text(label_of(world, id), l); };
    return std::visit(
        [&](const auto& s) -> std::string {
            using T = std::decay_t<decltype(s)>;
            if constexpr (std::is_same_v<T, model::MailslotObject>) {
                return fmt(trn(l, "{0} message queued", "{0} messages queued", s.messages.size()), {n(s.messages.size())});
            } else if constexpr (std::is_same_v<T, model::MailslotClientObject>) {
                return s.mailslot ? fmt(tr(l, "writes to {0}"), {other(s.mailslot)}) : std::string(tr(l, "its mailslot is gone"));
            } else if constexpr (std::is_same_v<T, model::PipeEndObject>) {
                if (object.kind == model::ObjectKind::PipeReadEnd) {
                    std::string line = fmt(trn(l, "{0} byte in the buffer", "{0} bytes in the buffer", s.buffer.size()), {n(s.buffer.size())});
                    return s.peer ? line : fmt(tr(l, "{0}; no write end"), {line});
                }
                return s.peer ? fmt(tr(l, "writes to {0}"), {other(s.peer)}) : std::string(tr(l, "no read end"));
            } else if constexpr (std::is_same_v<T, model::NamedPipeServerObject>) {
                const char* state = "";
                switch (s.state) {
                case model::NamedPipeServerObject::State::Listening: state = tr(l, "listening"); break;
                case model::NamedPipeServerObject::State::Connected: state = tr(l, "connected"); break;
                case model::NamedPipeServerObject::State::Disconnected: state = tr(l, "disconnected"); break;
                case model::NamedPipeServerObject::State::Closing: state = tr(l, "closing"); break;
                }
                std::size_t in = 0;
                for (const auto& m : s.to_server) in += m.size();
                if (!in) return state;
                return fmt(trn(l, "{0}, {1} byte to read", "{0}, {1} bytes to read", in), {state, n(in)});
            } else if constexpr (std::is_same_v<T, model::NamedPipeClientObject>) {
                return s.server ? fmt(tr(l, "connected to {0}"), {other(s.server)}) : std::string(tr(l, "its server end is gone"));
            } else if constexpr (std::is_same_v<T, model::FileObject>) {
                return fmt(tr(l, "position {0}"), {n(s.position)});
            } else if constexpr (std::is_same_v<T, model::EventObject>) {
                const char* signal = object.signalled ? tr(l, "signalled") : tr(l, "not signalled");
                return s.manual_reset ? fmt(tr(l, "{0}, manual reset"), {signal}) : std::string(signal);
            } else if constexpr (std::is_same_v<T, model::MutexObject>) {
                if (!s.owner) return tr(l, "not owned");
                std::string owned = fmt(tr(l, "owned by {0} (x{1})"), {process_name(world, s.owner), n(s.recursion)});
                return s.abandoned ? fmt(tr(l, "{0}, abandoned"), {owned}) : owned;
            } else if constexpr (std::is_same_v<T, model::SemaphoreObject>) {
                return fmt(tr(l, "count {0} of {1}"), {n(s.count), n(s.maximum)});
            } else if constexpr (std::is_same_v<T, model::TimerObject>) {
                const char* signal = object.signalled ? tr(l, "signalled") : tr(l, "not signalled");
                std::string line = s.due_ms ? fmt(tr(l, "{0}, due at {1} ms"), {signal, n(*s.due_ms)}) : std::string(signal);
                return s.manual_reset ? fmt(tr(l, "{0}, manual reset"), {line}) : line;
            } else if constexpr (std::is_same_v<T, model::FileMappingObject>) {
                std::size_t views = 0;
                for (const model::Holder& h : world.holders(object.id)) views += h.kind == model::Holder::Kind::MappedView;
                std::string size = s.file ? fmt(tr(l, "{0} bytes of {1}"), {n(s.size), label_text(label_of(world, s.file), l)})
                                          : fmt(tr(l, "{0} bytes of the paging file"), {n(s.size)});
                return fmt(trn(l, "{0}, {1} view", "{0}, {1} views", views), {size, n(views)});
            } else if constexpr (std::is_same_v<T, model::ProcessObject> || std::is_same_v<T, model::ThreadObject>) {
                const model::Process* p = world.process(s.pid);
                if (!p) return object.signalled ? tr(l, "signalled") : "";
                if (p->state == model::RunState::Exited) return fmt(tr(l, "exited (code {0}), signalled"), {n(p->exit_code)});
                return run_state_text(p->state, l);
            } else {
                return object.signalled ? tr(l, "signalled") : "";
            }
        },
        object.state);
}

std::string counts_text(const model::Change& c, Language l) {
    std::string text;
    // usage_count first: the textbook's count.
    if (c.usage_before != c.usage_after)
        text = fmt(tr(l, "usage_count {0} -> {1}"), {std::to_string(c.usage_before), std::to_string(c.usage_after)});
    if (c.before != c.after) {
        std::string handles = fmt(tr(l, "handle_count {0} -> {1}"), {std::to_string(c.before), std::to_string(c.after)});
        text = text.empty() ? handles : text + ", " + handles;
    }
    return text;
}

std::string event_text(model::Change::Event event, std::uint64_t amount, Language l) {
    using E = model::Change::Event;
    const std::string n = std::to_string(amount);
    switch (event) {
    case E::MessageQueued: return fmt(trn(l, "a message of {0} byte queued", "a message of {0} bytes queued", amount), {n});
    case E::MessageRead: return fmt(trn(l, "a message of {0} byte read", "a message of {0} bytes read", amount), {n});
    case E::BytesWritten: return fmt(trn(l, "{0} byte written", "{0} bytes written", amount), {n});
    case E::BytesRead: return fmt(trn(l, "{0} byte read", "{0} bytes read", amount), {n});
    case E::Signalled: return tr(l, "signalled");
    case E::Reset: return tr(l, "reset to not signalled");
    case E::Connected: return tr(l, "a client connected");
    case E::Disconnected: return tr(l, "disconnected");
    case E::Acquired: return tr(l, "acquired");
    case E::Released: return tr(l, "released");
    case E::Abandoned: return tr(l, "abandoned");
    case E::None: break;
    }
    return tr(l, "state changed");
}

}  // namespace kosim::describe
