#include "win32/handle_value.h"

#include <cstdio>

namespace kosim {

std::string to_hex(HandleValue h) {
    char buffer[24];
    std::snprintf(buffer, sizeof buffer, "0x%llX", static_cast<unsigned long long>(h.raw));
    return buffer;
}

}  // namespace kosim
