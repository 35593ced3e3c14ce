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
