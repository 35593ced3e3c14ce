// Object lifetime: handle_count and usage_count side by side (Wine server/object.h keeps a
// refcount and a handle_count; ReactOS ob/obref.c frees an object when its last reference goes).
// An object is destroyed when usage_count reaches 0; a named object then leaves the namespace.
#include <algorithm>
#include <cctype>

#include "model/internal.h"

namespace kosim::model {

std::string upper(std::string_view text) {
    std::string out(text);
    for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return out;
}

bool iequals_prefix(std::string_view text, std::string_view prefix) {
    if (text.size() < prefix.size()) return false;
    for (std::size_t i = 0; i < prefix.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(text[i])) != std::tolower(static_cast<unsigned char>(prefix[i])))
            return false;
    return true;
}

Process* WorldAccess::process(Pid pid) {
    auto& ps = world.processes_;
    auto it = std::lower_bound(ps.begin(), ps.end(), pid, [](const Process& p, Pid id) { return p.pid < id; });
    return it != ps.end() && it->pid == pid ? &*it : nullptr;
}

KernelObject* WorldAccess::object(ObjectId id) {
    return id == 0 ? nullptr : world.objects_.get_mut(id - 1);
}

WorldAccess::Resolved WorldAccess::resolve(Process& p, HandleValue h) {
    // Pseudo-handles are resolved before any table look-up and never stored (Wine server/handle.c).
    if (h == current_process_pseudo) return {object(p.process_object), nullptr, win32::PROCESS_ALL_ACCESS};
    if (h == current_thread_pseudo) return {object(p.thread_object), nullptr, win32::THREAD_ALL_ACCESS};
    HandleEntry* e = p.handles.find(h);
    if (!e) return {};
    return {object(e->object), e, e->access};
}

ObjectId WorldAccess::create_object(ObjectKind kind, std::string name, Pid creator, ObjectState state) {
    KernelObject o;
    o.id = world.next_object_id_++;
    o.kind = kind;
    o.name = std::move(name);
    o.creator = creator;
    o.state = std::move(state);
    ObjectId id = o.id;
    if (world.log_) {
        Change c;
        c.kind = Change::Kind::ObjectCreated;
        c.object = id;
        c.pid = creator;
        world.log_->changes.push_back(std::move(c));
    }
    world.objects_.put(id - 1, std::move(o));
    return id;
}

static void log_counts(WorldAccess& w, const KernelObject& o, std::uint32_t hc, std::uint32_t uc) {
    ChangeLog* log = w.change_log();
    if (!log) return;
    // Merge into this object's row of the step when it is near the end (the usual case), so the
    // log stays short; coalesce() merges whatever is left.
    auto& rows = log->changes;
    for (std::size_t i = rows.size(), seen = 0; i > 0 && seen < 8; --i, ++seen) {
        Change& row = rows[i - 1];
        if (row.kind == Change::Kind::CountsChanged && row.object == o.id) {
            row.after = o.handle_count;
            row.usage_after = o.usage_count;
            return;
        }
    }
    Change c;
    c.kind = Change::Kind::CountsChanged;
    c.object = o.id;
    c.before = hc;
    c.after = o.handle_count;
    c.usage_before = uc;
    c.usage_after = o.usage_count;
    w.log(std::move(c));
}

// An entry was stored in (delta +1) or erased from (delta -1) p's table: handle_count and
// usage_count move together, and the log says so.
void WorldAccess::count_entry(Process& p, HandleValue value, ObjectId id, int delta) {
    KernelObject& o = live_object(id);  // an entry keeps its object alive
    std::uint32_t hc = o.handle_count, uc = o.usage_count;
    o.handle_count += delta;
    o.usage_count += delta;
    if (delta < 0) world.removed_entries_.push_back({p.pid, value});
    // A named object leaves the namespace with its last handle, even while kernel references (a
    // mapped view) keep it alive (ReactOS ntoskrnl/ob/obhandle.c ObpDecrementHandleCount calls
    // ObpDeleteNameCheck at handle count 0; under Wine 8 OpenFileMapping fails once the last handle
    // to a still-mapped section is closed).
    if (delta < 0 && o.handle_count == 0 && !o.name.empty()) unbind_name(id);
    if (world.log_) {
        Change c;
        c.kind = delta > 0 ? Change::Kind::EntryAdded : Change::Kind::EntryRemoved;
        c.pid = p.pid;
        c.handle = value;
        c.object = id;
        log(std::move(c));
        log_counts(*this, o, hc, uc);
    }
}

HandleValue WorldAccess::add_entry(Process& p, ObjectId id, std::uint32_t access, bool inherit, Origin origin) {
    HandleValue value = p.handles.insert(HandleEntry{{}, id, access, inherit, false, origin});
    count_entry(p, value, id, +1);
    return value;
}

bool WorldAccess::add_entry_at(Process& p, HandleValue value, ObjectId id, std::uint32_t access, bool inherit,
                               Origin origin) {
    if (!p.handles.insert_at(HandleEntry{value, id, access, inherit, false, origin})) return false;
    count_entry(p, value, id, +1);
    return true;
}

void WorldAccess::remove_entry(Process& p, HandleValue value) {
    HandleEntry* e = p.handles.find(value);
    if (!e) return;
    ObjectId id = e->object;
    HandleValue own = e->value;   // value may carry tag bits; the change names the entry's own value
    p.handles.erase(own);
    count_entry(p, own, id, -1);
    if (live_object(id).usage_count == 0) destroy(id);
}

