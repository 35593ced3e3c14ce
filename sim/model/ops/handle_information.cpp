// GetHandleInformation / SetHandleInformation: the per-entry flags HANDLE_FLAG_INHERIT and
// HANDLE_FLAG_PROTECT_FROM_CLOSE (Microsoft Learn SetHandleInformation). Flags live in the entry.
#include "model/internal.h"

namespace kosim::model {

static std::uint32_t flags_of(const HandleEntry& e) {
    return (e.inherit ? win32::HANDLE_FLAG_INHERIT : 0) | (e.protect_from_close ? win32::HANDLE_FLAG_PROTECT_FROM_CLOSE : 0);
}

// Pseudo-handles have no entry and so no flags: both calls fail with ERROR_INVALID_HANDLE (model choice).
template <> Outcome WorldAccess::operation<Call::GetHandleInformation>(Process& p, CallArgs<Call::GetHandleInformation> a, Attempt) {
    using P = Params<Call::GetHandleInformation>;
    HandleEntry* e = p.handles.find(a.handle<P::hObject>());
    if (!e) return fail(p, bool_value(false), win32::ERROR_INVALID_HANDLE);
    return done(p, bool_value(true)).write<P::lpdwFlags>(Value::integer(flags_of(*e)));
}

template <> Outcome WorldAccess::operation<Call::SetHandleInformation>(Process& p, CallArgs<Call::SetHandleInformation> a, Attempt) {
    using P = Params<Call::SetHandleInformation>;
    HandleEntry* e = p.handles.find(a.handle<P::hObject>());
    if (!e) return fail(p, bool_value(false), win32::ERROR_INVALID_HANDLE);
    std::uint32_t mask = a.dword<P::dwMask>(), flags = a.dword<P::dwFlags>();
    std::uint32_t before = flags_of(*e);
    if (mask & win32::HANDLE_FLAG_INHERIT) e->inherit = flags & win32::HANDLE_FLAG_INHERIT;
    if (mask & win32::HANDLE_FLAG_PROTECT_FROM_CLOSE) e->protect_from_close = flags & win32::HANDLE_FLAG_PROTECT_FROM_CLOSE;
    std::uint32_t after = flags_of(*e);
    if (before != after && world.log_) {
        Change c;
        c.kind = Change::Kind::EntryFlagsChanged;
        c.pid = p.pid;
        c.handle = e->value;
        c.object = e->object;
        c.before = before;
        c.after = after;
        log(std::move(c));
    }
    return done(p, bool_value(true));
}

}  // namespace kosim::model
