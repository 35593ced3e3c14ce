// CompareObjectHandles: whether two handles of the caller name the same kernel object, pseudo-handles
// included (Wine dlls/kernelbase/tests/process.c test_CompareObjectHandles; Microsoft Learn
// CompareObjectHandles). Reads the table only: no count changes.
#include "model/internal.h"

namespace kosim::model {

// TRUE when both name one object; FALSE with ERROR_NOT_SAME_OBJECT when they name two
// (STATUS_NOT_SAME_OBJECT), with ERROR_INVALID_HANDLE when either names nothing.
template <> Outcome WorldAccess::operation<Call::CompareObjectHandles>(Process& p, CallArgs<Call::CompareObjectHandles> a, Attempt) {
    using P = Params<Call::CompareObjectHandles>;
    Resolved first = resolve(p, a.handle<P::hFirstObjectHandle>());
    Resolved second = resolve(p, a.handle<P::hSecondObjectHandle>());
    if (!first.object || !second.object) return fail(p, bool_value(false), win32::ERROR_INVALID_HANDLE);
    if (first.object->id != second.object->id) return fail(p, bool_value(false), win32::ERROR_NOT_SAME_OBJECT);
    return done(p, bool_value(true));
}

}  // namespace kosim::model
