#include "win32/constants.h"

#include <algorithm>

namespace kosim::win32 {

namespace {

// The language's own names first, then every row of constants.def.
constexpr NamedConstant table[] = {
    {"TRUE", 1, ConstantGroup::Boolean},
    {"FALSE", 0, ConstantGroup::Boolean},
    {"NULL", 0, ConstantGroup::Null},
    {"INVALID_HANDLE_VALUE", ~std::uint64_t{0}, ConstantGroup::Handle},
#define KOSIM_CONSTANT(name, value, group) {#name, name, ConstantGroup::group},
#include "win32/constants.def"
};

}  // namespace

std::span<const NamedConstant> all_constants() { return table; }

std::optional<NamedConstant> find_constant(std::string_view name) {
    auto it = std::find_if(std::begin(table), std::end(table), [&](const NamedConstant& c) { return c.name == name; });
    if (it == std::end(table)) return std::nullopt;
    return *it;
}

std::string error_name(std::uint32_t code) {
    if (code == WAIT_TIMEOUT_ERROR) return "WAIT_TIMEOUT";
    for (const NamedConstant& c : table)
        if (c.group == ConstantGroup::Error && c.value == code) return std::string(c.name);
    return "ERROR_#" + std::to_string(code);
}

}  // namespace kosim::win32
