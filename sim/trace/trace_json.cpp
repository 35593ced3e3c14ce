// The trace's JSON form (docs/trace-format.md): to_json writes it, from_json reads and validates it.
#include "trace/trace.h"

#include <limits>
#include <string_view>
#include <type_traits>

namespace kosim::trace {

using nlohmann::json;

namespace {

// RFC 3629 UTF-8, as strict as nlohmann::json's writer (no overlong forms, no surrogates, at most
// U+10FFFF): a string that passes never makes dump() throw.
bool is_utf8(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size()) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            ++i;
            continue;
        }
        std::size_t length = 0;
        unsigned char low = 0x80, high = 0xBF;   // the allowed range of the second byte
        if (c >= 0xC2 && c <= 0xDF) length = 2;
        else if (c == 0xE0) { length = 3; low = 0xA0; }
        else if (c == 0xED) { length = 3; high = 0x9F; }
        else if (c >= 0xE1 && c <= 0xEF) length = 3;
        else if (c == 0xF0) { length = 4; low = 0x90; }
        else if (c == 0xF4) { length = 4; high = 0x8F; }
        else if (c >= 0xF1 && c <= 0xF3) length = 4;
        else return false;
        if (s.size() - i < length) return false;
        const auto second = static_cast<unsigned char>(s[i + 1]);
        if (second < low || second > high) return false;
        for (std::size_t k = 2; k < length; ++k)
            if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
        i += length;
    }
    return true;
}

std::string to_hex_bytes(std::string_view s) {
    static const char digits[] = "0123456789abcdef";
    std::string out;
    out.reserve(s.size() * 2);
    for (unsigned char c : s) {
        out += digits[c >> 4];
        out += digits[c & 15];
    }
    return out;
}

std::optional<std::string> from_hex_bytes(const std::string& s) {
    if (s.size() % 2) return std::nullopt;
    auto nibble = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    };
    std::string out;
    out.reserve(s.size() / 2);
    for (std::size_t i = 0; i < s.size(); i += 2) {
        int hi = nibble(s[i]), lo = nibble(s[i + 1]);
        if (hi < 0 || lo < 0) return std::nullopt;
        out += static_cast<char>(hi * 16 + lo);
    }
    return out;
}

// A text field: a JSON string when it is UTF-8, else {"bytes_hex": "..."} so every byte survives
// (CP949 titles, expectation texts quoting raw bytes, object names).
json text_to_json(const std::string& text) {
    if (is_utf8(text)) return text;
    return json{{"bytes_hex", to_hex_bytes(text)}};
}

// An object key (variable and field names, which the scenario language keeps ASCII): bytes that
// are not UTF-8 become \xNN so writing never fails.
std::string key_text(const std::string& key) {
    if (is_utf8(key)) return key;
    static const char digits[] = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : key) {
        if (c < 0x80) {
            out += static_cast<char>(c);
        } else {
            out += "\\x";
            out += digits[c >> 4];
            out += digits[c & 15];
        }
    }
    return out;
}

// Reads a text field written by text_to_json.
bool text_from_json(const json& j, std::string& out) {
    if (j.is_string()) {
        out = j.get<std::string>();
        return true;
    }
    if (j.is_object() && j.size() == 1) {
        auto it = j.find("bytes_hex");
        if (it == j.end() || !it->is_string()) return false;
        auto bytes = from_hex_bytes(it->get<std::string>());
        if (!bytes) return false;
        out = std::move(*bytes);
        return true;
    }
    return false;
}

// Records hold records only as deep as the model makes them (PROCESS_INFORMATION: one level); the
// bound keeps a hostile trace from exhausting the stack.
constexpr int max_value_depth = 32;

