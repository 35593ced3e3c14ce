// Events: manual-reset events stay signalled until ResetEvent; auto-reset events release one
// waiter and reset (Microsoft Learn "Event Objects").
#include "model/internal.h"

namespace kosim::model {

template <> Outcome WorldAccess::operation<Call::CreateEvent>(Process& p, CallArgs<Call::CreateEvent> a, Attempt) {
    using P = Params<Call::CreateEvent>;
    bool existed = false;
    EventObject state{a.flag<P::bManualReset>()};
    Outcome out = create_named_sync(p, ObjectKind::Event, a.flag<P::lpEventAttributes>(), a.string<P::lpName>(), state, &existed);
    // bInitialState applies only to a new event (an existing one keeps its state).
    if (!existed && out.result.number != 0 && a.flag<P::bInitialState>())
        set_signalled(object_of_new_handle(p, out.result.as_handle()), true, Change::Event::Signalled);
    return out;
}

template <> Outcome WorldAccess::operation<Call::OpenEvent>(Process& p, CallArgs<Call::OpenEvent> a, Attempt) {
    using P = Params<Call::OpenEvent>;
    return open_named(p, ObjectKind::Event, a.dword<P::dwDesiredAccess>(), a.flag<P::bInheritHandle>(), a.string<P::lpName>());
}

template <> Outcome WorldAccess::operation<Call::SetEvent>(Process& p, CallArgs<Call::SetEvent> a, Attempt) {
    return set_event(p, a.handle<Params<Call::SetEvent>::hEvent>(), true);
}

template <> Outcome WorldAccess::operation<Call::ResetEvent>(Process& p, CallArgs<Call::ResetEvent> a, Attempt) {
    return set_event(p, a.handle<Params<Call::ResetEvent>::hEvent>(), false);
}

// SetEvent / ResetEvent: TRUE; a handle to anything but an event fails with ERROR_INVALID_HANDLE.
Outcome WorldAccess::set_event(Process& p, HandleValue h, bool signalled) {
    Resolved r = resolve(p, h);
    if (!r.object || r.object->kind != ObjectKind::Event) return fail(p, bool_value(false), win32::ERROR_INVALID_HANDLE);
    // Both need EVENT_MODIFY_STATE (Microsoft Learn SetEvent, ResetEvent: "The handle must have the
    // EVENT_MODIFY_STATE access right").
    if (!has_access(r.access, win32::EVENT_MODIFY_STATE)) return fail(p, bool_value(false), win32::ERROR_ACCESS_DENIED);
    if (r.object->signalled != signalled)
        set_signalled(*r.object, signalled, signalled ? Change::Event::Signalled : Change::Event::Reset);
    return done(p, bool_value(true));
}

}  // namespace kosim::model
