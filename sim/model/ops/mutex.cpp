// Mutexes: an owner thread with a recursion count; ReleaseMutex by a non-owner fails with
// ERROR_NOT_OWNER; an owner that ends abandons it (Microsoft Learn "Mutex Objects", ReleaseMutex).
#include "model/internal.h"

namespace kosim::model {

template <> Outcome WorldAccess::operation<Call::CreateMutex>(Process& p, CallArgs<Call::CreateMutex> a, Attempt) {
    using P = Params<Call::CreateMutex>;
    bool existed = false;
    Outcome out = create_named_sync(p, ObjectKind::Mutex, a.flag<P::lpMutexAttributes>(), a.string<P::lpName>(), MutexObject{}, &existed);
    if (out.result.number == 0) return out;
    KernelObject& o = object_of_new_handle(p, out.result.as_handle());
    // bInitialOwner is ignored when the named mutex already existed (Microsoft Learn CreateMutexA).
    if (!existed && a.flag<P::bInitialOwner>()) {
        auto& m = std::get<MutexObject>(o.state);
        m.owner = p.pid;
        m.recursion = 1;
        note_state(o.id, Change::Event::Acquired, 1);
    } else if (!existed) {
        set_signalled(o, true, Change::Event::Signalled);
    }
    return out;
}

template <> Outcome WorldAccess::operation<Call::OpenMutex>(Process& p, CallArgs<Call::OpenMutex> a, Attempt) {
    using P = Params<Call::OpenMutex>;
    return open_named(p, ObjectKind::Mutex, a.dword<P::dwDesiredAccess>(), a.flag<P::bInheritHandle>(), a.string<P::lpName>());
}

template <> Outcome WorldAccess::operation<Call::ReleaseMutex>(Process& p, CallArgs<Call::ReleaseMutex> a, Attempt) {
    Resolved r = resolve(p, a.handle<Params<Call::ReleaseMutex>::hMutex>());
    if (!r.object || r.object->kind != ObjectKind::Mutex) return fail(p, bool_value(false), win32::ERROR_INVALID_HANDLE);
    auto& m = std::get<MutexObject>(r.object->state);
    if (m.owner != p.pid) return fail(p, bool_value(false), win32::ERROR_NOT_OWNER);
    if (--m.recursion == 0) {
        m.owner = 0;
        set_signalled(*r.object, true, Change::Event::Released, 0);
    } else {
        note_state(r.object->id, Change::Event::Released, m.recursion);
    }
    return done(p, bool_value(true));
}

}  // namespace kosim::model
