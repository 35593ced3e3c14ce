// sim/win32/constants.def mirrors windows.h by name and number; this file proves it at compile time
// for every row of the list. The mirror is read before windows.h, whose macros would otherwise
// replace the names.
#include <cstdint>

#include "win32/constants.h"

namespace mirror {
#define KOSIM_CONSTANT(name, value, group) inline constexpr std::uint64_t name##_value = kosim::win32::name;
#include "win32/constants.def"
inline constexpr std::uint64_t wait_timeout_error = kosim::win32::WAIT_TIMEOUT_ERROR;
}  // namespace mirror

#include "win.h"

#define KOSIM_CONSTANT(name, value, group) \
    static_assert(mirror::name##_value == static_cast<std::uint32_t>(name), #name " differs from windows.h");
#include "win32/constants.def"
static_assert(mirror::wait_timeout_error == WAIT_TIMEOUT, "WAIT_TIMEOUT as an error code");
