// GetHandleInformation / SetHandleInformation: the per-entry flags HANDLE_FLAG_INHERIT and
// HANDLE_FLAG_PROTECT_FROM_CLOSE (Microsoft Learn SetHandleInformation). Flags live in the entry.
#include "model/internal.h"

namespace kosim::model {

static std::uint32_t flags_of(const HandleEntry& e) {
    return (e.inherit ? win32::HANDLE_FLAG_INHERIT : 0) | (e.protect_from_close ? win32::HANDLE_FLAG_PROTECT_FROM_CLOSE : 0);
}

// Pseudo-handles have no entry and so no flags: both calls fail with ERROR_INVALID_HANDLE (model choice).
Outcome WorldAccess::get_handle_information(Process& p, Args a) {
    HandleEntry* e = p.handles.find(arg_handle(a, 0));
    if (!e) return fail(p, bool_value(false), win32::ERROR_INVALID_HANDLE);
    Outcome out = done(p, bool_value(true));
    out.outputs.push_back({1, Value::integer(flags_of(*e))});
    return out;
}

Outcome WorldAccess::set_handle_information(Process& p, Args a) {
    HandleEntry* e = p.handles.find(arg_handle(a, 0));
    if (!e) return fail(p, bool_value(false), win32::ERROR_INVALID_HANDLE);
    std::uint32_t mask = arg_dword(a, 1), flags = arg_dword(a, 2);
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
