// What the one scheduler (runner/scheduler.h) needs from a machine: the model's World
// (runner/model_backend.h) or real Win32 through native agents (native/src/driver.cpp). The way a
// debugger's core drives different targets: statement order, variables, the clock and expectations
// live in the scheduler; a backend only makes calls and answers questions about its processes.
#pragma once

#include <concepts>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "model/world.h"
#include "program/program.h"

namespace kosim {

// What a scenario process can do now, as the scheduler sees it.
enum class ProcessState : std::uint8_t {
    Running,     // can make its next call
    Waiting,     // a call of it is blocked
    Suspended,   // its thread is suspended (CREATE_SUSPENDED, SuspendThread): it runs no statement
    Exited,      // gone: its later statements never run
    Unknown,     // the backend has no such process
};

// GetLastError() is set to this before every call on both sides, as Wine's conformance tests do
// with SetLastError(0xdeadbeef), so a call that leaves the last error alone shows it unchanged.
inline constexpr std::uint32_t last_error_sentinel = 0xDEADBEEF;

// Who waits on what when nothing can make progress (filled by the backend, `statement` by the scheduler).
struct WaitReport {
    model::Pid pid = 0;
    std::string process;
    std::size_t statement = static_cast<std::size_t>(-1);   // the blocked call
    model::Wait wait;                       // sim/describe words it (wait_sentence) in either language
};

// Why an observer could not answer: an error in the scenario, or a value this backend cannot see
// (the native side has no usage_count).
struct ObserveError {
    std::string message;
    bool not_observable = false;
};

// The backend interface, checked at compile time: the scheduler is a template over it, so the
// model's calls are direct (and inlined) rather than virtual.
template <class B>
concept Backend = requires(B& backend, const B& view, model::Pid pid, Call call, std::span<const Value> args,
                           const std::vector<Value>& values, Builtin builtin, ObserveError& error,
                           const std::string& name, std::uint64_t ms) {
    // A process the scenario declares (`process NAME`), started before the first statement.
    { backend.start_process(name) } -> std::same_as<model::Pid>;
    // The newest process with that scenario name (a CreateProcess child), 0 when none.
    { view.find_process(name) } -> std::same_as<model::Pid>;
    { view.process_state(pid) } -> std::same_as<ProcessState>;
    // One call as `pid`, its last error set to last_error_sentinel first: Completed or Blocked.
    { backend.invoke(pid, call, args) } -> std::same_as<model::Outcome>;
    // Completes the blocked calls the last step made ready.
    { backend.settle() } -> std::same_as<std::vector<model::Completion>>;
    // The earliest virtual time-out among blocked calls, and moving the clock there.
    { view.next_deadline() } -> std::same_as<std::optional<std::uint64_t>>;
    { backend.advance_clock(ms) } -> std::same_as<std::vector<model::Completion>>;
    { view.now_ms() } -> std::same_as<std::uint64_t>;
    { view.any_waiting() } -> std::same_as<bool>;
    { view.waits() } -> std::same_as<std::vector<WaitReport>>;
    // The process's GetLastError() now (for assignments and pure calls, which make no call).
    { view.last_error(pid) } -> std::same_as<std::uint32_t>;
    // GetCurrentProcess(), GetStdHandle(...): calls answered without a step of their own.
    { backend.pure_call(pid, call, values) } -> std::same_as<Value>;
    // usage(h), valid(h), state(P), ...: `pid` is the table's process.
    { backend.observe(builtin, pid, values, error) } -> std::same_as<std::optional<Value>>;
};

}  // namespace kosim
