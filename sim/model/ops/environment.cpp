// SetEnvironmentVariable / GetEnvironmentVariable on the process's own block; names compare
// case-insensitively, as Windows environment names do (Microsoft Learn "Environment Variables").
#include <algorithm>
#include <cctype>

#include "model/internal.h"

namespace kosim::model {

static bool same_name(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::toupper(static_cast<unsigned char>(x)) == std::toupper(static_cast<unsigned char>(y));
           });
}

// TRUE once set; a NULL lpValue deletes the variable. A name with '=' after its first character
// is rejected with ERROR_INVALID_PARAMETER (Wine kernel32/tests/environ.c).
template <> Outcome WorldAccess::operation<Call::SetEnvironmentVariable>(Process& p, CallArgs<Call::SetEnvironmentVariable> a, Attempt) {
    using P = Params<Call::SetEnvironmentVariable>;
    const std::string* name = a.string<P::lpName>();
    if (!name || name->empty() || name->find('=', 1) != std::string::npos)
        return fail(p, bool_value(false), win32::ERROR_INVALID_PARAMETER);
    const std::string* value = a.string<P::lpValue>();
    auto it = std::find_if(p.environment.begin(), p.environment.end(), [&](const auto& kv) { return same_name(kv.first, *name); });
    if (!value) {
        if (it != p.environment.end()) p.environment.erase(it);
    } else if (it != p.environment.end()) {
        it->second = *value;
    } else {
        p.environment.emplace_back(*name, *value);
    }
    if (world.log_) {
        Change c;
        c.kind = Change::Kind::EnvironmentChanged;
        c.pid = p.pid;
        c.detail = *name;
        log(std::move(c));
    }
    return done(p, bool_value(true));
}

// Returns the value's length without the terminator when nSize holds it and the terminator;
// otherwise the size needed INCLUDING the terminator, with nothing written; 0 and
// ERROR_ENVVAR_NOT_FOUND when missing (Microsoft Learn GetEnvironmentVariable).
template <> Outcome WorldAccess::operation<Call::GetEnvironmentVariable>(Process& p, CallArgs<Call::GetEnvironmentVariable> a, Attempt) {
    using P = Params<Call::GetEnvironmentVariable>;
    const std::string* name = a.string<P::lpName>();
    auto it = name ? std::find_if(p.environment.begin(), p.environment.end(), [&](const auto& kv) { return same_name(kv.first, *name); })
                   : p.environment.end();
    if (it == p.environment.end()) return fail(p, Value::integer(0), win32::ERROR_ENVVAR_NOT_FOUND);
    std::uint64_t size = a.number<P::nSize>();
    std::uint64_t length = it->second.size();
    // Success leaves the last error alone, also for an empty value, which returns 0 like a failure:
    // only an unchanged GetLastError() tells the two apart (Wine kernel32/tests/environ.c
    // test_GetSetEnvironmentVariableA: 0 with GetLastError() still 0xdeadbeef and an empty buffer;
    // GetEnvironmentVariableA(name, NULL, 0) returns 1, error unchanged).
    if (size <= length) return done(p, Value::integer(length + 1));
    return done(p, Value::integer(length)).write<P::lpBuffer>(Value::string(it->second));
}

}  // namespace kosim::model

namespace kosim::model {

// The block as Windows lays it out: "NAME=value\0" per variable, then the empty string that ends
// it (Microsoft Learn GetEnvironmentStrings; "Environment Variables": "NAME=value\0...\0").
template <> Outcome WorldAccess::operation<Call::GetEnvironmentStrings>(Process& p, CallArgs<Call::GetEnvironmentStrings>, Attempt) {
    std::string block;
    for (const auto& [name, value] : p.environment) {
        block += name;
        block += '=';
        block += value;
        block += '\0';
    }
    block += '\0';
    return done(p, Value::string(std::move(block)));
}

// Replaces the whole block. Every entry needs a '=' after its first character: "testenv" or
// "=unus" fail with ERROR_INVALID_PARAMETER and change nothing; the value is everything after the
// first '=' (Wine kernel32/tests/environ.c test_SetEnvironmentStrings: "one=two=three four=five").
template <> Outcome WorldAccess::operation<Call::SetEnvironmentStrings>(Process& p, CallArgs<Call::SetEnvironmentStrings> a, Attempt) {
    const std::string* text = a.string<Params<Call::SetEnvironmentStrings>::NewEnvironment>();
    std::vector<std::pair<std::string, std::string>> next;
    std::size_t start = 0;
    while (text && start < text->size()) {
        std::size_t end = text->find('\0', start);
        if (end == std::string::npos) end = text->size();
        std::string_view item(text->data() + start, end - start);
        if (item.empty()) break;
        std::size_t eq = item.find('=');
        if (eq == std::string_view::npos || eq == 0) return fail(p, bool_value(false), win32::ERROR_INVALID_PARAMETER);
        next.emplace_back(std::string(item.substr(0, eq)), std::string(item.substr(eq + 1)));
        start = end + 1;
    }
    p.environment = std::move(next);
    if (world.log_) {
        Change c;
        c.kind = Change::Kind::EnvironmentChanged;
        c.pid = p.pid;
        c.detail = "(all)";
        log(std::move(c));
    }
    return done(p, bool_value(true));
}

// %NAME% is replaced by the variable's value (names case-insensitive); an unknown name or a '%'
// without its closing one stays as written. The ANSI call wants room for two more characters than
// the expanded text: with nSize below length + 2 it returns length + 2 and copies nothing; with
// room it copies the text and returns length + 1. The last error is left alone either way (Wine
// kernel32/tests/environ.c test_ExpandEnvironmentStringsA, its table: "Long long value" gives 17
// for nSize 0..16, 16 and the text for 17).
template <> Outcome WorldAccess::operation<Call::ExpandEnvironmentStrings>(Process& p, CallArgs<Call::ExpandEnvironmentStrings> a, Attempt) {
    using P = Params<Call::ExpandEnvironmentStrings>;
    const std::string* source = a.string<P::lpSrc>();
    std::string out;
    std::string_view text = source ? std::string_view(*source) : std::string_view();
    while (!text.empty()) {
        std::size_t open = text.find('%');
        std::size_t close = open == std::string_view::npos ? std::string_view::npos : text.find('%', open + 1);
        if (close == std::string_view::npos) {
            out += text;
            break;
        }
        out += text.substr(0, open);
        std::string_view name = text.substr(open + 1, close - open - 1);
        auto it = std::find_if(p.environment.begin(), p.environment.end(), [&](const auto& kv) { return same_name(kv.first, name); });
        if (it != p.environment.end()) {
            out += it->second;
            text = text.substr(close + 1);
        } else {
            // Unknown: the '%NAME' stays and the closing '%' may open the next name.
            out += text.substr(open, close - open);
            text = text.substr(close);
        }
    }
    std::uint64_t size = a.number<P::nSize>();
    if (size < out.size() + 2) return done(p, Value::integer(out.size() + 2));
    std::uint64_t length = out.size();
    return done(p, Value::integer(length + 1)).write<P::lpDst>(Value::string(std::move(out)));
}

}  // namespace kosim::model
