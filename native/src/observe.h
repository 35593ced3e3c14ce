// What an agent observes from inside its own process after every step, never through a duplicate
// (which would add to the count): per handle, GetHandleInformation, NtQueryObject's counts and type,
// and CompareObjectHandles against the other observed handles; and the whole real handle table.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace kosim::native {

// `handles`: [variable, value] pairs. Returns one object per pair: valid, inherit, protect,
// handle_count, pointer_count, type, same_as (index of the first earlier pair naming the same object).
nlohmann::json observe_handles(const std::vector<std::pair<std::string, std::uint64_t>>& handles);

// Every entry of this process's handle table: value, type, inherit, protect, and same_as_variable
// (the index into `handles` of a variable naming the same object, or -1).
nlohmann::json observe_table(const std::vector<std::pair<std::string, std::uint64_t>>& handles);

// The table's handle values only (to mark the agent's own handles as preexisting).
std::vector<std::uint64_t> table_values();

}  // namespace kosim::native
