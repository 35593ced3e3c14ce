// Win32 constants the scenarios use, by their real names and numbers (winbase.h, winerror.h,
// winnt.h, namedpipeapi.h), declared from the one list in constants.def; native/ checks every one
// against windows.h with static_assert (native/src/constants_check.cpp, from the same list).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace kosim::win32 {

// Every constant of constants.def, e.g. ERROR_BROKEN_PIPE = 109.
#define KOSIM_CONSTANT(name, value, group) inline constexpr std::uint32_t name = value;
#include "win32/constants.def"

// The error code WAIT_TIMEOUT (258), as GetLastError reports it; a wait's result has the same name
// and number (WAIT_TIMEOUT above), so the language names this one only when it prints an error.
inline constexpr std::uint32_t WAIT_TIMEOUT_ERROR = 258;

// What a named constant is for: the parser uses it to check an argument and to suggest names.
enum class ConstantGroup : std::uint8_t {
    Boolean,       // TRUE, FALSE
    Null,          // NULL
    Error,         // ERROR_*, as last_error values
    Access,        // GENERIC_*, *_ALL_ACCESS, SYNCHRONIZE
    Share,         // FILE_SHARE_*
    Disposition,   // CREATE_NEW ... TRUNCATE_EXISTING
    HandleFlag,    // HANDLE_FLAG_*
    Duplicate,     // DUPLICATE_*
    Wait,          // INFINITE, WAIT_*
    Process,       // STILL_ACTIVE, STARTF_*, CREATE_*, STD_*_HANDLE
    Mailslot,      // MAILSLOT_*
    Pipe,          // PIPE_*, NMPWAIT_*
    Handle,        // INVALID_HANDLE_VALUE
    Other,
};

struct NamedConstant {
    std::string_view name;
    std::uint64_t value;
    ConstantGroup group;
};

// Every named constant the scenario language knows, in a stable order.
std::span<const NamedConstant> all_constants();

// Looks a constant up by its exact (case-sensitive) Win32 name.
std::optional<NamedConstant> find_constant(std::string_view name);

// "ERROR_BROKEN_PIPE" for 109; "ERROR_#1234" for codes the table does not name.
std::string error_name(std::uint32_t code);

}  // namespace kosim::win32
