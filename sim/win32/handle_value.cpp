#include "win32/handle_value.h"

#include <cstdio>

namespace kosim {

std::string to_hex(HandleValue h) {
    char buffer[24];
    std::snprintf(buffer, sizeof buffer, "0x%llX", static_cast<unsigned long long>(h.raw));
    return buffer;
}

std::optional<HandleValue> parse_handle_value(std::string_view text) {
    unsigned base = 10;
    if (text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) {
        base = 16;
        text.remove_prefix(2);
    }
    if (text.empty()) return std::nullopt;
    std::uint64_t value = 0;
    for (char c : text) {
        unsigned digit = 0;
        if (c >= '0' && c <= '9') digit = static_cast<unsigned>(c - '0');
        else if (base == 16 && c >= 'a' && c <= 'f') digit = static_cast<unsigned>(c - 'a' + 10);
        else if (base == 16 && c >= 'A' && c <= 'F') digit = static_cast<unsigned>(c - 'A' + 10);
        else return std::nullopt;
        if (value > (~std::uint64_t{0} - digit) / base) return std::nullopt;  // does not fit in 64 bits
        value = value * base + digit;
    }
    return HandleValue{value};
}

}  // namespace kosim
