#include "program/call_reference.h"

#include <cstdio>

#include "program/calls.h"

namespace kosim {

namespace {

std::string_view returns_text(Returns returns) {
    switch (returns) {
    case Returns::Bool: return "BOOL";
    case Returns::Handle: return "HANDLE";
    case Returns::Dword: return "DWORD";
    case Returns::String: return "string";
    case Returns::Void: return "nothing";
    case Returns::Address: return "address";
    }
    return "?";
}

std::string_view type_text(ParamType type) {
    switch (type) {
    case ParamType::Handle: return "handle";
    case ParamType::Dword: return "number";
    case ParamType::Bool: return "BOOL";
    case ParamType::String: return "string";
    case ParamType::OptionalString: return "string or NULL";
    case ParamType::SecurityAttributes: return "TRUE/FALSE/NULL";
    case ParamType::HandleList: return "list of handles";
    case ParamType::Address: return "address";
    }
    return "?";
}

// A default as a reader writes it: NULL for strings, "all" for the whole buffer, hex past 0xFFFF.
std::string default_text(const Param& param) {
    if (param.type == ParamType::String || param.type == ParamType::OptionalString) return "NULL";
    if (param.default_value == whole_buffer) return "all";
    if (param.default_value <= 0xFFFF) return std::to_string(param.default_value);
    char buffer[24];
    std::snprintf(buffer, sizeof buffer, "0x%llX", static_cast<unsigned long long>(param.default_value));
    return buffer;
}

std::string param_text(const Param& param) {
    if (param.direction == Direction::Out) return "`&" + std::string(param.name) + "` (out, " + std::string(type_text(param.type)) + ")";
    std::string text = "`" + std::string(param.name) + "`";
    if (!param.alias.empty()) text += " / `" + std::string(param.alias) + "`";
    text += " (" + std::string(type_text(param.type));
    if (!param.required) text += ", optional: " + default_text(param);
    return text + ")";
}

}  // namespace

std::string call_reference_markdown() {
    std::string out = "| Call | Returns | Parameters (Win32 order) | Notes |\n|---|---|---|---|\n";
    for (const CallInfo& info : all_calls()) {
        std::string params;
        for (const Param& param : info.params) params += (params.empty() ? "" : ", ") + param_text(param);
        if (params.empty()) params = "—";
        std::string notes = info.pure ? "pure: usable inside expressions" : info.may_block ? "may block" : "";
        out += "| [" + std::string(info.name) + "](" + std::string(learn_api_base) + std::string(info.doc) + ") | " +
               std::string(returns_text(info.returns)) + " | " + params + " | " + notes + " |\n";
    }
    return out;
}

}  // namespace kosim
