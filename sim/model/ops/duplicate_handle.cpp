// DuplicateHandle: a new entry in the target process's table for the object behind a source
// handle (usage_count + 1). Pseudo-handles name the SOURCE process's own process/thread; the
// copy is a real entry. DUPLICATE_CLOSE_SOURCE closes the source "regardless of any error
// status returned" (Microsoft Learn DuplicateHandle).
#include "model/internal.h"

namespace kosim::model {

template <> Outcome WorldAccess::operation<Call::DuplicateHandle>(Process& caller, CallArgs<Call::DuplicateHandle> a, Attempt) {
    using P = Params<Call::DuplicateHandle>;
    Pid caller_pid = caller.pid;
    std::uint32_t options = a.dword<P::dwOptions>();
    Resolved source_process = resolve(caller, a.handle<P::hSourceProcessHandle>());
    if (!source_process.object || source_process.object->kind != ObjectKind::Process)
        return fail(caller, bool_value(false), win32::ERROR_INVALID_HANDLE);
    // Both process handles need PROCESS_DUP_HANDLE (Microsoft Learn DuplicateHandle, hSourceProcessHandle
    // and hTargetProcessHandle); GetCurrentProcess() carries every right.
    if (!has_access(source_process.access, win32::PROCESS_DUP_HANDLE))
        return fail(caller, bool_value(false), win32::ERROR_ACCESS_DENIED);
    Pid source_pid = std::get<ProcessObject>(source_process.object->state).pid;
    // A process object outlives its process's run, never its record: processes are never erased.
    Process& source = live_process(source_pid);
    HandleValue source_value = a.handle<P::hSourceHandle>();
    Resolved source_handle = resolve(source, source_value);
    // A protected source entry stays (CloseHandle's rule); decided now, before the table may move.
    bool close_source = (options & win32::DUPLICATE_CLOSE_SOURCE) && source_handle.entry &&
                        !source_handle.entry->protect_from_close;

    auto finish_failure = [&](std::uint32_t error) {
        if (close_source) remove_entry(live_process(source_pid), source_value);
        return fail(live_process(caller_pid), bool_value(false), error);
    };
    // An exited source has no table left, so its handles are invalid; its pseudo-handles too.
    if (!source_handle.object || source.state == RunState::Exited) return finish_failure(win32::ERROR_INVALID_HANDLE);

    Resolved target_process = resolve(caller, a.handle<P::hTargetProcessHandle>());
    if (!target_process.object || target_process.object->kind != ObjectKind::Process)
        return finish_failure(win32::ERROR_INVALID_HANDLE);
    if (!has_access(target_process.access, win32::PROCESS_DUP_HANDLE)) return finish_failure(win32::ERROR_ACCESS_DENIED);
    Pid target_pid = std::get<ProcessObject>(target_process.object->state).pid;
    Process* target = process(target_pid);
    // A process that has ended takes no new handles (STATUS_PROCESS_IS_TERMINATING -> ERROR_ACCESS_DENIED).
    if (!target || target->state == RunState::Exited) return finish_failure(win32::ERROR_ACCESS_DENIED);

    // DUPLICATE_SAME_ACCESS copies the source entry's rights; otherwise dwDesiredAccess, mapped for the
    // object's type (Microsoft Learn DuplicateHandle, dwDesiredAccess; Wine server/handle.c duplicate_handle).
    std::uint32_t access = (options & win32::DUPLICATE_SAME_ACCESS)
                               ? source_handle.access
                               : map_access(source_handle.object->kind, a.dword<P::dwDesiredAccess>());
    ObjectId id = source_handle.object->id;
    bool inherit = a.flag<P::bInheritHandle>();
    // DUPLICATE_SAME_ATTRIBUTES: the copy takes the source entry's attributes (HANDLE_FLAG_INHERIT,
    // HANDLE_FLAG_PROTECT_FROM_CLOSE) instead of bInheritHandle (Microsoft Learn ZwDuplicateObject, Options;
    // kernelbase passes dwOptions through to NtDuplicateObject; ReactOS ntoskrnl/ob/obhandle.c
    // ObDuplicateObject copies HandleAttributes). A pseudo-handle source has none.
    bool same_attributes = options & win32::DUPLICATE_SAME_ATTRIBUTES;
    if (same_attributes) inherit = source_handle.entry && source_handle.entry->inherit;
    bool protect = same_attributes && source_handle.entry && source_handle.entry->protect_from_close;
    Origin origin{Origin::How::Duplicated, source_pid, source_handle.entry ? source_handle.entry->value : source_value};
    // Within one process, DUPLICATE_CLOSE_SOURCE gives back the source's own value, even when a lower
    // value is free (dlls/kernel32/tests/process.c test_DuplicateHandle: "f == out").
    if (close_source && target_pid == source_pid) {
        HandleValue own = source_handle.entry->value;
        Process& same = live_process(source_pid);
        // The old entry goes and the copy takes its slot: counts net zero. The copy is counted first, so
        // handle_count never passes 0 on the way (a named object would leave the namespace there).
        same.handles.erase(own);
        add_entry_at(same, own, id, access, inherit, origin);
        count_entry(same, own, id, -1);
        return done(live_process(caller_pid), bool_value(true)).write<P::lpTargetHandle>(Value::handle(own));
    }
    HandleValue copy = add_entry(*target, id, access, inherit, origin);
    if (protect) target->handles.find(copy)->protect_from_close = true;
    if (close_source) remove_entry(live_process(source_pid), source_value);
    return done(live_process(caller_pid), bool_value(true)).write<P::lpTargetHandle>(Value::handle(copy));
}

}  // namespace kosim::model
