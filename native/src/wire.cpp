#include "wire.h"

#include "trace/trace.h"

namespace kosim::native {

nlohmann::json values_to_json(const std::vector<Value>& values) {
    nlohmann::json out = nlohmann::json::array();
    for (const Value& v : values) out.push_back(trace::value_to_json(v));
    return out;
}

std::vector<Value> values_from_json(const nlohmann::json& json) {
    std::vector<Value> out;
    std::string error;
    for (const auto& j : json) out.push_back(trace::value_from_json(j, error).value_or(Value::none()));
    return out;
}

nlohmann::json result_to_json(const CallResult& r) {
    nlohmann::json outputs = nlohmann::json::array();
    for (const auto& [index, value] : r.outputs) outputs.push_back({index, trace::value_to_json(value)});
    return {{"status", "completed"}, {"result", trace::value_to_json(r.result)}, {"last_error", r.last_error},
            {"outputs", outputs}, {"extra", r.extra}};
}

CallResult result_from_json(const nlohmann::json& j) {
    CallResult r;
    std::string error;
    r.result = trace::value_from_json(j.value("result", nlohmann::json()), error).value_or(Value::none());
    r.last_error = j.value("last_error", 0ul);
    for (const auto& o : j.value("outputs", nlohmann::json::array()))
        r.outputs.emplace_back(o[0].get<int>(), trace::value_from_json(o[1], error).value_or(Value::none()));
    r.extra = j.value("extra", nlohmann::json::object());
    return r;
}

}  // namespace kosim::native
