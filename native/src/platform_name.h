// Which Win32 a trace was made on: "wine-8.0" or "windows-10.0.19045" (kosim-native and kosim-record).
#pragma once

#include <string>

namespace kosim::native {

std::string platform_name();

}  // namespace kosim::native
