// The machine's entry points: invoke() runs one Win32 call as one process, settle() completes
// blocked calls that became ready, advance_clock() fails the calls whose time-out elapsed.
#include <algorithm>

#include "model/internal.h"

namespace kosim::model {

std::string_view kind_name(ObjectKind kind) {
    switch (kind) {
    case ObjectKind::Process: return "Process";
    case ObjectKind::Thread: return "Thread";
    case ObjectKind::Mailslot: return "Mailslot";
    case ObjectKind::MailslotClient: return "Mailslot writer";
    case ObjectKind::PipeReadEnd: return "Pipe read end";
    case ObjectKind::PipeWriteEnd: return "Pipe write end";
    case ObjectKind::NamedPipeServer: return "Named pipe (server end)";
    case ObjectKind::NamedPipeClient: return "Named pipe (client end)";
    case ObjectKind::File: return "File";
    case ObjectKind::Event: return "Event";
    case ObjectKind::Mutex: return "Mutex";
    case ObjectKind::Semaphore: return "Semaphore";
    case ObjectKind::FileMapping: return "File mapping";
    case ObjectKind::Timer: return "Waitable timer";
    }
    return "?";
}

// NtQueryObject's type names: every pipe and mailslot end is a File object on Windows.
std::string_view win32_type_name(ObjectKind kind) {
    switch (kind) {
    case ObjectKind::Process: return "Process";
    case ObjectKind::Thread: return "Thread";
    case ObjectKind::Event: return "Event";
    case ObjectKind::Mutex: return "Mutant";
    case ObjectKind::Semaphore: return "Semaphore";
    case ObjectKind::FileMapping: return "Section";
    case ObjectKind::Timer: return "Timer";
    default: return "File";
    }
}

Pid owner_pid(const KernelObject& object) {
    if (const auto* p = std::get_if<ProcessObject>(&object.state)) return p->pid;
    if (const auto* t = std::get_if<ThreadObject>(&object.state)) return t->pid;
    return 0;
}

std::string_view to_string(RunState state) {
    switch (state) {
    case RunState::Running: return "running";
    case RunState::Waiting: return "waiting";
    case RunState::Exited: return "exited";
    }
    return "?";
}

std::string_view to_string(WaitReason reason) {
    switch (reason) {
    case WaitReason::ReadEmpty: return "ReadFile on an empty pipe or mailslot";
    case WaitReason::WriteFull: return "WriteFile on a full pipe";
    case WaitReason::Connect: return "ConnectNamedPipe waiting for a client";
    case WaitReason::PipeInstance: return "WaitNamedPipe waiting for an instance";
    case WaitReason::Object: return "WaitForSingleObject, WaitForMultipleObjects or SignalObjectAndWait";
    case WaitReason::Sleep: return "Sleep";
    }
    return "?";
}

Pid World::add_process(std::string name) {
    WorldAccess w{*this};
    Pid pid = w.new_process(std::move(name), 0);
    return pid;
}

const Process* World::process(Pid pid) const { return WorldAccess{const_cast<World&>(*this)}.process(pid); }

const Process* World::find_process(std::string_view name) const {
    for (auto it = processes_.rbegin(); it != processes_.rend(); ++it)
        if (it->name == name) return &*it;
    return nullptr;
}

// Read-only: never copies a chunk the timeline's checkpoints share (WorldAccess::object does).
const KernelObject* World::object(ObjectId id) const { return id == 0 ? nullptr : objects_.get(id - 1); }

std::vector<const KernelObject*> World::objects() const {
    std::vector<const KernelObject*> out;
    out.reserve(objects_.size());
    for (const KernelObject& o : objects_) out.push_back(&o);
    return out;
}

const HandleEntry* World::entry(Pid pid, HandleValue handle) const {
    const Process* p = process(pid);
    return p ? p->handles.find(handle) : nullptr;
}

const KernelObject* World::object_of(Pid pid, HandleValue handle) const {
    const Process* p = process(pid);
    if (!p) return nullptr;
    if (handle == current_process_pseudo) return object(p->process_object);
    if (handle == current_thread_pseudo) return object(p->thread_object);
    const HandleEntry* e = p->handles.find(handle);
    return e ? object(e->object) : nullptr;
}

const KernelObject* World::find_named(std::string_view name) const {
    auto it = names_.find(iequals_prefix(name, mailslot_prefix) ? WorldAccess::mailslot_key(name)
                                                                : WorldAccess::sync_key(name));
    return it == names_.end() ? nullptr : object(it->second);
}

// One case per row of program/calls.def; each operation lives in sim/model/ops/.
Outcome WorldAccess::dispatch(Process& p, Call call, std::span<const Value> args, Attempt attempt) {
    switch (call) {
#define KOSIM_CALL(name, returns, kind, doc) \
    case Call::name: return operation<Call::name>(p, CallArgs<Call::name>(args), attempt);
#define KOSIM_PARAM(name, type, direction, required, default_value, alias)
#define KOSIM_END()
#include "program/calls.def"
    }
    return fail(p, Value::none(), win32::ERROR_NOT_SUPPORTED);
}

Outcome World::invoke(Pid pid, Call call, std::span<const Value> args) {
    WorldAccess w{*this};
    Process* p = w.process(pid);
    if (!p || p->state != RunState::Running) {
        // Only a running process makes calls; the runner never asks otherwise.
        Outcome out;
        out.last_error = win32::ERROR_INVALID_PARAMETER;
        return out;
    }
    // Pad missing trailing arguments with None so every operation can index by parameter.
    std::size_t want = call_info(call).params.size();
    std::vector<Value> padded;  // only when the caller passed fewer arguments than parameters
    if (args.size() < want) {
        padded.assign(args.begin(), args.end());
        padded.resize(want);
        args = padded;
    }
    Outcome out = w.dispatch(*p, call, args, Attempt::First);
    if (out.status == Outcome::Status::Blocked) {
        p = &w.live_process(pid);  // the call may have moved the processes
        Wait wait;
        wait.call = call;
        wait.args.assign(args.begin(), args.end());
        wait.reason = w.pending.reason;
        wait.object = w.pending.object;
        wait.objects = std::move(w.pending.objects);
        wait.name = std::move(w.pending.name);
        if (w.pending.timeout_ms) wait.deadline_ms = now_ms_ + *w.pending.timeout_ms;
        p->wait = std::move(wait);
        w.set_run_state(*p, RunState::Waiting);
        out.last_error = p->last_error;
    }
    return out;
}

void World::set_last_error(Pid pid, std::uint32_t error) {
    WorldAccess w{*this};
    if (Process* p = w.process(pid)) p->last_error = error;
}

std::vector<Completion> World::settle() {
    if (waiting_count_ == 0) return {};   // nothing to complete: no scan of every process (linear runs)
    WorldAccess w{*this};
    std::vector<Completion> done;
    // Lowest pid first, starting over after each completion: it may have readied a lower pid.
    for (bool progress = true; progress;) {
        progress = false;
        for (std::size_t i = 0; i < processes_.size(); ++i) {
            Process& p = processes_[i];
            if (p.state != RunState::Waiting || !p.wait) continue;
            Pid pid = p.pid;
            Wait wait = *p.wait;  // the call may mutate the process
            p.state = RunState::Running;  // so the retried call sees a running caller
            Outcome out = w.dispatch(p, wait.call, wait.args, Attempt::Retry);
            Process& again = w.live_process(pid);
            if (out.status == Outcome::Status::Blocked) {
                again.state = RunState::Waiting;
                continue;
            }
            again.wait.reset();
            again.state = RunState::Waiting;            // restored so the change log shows waiting -> running
            w.set_run_state(again, RunState::Running);
            done.push_back({pid, std::move(out)});
            progress = true;
            break;
        }
    }
    return done;
}

std::optional<std::uint64_t> World::next_deadline() const {
    std::optional<std::uint64_t> best;
    if (waiting_count_ == 0) return best;
    for (const Process& p : processes_)
        if (p.state == RunState::Waiting && p.wait && p.wait->deadline_ms)
            if (!best || *p.wait->deadline_ms < *best) best = *p.wait->deadline_ms;
    // A set timer that someone waits on expires at its due time (a timer nobody waits on is brought
    // up to date whenever the clock moves, in advance_clock).
    for (const KernelObject& o : objects_) {
        const auto* t = std::get_if<TimerObject>(&o.state);
        if (!t || !t->due_ms || (best && *t->due_ms >= *best)) continue;
        for (const Process& p : processes_)
            if (p.state == RunState::Waiting && p.wait &&
                (p.wait->object == o.id || std::find(p.wait->objects.begin(), p.wait->objects.end(), o.id) != p.wait->objects.end())) {
                best = *t->due_ms;
                break;
            }
    }
    return best;
}

std::vector<Completion> World::advance_clock(std::uint64_t ms) {
    WorldAccess w{*this};
    now_ms_ = std::max(now_ms_, ms);
    w.expire_timers();   // before the time-outs: a timer due at a wait's deadline wakes it (settle)
    std::vector<Completion> done;
    for (Process& p : processes_) {
        if (p.state != RunState::Waiting || !p.wait || !p.wait->deadline_ms || *p.wait->deadline_ms > now_ms_) continue;
        Wait wait = std::move(*p.wait);
        p.wait.reset();
        Outcome out = w.timed_out(p, wait);
        w.set_run_state(p, RunState::Running);
        done.push_back({p.pid, std::move(out)});
    }
    return done;
}

// What a call returns when its time-out elapses (each call's Microsoft Learn page).
Outcome WorldAccess::timed_out(Process& p, const Wait& wait) {
    switch (wait.call) {
    case Call::WaitForSingleObject:
    case Call::WaitForMultipleObjects:
    case Call::SignalObjectAndWait: return done(p, Value::integer(win32::WAIT_TIMEOUT));
    case Call::Sleep: return done(p, Value::none());
    case Call::ReadFile:
        return fail(p, bool_value(false), win32::ERROR_SEM_TIMEOUT)
            .write<Params<Call::ReadFile>::lpNumberOfBytesRead>(Value::integer(0));
    default: return fail(p, bool_value(false), win32::ERROR_SEM_TIMEOUT);
    }
}

}  // namespace kosim::model
