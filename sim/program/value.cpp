#include "program/value.h"

#include <algorithm>
#include <cstdio>

namespace kosim {

const Value* Value::field(std::string_view name) const {
    if (kind != Kind::Record || !fields) return nullptr;
    for (const auto& [key, value] : *fields)
        if (key == name) return &value;
    return nullptr;
}

bool operator==(const Value& a, const Value& b) {
    if (a.is_number() && b.is_number()) return a.number == b.number;
    if (a.kind != b.kind) return false;
    switch (a.kind) {
    case Value::Kind::None: return true;
    case Value::Kind::String: return a.text == b.text;
    case Value::Kind::Record: return a.fields && b.fields && *a.fields == *b.fields;
    case Value::Kind::List: return std::equal(a.elements().begin(), a.elements().end(), b.elements().begin(), b.elements().end());
    default: return false;
    }
}

std::string quote_c_string(const std::string& bytes) {
    std::string out = "\"";
    for (unsigned char c : bytes) {
        switch (c) {
        case '\\': out += "\\\\"; break;
        case '"': out += "\\\""; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        case '\0': out += "\\0"; break;
        default:
            if (c < 0x20 || c == 0x7F) {
                char buffer[8];
                std::snprintf(buffer, sizeof buffer, "\\x%02X", c);
                out += buffer;
            } else {
                out += static_cast<char>(c);  // UTF-8 passes through
            }
        }
    }
    return out + "\"";
}

std::string to_display(const Value& v) {
    switch (v.kind) {
    case Value::Kind::None: return "none";
    case Value::Kind::Int: return std::to_string(v.number);
    case Value::Kind::Handle: return to_hex(v.as_handle());
    case Value::Kind::String: return quote_c_string(v.text);
    case Value::Kind::Record: {
        std::string out = "{";
        bool first = true;
        for (const auto& [key, value] : *v.fields) {
            if (!first) out += ", ";
            first = false;
            out += key + ": " + to_display(value);
        }
        return out + "}";
    }
    case Value::Kind::List: {
        std::string out = "[";
        for (std::size_t i = 0; i < v.elements().size(); ++i) out += (i ? ", " : "") + to_display(v.elements()[i]);
        return out + "]";
    }
    }
    return "?";
}

std::ostream& operator<<(std::ostream& out, const Value& v) { return out << to_display(v); }

}  // namespace kosim
