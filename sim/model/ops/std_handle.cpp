// GetStdHandle / SetStdHandle: three values per process, not table entries, so no count changes
// (Microsoft Learn GetStdHandle: an invalid nStdHandle gives INVALID_HANDLE_VALUE / ERROR_INVALID_HANDLE).
#include "model/internal.h"

namespace kosim::model {

static HandleValue* std_slot(Process& p, std::uint32_t which) {
    switch (which) {
    case win32::STD_INPUT_HANDLE: return &p.std_input;
    case win32::STD_OUTPUT_HANDLE: return &p.std_output;
    case win32::STD_ERROR_HANDLE: return &p.std_error;
    default: return nullptr;
    }
}

Outcome WorldAccess::get_std_handle(Process& p, Args a) {
    HandleValue* slot = std_slot(p, arg_dword(a, 0));
    if (!slot) return fail(p, invalid_handle(), win32::ERROR_INVALID_HANDLE);
    return done(p, Value::handle(*slot));
}

Outcome WorldAccess::set_std_handle(Process& p, Args a) {
    std::uint32_t which = arg_dword(a, 0);
    HandleValue* slot = std_slot(p, which);
    if (!slot) return fail(p, bool_value(false), win32::ERROR_INVALID_HANDLE);
    *slot = arg_handle(a, 1);
    if (world.log_) {
        Change c;
        c.kind = Change::Kind::StdHandleChanged;
        c.pid = p.pid;
        c.handle = *slot;
        c.amount = which;
        log(std::move(c));
    }
    return done(p, bool_value(true));
}

}  // namespace kosim::model
