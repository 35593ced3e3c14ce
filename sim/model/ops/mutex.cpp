// Mutexes: an owner thread with a recursion count; ReleaseMutex by a non-owner fails with
// ERROR_NOT_OWNER; an owner that ends abandons it (Microsoft Learn "Mutex Objects", ReleaseMutex).
#include "model/internal.h"

namespace kosim::model {

Outcome WorldAccess::create_mutex(Process& p, Args a) {
    bool existed = false;
    Outcome out = create_named_sync(p, ObjectKind::Mutex, arg_bool(a, 0), a[2], MutexObject{}, &existed);
    if (out.result.number == 0) return out;
    KernelObject& o = *object(p.handles.find(out.result.as_handle())->object);
    // bInitialOwner is ignored when the named mutex already existed (Microsoft Learn CreateMutexA).
    if (!existed && arg_bool(a, 1)) {
        auto& m = std::get<MutexObject>(o.state);
        m.owner = p.pid;
        m.recursion = 1;
        note_state(o.id, Change::Event::Acquired, 1);
    } else if (!existed) {
        set_signalled(o, true, Change::Event::Signalled);
    }
    return out;
}

Outcome WorldAccess::release_mutex(Process& p, Args a) {
    Resolved r = resolve(p, arg_handle(a, 0));
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
