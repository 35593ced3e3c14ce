// WaitForSingleObject and Sleep. Processes and threads are signalled once they end; events,
// mutexes and semaphores by their own rules (Microsoft Learn WaitForSingleObject). Pipe, mailslot
// and file handles are File objects, which Windows treats as signalled for synchronous I/O, so a
// wait on one returns WAIT_OBJECT_0 at once (model choice, documented in docs/model.md).
#include "model/internal.h"

namespace kosim::model {

// Takes the object if it is signalled (or a mutex the caller owns); returns the WAIT_* result.
static std::optional<std::uint32_t> try_acquire(WorldAccess& w, Process& p, KernelObject& o) {
    switch (o.kind) {
    case ObjectKind::Event:
        if (!o.signalled) return std::nullopt;
        if (!std::get<EventObject>(o.state).manual_reset) w.set_signalled(o, false, Change::Event::Reset);
        return win32::WAIT_OBJECT_0;
    case ObjectKind::Mutex: {
        auto& m = std::get<MutexObject>(o.state);
        if (m.owner == p.pid) {  // recursive acquisition by the owner
            ++m.recursion;
            w.note_state(o.id, Change::Event::Acquired, m.recursion);
            return win32::WAIT_OBJECT_0;
        }
        if (m.owner != 0) return std::nullopt;
        bool abandoned = m.abandoned;
        m.owner = p.pid;
        m.recursion = 1;
        m.abandoned = false;
        w.set_signalled(o, false, Change::Event::Acquired, 1);
        // The next waiter on an abandoned mutex owns it and learns it with WAIT_ABANDONED.
        return abandoned ? win32::WAIT_ABANDONED : win32::WAIT_OBJECT_0;
    }
    case ObjectKind::Semaphore: {
        auto& s = std::get<SemaphoreObject>(o.state);
        if (s.count == 0) return std::nullopt;
        --s.count;
        w.set_signalled(o, s.count > 0, Change::Event::Acquired, 1);
        return win32::WAIT_OBJECT_0;
    }
    case ObjectKind::Process:
    case ObjectKind::Thread:
        if (!o.signalled) return std::nullopt;
        return win32::WAIT_OBJECT_0;
    default:
        return win32::WAIT_OBJECT_0;
    }
}

template <> Outcome WorldAccess::operation<Call::WaitForSingleObject>(Process& p, CallArgs<Call::WaitForSingleObject> a, Attempt attempt) {
    using P = Params<Call::WaitForSingleObject>;
    Resolved r = resolve(p, a.handle<P::hHandle>());
    // An invalid handle gives WAIT_FAILED with ERROR_INVALID_HANDLE.
    if (!r.object) return fail(p, Value::integer(win32::WAIT_FAILED), win32::ERROR_INVALID_HANDLE);
    if (auto result = try_acquire(*this, p, *r.object)) return done(p, Value::integer(*result));
    std::uint64_t ms = a.number<P::dwMilliseconds>();
    if (attempt == Attempt::First && ms == 0) return done(p, Value::integer(win32::WAIT_TIMEOUT));
    PendingWait wait{WaitReason::Object, r.object->id, {}, std::nullopt};
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
