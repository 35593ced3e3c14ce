// Handle values as Win32 hands them out: pointer-sized, multiples of 4 for table entries,
// small negative constants for pseudo-handles (GetCurrentProcess() == (HANDLE)-1).
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kosim {

struct HandleValue {
    std::uint64_t raw = 0;

    constexpr HandleValue() = default;
    constexpr explicit HandleValue(std::uint64_t value) : raw(value) {}

    constexpr bool is_null() const { return raw == 0; }
    constexpr auto operator<=>(const HandleValue&) const = default;
};

// Constants from winbase.h / processthreadsapi.h, as 64-bit Windows defines them.
inline constexpr HandleValue null_handle{0};
inline constexpr HandleValue invalid_handle_value{~std::uint64_t{0}};        // INVALID_HANDLE_VALUE == (HANDLE)-1
inline constexpr HandleValue current_process_pseudo{~std::uint64_t{0}};      // GetCurrentProcess() == (HANDLE)-1
inline constexpr HandleValue current_thread_pseudo{~std::uint64_t{0} - 1};   // GetCurrentThread() == (HANDLE)-2

// Pseudo-handles are resolved before any table look-up and never stored (Wine server/handle.c).
constexpr bool is_pseudo_handle(HandleValue h) {
    return h == current_process_pseudo || h == current_thread_pseudo;
}

// The one place handle values become text: "0x1C", or "0xFFFFFFFFFFFFFFFF" for pseudo-handles.
std::string to_hex(HandleValue h);
// Reads a handle value back from text written by people or by to_hex: "0x1C" (hex) or "28"
// (decimal), nothing else (no octal, no sign, no trailing text); nullopt when it is not one.
std::optional<HandleValue> parse_handle_value(std::string_view text);

}  // namespace kosim
