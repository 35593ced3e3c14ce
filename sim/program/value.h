// A scenario value: what a variable holds and what an argument evaluates to.
// Handles are integers with a flag so they print as hex; records are PROCESS_INFORMATION-like;
// lists are arrays of values (WaitForMultipleObjects' lpHandles, written [h1, h2] in a scenario).
#pragma once

#include <cstdint>
#include <memory>
#include <ostream>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "win32/handle_value.h"

namespace kosim {

struct Value {
    enum class Kind : std::uint8_t { None, Int, Handle, String, Record, List };
    using Fields = std::vector<std::pair<std::string, Value>>;

    Kind kind = Kind::None;
    std::uint64_t number = 0;                   // Int and Handle
    std::string text;                           // String: bytes, not necessarily UTF-8
    std::shared_ptr<const Fields> fields;       // Record: named fields in declaration order
    std::shared_ptr<const std::vector<Value>> items;  // List: the elements in order

    static Value none() { return {}; }
    static Value integer(std::uint64_t n) { Value v; v.kind = Kind::Int; v.number = n; return v; }
    static Value boolean(bool b) { return integer(b ? 1 : 0); }
    static Value handle(HandleValue h) { Value v; v.kind = Kind::Handle; v.number = h.raw; return v; }
    static Value string(std::string s) { Value v; v.kind = Kind::String; v.text = std::move(s); return v; }
    static Value record(Fields f) { Value v; v.kind = Kind::Record; v.fields = std::make_shared<const Fields>(std::move(f)); return v; }
    static Value list(std::vector<Value> elements) {
        Value v;
        v.kind = Kind::List;
        v.items = std::make_shared<const std::vector<Value>>(std::move(elements));
        return v;
    }

    bool is_none() const { return kind == Kind::None; }
    bool is_number() const { return kind == Kind::Int || kind == Kind::Handle; }
    HandleValue as_handle() const { return HandleValue{number}; }
    // A record's field, or nullptr.
    const Value* field(std::string_view name) const;
    // A list's elements (empty for any other kind).
    std::span<const Value> elements() const { return kind == Kind::List && items ? std::span<const Value>(*items) : std::span<const Value>(); }

    // Int and Handle compare by number (a handle read back from a file equals the original);
    // strings by bytes; records field by field.
    friend bool operator==(const Value& a, const Value& b);
};

// A string literal that parses back to the same bytes: C escapes for quotes, backslashes and control
// bytes; UTF-8 passes through.
std::string quote_c_string(const std::string& bytes);

// How a value reads in output and diagnostics: 42, 0x1C, "text", {hProcess: 0x8, ...}, [0x4, 0x8], none.
std::string to_display(const Value& v);
std::ostream& operator<<(std::ostream& out, const Value& v);

}  // namespace kosim
