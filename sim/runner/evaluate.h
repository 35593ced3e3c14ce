// Evaluates scenario expressions. The simulator and native/ share it; each supplies the context
// (where variables live, how a pure call or an observer is answered).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "program/program.h"
#include "runner/backend.h"

namespace kosim {

class EvalContext {
public:
    virtual ~EvalContext() = default;
    // The value of `name` ("hFile", "pi.hProcess") in `process`, or nullopt when it is not set.
    virtual std::optional<Value> variable(const std::string& process, const std::string& name) const = 0;
    // A pure Win32 call (GetCurrentProcess, GetStdHandle, ...) made by `process`.
    virtual Value pure_call(const std::string& process, Call call, const std::vector<Value>& args) const = 0;
    // An observer (usage, handles, valid, state, ...). `target_process` is whose table a handle
    // argument is looked up in: the variable's own process when it was written Sender.hFile.
    // Returns nullopt and sets `error` when it cannot answer ("0x4 is not a handle in Receiver").
    virtual std::optional<Value> observe(Builtin builtin, const std::string& target_process,
                                         const std::vector<Value>& args, ObserveError& error) const = 0;
};

// The longest string a scenario value may hold. Not a Windows rule: kosim's own bound, so that a
// few lines (s = s + s, forty times) end with a located error instead of exhausting memory. A
// lesson's data is far smaller (a pipe's default buffer is 4 KiB; a mailslot message at most 64 KiB
// on a local machine; an environment variable 32,767 characters).
inline constexpr std::size_t max_string_bytes = std::size_t{1} << 20;

struct EvalError {
    SourceLocation location;
    std::string message;     // "handle(\"abc\"): not a number"
    bool not_observable = false;   // an observer this backend cannot answer (not a scenario error)
};

// Evaluates `expr` as written in `process`'s statement. Returns the value, or sets `error`.
std::optional<Value> evaluate(const Expr& expr, const std::string& process, const EvalContext& context, EvalError& error);

// Compares per `op`: numbers numerically, strings bytewise (only == and != across kinds).
bool compare_values(const Value& lhs, CompareOp op, const Value& rhs);

}  // namespace kosim
