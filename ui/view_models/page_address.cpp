// The page's address and title (page_address.h): application/x-www-form-urlencoded text as
// URLSearchParams reads and writes it (WHATWG URL standard, "application/x-www-form-urlencoded").
#include "view_models/page_address.h"

#include <charconv>

#include "view_models/session.h"

namespace kosim::ui {
namespace {

int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// '+' is a space and %XX a byte; a '%' not followed by two hex digits stays as it is (as URLSearchParams does).
std::string decode(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '+') {
            out += ' ';
        } else if (text[i] == '%' && i + 2 < text.size() && hex_digit(text[i + 1]) >= 0 &&
                   hex_digit(text[i + 2]) >= 0) {
            out += static_cast<char>(hex_digit(text[i + 1]) * 16 + hex_digit(text[i + 2]));
            i += 2;
        } else {
            out += text[i];
        }
    }
    return out;
}

// Letters, digits and "*-._" stay; a space is '+'; every other byte is %XX.
std::string encode(std::string_view text) {
    static const char digits[] = "0123456789ABCDEF";
    std::string out;
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if ((u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') || c == '*' || c == '-' || c == '.' || c == '_') {
            out += c;
        } else if (c == ' ') {
            out += '+';
        } else {
            out += '%';
            out += digits[u >> 4];
            out += digits[u & 15];
        }
    }
    return out;
}

// The open scenario's name as a link names it: a built-in without "builtin:".
std::string scenario_name(const Session& session) {
    std::string name = session.scenario().file_name;
    if (name.starts_with("builtin:")) name = name.substr(8);
    return name;
}

}  // namespace

PageAddress parse_page_address(std::string_view query) {
    PageAddress address;
    if (query.starts_with('?')) query.remove_prefix(1);
    while (!query.empty()) {
        const std::size_t amp = query.find('&');
        const std::string_view pair = query.substr(0, amp);
        query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
        const std::size_t eq = pair.find('=');
        const std::string key = decode(pair.substr(0, eq));
        const std::string value = eq == std::string_view::npos ? std::string() : decode(pair.substr(eq + 1));
        if (key == "scenario") {
            address.scenario = value;
        } else if (key == "step") {
            std::size_t step = 0;
            const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), step);
            if (error == std::errc() && end == value.data() + value.size() && !value.empty()) address.step = step;
        } else if (key == "lang") {
            if (value == "en") address.language = Language::English;
            else if (value == "ko") address.language = Language::Korean;
        } else if (key == "theme") {
            address.theme = value;
        }
    }
    return address;
}

std::string format_page_address(const PageAddress& address) {
    std::string out;
    auto add = [&](std::string_view key, std::string_view value) {
        out += out.empty() ? '?' : '&';
        out += key;
        out += '=';
        out += encode(value);
    };
    if (!address.scenario.empty()) add("scenario", address.scenario);
    if (address.step) add("step", std::to_string(*address.step));
    if (address.language) add("lang", *address.language == Language::Korean ? "ko" : "en");
    if (!address.theme.empty()) add("theme", address.theme);
    return out;
}

PageAddress page_address_of(const Session& session, std::string_view theme) {
    PageAddress address;
    address.scenario = scenario_name(session);
    address.step = session.position();
    address.language = session.language();
    address.theme = std::string(theme);
    return address;
}

std::string page_title(const Session& session) {
    return "kosim - " + scenario_name(session) + " - step " + std::to_string(session.position()) + "/" +
           std::to_string(session.step_count());
}

}  // namespace kosim::ui
