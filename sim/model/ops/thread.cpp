// SuspendThread / ResumeThread / GetExitCodeThread on a process's one thread. The suspend count
// lives on the Process (the model's processes have one thread each); while it is above 0 the
// process runs no statement (the scheduler sees ProcessState::Suspended).
#include "model/internal.h"

namespace kosim::model {

namespace {

// The thread handle's process, or the error the call fails with: not a thread handle →
// ERROR_INVALID_HANDLE; without `needed` → ERROR_ACCESS_DENIED.
struct ThreadTarget {
    Process* process = nullptr;
    std::uint32_t error = 0;
};

}  // namespace

static ThreadTarget thread_target(WorldAccess& w, Process& caller, HandleValue h, std::uint32_t needed_any) {
    WorldAccess::Resolved r = w.resolve(caller, h);
    if (!r.object || r.object->kind != ObjectKind::Thread) return {nullptr, win32::ERROR_INVALID_HANDLE};
    if (!has_any_access(r.access, needed_any)) return {nullptr, win32::ERROR_ACCESS_DENIED};
    Process* owner = w.process(std::get<ThreadObject>(r.object->state).pid);
    if (!owner) return {nullptr, win32::ERROR_INVALID_HANDLE};
    return {owner, 0};
}

// Returns the previous suspend count, or (DWORD)-1. Needs THREAD_SUSPEND_RESUME (Microsoft Learn
// SuspendThread); past MAXIMUM_SUSPEND_COUNT (127) it fails (STATUS_SUSPEND_COUNT_EXCEEDED →
// ERROR_SIGNAL_REFUSED; Wine server/thread.c suspend_thread); a thread that has ended cannot be
// suspended (STATUS_THREAD_IS_TERMINATING → ERROR_ACCESS_DENIED).
template <> Outcome WorldAccess::operation<Call::SuspendThread>(Process& p, CallArgs<Call::SuspendThread> a, Attempt) {
    constexpr std::uint32_t failed = 0xFFFFFFFFu;
    ThreadTarget t = thread_target(*this, p, a.handle<Params<Call::SuspendThread>::hThread>(), win32::THREAD_SUSPEND_RESUME);
    if (!t.process) return fail(p, Value::integer(failed), t.error);
    if (t.process->state == RunState::Exited) return fail(p, Value::integer(failed), win32::ERROR_ACCESS_DENIED);
    std::uint32_t previous = t.process->suspend_count;
    if (previous >= win32::MAXIMUM_SUSPEND_COUNT) return fail(p, Value::integer(failed), win32::ERROR_SIGNAL_REFUSED);
    ++t.process->suspend_count;
    return done(p, Value::integer(previous));
}

// Returns the previous suspend count: 0 = was not suspended, 1 = now runs again, more = still
// suspended (Microsoft Learn ResumeThread, "Return value"); needs THREAD_SUSPEND_RESUME.
template <> Outcome WorldAccess::operation<Call::ResumeThread>(Process& p, CallArgs<Call::ResumeThread> a, Attempt) {
    constexpr std::uint32_t failed = 0xFFFFFFFFu;
    ThreadTarget t = thread_target(*this, p, a.handle<Params<Call::ResumeThread>::hThread>(), win32::THREAD_SUSPEND_RESUME);
    if (!t.process) return fail(p, Value::integer(failed), t.error);
    std::uint32_t previous = t.process->suspend_count;
    if (previous > 0) --t.process->suspend_count;
    return done(p, Value::integer(previous));
}

// STILL_ACTIVE while the thread runs (also while suspended), then the process's exit code: its one
// thread ends with it (Microsoft Learn GetExitCodeThread). Needs THREAD_QUERY_INFORMATION or
// THREAD_QUERY_LIMITED_INFORMATION.
template <> Outcome WorldAccess::operation<Call::GetExitCodeThread>(Process& p, CallArgs<Call::GetExitCodeThread> a, Attempt) {
    using P = Params<Call::GetExitCodeThread>;
    ThreadTarget t = thread_target(*this, p, a.handle<P::hThread>(),
                                   win32::THREAD_QUERY_INFORMATION | win32::THREAD_QUERY_LIMITED_INFORMATION);
    if (!t.process) return fail(p, bool_value(false), t.error);
    std::uint32_t code = t.process->state == RunState::Exited ? t.process->exit_code : win32::STILL_ACTIVE;
    return done(p, bool_value(true)).write<P::lpExitCode>(Value::integer(code));
}

}  // namespace kosim::model
