// SetLastError: sets the calling thread's last-error code and returns nothing; any value is
// accepted, 0 included (Microsoft Learn SetLastError). The model keeps one thread per process, so
// the code lives in the process.
#include "model/internal.h"

namespace kosim::model {

template <> Outcome WorldAccess::operation<Call::SetLastError>(Process& p, CallArgs<Call::SetLastError> a, Attempt) {
    return fail(p, Value::none(), a.dword<Params<Call::SetLastError>::dwErrCode>());
}

}  // namespace kosim::model
