// The call line from the step's record: the statement as written, its result and last error.
#include "view_models/call_line.h"

#include "describe/catalogue.h"
#include "describe/describe.h"

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
            // The describer's parts, so the call line says what the CLI and the narration say.
            const describe::OutcomeParts parts = describe::outcome_parts(s, record->outcome);
            line.call += parts.call;
            if (s.kind != Statement::Kind::Call) break;
            if (parts.waits) {
                line.result = std::string("-> ") + tr(l, "(waits)");
                break;
            }
            if (!parts.result.empty()) line.result = "-> " + parts.result;
            if (!parts.last_error.empty()) {
                line.failed = true;
                line.result += (line.result.empty() ? "" : "   ") + std::string("GetLastError() = ") + parts.last_error;
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
