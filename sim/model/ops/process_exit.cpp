// Ending a process (ExitProcess, TerminateProcess): its table is closed, its own references to
// its process and thread objects go, both become signalled, owned mutexes are abandoned
// (Microsoft Learn "Terminating a Process"); the process object stays while handles to it remain.
#include "model/internal.h"

namespace kosim::model {

void WorldAccess::exit_process(Pid pid, std::uint32_t exit_code) {
    Process* p = process(pid);
    if (!p || p->state == RunState::Exited) return;
    p->wait.reset();
    discard_blocked_writes(pid);  // a write it was waiting on leaves the pipe (sim/model/ops/write_file.cpp)
    p->exit_code = exit_code;
    set_run_state(*p, RunState::Exited);
    // Mutexes the thread owned become abandoned: the next waiter gets WAIT_ABANDONED.
    for (const ObjectId id : objects_where([pid](const KernelObject& o) {
             auto* m = std::get_if<MutexObject>(&o.state);
             return m && m->owner == pid;
         })) {
        KernelObject& o = live_object(id);
        auto& m = std::get<MutexObject>(o.state);
        m.owner = 0;
        m.recursion = 0;
        m.abandoned = true;
        set_signalled(o, true, Change::Event::Abandoned);
    }
    std::vector<HandleValue> values;
    values.reserve(p->handles.size());
    p->handles.for_each([&](const HandleEntry& e) { values.push_back(e.value); });
    for (HandleValue v : values) remove_entry(live_process(pid), v);
    // Its views go with its address space (Microsoft Learn "Terminating a Process").
    unmap_all_views(live_process(pid));
    p = &live_process(pid);
    ObjectId process_object = p->process_object, thread_object = p->thread_object;
    if (KernelObject* t = object(thread_object)) set_signalled(*t, true, Change::Event::Signalled, exit_code);
    if (KernelObject* o = object(process_object)) set_signalled(*o, true, Change::Event::Signalled, exit_code);
    release_reference(thread_object);
    release_reference(process_object);
}

// ExitProcess: never returns to the caller; the outcome reports VOID.
template <> Outcome WorldAccess::operation<Call::ExitProcess>(Process& p, CallArgs<Call::ExitProcess> a, Attempt) {
    Pid pid = p.pid;
    exit_process(pid, a.dword<Params<Call::ExitProcess>::uExitCode>());
    return done(live_process(pid), Value::none());
}

// TerminateProcess: ends the process a handle names (also the caller itself).
template <> Outcome WorldAccess::operation<Call::TerminateProcess>(Process& p, CallArgs<Call::TerminateProcess> a, Attempt) {
    using P = Params<Call::TerminateProcess>;
    Resolved r = resolve(p, a.handle<P::hProcess>());
    if (!r.object || r.object->kind != ObjectKind::Process) return fail(p, bool_value(false), win32::ERROR_INVALID_HANDLE);
    // PROCESS_TERMINATE is needed (Microsoft Learn TerminateProcess, hProcess).
    if (!has_access(r.access, win32::PROCESS_TERMINATE)) return fail(p, bool_value(false), win32::ERROR_ACCESS_DENIED);
    Pid target = std::get<ProcessObject>(r.object->state).pid;
    Process* t = process(target);
    // Terminating a process that already ended fails with ERROR_ACCESS_DENIED
    // (STATUS_PROCESS_IS_TERMINATING; Wine kernel32/tests/process.c test_TerminateProcess).
    if (!t || t->state == RunState::Exited) return fail(p, bool_value(false), win32::ERROR_ACCESS_DENIED);
    Pid caller = p.pid;
    exit_process(target, a.dword<P::uExitCode>());
    return done(live_process(caller), bool_value(true));
}

// GetExitCodeProcess: STILL_ACTIVE (259) while running, then the exit code.
template <> Outcome WorldAccess::operation<Call::GetExitCodeProcess>(Process& p, CallArgs<Call::GetExitCodeProcess> a, Attempt) {
    using P = Params<Call::GetExitCodeProcess>;
    Resolved r = resolve(p, a.handle<P::hProcess>());
    if (!r.object || r.object->kind != ObjectKind::Process) return fail(p, bool_value(false), win32::ERROR_INVALID_HANDLE);
    // PROCESS_QUERY_INFORMATION or PROCESS_QUERY_LIMITED_INFORMATION is needed (Microsoft Learn
    // GetExitCodeProcess, hProcess); lpExitCode is left unwritten.
    if (!has_any_access(r.access, win32::PROCESS_QUERY_INFORMATION | win32::PROCESS_QUERY_LIMITED_INFORMATION))
        return fail(p, bool_value(false), win32::ERROR_ACCESS_DENIED);
    const Process* t = process(std::get<ProcessObject>(r.object->state).pid);
    return done(p, bool_value(true))
        .write<P::lpExitCode>(Value::integer(t && t->state == RunState::Exited ? t->exit_code : win32::STILL_ACTIVE));
}

}  // namespace kosim::model
