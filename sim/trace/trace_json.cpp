// The trace's JSON form (docs/trace-format.md): to_json writes it, from_json reads and validates it.
#include "trace/trace.h"

namespace kosim::trace {

using nlohmann::json;

namespace {

bool valid_utf8(const std::string& s) {
    std::size_t i = 0;
    while (i < s.size()) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        std::size_t n = 0;
        if (c < 0x80) n = 0;
        else if ((c >> 5) == 0x6) n = 1;
        else if ((c >> 4) == 0xE) n = 2;
        else if ((c >> 3) == 0x1E) n = 3;
        else return false;
        if (i + n >= s.size() && n > 0) return false;
        for (std::size_t k = 1; k <= n; ++k)
            if ((static_cast<unsigned char>(s[i + k]) >> 6) != 0x2) return false;
        i += n + 1;
    }
    return true;
}

std::string to_hex_bytes(const std::string& s) {
    static const char digits[] = "0123456789abcdef";
    std::string out;
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
    for (std::size_t i = 0; i < s.size(); i += 2) {
        int hi = nibble(s[i]), lo = nibble(s[i + 1]);
        if (hi < 0 || lo < 0) return std::nullopt;
        out += static_cast<char>(hi * 16 + lo);
    }
    return out;
}

}  // namespace

json value_to_json(const Value& v) {
    switch (v.kind) {
    case Value::Kind::None: return nullptr;
    case Value::Kind::Int: return json{{"int", v.number}};
    case Value::Kind::Handle: return json{{"handle", to_hex(v.as_handle())}};
    case Value::Kind::String:
        if (valid_utf8(v.text)) return json{{"string", v.text}};
        return json{{"bytes_hex", to_hex_bytes(v.text)}};
    case Value::Kind::Record: {
        json fields = json::object();
        for (const auto& [key, value] : *v.fields) fields[key] = value_to_json(value);
        return json{{"record", fields}};
    }
    }
    return nullptr;
}

std::optional<Value> value_from_json(const json& j, std::string& error) {
    if (j.is_null()) return Value::none();
    if (!j.is_object() || j.size() != 1) {
        error = "a value must be null or an object with one of int, handle, string, bytes_hex, record";
        return std::nullopt;
    }
    auto [key, body] = *j.items().begin();
    if (key == "int" && body.is_number_unsigned()) return Value::integer(body.get<std::uint64_t>());
    if (key == "int" && body.is_number_integer()) return Value::integer(static_cast<std::uint64_t>(body.get<std::int64_t>()));
    if (key == "handle" && body.is_string()) {
        std::string text = body.get<std::string>();
        try {
            return Value::handle(HandleValue{std::stoull(text, nullptr, 0)});
        } catch (...) {
            error = "handle '" + text + "' is not a number";
            return std::nullopt;
        }
    }
    if (key == "string" && body.is_string()) return Value::string(body.get<std::string>());
    if (key == "bytes_hex" && body.is_string()) {
        if (auto bytes = from_hex_bytes(body.get<std::string>())) return Value::string(*bytes);
        error = "bytes_hex is not hexadecimal";
        return std::nullopt;
    }
    if (key == "record" && body.is_object()) {
        Value::Fields fields;
        for (auto& [name, field] : body.items()) {
            auto v = value_from_json(field, error);
            if (!v) return std::nullopt;
            fields.emplace_back(name, std::move(*v));
        }
        return Value::record(std::move(fields));
    }
    error = "unknown value form '" + key + "'";
    return std::nullopt;
}

