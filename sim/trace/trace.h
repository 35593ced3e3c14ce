// The trace: the per-step record of one run, written by `kosim run --json` (the model) and by
// kosim-native.exe (real Win32), in one versioned JSON schema (docs/trace-format.md).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "program/value.h"

namespace kosim::trace {

inline constexpr int schema_version = 1;
// The producer of a recording (kosim record): its steps are a real program's own calls.
inline constexpr std::string_view recording_producer = "kosim-record";

// One scenario variable that holds a handle, observed in its process after a step.
struct HandleObservation {
    std::string process;                   // whose variable: "Sender"
    std::string variable;                  // "hFile", "pi.hProcess"
    std::uint64_t value = 0;               // the raw handle value
    bool valid = false;                    // names an entry in that process's table now
    bool inherit = false;                  // HANDLE_FLAG_INHERIT
    bool protect = false;                  // HANDLE_FLAG_PROTECT_FROM_CLOSE
    std::string type;                      // NtQueryObject's type name: "File", "Process", "Event", ...
    std::string object;                    // a per-run object label: the same label = the same kernel object
    std::uint32_t handle_count = 0;        // HandleCount (compared as a change since the object's creation)
    std::optional<std::uint32_t> usage_count;    // the model's usage_count (the model only)
    std::optional<std::uint32_t> pointer_count;  // Windows' PointerCount (native only, informational)
};

// One entry of a process's whole handle table.
struct TableEntry {
    std::uint64_t value = 0;
    std::string type;
    std::string object;                    // label as in HandleObservation, "" for handles no variable names
    bool inherit = false;
    bool protect = false;
    std::string origin;                    // model: "created", "inherited from Parent:0x8", ...; native: "" or "preexisting"
    // A recording (kosim record) also knows these; absent elsewhere.
    std::string name;                      // the object's name ("\\.\mailslot\x", "\\Sessions\1\BaseNamedObjects\e")
    std::optional<std::uint32_t> access;         // GrantedAccess
    std::optional<std::uint32_t> handle_count;   // the object's HandleCount
};

struct ProcessObservation {
    std::string name;
    std::string state;                     // "running", "waiting", "exited"
    std::uint32_t exit_code = 259;
    std::string waiting_on;                // what a waiting process waits on, "" otherwise
    std::vector<TableEntry> table;
    std::optional<std::uint32_t> pid;      // a recording: the real process id
    std::string program;                   // a recording: the program's file name
};

struct CallOutcome {
    std::size_t statement = 0;             // index in the program's statements
    std::uint32_t line = 0;
    std::string process;
    std::string call;                      // "CreateFile"; "" for a local assignment
    std::string status;                    // "completed" or "blocked"
    std::optional<Value> result;           // absent while blocked or for VOID
    std::uint32_t last_error = 0;
    std::vector<std::pair<std::string, Value>> outputs;  // variable -> value written (out params, result)
    // A recording (kosim record): the export called ("CreateFileA") and its arguments by Win32 name.
    std::string function;
    std::vector<std::pair<std::string, Value>> arguments;
    // A recording: a call that waited while other calls returned began after this many steps.
    std::optional<std::size_t> begun;
};

struct ExpectationOutcome {
    std::uint32_t line = 0;
    std::string text;
    bool passed = false;
    std::string observed;
};

struct Step {
    std::size_t index = 0;                 // 1-based step number
    std::string kind;                      // "statement", "clock", "deadlock", "skipped"; a recording: "exit"
    std::optional<CallOutcome> call;       // statement steps: the call this step made
    std::vector<CallOutcome> completions;  // blocked calls that finished in this step
    std::vector<HandleObservation> handles;
    std::vector<ProcessObservation> processes;
    std::vector<ExpectationOutcome> expectations;
    std::vector<std::string> waits;        // deadlock: "Child waits in ReadFile on ..." per process
    std::string error;
    std::uint64_t time_ms = 0;
};

// A recording: kernel32 calls a program made that kosim's call table does not cover, counted.
struct UnmodelledCalls {
    std::string process;
    std::string function;                  // "GetStartupInfoA"
    std::uint64_t count = 0;
};

struct Trace {
    int version = schema_version;
    std::string producer;                  // "kosim" (the model) or "kosim-native"
    std::string platform;                  // "model", "wine-8.0", "windows-10.0.19045"
    std::string scenario;                  // the file name or builtin:NAME
    std::string title;
    std::vector<Step> steps;
    bool passed = false;
    bool deadlock = false;
    std::vector<UnmodelledCalls> unmodelled_calls;  // a recording only
};

nlohmann::json to_json(const Trace& trace);
nlohmann::json value_to_json(const Value& value);   // null | {"int": n} | {"handle": "0x1C"} | {"string": s} | {"bytes_hex": h} | {"record": {...}}
std::optional<Value> value_from_json(const nlohmann::json& json, std::string& error);
// Parses and validates a trace; on failure returns nullopt and says where and what in `error`.
std::optional<Trace> from_json(const nlohmann::json& json, std::string& error);

}  // namespace kosim::trace
