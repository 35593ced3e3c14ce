#include "win32/handle_value.h"

#include <charconv>
#include <cstdio>

namespace kosim {

std::string to_hex(HandleValue h) {
    char buffer[24];
    std::snprintf(buffer, sizeof buffer, "0x%llX", static_cast<unsigned long long>(h.raw));
    return buffer;
}

std::optional<HandleValue> parse_handle_value(std::string_view text) {
    int base = 10;
    if (text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) {
        base = 16;
        text.remove_prefix(2);
    }
    if (text.empty()) return std::nullopt;
    std::uint64_t value = 0;  // from_chars takes no sign and reports a value that does not fit
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value, base);
    if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return HandleValue{value};
}

}  // namespace kosim
