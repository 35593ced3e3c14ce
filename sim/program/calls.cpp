// CallInfo for every row of calls.def: the parameter arrays and the table call_info() indexes.
#include "program/calls.h"

#include <iterator>

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

}  // namespace kosim
