// CloseHandle: removes one entry from the caller's table (handle_count - 1, usage_count - 1);
// the object goes when usage_count reaches 0. Pseudo-handles are not entries: closing one is a no-op.
#include <utility>

#include "model/internal.h"

namespace kosim::model {

template <> Outcome WorldAccess::operation<Call::CloseHandle>(Process& p, CallArgs<Call::CloseHandle> a, Attempt) {
    using P = Params<Call::CloseHandle>;
    HandleValue h = a.handle<P::hObject>();
    // The STD_*_HANDLE values stand for the process's standard handle, which CloseHandle takes out
    // of its slot first (GetStdHandle then returns NULL) and then closes (Wine kernel32/tests/process.c
    // test_Handles: CloseHandle((HANDLE)STD_ERROR_HANDLE), then "h2 == 0"; Wine kernelbase CloseHandle).
    HandleValue* std_slot = h == HandleValue{win32::STD_INPUT_HANDLE}    ? &p.std_input
                          : h == HandleValue{win32::STD_OUTPUT_HANDLE} ? &p.std_output
                          : h == HandleValue{win32::STD_ERROR_HANDLE}  ? &p.std_error
                                                                       : nullptr;
    if (std_slot) {
        h = std::exchange(*std_slot, null_handle);
        if (world.log_) {
            Change c;
            c.kind = Change::Kind::StdHandleChanged;
            c.pid = p.pid;
            c.handle = null_handle;
            c.amount = a.handle<P::hObject>().raw;
            log(std::move(c));
        }
    }
    // CloseHandle(GetCurrentProcess()) returns TRUE and does nothing (Microsoft Learn GetCurrentProcess).
    if (is_pseudo_handle(h)) return done(p, bool_value(true));
    HandleEntry* e = p.handles.find(h);
    if (!e) return fail(p, bool_value(false), win32::ERROR_INVALID_HANDLE);
    // A protected entry is not closed; CloseHandle fails with ERROR_INVALID_HANDLE
    // (STATUS_HANDLE_NOT_CLOSABLE; Microsoft Learn SetHandleInformation, Wine ntdll/tests/om.c).
    if (e->protect_from_close) return fail(p, bool_value(false), win32::ERROR_INVALID_HANDLE);
    remove_entry(p, h);
    return done(p, bool_value(true));
}

}  // namespace kosim::model
