// WaitForSingleObject, WaitForMultipleObjects and Sleep. Processes and threads are signalled once
// they end; events, mutexes and semaphores by their own rules (Microsoft Learn WaitForSingleObject).
// Pipe, mailslot and file handles are File objects, which Windows treats as signalled for
// synchronous I/O, so a wait on one returns WAIT_OBJECT_0 at once (model choice, docs/model.md).
#include <algorithm>

#include "model/internal.h"

namespace kosim::model {

// Whether a wait by p on o would be satisfied now (a mutex p owns counts: it is acquired again).
static bool ready(const Process& p, const KernelObject& o) {
    switch (o.kind) {
    case ObjectKind::Mutex: {
        const auto& m = std::get<MutexObject>(o.state);
        return m.owner == p.pid || m.owner == 0;
    }
    case ObjectKind::Semaphore: return std::get<SemaphoreObject>(o.state).count > 0;
    case ObjectKind::Event:
    case ObjectKind::Timer:
    case ObjectKind::Process:
    case ObjectKind::Thread: return o.signalled;
    // A client end whose server called DisconnectNamedPipe is not signalled (Wine kernel32/tests/
    // pipe.c test_DisconnectNamedPipe: WaitForSingleObject(hFile, 0) == WAIT_TIMEOUT).
    case ObjectKind::NamedPipeClient: return !std::get<NamedPipeClientObject>(o.state).disconnected;
    default: return true;
    }
}

// Satisfies p's wait on a ready object: an auto-reset event resets, a semaphore counts down, a
// mutex gets (or deepens) its owner. True when it was an abandoned mutex (WAIT_ABANDONED).
static bool acquire(WorldAccess& w, Process& p, KernelObject& o) {
    switch (o.kind) {
    case ObjectKind::Event:
        if (!std::get<EventObject>(o.state).manual_reset) w.set_signalled(o, false, Change::Event::Reset);
        return false;
    case ObjectKind::Timer:
        // A synchronization timer releases one waiter and resets (Microsoft Learn "Waitable Timer Objects").
        if (!std::get<TimerObject>(o.state).manual_reset) w.set_signalled(o, false, Change::Event::Reset);
        return false;
    case ObjectKind::Mutex: {
        auto& m = std::get<MutexObject>(o.state);
        if (m.owner == p.pid) {  // recursive acquisition by the owner
            ++m.recursion;
            w.note_state(o.id, Change::Event::Acquired, m.recursion);
            return false;
        }
        bool abandoned = m.abandoned;
        m.owner = p.pid;
        m.recursion = 1;
        m.abandoned = false;
        w.set_signalled(o, false, Change::Event::Acquired, 1);
        // The next waiter on an abandoned mutex owns it and learns it with WAIT_ABANDONED.
        return abandoned;
    }
    case ObjectKind::Semaphore: {
        auto& s = std::get<SemaphoreObject>(o.state);
        --s.count;
        w.set_signalled(o, s.count > 0, Change::Event::Acquired, 1);
        return false;
    }
    default: return false;
    }
}

// Takes the object if it is signalled (or a mutex the caller owns); returns the WAIT_* result.
std::optional<std::uint32_t> try_acquire(WorldAccess& w, Process& p, KernelObject& o) {
    if (!ready(p, o)) return std::nullopt;
    return acquire(w, p, o) ? win32::WAIT_ABANDONED : win32::WAIT_OBJECT_0;
}

template <> Outcome WorldAccess::operation<Call::WaitForSingleObject>(Process& p, CallArgs<Call::WaitForSingleObject> a, Attempt attempt) {
    using P = Params<Call::WaitForSingleObject>;
    Resolved r = resolve(p, a.handle<P::hHandle>());
    // An invalid handle gives WAIT_FAILED with ERROR_INVALID_HANDLE.
    if (!r.object) return fail(p, Value::integer(win32::WAIT_FAILED), win32::ERROR_INVALID_HANDLE);
    // The handle must have SYNCHRONIZE (Microsoft Learn WaitForSingleObject; Wine kernel32/tests/sync.c
    // test_mutex: a mutex opened GENERIC_READ | GENERIC_WRITE gives WAIT_FAILED).
    if (!has_access(r.access, win32::SYNCHRONIZE)) return fail(p, Value::integer(win32::WAIT_FAILED), win32::ERROR_ACCESS_DENIED);
    if (auto result = try_acquire(*this, p, *r.object)) return done(p, Value::integer(*result));
    std::uint64_t ms = a.number<P::dwMilliseconds>();
    if (attempt == Attempt::First && ms == 0) return done(p, Value::integer(win32::WAIT_TIMEOUT));
    PendingWait wait{WaitReason::Object, r.object->id, {}, std::nullopt};
    if (!is_infinite(ms)) wait.timeout_ms = ms;
    return block(std::move(wait));
}

// WaitForMultipleObjects: wait-any takes the lowest-index signalled object and returns
// WAIT_OBJECT_0 + i (WAIT_ABANDONED_0 + i for an abandoned mutex), leaving the others untouched
// (Wine kernel32/tests/sync.c test_WaitForMultipleObjects); wait-all takes every object at once,
// and only when all are signalled together (Microsoft Learn WaitForMultipleObjects).
template <> Outcome WorldAccess::operation<Call::WaitForMultipleObjects>(Process& p, CallArgs<Call::WaitForMultipleObjects> a, Attempt attempt) {
    using P = Params<Call::WaitForMultipleObjects>;
    const Value wait_failed = Value::integer(win32::WAIT_FAILED);
    std::uint32_t count = a.dword<P::nCount>();
    // nCount 0 or above MAXIMUM_WAIT_OBJECTS (64): ERROR_INVALID_PARAMETER before any handle is read
    // (Microsoft Learn WaitForMultipleObjects, nCount; ReactOS ntoskrnl/ob/obwait.c NtWaitForMultipleObjects).
    if (count == 0 || count > win32::MAXIMUM_WAIT_OBJECTS) return fail(p, wait_failed, win32::ERROR_INVALID_PARAMETER);
    std::vector<HandleValue> handles = a.handles<P::lpHandles>();
    std::vector<ObjectId> ids;
    ids.reserve(count);
    for (std::uint32_t i = 0; i < count; ++i) {
        // Past the end of the list reads as NULL; the runner refuses such a call before it is made.
        HandleValue h = i < handles.size() ? handles[i] : null_handle;
        // Unlike WaitForSingleObject, pseudo-handles are refused with ERROR_INVALID_HANDLE (Wine
        // kernel32/tests/sync.c test_WaitForMultipleObjects, todo_wine: Wine accepts them).
        Resolved r = is_pseudo_handle(h) ? Resolved{} : resolve(p, h);
        if (!r.object) return fail(p, wait_failed, win32::ERROR_INVALID_HANDLE);
        // Each handle needs SYNCHRONIZE, checked in lpHandles order (Microsoft Learn WaitForMultipleObjects,
        // lpHandles; ReactOS ntoskrnl/ob/obwait.c references each handle for SYNCHRONIZE).
        if (!has_access(r.access, win32::SYNCHRONIZE)) return fail(p, wait_failed, win32::ERROR_ACCESS_DENIED);
        ids.push_back(r.object->id);
    }
    bool wait_all = a.flag<P::bWaitAll>();
    // Wait-all may not name one object twice, even through two handles: STATUS_INVALID_PARAMETER_MIX,
    // ERROR_INVALID_PARAMETER (ReactOS ntoskrnl/ob/obwait.c NtWaitForMultipleObjects).
    if (wait_all) {
        std::vector<ObjectId> sorted = ids;
        std::sort(sorted.begin(), sorted.end());
        if (std::adjacent_find(sorted.begin(), sorted.end()) != sorted.end())
            return fail(p, wait_failed, win32::ERROR_INVALID_PARAMETER);
        bool all = std::all_of(ids.begin(), ids.end(), [&](ObjectId id) { return ready(p, live_object(id)); });
        if (all) {
            bool abandoned = false;
            for (ObjectId id : ids) abandoned = acquire(*this, p, live_object(id)) || abandoned;
            // An abandoned mutex among them: WAIT_ABANDONED_0 (ReactOS ntoskrnl/ke/wait.c
            // KeWaitForMultipleObjects returns the thread's STATUS_ABANDONED for a wait-all).
            return done(p, Value::integer(abandoned ? win32::WAIT_ABANDONED_0 : win32::WAIT_OBJECT_0));
        }
    } else {
        for (std::uint32_t i = 0; i < count; ++i)
            if (auto result = try_acquire(*this, p, live_object(ids[i]))) return done(p, Value::integer(*result + i));
    }
    std::uint64_t ms = a.number<P::dwMilliseconds>();
    if (attempt == Attempt::First && ms == 0) return done(p, Value::integer(win32::WAIT_TIMEOUT));
    PendingWait wait{WaitReason::Object, ids.front(), {}, std::nullopt, ids};
    if (!is_infinite(ms)) wait.timeout_ms = ms;
    return block(std::move(wait));
}

// Sleep(0) returns at once; Sleep(n) waits n virtual milliseconds; Sleep(INFINITE) never returns.
template <> Outcome WorldAccess::operation<Call::Sleep>(Process& p, CallArgs<Call::Sleep> a, Attempt attempt) {
    std::uint64_t ms = a.number<Params<Call::Sleep>::dwMilliseconds>();
    if (attempt == Attempt::First && ms == 0) return done(p, Value::none());
    PendingWait wait{WaitReason::Sleep, 0, {}, std::nullopt};
    if (!is_infinite(ms)) wait.timeout_ms = ms;
    return block(std::move(wait));
}

}  // namespace kosim::model
