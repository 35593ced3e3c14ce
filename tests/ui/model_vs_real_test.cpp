// The "Model vs real" view model: a native trace is read, compared with the model's run of the
// same scenario, and its mismatches are flagged; unreadable traces give a message, not a crash.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "scenario/builtin.h"
#include "timeline/timeline.h"
#include "trace/model_trace.h"
#include "view_models/model_vs_real.h"

using namespace kosim;

namespace {

std::shared_ptr<const Program> program_of(std::string_view name) {
    LoadedScenario loaded = load_scenario(name);
    REQUIRE(loaded.ok());
    return loaded.parsed.program;
}

std::string write_temp(const std::string& name, const std::string& text) {
    auto path = std::filesystem::temp_directory_path() / name;
    std::ofstream(path, std::ios::binary) << text;
    return path.string();
}

// A "native" trace made from the model's own run, marked as Wine's, optionally altered.
trace::Trace native_like(std::shared_ptr<const Program> program) {
    Timeline timeline(program);
    trace::Trace t = trace::make_trace(timeline);
    t.producer = "kosim-native";
    t.platform = "wine-8.0";
    return t;
}

}  // namespace

TEST_CASE("a native trace that agrees with the model gives only same rows") {
    auto program = program_of("07-process-lifetime");
    std::string path = write_temp("kosim-mvr-same.json", trace::to_json(native_like(program)).dump());
    ui::ModelVsRealView view = ui::compare_with_native_trace(program, path);
    REQUIRE(view.ok());
    CHECK(view.unexplained == 0);
    CHECK(view.platform == "wine-8.0");
    CHECK(view.profile == "wine8");
    CHECK(view.rows.size() == 5);
    for (const auto& row : view.rows) CHECK(row.status == compare::SideBySideRow::Status::Same);
    CHECK(view.summary == "PASS: 0 unexplained mismatches, 0 explained by wine8");
}

TEST_CASE("a different result in the native trace is flagged on its step") {
    auto program = program_of("07-process-lifetime");
    trace::Trace native = native_like(program);
    REQUIRE(native.steps.size() >= 2);
    native.steps[1].call->outputs.clear();
    native.steps[1].call->result = Value::integer(0);   // GetExitCodeProcess failed on the "real" side
    native.steps[1].call->last_error = 6;
    std::string path = write_temp("kosim-mvr-diff.json", trace::to_json(native).dump());
    ui::ModelVsRealView view = ui::compare_with_native_trace(program, path);
    REQUIRE(view.ok());
    CHECK(view.unexplained >= 1);
    REQUIRE(view.rows.size() >= 2);
    CHECK(view.rows[1].status == compare::SideBySideRow::Status::Mismatch);
    CHECK(view.rows[0].status == compare::SideBySideRow::Status::Same);
    CHECK_FALSE(view.rows[1].details.empty());
}

TEST_CASE("unreadable native traces say what is wrong") {
    auto program = program_of("01-handle-table-basics");
    CHECK(ui::compare_with_native_trace(program, "/no/such/trace.json").error == "cannot open '/no/such/trace.json'");
    std::string bad = write_temp("kosim-mvr-bad.json", "{ not json");
    CHECK(ui::compare_with_native_trace(program, bad).error == "'" + bad + "' is not JSON");
    std::string other = write_temp("kosim-mvr-other.json", R"({"format":"something else"})");
    CHECK(ui::compare_with_native_trace(program, other).error.find("not a kosim trace") != std::string::npos);
    CHECK(ui::compare_with_native_trace(nullptr, other).error == "open a valid scenario first");
}

TEST_CASE("a trace of another scenario is compared but warned about") {
    auto program = program_of("01-handle-table-basics");
    std::string path = write_temp("kosim-mvr-07.json", trace::to_json(native_like(program_of("07-process-lifetime"))).dump());
    ui::ModelVsRealView view = ui::compare_with_native_trace(program, path);
    REQUIRE(view.ok());
    CHECK(view.warning == "this trace is of builtin:07-process-lifetime, the open scenario is builtin:01-handle-table-basics");
    CHECK(view.unexplained > 0);
}