std::optional<Value> value_at_depth(const json& j, std::string& error, int depth) {
    if (j.is_null()) return Value::none();
    if (!j.is_object() || j.size() != 1) {
        error = "a value must be null or an object with one of int, handle, string, bytes_hex, record, list";
        return std::nullopt;
    }
    const auto first = j.begin();
    const std::string& key = first.key();
    const json& body = first.value();
    if (key == "int") {
        if (body.is_number_unsigned()) return Value::integer(body.get<std::uint64_t>());
        if (body.is_number_integer()) return Value::integer(static_cast<std::uint64_t>(body.get<std::int64_t>()));
        error = "int must be an integer";
        return std::nullopt;
    }
    if (key == "handle" && body.is_string()) {
        const std::string text = body.get<std::string>();
        if (auto handle = parse_handle_value(text)) return Value::handle(*handle);
        error = "handle '" + text.substr(0, 40) + "' is not a number like \"0x1C\"";
        return std::nullopt;
    }
    if (key == "string" && body.is_string()) return Value::string(body.get<std::string>());
    if (key == "bytes_hex" && body.is_string()) {
        if (auto bytes = from_hex_bytes(body.get<std::string>())) return Value::string(*bytes);
        error = "bytes_hex is not hexadecimal";
        return std::nullopt;
    }
    if (key == "record" && body.is_object()) {
        if (depth >= max_value_depth) {
            error = "records nested deeper than " + std::to_string(max_value_depth) + " levels";
            return std::nullopt;
        }
        Value::Fields fields;
        for (auto& [name, field] : body.items()) {
            auto v = value_at_depth(field, error, depth + 1);
            if (!v) return std::nullopt;
            fields.emplace_back(name, std::move(*v));
        }
        return Value::record(std::move(fields));
    }
    if (key == "list" && body.is_array()) {
        if (depth >= max_value_depth) {
            error = "lists nested deeper than " + std::to_string(max_value_depth) + " levels";
            return std::nullopt;
        }
        std::vector<Value> elements;
        for (const json& element : body) {
            auto v = value_at_depth(element, error, depth + 1);
            if (!v) return std::nullopt;
            elements.push_back(std::move(*v));
        }
        return Value::list(std::move(elements));
    }
    error = "unknown value form '" + key_text(key.substr(0, 40)) + "'";
    return std::nullopt;
}

}  // namespace

json value_to_json(const Value& v) {
    switch (v.kind) {
    case Value::Kind::None: return nullptr;
    case Value::Kind::Int: return json{{"int", v.number}};
    case Value::Kind::Handle: return json{{"handle", to_hex(v.as_handle())}};
    case Value::Kind::String:
        if (is_utf8(v.text)) return json{{"string", v.text}};
        return json{{"bytes_hex", to_hex_bytes(v.text)}};
    case Value::Kind::Record: {
        json fields = json::object();
        for (const auto& [key, value] : *v.fields) fields[key_text(key)] = value_to_json(value);
        return json{{"record", fields}};
    }
    case Value::Kind::List: {
        json elements = json::array();
        for (const Value& element : v.elements()) elements.push_back(value_to_json(element));
        return json{{"list", elements}};
    }
    }
    return nullptr;
}

std::optional<Value> value_from_json(const json& j, std::string& error) { return value_at_depth(j, error, 0); }

namespace {

json call_to_json(const CallOutcome& c) {
    json outputs = json::object();
    for (const auto& [name, value] : c.outputs) outputs[key_text(name)] = value_to_json(value);
    json j{{"statement", c.statement}, {"line", c.line}, {"process", text_to_json(c.process)},
           {"call", text_to_json(c.call)}, {"status", text_to_json(c.status)}, {"last_error", c.last_error},
           {"outputs", outputs}};
    j["result"] = c.result ? value_to_json(*c.result) : json(nullptr);
    if (!c.function.empty()) j["function"] = text_to_json(c.function);
    if (c.begun) j["begun"] = *c.begun;
    if (!c.arguments.empty()) {
        json arguments = json::object();
        for (const auto& [name, value] : c.arguments) arguments[key_text(name)] = value_to_json(value);
        j["arguments"] = arguments;
    }
    return j;
}

// Converts one JSON field with a strict type check: integers must be integers that fit (no 1.5,
// no 1e300, no -1 for a count), texts are strings or {"bytes_hex"}.
template <typename T>
bool convert(const json& j, T& out) {
    if constexpr (std::is_same_v<T, bool>) {
        if (!j.is_boolean()) return false;
        out = j.get<bool>();
        return true;
    } else if constexpr (std::is_integral_v<T>) {
        if (j.is_number_unsigned()) {
            const auto n = j.get<std::uint64_t>();
            if (n > static_cast<std::uint64_t>(std::numeric_limits<T>::max())) return false;
            out = static_cast<T>(n);
            return true;
        }
        if (!j.is_number_integer()) return false;
        const auto n = j.get<std::int64_t>();
        if constexpr (std::is_signed_v<T>) {
            if (n < static_cast<std::int64_t>(std::numeric_limits<T>::min()) ||
                n > static_cast<std::int64_t>(std::numeric_limits<T>::max()))
                return false;
        } else {
            if (n < 0 || static_cast<std::uint64_t>(n) > static_cast<std::uint64_t>(std::numeric_limits<T>::max()))
                return false;
        }
        out = static_cast<T>(n);
        return true;
    } else if constexpr (std::is_same_v<T, std::string>) {
        return text_from_json(j, out);
    } else if constexpr (std::is_same_v<T, std::vector<std::string>>) {
        if (!j.is_array()) return false;
        out.clear();
        for (const json& item : j) {
            std::string text;
            if (!text_from_json(item, text)) return false;
            out.push_back(std::move(text));
        }
        return true;
    } else {
        static_assert(sizeof(T) == 0, "no conversion for this field type");
    }
}

const char* type_expected(bool) { return "true or false"; }
const char* type_expected(const std::string&) { return "a string"; }
const char* type_expected(const std::vector<std::string>&) { return "an array of strings"; }
template <typename T>
const char* type_expected(const T&) { return std::is_signed_v<T> ? "an integer" : "a non-negative integer that fits"; }

// Reads a field with a type check; the error names the path.
template <typename T>
bool read(const json& j, const char* key, T& out, std::string& error, const std::string& path, bool required = true) {
    if (!j.is_object()) {
        error = path + ": not an object";
        return false;
    }
    auto it = j.find(key);
    if (it == j.end()) {
        if (required) error = path + ": missing '" + key + "'";
        return !required;
    }
    if (convert(*it, out)) return true;
    error = path + "." + key + ": wrong type (expected " + type_expected(out) + ")";
    return false;
}

// Reads an optional count that may be absent or null.
bool read_optional(const json& j, const char* key, std::optional<std::uint32_t>& out, std::string& error,
                   const std::string& path) {
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) return true;
    std::uint32_t value = 0;
    if (!read(j, key, value, error, path)) return false;
    out = value;
    return true;
}