void WorldAccess::add_reference(ObjectId id) {
    KernelObject& o = live_object(id);
    std::uint32_t uc = o.usage_count;
    ++o.usage_count;
    log_counts(*this, o, o.handle_count, uc);
}

void WorldAccess::release_reference(ObjectId id) {
    KernelObject* o = object(id);
    if (!o) return;
    std::uint32_t uc = o->usage_count;
    --o->usage_count;
    log_counts(*this, *o, o->handle_count, uc);
    if (o->usage_count == 0) destroy(id);
}

void WorldAccess::destroy(ObjectId id) {
    KernelObject* o = object(id);
    if (!o) return;
    // A file mapping's reference to its file goes after the mapping itself (it may destroy the file).
    ObjectId mapped_file = 0;
    if (auto* m = std::get_if<FileMappingObject>(&o->state)) mapped_file = m->file;
    on_destroy(*o);
    o = &live_object(id);  // on_destroy unlinks peers; it neither creates nor destroys objects
    if (!o->name.empty()) unbind_name(id);
    if (world.log_) {
        Change c;
        c.kind = Change::Kind::ObjectDestroyed;
        c.object = id;
        // Structured, so a describer can name it without the object (never a text to parse).
        c.object_kind = o->kind;
        c.pid = owner_pid(*o);
        c.detail = o->name;
        if (const auto* file = std::get_if<FileObject>(&o->state); file && c.detail.empty()) c.detail = file->path;
        log(std::move(c));
    }
    world.objects_.erase(o->id - 1);
    if (mapped_file) release_reference(mapped_file);
}

// Unlinks what pointed at the object, so no peer or client refers to a destroyed object.
void WorldAccess::on_destroy(KernelObject& o) {
    ObjectId id = o.id;
    switch (o.kind) {
    case ObjectKind::Mailslot:
        for (const ObjectId client_id : objects_where([id](const KernelObject& other) {
                 auto* client = std::get_if<MailslotClientObject>(&other.state);
                 return client && client->mailslot == id;
             }))
            state_of<MailslotClientObject>(client_id)->mailslot = 0;
        break;
    case ObjectKind::PipeReadEnd:
    case ObjectKind::PipeWriteEnd:
        if (auto* end = std::get_if<PipeEndObject>(&o.state); end && end->peer)
            if (auto* peer = state_of<PipeEndObject>(end->peer)) peer->peer = 0;
        break;
    case ObjectKind::NamedPipeServer: {
        auto& server = std::get<NamedPipeServerObject>(o.state);
        if (server.client)
            if (auto* client = state_of<NamedPipeClientObject>(server.client)) {
                // A server that closes without DisconnectNamedPipe leaves its data readable
                // (Wine kernel32/tests/pipe.c test_CloseHandle).
                client->unread = std::move(server.to_client);
                client->server = 0;
            }
        break;
    }
    case ObjectKind::NamedPipeClient: {
        auto& client = std::get<NamedPipeClientObject>(o.state);
        if (client.server)
            if (auto* server = state_of<NamedPipeServerObject>(client.server)) {
                server->client = 0;
                if (server->state == NamedPipeServerObject::State::Connected)
                    server->state = NamedPipeServerObject::State::Closing;
            }
        break;
    }
    default: break;
    }
}

void WorldAccess::set_signalled(KernelObject& o, bool signalled, Change::Event event, std::uint64_t amount) {
    o.signalled = signalled;
    note_state(o.id, event, amount);
}

void WorldAccess::note_state(ObjectId id, Change::Event event, std::uint64_t amount, Pid by) {
    if (!world.log_) return;
    Change c;
    c.kind = Change::Kind::ObjectStateChanged;
    c.pid = by;
    c.object = id;
    c.event = event;
    c.amount = amount;
    log(std::move(c));
}

void WorldAccess::note_file(const std::string& path, std::uint64_t size) {
    if (!world.log_) return;
    Change c;
    c.kind = Change::Kind::FileChanged;
    c.detail = path;
    c.amount = size;
    log(std::move(c));
}

void WorldAccess::set_run_state(Process& p, RunState state) {
    if (p.state == state) return;
    RunState before = p.state;
    p.state = state;
    if (before == RunState::Waiting) --world.waiting_count_;
    if (state == RunState::Waiting) ++world.waiting_count_;
    if (!world.log_) return;
    Change c;
    c.kind = Change::Kind::ProcessStateChanged;
    c.pid = p.pid;
    c.before = static_cast<std::uint32_t>(before);
    c.after = static_cast<std::uint32_t>(state);
    log(std::move(c));
}

std::string WorldAccess::sync_key(std::string_view name) { return "\\BaseNamedObjects\\" + std::string(name); }

std::string WorldAccess::mailslot_key(std::string_view name) { return "\\Device\\Mailslot\\" + upper(name.substr(std::min(name.size(), mailslot_prefix.size()))); }

ObjectId WorldAccess::find_name(const std::string& key) const {
    auto it = world.names_.find(key);
    return it == world.names_.end() ? 0 : it->second;
}

void WorldAccess::bind_name(const std::string& key, ObjectId id) { world.names_[key] = id; }

void WorldAccess::unbind_name(ObjectId id) {
    for (auto it = world.names_.begin(); it != world.names_.end(); ++it)
        if (it->second == id) {
            world.names_.erase(it);
            return;
        }
}

}  // namespace kosim::model
