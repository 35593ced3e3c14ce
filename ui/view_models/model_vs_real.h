// The "Model vs real" view: the session's model run compared with a native trace (kosim-native.exe
// on Windows or under Wine), one row per step, both sides side by side, mismatches flagged.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "compare/compare.h"
#include "compare/recording.h"
#include "program/program.h"
#include "view_models/selection.h"

namespace kosim::ui {

struct ModelVsRealView {
    std::string native_path;                   // where the native trace came from
    std::string platform;                      // "wine-8.0"
    std::string profile;                       // the profile that explained known differences, "" for none
    std::string summary;                       // "PASS: 0 unexplained mismatches, 2 explained by wine8"
    std::string warning;                       // e.g. the trace is of another scenario
    std::vector<compare::SideBySideRow> rows;
    std::size_t unexplained = 0;
    std::string error;                         // the trace could not be read: what and where
    bool ok() const { return error.empty(); }
};

// Reads the native trace at `path` and compares it with a fresh model run of `program`.
// The rows' model, real and detail text is sim/compare's (English); the rest follows `language`.
ModelVsRealView compare_with_native_trace(std::shared_ptr<const Program> program, const std::string& path,
                                          Language language = Language::English);

// A recording (kosim record) at `path`: the scenario `kosim record --kos` writes from it, for the
// GUI to run beside it; nullopt when the file is not a recording (`error` says why).
std::optional<compare::RecordedScenario> recorded_scenario(const std::string& path, std::string& error,
                                                           Language language = Language::English);

}  // namespace kosim::ui