// Reads a handle value written as "0x1C".
bool read_handle(const json& j, const char* key, std::uint64_t& out, std::string& error, const std::string& path) {
    std::string text;
    if (!read(j, key, text, error, path)) return false;
    auto handle = parse_handle_value(text);
    if (!handle) {
        error = path + "." + key + ": not a handle value like \"0x1C\"";
        return false;
    }
    out = handle->raw;
    return true;
}

std::optional<CallOutcome> call_from_json(const json& j, std::string& error, const std::string& path) {
    if (!j.is_object()) {
        error = path + ": not an object";
        return std::nullopt;
    }
    CallOutcome c;
    if (!read(j, "statement", c.statement, error, path) || !read(j, "line", c.line, error, path) ||
        !read(j, "process", c.process, error, path) || !read(j, "call", c.call, error, path, false) ||
        !read(j, "status", c.status, error, path) ||
        !read(j, "last_error", c.last_error, error, path))
        return std::nullopt;
    if (auto it = j.find("result"); it != j.end() && !it->is_null()) {
        auto v = value_from_json(*it, error);
        if (!v) {
            error = path + ".result: " + error;
            return std::nullopt;
        }
        c.result = std::move(*v);
    }
    if (!read(j, "function", c.function, error, path, false)) return std::nullopt;
    if (auto it = j.find("begun"); it != j.end() && !it->is_null()) {
        std::size_t begun = 0;
        if (!read(j, "begun", begun, error, path)) return std::nullopt;
        c.begun = begun;
    }
    for (auto [key, into] : {std::pair{"outputs", &c.outputs}, std::pair{"arguments", &c.arguments}}) {
        auto it = j.find(key);
        if (it == j.end() || !it->is_object()) continue;
        for (auto& [name, value] : it->items()) {
            auto v = value_from_json(value, error);
            if (!v) {
                error = path + "." + key + "." + name + ": " + error;
                return std::nullopt;
            }
            into->emplace_back(name, std::move(*v));
        }
    }
    return c;
}

}  // namespace

