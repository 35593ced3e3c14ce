// The call line from the step's record: the statement as written, its result and last error.
#include "view_models/call_line.h"

#include "describe/catalogue.h"
#include "program/calls.h"
#include "runner/backend.h"
#include "win32/constants.h"

namespace kosim::ui {

CallLine build_call_line(const Program& program, std::size_t position, std::size_t step_count, const StepRecord* record,
                         Language language) {
    CallLine line;
    const Language l = language;
    line.call = fmt(tr(l, "Step {0} of {1}"), {std::to_string(position), std::to_string(step_count)}) + "   ";
    if (!record || position == 0) {
        line.call += tr(l, "the start");
        return line;
    }
    switch (record->kind) {
    case StepRecord::Kind::Statement:
        if (record->statement < program.statements.size()) {
            const auto& s = program.statements[record->statement];
            line.call += to_source(s);
            if (s.kind != Statement::Kind::Call) break;
            if (record->outcome.status == model::Outcome::Status::Blocked) {
                // TRANSLATORS: the call line's result when the call blocks.
                line.result = tr(l, "-> (waits)");
                break;
            }
            if (!record->outcome.result.is_none())
                line.result = "-> " + (call_info(s.call).returns == Returns::Bool ? std::string(record->outcome.result.number ? "TRUE" : "FALSE")
                                                                                  : to_display(record->outcome.result));
            // The sentinel means the call left the last error unchanged: nothing to show.
            if (record->outcome.last_error != 0 && record->outcome.last_error != last_error_sentinel) {
                line.failed = true;
                line.result += (line.result.empty() ? "" : "   ") + std::string("GetLastError() = ") +
                               win32::error_name(record->outcome.last_error) + " (" + std::to_string(record->outcome.last_error) + ")";
            }
        }
        break;
    case StepRecord::Kind::Clock: line.call += fmt(tr(l, "every process waits: the clock moves to {0} ms"), {std::to_string(record->time_ms)}); break;
    case StepRecord::Kind::Deadlock: line.call += tr(l, "deadlock"); line.failed = true; break;
    case StepRecord::Kind::Skipped: line.call += tr(l, "skipped"); break;
    }
    return line;
}

}  // namespace kosim::ui