namespace {

json call_to_json(const CallOutcome& c) {
    json outputs = json::object();
    for (const auto& [name, value] : c.outputs) outputs[name] = value_to_json(value);
    json j{{"statement", c.statement}, {"line", c.line}, {"process", c.process}, {"call", c.call}, {"status", c.status},
           {"last_error", c.last_error}, {"outputs", outputs}};
    j["result"] = c.result ? value_to_json(*c.result) : json(nullptr);
    return j;
}

// Reads a field with a type check; the error names the path.
template <typename T>
bool read(const json& j, const char* key, T& out, std::string& error, const std::string& path, bool required = true) {
    auto it = j.find(key);
    if (it == j.end()) {
        if (required) error = path + ": missing '" + key + "'";
        return !required;
    }
    try {
        out = it->template get<T>();
        return true;
    } catch (const json::exception&) {
        error = path + "." + key + ": wrong type";
        return false;
    }
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
    if (auto it = j.find("outputs"); it != j.end() && it->is_object()) {
        for (auto& [name, value] : it->items()) {
            auto v = value_from_json(value, error);
            if (!v) {
                error = path + ".outputs." + name + ": " + error;
                return std::nullopt;
            }
            c.outputs.emplace_back(name, std::move(*v));
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
            json o{{"process", h.process}, {"variable", h.variable}, {"value", to_hex(HandleValue{h.value})},
                   {"valid", h.valid}, {"inherit", h.inherit}, {"protect", h.protect}, {"type", h.type},
                   {"object", h.object}, {"handle_count", h.handle_count}};
            if (h.usage_count) o["usage_count"] = *h.usage_count;
            if (h.pointer_count) o["pointer_count"] = *h.pointer_count;
            handles.push_back(std::move(o));
        }
        json processes = json::array();
        for (const ProcessObservation& p : s.processes) {
            json table = json::array();
            for (const TableEntry& e : p.table)
                table.push_back({{"value", to_hex(HandleValue{e.value})}, {"type", e.type}, {"object", e.object},
                                 {"inherit", e.inherit}, {"protect", e.protect}, {"origin", e.origin}});
            processes.push_back({{"name", p.name}, {"state", p.state}, {"exit_code", p.exit_code},
                                 {"waiting_on", p.waiting_on}, {"table", table}});
        }
        json expectations = json::array();
        for (const ExpectationOutcome& e : s.expectations)
            expectations.push_back({{"line", e.line}, {"text", e.text}, {"passed", e.passed}, {"observed", e.observed}});
        json completions = json::array();
        for (const CallOutcome& c : s.completions) completions.push_back(call_to_json(c));
        json step{{"index", s.index}, {"kind", s.kind}, {"completions", completions}, {"handles", handles},
                  {"processes", processes}, {"expectations", expectations}, {"waits", s.waits},
                  {"error", s.error}, {"time_ms", s.time_ms}};
        step["call"] = s.call ? call_to_json(*s.call) : json(nullptr);
        steps.push_back(std::move(step));
    }
    return json{{"format", "kosim-trace"}, {"version", trace.version}, {"producer", trace.producer},
                {"platform", trace.platform}, {"scenario", trace.scenario}, {"title", trace.title},
                {"passed", trace.passed}, {"deadlock", trace.deadlock}, {"steps", steps}};
}

std::optional<Trace> from_json(const json& j, std::string& error) {
    if (!j.is_object() || j.value("format", "") != "kosim-trace") {
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
        if (!sj.is_object()) {
            error = path + ": not an object";
            return std::nullopt;
        }
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
                std::string value;
                if (!read(hj, "process", h.process, error, hp) || !read(hj, "variable", h.variable, error, hp) ||
                    !read(hj, "value", value, error, hp) || !read(hj, "valid", h.valid, error, hp) ||
                    !read(hj, "inherit", h.inherit, error, hp) || !read(hj, "protect", h.protect, error, hp) ||
                    !read(hj, "type", h.type, error, hp) || !read(hj, "object", h.object, error, hp) ||
                    !read(hj, "handle_count", h.handle_count, error, hp))
                    return std::nullopt;
                try {
                    h.value = std::stoull(value, nullptr, 0);
                } catch (...) {
                    error = hp + ".value: not a number";
                    return std::nullopt;
                }
                if (auto u = hj.find("usage_count"); u != hj.end() && u->is_number()) h.usage_count = u->get<std::uint32_t>();
                if (auto p = hj.find("pointer_count"); p != hj.end() && p->is_number()) h.pointer_count = p->get<std::uint32_t>();
                s.handles.push_back(std::move(h));
            }
        if (auto it = sj.find("processes"); it != sj.end() && it->is_array())
            for (std::size_t k = 0; k < it->size(); ++k) {
                const json& pj = (*it)[k];
                std::string pp = path + ".processes[" + std::to_string(k) + "]";
                ProcessObservation p;
                if (!read(pj, "name", p.name, error, pp) || !read(pj, "state", p.state, error, pp) ||
                    !read(pj, "exit_code", p.exit_code, error, pp) ||
                    !read(pj, "waiting_on", p.waiting_on, error, pp, false))
                    return std::nullopt;
                if (auto t = pj.find("table"); t != pj.end() && t->is_array())
                    for (const json& ej : *t) {
                        TableEntry e;
                        std::string value;
                        if (!read(ej, "value", value, error, pp + ".table") || !read(ej, "type", e.type, error, pp + ".table") ||
                            !read(ej, "object", e.object, error, pp + ".table", false) ||
                            !read(ej, "inherit", e.inherit, error, pp + ".table") ||
                            !read(ej, "protect", e.protect, error, pp + ".table") ||
                            !read(ej, "origin", e.origin, error, pp + ".table", false))
                            return std::nullopt;
                        try {
                            e.value = std::stoull(value, nullptr, 0);
                        } catch (...) {
                            error = pp + ".table.value: not a number";
                            return std::nullopt;
                        }
                        p.table.push_back(std::move(e));
                    }
                s.processes.push_back(std::move(p));
            }
        if (auto it = sj.find("expectations"); it != sj.end() && it->is_array())
            for (const json& ej : *it) {
                ExpectationOutcome e;
                if (!read(ej, "line", e.line, error, path + ".expectations") ||
                    !read(ej, "text", e.text, error, path + ".expectations") ||
                    !read(ej, "passed", e.passed, error, path + ".expectations") ||
                    !read(ej, "observed", e.observed, error, path + ".expectations", false))
                    return std::nullopt;
                s.expectations.push_back(std::move(e));
            }
        trace.steps.push_back(std::move(s));
    }
    return trace;
}

}  // namespace kosim::trace
