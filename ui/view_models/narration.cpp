// The narration panel's content: a heading for the step, the scenario's text and the describer's
// sentences for what changed (the same sentences `kosim run` prints).
#include "view_models/narration.h"

namespace kosim::ui {

StepNarration narrate_step(const Program& program, std::size_t position, std::size_t step_count,
                           const StepRecord* record, const model::World& world, Language l) {
    StepNarration n;
    const std::string of = fmt(tr(l, "Step {0} of {1}"), {std::to_string(position), std::to_string(step_count)});
    if (position == 0 || record == nullptr) {
        n.heading = of + " - " + tr(l, "the start");
        n.text = pick(l, program.introduction.en, program.introduction.ko);
        if (n.text.empty()) n.text = pick(l, program.title.en, program.title.ko);
        return n;
    }
    n.heading = of;
    switch (record->kind) {
    case StepRecord::Kind::Statement:
        if (record->statement < program.statements.size()) {
            const auto& s = program.statements[record->statement];
            n.outcome = describe::outcome_parts(s, record->outcome);
            n.heading = of + " - " + n.outcome.call;
            // The result and the last error get a line of their own: often they are the lesson.
            if (n.outcome.waits) n.result = tr(l, "(waits)");
            else if (!n.outcome.result.empty()) n.result = "-> " + n.outcome.result;
            if (!n.outcome.last_error.empty())
                n.result += (n.result.empty() ? "" : "   ") + fmt(tr(l, "GetLastError() = {0}"), {n.outcome.last_error});
            n.text = pick(l, s.narration.en, s.narration.ko);
        }
        break;
    case StepRecord::Kind::Clock:
        n.heading = of + " - " + fmt(tr(l, "every process waits: the clock moves to {0} ms"), {std::to_string(record->time_ms)});
        break;
    case StepRecord::Kind::Deadlock:
        n.heading = of + " - " + tr(l, "deadlock");
        for (const auto& w : record->waits) n.sentences.push_back(describe::wait_sentence(world, w, l));
        break;
    case StepRecord::Kind::Skipped:
        n.heading = of + " - " + tr(l, "skipped: its process is not running");
        if (record->statement < program.statements.size()) n.heading += " (" + to_source(program.statements[record->statement]) + ")";
        break;
    }
    for (auto& sentence : describe::change_sentences(program, *record, world, l)) n.sentences.push_back(std::move(sentence));
    n.error = record->error;
    return n;
}

}  // namespace kosim::ui
