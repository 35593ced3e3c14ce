// CloseHandle: removes one entry from the caller's table (handle_count - 1, usage_count - 1);
// the object goes when usage_count reaches 0. Pseudo-handles are not entries: closing one is a no-op.
#include "model/internal.h"

namespace kosim::model {

template <> Outcome WorldAccess::operation<Call::CloseHandle>(Process& p, CallArgs<Call::CloseHandle> a, Attempt) {
    using P = Params<Call::CloseHandle>;
    HandleValue h = a.handle<P::hObject>();
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
