// The web page's address and title: `?scenario=NAME&step=N&lang=ko&theme=dark` is read at start and
// written back as the user steps, so a link opens a scenario at a step; document.title says
// "kosim - NAME - step N/M". Pure text in, text out: the page (ui/app/window_web.cpp) does the I/O.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "describe/catalogue.h"

namespace kosim::ui {

class Session;

struct PageAddress {
    std::string scenario;                 // a built-in's name; "" when the address names none
    std::optional<std::size_t> step;
    std::optional<Language> language;     // lang=en or lang=ko
    std::string theme;                    // as written ("dark"); the page checks it with parse_theme
};

// Reads `location.search` ("?a=b&c=d", the "?" optional); unknown keys and malformed values are
// ignored, so a mangled link still opens the page.
PageAddress parse_page_address(std::string_view query);
// "?scenario=02-creation-vs-inheritance&step=4&lang=ko&theme=dark" (percent-encoded where needed).
std::string format_page_address(const PageAddress& address);
// The state's address: the open built-in (or file name), its step, the language and `theme`.
PageAddress page_address_of(const Session& session, std::string_view theme);
// "kosim - 02-creation-vs-inheritance - step 4/9".
std::string page_title(const Session& session);

}  // namespace kosim::ui
