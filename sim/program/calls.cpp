// CallInfo for every row of calls.def: the parameter arrays and the table call_info() indexes.
#include "program/calls.h"

#include <iterator>
#include <string>

#include "program/call_params.h"

#include "win32/constants.h"  // the defaults calls.def names

namespace kosim {

namespace {

// One array per call, closed by an unused entry so calls without parameters still make an array.
#define KOSIM_CALL(name, returns, kind, doc) constexpr Param name##_params[] = {
#define KOSIM_PARAM(name, type, direction, required, default_value, alias) \
    Param{#name, ParamType::type, Direction::direction, required, default_value, alias},
#define KOSIM_END() Param{}};
#include "program/calls.def"

constexpr CallInfo table[] = {
#define KOSIM_CALL(name, returns, kind, doc)                                                                   \
    CallInfo{Call::name, #name, Returns::returns, std::span<const Param>(name##_params, std::size(name##_params) - 1), \
             CallKind::kind == CallKind::MayBlock, CallKind::kind == CallKind::Pure, doc},
#define KOSIM_PARAM(name, type, direction, required, default_value, alias)
#define KOSIM_END()
#include "program/calls.def"
};
static_assert(std::size(table) == call_count, "one row per Call");

}  // namespace

std::span<const CallInfo> all_calls() { return table; }

const CallInfo& call_info(Call call) { return table[static_cast<std::size_t>(call)]; }

std::optional<Call> find_call(std::string_view name) {
    for (const CallInfo& info : table)
        if (info.name == name) return info.call;
    // CreateFileA / CreateFileW name the same call.
    if (name.size() > 1 && (name.back() == 'A' || name.back() == 'W')) {
        std::string_view stem = name.substr(0, name.size() - 1);
        for (const CallInfo& info : table)
            if (info.name == stem) return info.call;
    }
    return std::nullopt;
}

int param_index(const CallInfo& info, std::string_view name) {
    for (std::size_t i = 0; i < info.params.size(); ++i)
        if (info.params[i].name == name || (!info.params[i].alias.empty() && info.params[i].alias == name))
            return static_cast<int>(i);
    return -1;
}

std::string argument_problem(Call call, std::span<const Value> args) {
    const CallInfo& info = call_info(call);
    for (std::size_t i = 0; i < info.params.size() && i < args.size(); ++i) {
        const Param& param = info.params[i];
        const Value& v = args[i];
        const std::string who = std::string(info.name) + "'s " + std::string(param.name);
        if (param.direction == Direction::Out) continue;
        if (param.type != ParamType::HandleList) {
            if (v.kind == Value::Kind::List) return who + " takes " + (param.type == ParamType::String || param.type == ParamType::OptionalString ? "a string" : "a number") + ", not a list";
            continue;
        }
        if (v.kind != Value::Kind::List) return who + " takes a list of handles, like [h1, h2], not " + to_display(v);
        for (std::size_t k = 0; k < v.elements().size(); ++k)
            if (!v.elements()[k].is_number())
                return who + "[" + std::to_string(k) + "] is " + to_display(v.elements()[k]) + ", not a handle";
        // The count that goes with the array: Windows reads that many handles from it. A count it
        // refuses before reading (0, or above MAXIMUM_WAIT_OBJECTS) is the call's own to answer.
        int count_index = param_index(info, "nCount");
        if (count_index < 0) continue;
        std::uint64_t count = args[static_cast<std::size_t>(count_index)].number;
        if (call == Call::WaitForMultipleObjects && (count == 0 || count > win32::MAXIMUM_WAIT_OBJECTS)) continue;
        if (count > v.elements().size())
            return std::string(info.name) + "'s nCount is " + std::to_string(count) + " but " + std::string(param.name) + " holds " +
                   std::to_string(v.elements().size()) + (v.elements().size() == 1 ? " handle" : " handles") +
                   "; Windows would read past the end of the array";
    }
    return {};
}

}  // namespace kosim
