// Test helpers: make calls the way the runner does (defaults applied by parameter name), settle
// after each, and require the world's invariants after every step.
#pragma once

#include <doctest/doctest.h>

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "model/world.h"
#include "program/calls.h"
#include "win32/constants.h"

namespace kosim::model::test {

using namespace kosim::win32;

struct Arg {
    std::string_view name;
    Value value;
};
inline Value I(std::uint64_t n) { return Value::integer(n); }
inline Value S(std::string s) { return Value::string(std::move(s)); }
inline Value H(HandleValue h) { return Value::handle(h); }
inline Value H(const Value& v) { return Value::handle(v.as_handle()); }

// Arguments indexed like call_info(call).params, absent In parameters given their defaults.
inline std::vector<Value> make_args(Call call, std::initializer_list<Arg> given) {
    const CallInfo& info = call_info(call);
    std::vector<Value> args(info.params.size());
    for (std::size_t i = 0; i < info.params.size(); ++i) {
        const Param& p = info.params[i];
        if (p.direction == Direction::In && !p.required && p.type != ParamType::String && p.type != ParamType::OptionalString)
            args[i] = Value::integer(p.default_value);
    }
    for (const Arg& a : given) {
        int index = param_index(info, a.name);
        REQUIRE_MESSAGE(index >= 0, "no parameter " << a.name << " in " << info.name);
        args[static_cast<std::size_t>(index)] = a.value;
    }
    return args;
}

inline void require_consistent(const World& w) {
    auto broken = w.check_invariants();
    for (const auto& b : broken) INFO(b);
    REQUIRE_MESSAGE(broken.empty(), (broken.empty() ? std::string() : broken.front()));
}

// The output a call wrote to a parameter, or None.
inline Value output(const Outcome& out, Call call, std::string_view name) {
    int index = param_index(call_info(call), name);
    for (const auto& [i, v] : out.outputs)
        if (i == index) return v;
    return Value::none();
}

struct Machine {
    World world;
    std::vector<Completion> completions;   // from the latest settle()

    Pid process(std::string name) {
        Pid pid = world.add_process(std::move(name));
        require_consistent(world);
        return pid;
    }
    Outcome call(Pid pid, Call c, std::initializer_list<Arg> args = {}) {
        auto values = make_args(c, args);
        Outcome out = world.invoke(pid, c, values);
        require_consistent(world);
        completions = world.settle();
        require_consistent(world);
        return out;
    }
    std::vector<Completion> advance(std::uint64_t ms) {
        auto done = world.advance_clock(ms);
        require_consistent(world);
        auto more = world.settle();
        require_consistent(world);
        done.insert(done.end(), more.begin(), more.end());
        return done;
    }
    const KernelObject& object_of(Pid pid, const Value& handle) {
        const KernelObject* o = world.object_of(pid, handle.as_handle());
        REQUIRE(o != nullptr);
        return *o;
    }
    const Process& proc(Pid pid) { return *world.process(pid); }
    // Completion of `pid` in the latest settle, if any.
    const Outcome* completed(Pid pid) const {
        for (const Completion& c : completions)
            if (c.pid == pid) return &c.outcome;
        return nullptr;
    }
};

inline Outcome write_file(Machine& m, Pid p, const Value& h, std::string data) {
    return m.call(p, Call::WriteFile, {{"hFile", H(h)}, {"lpBuffer", S(std::move(data))}});
}
inline Outcome read_file(Machine& m, Pid p, const Value& h, std::uint64_t n) {
    return m.call(p, Call::ReadFile, {{"hFile", H(h)}, {"nNumberOfBytesToRead", I(n)}});
}

inline bool ok(const Outcome& out) { return out.status == Outcome::Status::Completed && out.result.number != 0; }
inline bool blocked(const Outcome& out) { return out.status == Outcome::Status::Blocked; }

}  // namespace kosim::model::test
