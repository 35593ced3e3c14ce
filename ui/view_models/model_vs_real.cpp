#include "view_models/model_vs_real.h"

#include <fstream>
#include <sstream>

#include "timeline/timeline.h"
#include "trace/model_trace.h"

namespace kosim::ui {

ModelVsRealView compare_with_native_trace(std::shared_ptr<const Program> program, const std::string& path) {
    ModelVsRealView view;
    view.native_path = path;
    if (!program) {
        view.error = "open a valid scenario first";
        return view;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        view.error = "cannot open '" + path + "'";
        return view;
    }
    std::ostringstream text;
    text << in.rdbuf();
    nlohmann::json json = nlohmann::json::parse(text.str(), nullptr, false);
    if (json.is_discarded()) {
        view.error = "'" + path + "' is not JSON";
        return view;
    }
    std::string error;
    std::optional<trace::Trace> native = trace::from_json(json, error);
    if (!native) {
        view.error = path + ": " + error;
        return view;
    }
    if (native->scenario != program->file_name)
        view.warning = "this trace is of " + native->scenario + ", the open scenario is " + program->file_name;

    Timeline timeline(program);
    trace::Trace model = trace::make_trace(timeline);
    const compare::Profile* profile = compare::profile_for_platform(native->platform);
    compare::Report report = compare::compare_traces(model, *native, profile, program.get());
    view.platform = native->platform;
    view.profile = profile ? profile->name : "";
    view.unexplained = report.unexplained;
    view.summary = std::string(report.passed() ? "PASS" : "FAIL") + ": " + std::to_string(report.unexplained) +
                   " unexplained mismatch" + (report.unexplained == 1 ? "" : "es") + ", " +
                   std::to_string(report.explained) + " explained" + (profile ? " by " + profile->name : "");
    view.rows = compare::side_by_side(report);
    return view;
}

}  // namespace kosim::ui
