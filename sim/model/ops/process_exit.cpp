// Ending a process (ExitProcess, TerminateProcess): its table is closed, its own references to
// its process and thread objects go, both become signalled, owned mutexes are abandoned
// (Microsoft Learn "Terminating a Process"); the process object stays while handles to it remain.
#include "model/internal.h"

namespace kosim::model {

void WorldAccess::exit_process(Pid pid, std::uint32_t exit_code) {
    Process* p = process(pid);
    if (!p || p->state == RunState::Exited) return;
    p->wait.reset();
    p->exit_code = exit_code;
    set_run_state(*p, RunState::Exited);
    // Mutexes the thread owned become abandoned: the next waiter gets WAIT_ABANDONED.
    for (KernelObject& o : world.objects_)
        if (auto* m = std::get_if<MutexObject>(&o.state); m && m->owner == pid) {
            m->owner = 0;
            m->recursion = 0;
            m->abandoned = true;
            set_signalled(o, true, Change::Event::Abandoned);
        }
    std::vector<HandleValue> values;
    values.reserve(p->handles.size());
    p->handles.for_each([&](const HandleEntry& e) { values.push_back(e.value); });
    for (HandleValue v : values) remove_entry(*process(pid), v);
    p = process(pid);
    ObjectId process_object = p->process_object, thread_object = p->thread_object;
    if (KernelObject* t = object(thread_object)) set_signalled(*t, true, Change::Event::Signalled, exit_code);
    if (KernelObject* o = object(process_object)) set_signalled(*o, true, Change::Event::Signalled, exit_code);
    release_reference(thread_object);
    release_reference(process_object);
}

// ExitProcess: never returns to the caller; the outcome reports VOID.
Outcome WorldAccess::exit_process_call(Process& p, Args a) {
    Pid pid = p.pid;
    exit_process(pid, arg_dword(a, 0));
    return done(*process(pid), Value::none());
}

// TerminateProcess: ends the process a handle names (also the caller itself).
Outcome WorldAccess::terminate_process(Process& p, Args a) {
    Resolved r = resolve(p, arg_handle(a, 0));
    if (!r.object || r.object->kind != ObjectKind::Process) return fail(p, bool_value(false), win32::ERROR_INVALID_HANDLE);
    Pid target = std::get<ProcessObject>(r.object->state).pid;
    Process* t = process(target);
    // Terminating a process that already ended fails with ERROR_ACCESS_DENIED
    // (STATUS_PROCESS_IS_TERMINATING; Wine kernel32/tests/process.c test_TerminateProcess).
    if (!t || t->state == RunState::Exited) return fail(p, bool_value(false), win32::ERROR_ACCESS_DENIED);
    Pid caller = p.pid;
    exit_process(target, arg_dword(a, 1));
    return done(*process(caller), bool_value(true));
}

// GetExitCodeProcess: STILL_ACTIVE (259) while running, then the exit code.
Outcome WorldAccess::get_exit_code_process(Process& p, Args a) {
    Resolved r = resolve(p, arg_handle(a, 0));
    if (!r.object || r.object->kind != ObjectKind::Process) return fail(p, bool_value(false), win32::ERROR_INVALID_HANDLE);
    const Process* t = process(std::get<ProcessObject>(r.object->state).pid);
    Outcome out = done(p, bool_value(true));
    out.outputs.push_back({1, Value::integer(t && t->state == RunState::Exited ? t->exit_code : win32::STILL_ACTIVE)});
    return out;
}

}  // namespace kosim::model
