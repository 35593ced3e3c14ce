// What a process asks about itself: its pseudo-handles, its ids and its command line. No effect on
// the world; the runner evaluates these inside expressions too (Microsoft Learn GetCurrentProcess:
// the pseudo-handle is (HANDLE)-1 and GetCurrentThread's (HANDLE)-2).
#include "model/internal.h"

namespace kosim::model {

template <> Outcome WorldAccess::operation<Call::GetCurrentProcess>(Process& p, CallArgs<Call::GetCurrentProcess>, Attempt) {
    return done(p, Value::handle(current_process_pseudo));
}

template <> Outcome WorldAccess::operation<Call::GetCurrentThread>(Process& p, CallArgs<Call::GetCurrentThread>, Attempt) {
    return done(p, Value::handle(current_thread_pseudo));
}

template <> Outcome WorldAccess::operation<Call::GetCurrentProcessId>(Process& p, CallArgs<Call::GetCurrentProcessId>, Attempt) {
    return done(p, Value::integer(p.pid));
}

template <> Outcome WorldAccess::operation<Call::GetCurrentThreadId>(Process& p, CallArgs<Call::GetCurrentThreadId>, Attempt) {
    return done(p, Value::integer(p.tid));
}

template <> Outcome WorldAccess::operation<Call::GetCommandLine>(Process& p, CallArgs<Call::GetCommandLine>, Attempt) {
    return done(p, Value::string(p.command_line));
}

}  // namespace kosim::model