json to_json(const Trace& trace) {
    json steps = json::array();
    for (const Step& s : trace.steps) {
        json handles = json::array();
        for (const HandleObservation& h : s.handles) {
            json o{{"process", text_to_json(h.process)}, {"variable", text_to_json(h.variable)},
                   {"value", to_hex(HandleValue{h.value})}, {"valid", h.valid}, {"inherit", h.inherit},
                   {"protect", h.protect}, {"type", text_to_json(h.type)}, {"object", text_to_json(h.object)},
                   {"handle_count", h.handle_count}};
            if (h.usage_count) o["usage_count"] = *h.usage_count;
            if (h.pointer_count) o["pointer_count"] = *h.pointer_count;
            handles.push_back(std::move(o));
        }
        json processes = json::array();
        for (const ProcessObservation& p : s.processes) {
            json table = json::array();
            for (const TableEntry& e : p.table) {
                json entry{{"value", to_hex(HandleValue{e.value})}, {"type", text_to_json(e.type)},
                           {"object", text_to_json(e.object)}, {"inherit", e.inherit}, {"protect", e.protect},
                           {"origin", text_to_json(e.origin)}};
                if (!e.name.empty()) entry["name"] = text_to_json(e.name);
                if (e.access) entry["access"] = *e.access;
                if (e.handle_count) entry["handle_count"] = *e.handle_count;
                table.push_back(std::move(entry));
            }
            json process{{"name", text_to_json(p.name)}, {"state", text_to_json(p.state)},
                         {"exit_code", p.exit_code}, {"waiting_on", text_to_json(p.waiting_on)}, {"table", table}};
            if (p.pid) process["pid"] = *p.pid;
            if (!p.program.empty()) process["program"] = text_to_json(p.program);
            processes.push_back(std::move(process));
        }
        json expectations = json::array();
        for (const ExpectationOutcome& e : s.expectations)
            expectations.push_back({{"line", e.line}, {"text", text_to_json(e.text)}, {"passed", e.passed},
                                    {"observed", text_to_json(e.observed)}});
        json completions = json::array();
        for (const CallOutcome& c : s.completions) completions.push_back(call_to_json(c));
        json waits = json::array();
        for (const std::string& w : s.waits) waits.push_back(text_to_json(w));
        json step{{"index", s.index}, {"kind", text_to_json(s.kind)}, {"completions", completions},
                  {"handles", handles}, {"processes", processes}, {"expectations", expectations},
                  {"waits", waits}, {"error", text_to_json(s.error)}, {"time_ms", s.time_ms}};
        step["call"] = s.call ? call_to_json(*s.call) : json(nullptr);
        steps.push_back(std::move(step));
    }
    json document{{"format", "kosim-trace"}, {"version", trace.version}, {"producer", text_to_json(trace.producer)},
                  {"platform", text_to_json(trace.platform)}, {"scenario", text_to_json(trace.scenario)},
                  {"title", text_to_json(trace.title)}, {"passed", trace.passed}, {"deadlock", trace.deadlock},
                  {"steps", steps}};
    if (!trace.unmodelled_calls.empty()) {
        json calls = json::array();
        for (const UnmodelledCalls& u : trace.unmodelled_calls)
            calls.push_back({{"process", text_to_json(u.process)}, {"function", text_to_json(u.function)}, {"count", u.count}});
        document["unmodelled_calls"] = calls;
    }
    return document;
}

