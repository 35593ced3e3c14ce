// Events: manual-reset events stay signalled until ResetEvent; auto-reset events release one
// waiter and reset (Microsoft Learn "Event Objects").
#include "model/internal.h"

namespace kosim::model {

Outcome WorldAccess::create_event(Process& p, Args a) {
    bool existed = false;
    EventObject state{arg_bool(a, 1)};
    Outcome out = create_named_sync(p, ObjectKind::Event, arg_bool(a, 0), a[3], state, &existed);
    if (!existed && out.result.number != 0) {
        // bInitialState applies only to a new event (an existing one keeps its state).
        KernelObject& o = *object(p.handles.find(out.result.as_handle())->object);
        if (arg_bool(a, 2)) set_signalled(o, true, Change::Event::Signalled);
    }
    return out;
}

// SetEvent / ResetEvent: TRUE; a handle to anything but an event fails with ERROR_INVALID_HANDLE.
Outcome WorldAccess::set_event(Process& p, Args a, bool signalled) {
    Resolved r = resolve(p, arg_handle(a, 0));
    if (!r.object || r.object->kind != ObjectKind::Event) return fail(p, bool_value(false), win32::ERROR_INVALID_HANDLE);
    if (r.object->signalled != signalled)
        set_signalled(*r.object, signalled, signalled ? Change::Event::Signalled : Change::Event::Reset);
    return done(p, bool_value(true));
}

}  // namespace kosim::model
