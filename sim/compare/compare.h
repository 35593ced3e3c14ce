// Model vs real: compares a model trace with a native one step by step, and says for every
// difference whether a named platform profile entry explains it (with its justification) or not.
// What is compared and why: docs/crosscheck.md.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "program/program.h"
#include "trace/trace.h"

namespace kosim::compare {

// A known platform difference: it explains exactly the differences it names, nothing else.
struct ProfileEntry {
    std::string id;              // "wine8.mailslot-message-count"
    std::string call;            // the call whose value differs ("GetMailslotInfo"), "" = any
    std::string field;           // the compared field, as in Difference::field ("output:count"); "output:*": any output
    std::string model;           // the model's value as displayed, "" = any
    std::string native;          // the native value as displayed, "" = any
    std::string justification;   // why this is a platform difference and not a model bug, with a source
    std::string subject_suffix = {};  // only differences whose subject ends so (".hThread"), "" = any
    std::string object_type = {};     // only handles of this NtQueryObject type ("Thread"), "" = any
    std::optional<long long> native_offset = {};  // handle_count only: the native change minus the model's
};

struct Profile {
    std::string name;            // "wine8", "windows10+"
    std::string description;
    std::vector<ProfileEntry> entries;
};

const std::vector<Profile>& profiles();
const Profile* find_profile(const std::string& name);
// The profile for a native trace's platform ("wine-8.0" -> wine8, "windows-10.0.x" -> windows10+), or null.
const Profile* profile_for_platform(const std::string& platform);

struct Difference {
    std::size_t step = 0;
    std::uint32_t line = 0;       // the scenario line of the call concerned, 0 when none
    std::string process;
    std::string call;             // the call's name, "" for step-level differences
    std::string field;            // "kind", "status", "result", "last_error", "output:NAME", "valid",
                                  // "inherit", "protect", "handle_count", "same_object", "state",
                                  // "exit_code", "deadlock", "expectation", "completions"
    std::string subject;          // what: "Sender.hFile", "Child", "line 12"
    std::string model;            // the model's value as text
    std::string native;           // the native value as text
    std::string explained_by;     // the profile entry's id, "" when unexplained
    std::string justification;
    std::string object_type = {};                 // handle differences: the handle's type ("Thread")
    std::optional<long long> native_offset = {};  // handle_count: the native change minus the model's
};

// Whether a call failed, by what Win32 says that call returns on failure.
bool call_failed(const std::string& call, const std::optional<Value>& result);
// Marks a difference explained when a profile entry names it.
void explain(Difference& d, const Profile* profile);

struct StepComparison {
    std::size_t index = 0;
    std::string model_kind, native_kind;
    std::uint32_t line = 0;
    std::string process;
    std::string call;
    std::string model_summary;    // "completed TRUE", "blocked", "deadlock"
    std::string native_summary;
    std::vector<Difference> differences;
    bool mismatch() const;        // an unexplained difference
    bool explained() const;       // differences, all explained
};

struct Report {
    std::string scenario;
    std::string model_platform, native_platform;
    std::string profile;          // "" = none
    std::vector<StepComparison> steps;
    std::size_t unexplained = 0;
    std::size_t explained = 0;
    bool passed() const { return unexplained == 0; }
};

// `program` (the scenario both traces ran) names each step's call; without it call-specific rules
// (process ids, last errors on success) cannot apply and such values are compared as they are.
Report compare_traces(const trace::Trace& model, const trace::Trace& native, const Profile* profile,
                      const Program* program = nullptr);

// The per-step table and the list of differences, as `kosim compare` prints it.
std::string format_report(const Report& report, bool verbose = false);

// The GUI's "Model vs real" panel: one row per step, both sides side by side, mismatches flagged.
struct SideBySideRow {
    std::size_t step = 0;
    std::uint32_t line = 0;
    std::string process;
    std::string call;
    std::string model;            // summary of the model's step
    std::string native;           // summary of the native step
    enum class Status : std::uint8_t { Same, Explained, Mismatch } status = Status::Same;
    std::vector<std::string> details;   // one line per difference: "Sender.hFile handle_count: model +1, native +0"
};
std::vector<SideBySideRow> side_by_side(const Report& report);

}  // namespace kosim::compare