std::optional<Trace> from_json(const json& j, std::string& error) {
    auto format = j.is_object() ? j.find("format") : j.end();
    if (!j.is_object() || format == j.end() || !format->is_string() || *format != "kosim-trace") {
        error = "not a kosim trace (the top-level \"format\" must be \"kosim-trace\")";
        return std::nullopt;
    }
    Trace trace;
    if (!read(j, "version", trace.version, error, "trace")) return std::nullopt;
    if (trace.version != schema_version) {
        error = "trace version " + std::to_string(trace.version) + " is not supported (this kosim reads version " +
                std::to_string(schema_version) + ")";
        return std::nullopt;
    }
    if (!read(j, "producer", trace.producer, error, "trace") || !read(j, "platform", trace.platform, error, "trace") ||
        !read(j, "scenario", trace.scenario, error, "trace") || !read(j, "title", trace.title, error, "trace", false) ||
        !read(j, "passed", trace.passed, error, "trace") || !read(j, "deadlock", trace.deadlock, error, "trace"))
        return std::nullopt;
    auto steps = j.find("steps");
    if (steps == j.end() || !steps->is_array()) {
        error = "trace: missing 'steps' array";
        return std::nullopt;
    }
    for (std::size_t i = 0; i < steps->size(); ++i) {
        const json& sj = (*steps)[i];
        std::string path = "steps[" + std::to_string(i) + "]";
        Step s;
        if (!read(sj, "index", s.index, error, path) || !read(sj, "kind", s.kind, error, path) ||
            !read(sj, "error", s.error, error, path, false) || !read(sj, "time_ms", s.time_ms, error, path, false) ||
            !read(sj, "waits", s.waits, error, path, false))
            return std::nullopt;
        if (auto it = sj.find("call"); it != sj.end() && !it->is_null()) {
            auto c = call_from_json(*it, error, path + ".call");
            if (!c) return std::nullopt;
            s.call = std::move(*c);
        }
        if (auto it = sj.find("completions"); it != sj.end() && it->is_array())
            for (std::size_t k = 0; k < it->size(); ++k) {
                auto c = call_from_json((*it)[k], error, path + ".completions[" + std::to_string(k) + "]");
                if (!c) return std::nullopt;
                s.completions.push_back(std::move(*c));
            }
        if (auto it = sj.find("handles"); it != sj.end() && it->is_array())
            for (std::size_t k = 0; k < it->size(); ++k) {
                const json& hj = (*it)[k];
                std::string hp = path + ".handles[" + std::to_string(k) + "]";
                HandleObservation h;
                if (!read(hj, "process", h.process, error, hp) || !read(hj, "variable", h.variable, error, hp) ||
                    !read_handle(hj, "value", h.value, error, hp) || !read(hj, "valid", h.valid, error, hp) ||
                    !read(hj, "inherit", h.inherit, error, hp) || !read(hj, "protect", h.protect, error, hp) ||
                    !read(hj, "type", h.type, error, hp) || !read(hj, "object", h.object, error, hp) ||
                    !read(hj, "handle_count", h.handle_count, error, hp) ||
                    !read_optional(hj, "usage_count", h.usage_count, error, hp) ||
                    !read_optional(hj, "pointer_count", h.pointer_count, error, hp))
                    return std::nullopt;
                s.handles.push_back(std::move(h));
            }
        if (auto it = sj.find("processes"); it != sj.end() && it->is_array())
            for (std::size_t k = 0; k < it->size(); ++k) {
                const json& pj = (*it)[k];
                std::string pp = path + ".processes[" + std::to_string(k) + "]";
                ProcessObservation p;
                if (!read(pj, "name", p.name, error, pp) || !read(pj, "state", p.state, error, pp) ||
                    !read(pj, "exit_code", p.exit_code, error, pp) ||
                    !read(pj, "waiting_on", p.waiting_on, error, pp, false) ||
                    !read_optional(pj, "pid", p.pid, error, pp) || !read(pj, "program", p.program, error, pp, false))
                    return std::nullopt;
                if (auto t = pj.find("table"); t != pj.end() && t->is_array())
                    for (std::size_t e_index = 0; e_index < t->size(); ++e_index) {
                        const json& ej = (*t)[e_index];
                        const std::string ep = pp + ".table[" + std::to_string(e_index) + "]";
                        TableEntry e;
                        if (!read_handle(ej, "value", e.value, error, ep) || !read(ej, "type", e.type, error, ep) ||
                            !read(ej, "object", e.object, error, ep, false) || !read(ej, "inherit", e.inherit, error, ep) ||
                            !read(ej, "protect", e.protect, error, ep) || !read(ej, "origin", e.origin, error, ep, false) ||
                            !read(ej, "name", e.name, error, ep, false) || !read_optional(ej, "access", e.access, error, ep) ||
                            !read_optional(ej, "handle_count", e.handle_count, error, ep))
                            return std::nullopt;
                        p.table.push_back(std::move(e));
                    }
                s.processes.push_back(std::move(p));
            }
        if (auto it = sj.find("expectations"); it != sj.end() && it->is_array())
            for (std::size_t k = 0; k < it->size(); ++k) {
                const json& ej = (*it)[k];
                const std::string ep = path + ".expectations[" + std::to_string(k) + "]";
                ExpectationOutcome e;
                if (!read(ej, "line", e.line, error, ep) || !read(ej, "text", e.text, error, ep) ||
                    !read(ej, "passed", e.passed, error, ep) || !read(ej, "observed", e.observed, error, ep, false))
                    return std::nullopt;
                s.expectations.push_back(std::move(e));
            }
        trace.steps.push_back(std::move(s));
    }
    if (auto it = j.find("unmodelled_calls"); it != j.end()) {
        if (!it->is_array()) {
            error = "trace.unmodelled_calls: wrong type (expected an array)";
            return std::nullopt;
        }
        for (std::size_t k = 0; k < it->size(); ++k) {
            const std::string up = "unmodelled_calls[" + std::to_string(k) + "]";
            UnmodelledCalls u;
            if (!read((*it)[k], "process", u.process, error, up) || !read((*it)[k], "function", u.function, error, up) ||
                !read((*it)[k], "count", u.count, error, up))
                return std::nullopt;
            trace.unmodelled_calls.push_back(std::move(u));
        }
    }
    return trace;
}

}  // namespace kosim::trace
