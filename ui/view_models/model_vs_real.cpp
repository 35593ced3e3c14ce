#include "view_models/model_vs_real.h"

#include <fstream>
#include <sstream>

#include "compare/recording.h"
#include "timeline/timeline.h"
#include "trace/model_trace.h"

namespace kosim::ui {

namespace {

// Reads a trace file: the trace, or nullopt with what went wrong and where.
std::optional<trace::Trace> read_trace_file(const std::string& path, Language l, std::string& error) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        error = fmt(tr(l, "cannot open '{0}'"), {path});
        return std::nullopt;
    }
    std::ostringstream text;
    text << in.rdbuf();
    nlohmann::json json = nlohmann::json::parse(text.str(), nullptr, false);
    if (json.is_discarded()) {
        error = fmt(tr(l, "'{0}' is not JSON"), {path});
        return std::nullopt;
    }
    std::optional<trace::Trace> trace = trace::from_json(json, error);
    if (!trace) error = path + ": " + error;
    return trace;
}

}  // namespace

std::optional<compare::RecordedScenario> recorded_scenario(const std::string& path, std::string& error, Language l) {
    std::optional<trace::Trace> trace = read_trace_file(path, l, error);
    if (!trace) return std::nullopt;
    if (trace->producer != trace::recording_producer) {
        error = fmt(tr(l, "'{0}' is not a recording (kosim record writes one)"), {path});
        return std::nullopt;
    }
    return compare::scenario_from_recording(*trace);
}

ModelVsRealView compare_with_native_trace(std::shared_ptr<const Program> program, const std::string& path, Language l) {
    ModelVsRealView view;
    view.native_path = path;
    if (!program) {
        view.error = tr(l, "open a valid scenario first");
        return view;
    }
    std::optional<trace::Trace> native = read_trace_file(path, l, view.error);
    if (!native) return view;
    const bool recording = native->producer == trace::recording_producer;
    // A recording (kosim record) goes with the scenario --kos wrote from it, whatever its file name.
    const compare::RecordedScenario recorded = recording ? compare::scenario_from_recording(*native) : compare::RecordedScenario{};
    if (recording ? recorded.steps.size() != program->statements.size() : native->scenario != program->file_name)
        view.warning = fmt(tr(l, "this trace is of {0}, the open scenario is {1}"), {native->scenario, program->file_name});

    Timeline timeline(program);
    trace::Trace model = trace::make_trace(timeline);
    const compare::Profile* profile = compare::profile_for_platform(native->platform);
    compare::Report report = recording ? compare::compare_recording(model, *native, recorded, profile)
                                       : compare::compare_traces(model, *native, profile, program.get());
    view.platform = native->platform;
    view.profile = profile ? profile->name : "";
    view.unexplained = report.unexplained;
    const std::string unexplained = fmt(trn(l, "{0} unexplained mismatch", "{0} unexplained mismatches", report.unexplained),
                                        {std::to_string(report.unexplained)});
    const std::string explained = profile ? fmt(tr(l, "{0} explained by {1}"), {std::to_string(report.explained), profile->name})
                                          : fmt(tr(l, "{0} explained"), {std::to_string(report.explained)});
    view.summary = std::string(report.passed() ? tr(l, "PASS") : tr(l, "FAIL")) + ": " + unexplained + ", " + explained;
    view.rows = compare::side_by_side(report);
    return view;
}

}  // namespace kosim::ui
