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

template <> Outcome WorldAccess::operation<Call::GetStdHandle>(Process& p, CallArgs<Call::GetStdHandle> a, Attempt) {
    HandleValue* slot = std_slot(p, a.dword<Params<Call::GetStdHandle>::nStdHandle>());
    if (!slot) return fail(p, invalid_handle(), win32::ERROR_INVALID_HANDLE);
    return done(p, Value::handle(*slot));
}

template <> Outcome WorldAccess::operation<Call::SetStdHandle>(Process& p, CallArgs<Call::SetStdHandle> a, Attempt) {
    using P = Params<Call::SetStdHandle>;
    std::uint32_t which = a.dword<P::nStdHandle>();
    HandleValue* slot = std_slot(p, which);
    if (!slot) return fail(p, bool_value(false), win32::ERROR_INVALID_HANDLE);
    *slot = a.handle<P::hHandle>();
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
