// Arguments by Win32 parameter name, resolved at compile time: Params<Call::DuplicateHandle>::
// hSourceHandle is a tag holding that parameter's index, type and direction (generated from
// calls.def), so `args.handle<P::hSourceHandle>()` costs what `args[1]` did, and reading a
// parameter of another call, an Out parameter, or the wrong type does not compile.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "program/calls.h"
#include "program/value.h"
#include "win32/verify.h"

namespace kosim {

template <Call C> struct Params;

namespace call_params_detail {
// Each call's parameter indexes, in Win32 order.
#define KOSIM_CALL(name, returns, kind, doc) struct name##_index { enum : std::size_t {
#define KOSIM_PARAM(name, type, direction, required, default_value, alias) name,
#define KOSIM_END() count_ }; };
#include "program/calls.def"
}  // namespace call_params_detail

#define KOSIM_CALL(name, returns, kind, doc)                      \
    template <> struct Params<Call::name> {                      \
        using index_of = call_params_detail::name##_index;       \
        static constexpr Call this_call = Call::name;            \
        static constexpr std::size_t count = index_of::count_;
#define KOSIM_PARAM(name, type, direction, required, default_value, alias)  \
        struct name {                                                       \
            static constexpr Call call = this_call;                         \
            static constexpr std::size_t index = index_of::name;            \
            static constexpr ParamType param_type = ParamType::type;        \
            static constexpr Direction param_direction = Direction::direction; \
        };
#define KOSIM_END() };
#include "program/calls.def"

// The In arguments of one call, indexed like call_info(C).params, read by parameter tag.
template <Call C>
class CallArgs {
public:
    // `values` holds every parameter (absent ones None or their default), as World::invoke pads them.
    explicit CallArgs(std::span<const Value> values) : values_(values) {
        KOSIM_VERIFY(values_.size() >= Params<C>::count);
    }

    template <class P> const Value& value() const {
        static_assert(P::call == C, "a parameter of another call");
        static_assert(P::param_direction == Direction::In, "an Out parameter is written, not read");
        return values_[P::index];
    }
    template <class P> HandleValue handle() const {
        static_assert(P::param_type == ParamType::Handle, "not a handle parameter");
        return HandleValue{value<P>().number};
    }
    // A DWORD as Win32 receives it.
    template <class P> std::uint32_t dword() const {
        static_assert(P::param_type == ParamType::Dword, "not a DWORD parameter");
        return static_cast<std::uint32_t>(value<P>().number);
    }
    // The number as the scenario gave it, 64 bits (a negative LONG stays huge; whole_buffer stays ~0).
    template <class P> std::uint64_t number() const {
        static_assert(P::param_type == ParamType::Dword, "not a numeric parameter");
        return value<P>().number;
    }
    // An LPVOID: an address the caller got from an earlier call (MapViewOfFile's view).
    template <class P> std::uint64_t address() const {
        static_assert(P::param_type == ParamType::Address, "not an address parameter");
        return value<P>().number;
    }
    // A BOOL, or an LPSECURITY_ATTRIBUTES' bInheritHandle (NULL reads as FALSE).
    template <class P> bool flag() const {
        static_assert(P::param_type == ParamType::Bool || P::param_type == ParamType::SecurityAttributes,
                      "not a BOOL or security-attributes parameter");
        return value<P>().number != 0;
    }
    // A list of handles (a const HANDLE* array), in order; empty when absent.
    template <class P> std::vector<HandleValue> handles() const {
        static_assert(P::param_type == ParamType::HandleList, "not a list-of-handles parameter");
        std::vector<HandleValue> out;
        for (const Value& v : value<P>().elements()) out.push_back(HandleValue{v.number});
        return out;
    }
    // A string argument, or nullptr for NULL / absent.
    template <class P> const std::string* string() const {
        static_assert(P::param_type == ParamType::String || P::param_type == ParamType::OptionalString,
                      "not a string parameter");
        const Value& v = value<P>();
        return v.kind == Value::Kind::String ? &v.text : nullptr;
    }

private:
    std::span<const Value> values_;
};

// Why evaluated arguments cannot be passed to the call, or "" when they can: a list where a number
// or string belongs, something else where a list of handles belongs, or a count (nCount) larger
// than its list, which in C would read past the array. Checked by the runner for both backends.
std::string argument_problem(Call call, std::span<const Value> args);

// Out parameter values by parameter index (the table's order), as the model and native/ report them.
using OutputValues = std::vector<std::pair<int, Value>>;

// Records what a call wrote to Out parameter P.
template <class P> void write_output(OutputValues& outputs, Value value) {
    static_assert(P::param_direction == Direction::Out, "only Out parameters are written");
    outputs.emplace_back(static_cast<int>(P::index), std::move(value));
}

}  // namespace kosim
