// SignalObjectAndWait: signals one object and waits on another as one operation, so no other
// thread runs between the two (Microsoft Learn SignalObjectAndWait: "Signals one object and waits
// on another object as a single operation").
#include "model/internal.h"

namespace kosim::model {

namespace {

// hObjectToSignal is signalled as its own release call would: SetEvent, ReleaseSemaphore(1),
// ReleaseMutex. Returns the error, ERROR_SUCCESS when it was signalled.
std::uint32_t signal_object(WorldAccess& w, Process& p, KernelObject& o, std::uint32_t access) {
    switch (o.kind) {
    case ObjectKind::Event:
        // EVENT_MODIFY_STATE is needed (Microsoft Learn SignalObjectAndWait, hObjectToSignal).
        if (!has_access(access, win32::EVENT_MODIFY_STATE)) return win32::ERROR_ACCESS_DENIED;
        if (!o.signalled) w.set_signalled(o, true, Change::Event::Signalled);
        return win32::ERROR_SUCCESS;
    case ObjectKind::Semaphore: {
        // SEMAPHORE_MODIFY_STATE is needed; a semaphore at its maximum is not released
        // (ERROR_TOO_MANY_POSTS: Wine kernel32/tests/sync.c test_signalandwait).
        if (!has_access(access, win32::SEMAPHORE_MODIFY_STATE)) return win32::ERROR_ACCESS_DENIED;
        auto& s = std::get<SemaphoreObject>(o.state);
        if (s.count + 1 > s.maximum) return win32::ERROR_TOO_MANY_POSTS;
        ++s.count;
        w.set_signalled(o, true, Change::Event::Released, 1);
        return win32::ERROR_SUCCESS;
    }
    case ObjectKind::Mutex: {
        // Released as ReleaseMutex releases it: only by its owner (ERROR_NOT_OWNER otherwise).
        auto& m = std::get<MutexObject>(o.state);
        if (m.owner != p.pid) return win32::ERROR_NOT_OWNER;
        if (--m.recursion == 0) {
            m.owner = 0;
            w.set_signalled(o, true, Change::Event::Released, 0);
        } else {
            w.note_state(o.id, Change::Event::Released, m.recursion);
        }
        return win32::ERROR_SUCCESS;
    }
    default:
        // Anything else (a file, a process): STATUS_OBJECT_TYPE_MISMATCH, ERROR_INVALID_HANDLE
        // (Microsoft Learn SignalObjectAndWait: "a semaphore, mutex, or event"; Wine sync.c
        // test_signalandwait signals a file).
        return win32::ERROR_INVALID_HANDLE;
    }
}

}  // namespace

template <> Outcome WorldAccess::operation<Call::SignalObjectAndWait>(Process& p, CallArgs<Call::SignalObjectAndWait> a, Attempt attempt) {
    using P = Params<Call::SignalObjectAndWait>;
    const Value wait_failed = Value::integer(win32::WAIT_FAILED);
    Resolved to_wait = resolve(p, a.handle<P::hObjectToWaitOn>());
    if (attempt == Attempt::First) {
        // Both handles are looked up before anything is signalled: a bad wait handle signals nothing
        // (ReactOS ntoskrnl/ob/obwait.c NtSignalAndWaitForSingleObject references both first; Wine
        // sync.c test_signalandwait: NULL either side gives WAIT_FAILED).
        Resolved to_signal = resolve(p, a.handle<P::hObjectToSignal>());
        if (!to_signal.object || !to_wait.object) return fail(p, wait_failed, win32::ERROR_INVALID_HANDLE);
        if (!has_access(to_wait.access, win32::SYNCHRONIZE)) return fail(p, wait_failed, win32::ERROR_ACCESS_DENIED);
        // A semaphore at its maximum fails the whole call: the wait is not made either (Wine sync.c
        // test_signalandwait: the semaphore to wait on keeps its count).
        if (std::uint32_t error = signal_object(*this, p, *to_signal.object, to_signal.access); error != win32::ERROR_SUCCESS)
            return fail(p, wait_failed, error);
    } else if (!to_wait.object) {
        return fail(p, wait_failed, win32::ERROR_INVALID_HANDLE);
    }
    // Then the wait, as WaitForSingleObject waits: an auto-reset event just signalled and waited on
    // is taken back at once (Wine sync.c test_signalandwait signals and waits on one event).
    if (auto result = try_acquire(*this, p, *to_wait.object)) return done(p, Value::integer(*result));
    std::uint64_t ms = a.number<P::dwMilliseconds>();
    if (attempt == Attempt::First && ms == 0) return done(p, Value::integer(win32::WAIT_TIMEOUT));
    PendingWait wait{WaitReason::Object, to_wait.object->id, {}, std::nullopt};
    if (!is_infinite(ms)) wait.timeout_ms = ms;
    return block(std::move(wait));
}

}  // namespace kosim::model
