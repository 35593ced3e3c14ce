// Values and call results on the driver-agent channel, in the trace's own value encoding.
#pragma once

#include <vector>

#include <nlohmann/json.hpp>

#include "calls.h"
#include "program/value.h"

namespace kosim::native {

nlohmann::json values_to_json(const std::vector<Value>& values);
std::vector<Value> values_from_json(const nlohmann::json& json);
nlohmann::json result_to_json(const CallResult& result);
CallResult result_from_json(const nlohmann::json& json);

}  // namespace kosim::native
