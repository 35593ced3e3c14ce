// The world's rules written as code (as ReactOS ob/ asserts them): counts match the tables, no
// entry outlives its object, the namespace holds only live objects, links point at live peers.
#include <unordered_map>

#include "model/internal.h"

namespace kosim::model {

std::vector<std::string> World::check_invariants() const {
    std::vector<std::string> broken;
    auto say = [&](std::string text) { broken.push_back(std::move(text)); };
    std::unordered_map<ObjectId, std::uint32_t> entries, kernel_refs;
    for (std::size_t i = 0; i < objects_.slot_end(); ++i)
        if (const KernelObject* o = objects_.get(i); o && o->id != i + 1) say("object #" + std::to_string(o->id) + " is not in its slot");
    for (std::size_t i = 1; i < processes_.size(); ++i)
        if (processes_[i - 1].pid >= processes_[i].pid) say("processes are not sorted by pid");
    for (const Process& p : processes_) {
        std::string who = p.name + " (pid " + std::to_string(p.pid) + ")";
        std::size_t count = 0;
        p.handles.for_each([&](const HandleEntry& e) {
            ++count;
            ++entries[e.object];
            if (e.value.raw == 0 || e.value.raw % 4 != 0) say(who + " has an entry at a value that is not a multiple of 4");
            if (!object(e.object)) say(who + "'s entry " + to_hex(e.value) + " points at destroyed object #" + std::to_string(e.object));
        });
        if (count != p.handles.size()) say(who + "'s table size disagrees with its entries");
        if (p.state == RunState::Exited) {
            if (p.handles.size() != 0) say(who + " has exited but its handle table is not empty");
            if (p.wait) say(who + " has exited but still waits");
        } else {
            ++kernel_refs[p.process_object];
            ++kernel_refs[p.thread_object];
            if (!object(p.process_object)) say(who + " is running but its process object is gone");
            if (!object(p.thread_object)) say(who + " is running but its thread object is gone");
        }
        for (const MappedView& v : p.views) {
            ++kernel_refs[v.mapping];
            const KernelObject* m = object(v.mapping);
            if (!m || m->kind != ObjectKind::FileMapping) say(who + "'s view at " + to_hex(HandleValue{v.address}) + " maps no live file mapping");
        }
        if (p.state == RunState::Exited && !p.views.empty()) say(who + " has exited but still has mapped views");
        if (p.state == RunState::Waiting && !p.wait) say(who + " is waiting without a wait");
        if (p.state == RunState::Running && p.wait) say(who + " is running but has a wait");
        if (p.state == RunState::Running && p.exit_code != win32::STILL_ACTIVE) say(who + " is running with an exit code");
    }
    for (const KernelObject& o : objects_)
        if (auto* m = std::get_if<FileMappingObject>(&o.state); m && m->file) ++kernel_refs[m->file];
    for (const KernelObject& o : objects_) {
        std::string what = std::string(kind_name(o.kind)) + " #" + std::to_string(o.id);
        std::uint32_t handles = entries.count(o.id) ? entries[o.id] : 0;
        std::uint32_t refs = kernel_refs.count(o.id) ? kernel_refs[o.id] : 0;
        if (o.handle_count != handles)
            say(what + " has handle_count " + std::to_string(o.handle_count) + " but " + std::to_string(handles) + " entries point at it");
        if (o.usage_count != handles + refs)
            say(what + " has usage_count " + std::to_string(o.usage_count) + " but " + std::to_string(handles) + " entries + " +
                std::to_string(refs) + " kernel references");
        if (o.usage_count == 0) say(what + " has usage_count 0 but was not destroyed");
        if (auto* end = std::get_if<PipeEndObject>(&o.state); end && end->peer) {
            const KernelObject* peer = object(end->peer);
            auto* peer_end = peer ? std::get_if<PipeEndObject>(&peer->state) : nullptr;
            if (!peer_end || peer_end->peer != o.id) say(what + "'s peer link is not mutual");
        }
        if (auto* client = std::get_if<MailslotClientObject>(&o.state); client && client->mailslot && !object(client->mailslot))
            say(what + " points at a destroyed mailslot");
        if (auto* client = std::get_if<NamedPipeClientObject>(&o.state); client && client->server) {
            const KernelObject* server = object(client->server);
            auto* s = server ? std::get_if<NamedPipeServerObject>(&server->state) : nullptr;
            if (!s || s->client != o.id) say(what + "'s server link is not mutual");
        }
        if (auto* server = std::get_if<NamedPipeServerObject>(&o.state)) {
            using S = NamedPipeServerObject::State;
            if ((server->state == S::Connected) != (server->client != 0)) say(what + " is connected without a client or the reverse");
        }
        if (auto* m = std::get_if<MutexObject>(&o.state)) {
            if ((m->owner != 0) != (m->recursion != 0)) say(what + " has an owner without a recursion count or the reverse");
            if (m->owner != 0 && o.signalled) say(what + " is owned and signalled");
        }
        if (auto* s = std::get_if<SemaphoreObject>(&o.state)) {
            if (s->count > s->maximum) say(what + " has a count above its maximum");
            if ((s->count > 0) != o.signalled) say(what + " is signalled iff its count is above 0, and is not");
        }
        if (auto* m = std::get_if<FileMappingObject>(&o.state); m && m->file && (!object(m->file) || object(m->file)->kind != ObjectKind::File))
            say(what + " maps a file object that is gone");
        if (auto* f = std::get_if<FileObject>(&o.state); f && !f->null_device && !files_.count(f->path)) say(what + " names a file that does not exist");
    }
    for (const auto& [key, id] : names_) {
        const KernelObject* o = object(id);
        if (!o) say("the namespace name " + key + " refers to destroyed object #" + std::to_string(id));
        else if (o->name.empty()) say("the namespace name " + key + " refers to an unnamed object");
    }
    std::size_t waiting = 0;
    for (const Process& p : processes_) waiting += p.state == RunState::Waiting ? 1 : 0;
    if (waiting != waiting_count_)
        say(std::to_string(waiting) + " processes wait but the world counts " + std::to_string(waiting_count_));
    return broken;
}

}  // namespace kosim::model
