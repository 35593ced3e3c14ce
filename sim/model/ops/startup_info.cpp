// GetStartupInfo: the STARTUPINFO the process's creator passed to CreateProcess (Microsoft Learn
// GetStartupInfoA). The model keeps dwFlags and the three standard handles.
#include "model/internal.h"

namespace kosim::model {

// Writes lpStartupInfo as a record. The hStd* fields mean something only with STARTF_USESTDHANDLES
// (Microsoft Learn STARTUPINFOA, hStdInput: "If dwFlags specifies STARTF_USESTDHANDLES, this member
// is the standard input handle"); without it they read NULL here (Wine kernelbase GetStartupInfoW
// fills them only then; native/ reports them only then too).
template <> Outcome WorldAccess::operation<Call::GetStartupInfo>(Process& p, CallArgs<Call::GetStartupInfo>, Attempt) {
    using P = Params<Call::GetStartupInfo>;
    bool std_handles = p.startup_flags & win32::STARTF_USESTDHANDLES;
    auto field = [&](HandleValue h) { return Value::handle(std_handles ? h : null_handle); };
    // The std handles as CreateProcess set them, not as SetStdHandle changed them since.
    return done(p, Value::none())
        .write<P::lpStartupInfo>(Value::record({{"dwFlags", Value::integer(p.startup_flags)},
                                                {"hStdInput", field(p.startup_std_input)},
                                                {"hStdOutput", field(p.startup_std_output)},
                                                {"hStdError", field(p.startup_std_error)}}));
}

}  // namespace kosim::model
