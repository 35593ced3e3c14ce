// Expectation rows for the expectations panel.
#include "view_models/expectations_view_model.h"

#include <map>

#include "describe/catalogue.h"

namespace kosim::ui {

ExpectationsView build_expectations_view(const Timeline& timeline, std::size_t position, Language l) {
    ExpectationsView view;
    const Program& program = timeline.program();
    std::map<std::pair<std::size_t, std::size_t>, std::size_t> index;
    for (std::size_t s = 0; s < program.statements.size(); ++s)
        for (std::size_t e = 0; e < program.statements[s].expectations.size(); ++e) {
            const auto& x = program.statements[s].expectations[e];
            index[{s, e}] = view.rows.size();
            view.rows.push_back({x.location.line, x.text.empty() ? "expect ?" : x.text});
        }
    for (const auto& checked : timeline.expectations()) {
        if (checked.step > position) continue;
        auto it = index.find({checked.result.statement, checked.result.index});
        if (it == index.end()) continue;
        auto& row = view.rows[it->second];
        row.status = checked.result.passed ? ExpectationRow::Status::Passed : ExpectationRow::Status::Failed;
        // Worded here from the structured result, so it follows the language.
        if (checked.result.passed) row.message = "= " + checked.result.observed;
        else if (!checked.result.observed.empty() && checked.result.observed != "error")
            row.message = fmt(tr(l, "the value is {0}"), {checked.result.observed});
        else row.message = checked.result.message;
        row.step = checked.step;
    }
    if (program.expect_deadlock) {
        ExpectationRow row{program.expect_deadlock_location.line, "expect deadlock"};
        if (auto d = timeline.deadlock_step(); d && *d <= position) {
            row.status = ExpectationRow::Status::Passed;
            row.step = *d;
        } else if (position >= timeline.step_count() && timeline.step_count() > 0) {
            row.status = ExpectationRow::Status::Failed;
            row.message = tr(l, "the run ended without a deadlock");
        }
        view.rows.push_back(row);
    }
    for (const auto& row : view.rows) {
        if (row.status == ExpectationRow::Status::Passed) ++view.passed;
        else if (row.status == ExpectationRow::Status::Failed) ++view.failed;
        else ++view.pending;
    }
    return view;
}

}  // namespace kosim::ui
