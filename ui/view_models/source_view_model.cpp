// Source rows for the source panel.
#include "view_models/source_view_model.h"

#include "view_models/carry_step.h"
#include "view_models/session.h"

namespace kosim::ui {

namespace {

// The lines, their diagnostics and the steps they seek to: all that does not depend on the cursor.
SourceView build_text_view(std::string_view source, std::string_view file_name, const std::vector<Diagnostic>& diagnostics,
                           const Timeline* timeline) {
    SourceView view;
    std::vector<std::string_view> lines = split_lines(source);
    if (lines.size() > 1 && lines.back().empty()) lines.pop_back();   // the newline that ends the file starts no line
    for (std::size_t i = 0; i < lines.size(); ++i) view.lines.push_back({static_cast<std::uint32_t>(i + 1), std::string(lines[i])});
    auto line_at = [&](std::uint32_t line) -> SourceLine* {
        return line >= 1 && line <= view.lines.size() ? &view.lines[line - 1] : nullptr;
    };

    for (const auto& d : diagnostics) {
        view.diagnostics.push_back(format_diagnostic(d, source, file_name));
        if (d.severity == Diagnostic::Severity::Error) ++view.error_count;
        if (auto* line = line_at(d.location.line)) {
            const bool error = d.severity == Diagnostic::Severity::Error;
            if (error || line->mark == SourceLine::Mark::None) {
                line->mark = error ? SourceLine::Mark::Error : SourceLine::Mark::Warning;
                line->note = d.message + (d.suggestion.empty() ? "" : "; did you mean '" + d.suggestion + "'?");
                line->column = d.location.column;
                line->length = d.length;
            }
        }
    }
    if (!timeline) return view;

    const Program& program = timeline->program();
    for (std::size_t i = 0; i < program.statements.size(); ++i)
        if (auto* line = line_at(program.statements[i].location.line)) line->seek_step = timeline->step_of_statement(i);
    return view;
}

// The cursor's marks on a text view: the current and next statements and the expectations
// checked so far. `touched` collects the lines it changed (the cache restores them).
void mark_position(SourceView& view, const Timeline& timeline, std::size_t position, std::vector<std::size_t>* touched) {
    const Program& program = timeline.program();
    auto line_at = [&](std::uint32_t line) -> SourceLine* {
        if (line < 1 || line > view.lines.size()) return nullptr;
        if (touched) touched->push_back(line - 1);
        return &view.lines[line - 1];
    };
    const std::size_t steps = timeline.step_count();
    auto statement_line = [&](std::size_t step) -> SourceLine* {
        if (step == 0 || step > steps) return nullptr;
        const auto& summary = timeline.summary(step);
        if (summary.statement >= program.statements.size()) return nullptr;
        return line_at(program.statements[summary.statement].location.line);
    };
    if (auto* line = statement_line(position)) {
        line->current = true;
        view.current_line = static_cast<std::size_t>(line->number - 1);
    }
    if (auto* line = statement_line(position + 1)) line->next = true;

    for (const auto& checked : timeline.expectations()) {
        if (checked.step > position) break;
        const auto& r = checked.result;
        if (r.statement >= program.statements.size() || r.index >= program.statements[r.statement].expectations.size()) continue;
        auto* line = line_at(program.statements[r.statement].expectations[r.index].location.line);
        if (!line || line->mark == SourceLine::Mark::Error) continue;
        line->mark = r.passed ? SourceLine::Mark::ExpectPassed : SourceLine::Mark::ExpectFailed;
        line->note = r.passed ? std::string() : r.message;
    }
}

}  // namespace

SourceView build_source_view(std::string_view source, std::string_view file_name,
                             const std::vector<Diagnostic>& diagnostics, const Timeline* timeline, std::size_t position) {
    SourceView view = build_text_view(source, file_name, diagnostics, timeline);
    if (timeline) mark_position(view, *timeline, position, nullptr);
    return view;
}

const SourceView& SourceViewCache::refresh(const Session& session) {
    const LoadedScenario& scenario = session.scenario();
    const Timeline* timeline = session.timeline();
    if (session.run_is_stale() || !timeline) {
        view_ = build_source_view(session);
        run_ = nullptr;
        return view_;
    }
    // Not stale: the run is of this text. Holding its program keeps the key's address from being reused.
    if (run_ != timeline || program_ != scenario.parsed.program || file_name_ != scenario.file_name) {
        text_ = build_text_view(scenario.source, scenario.file_name, scenario.parsed.diagnostics, timeline);
        view_ = text_;
        touched_.clear();
        run_ = timeline;
        program_ = scenario.parsed.program;
        file_name_ = scenario.file_name;
    }
    for (std::size_t i : touched_) view_.lines[i] = text_.lines[i];
    touched_.clear();
    view_.current_line.reset();
    mark_position(view_, *timeline, session.position(), &touched_);
    return view_;
}

SourceView build_source_view(const Session& session) {
    const LoadedScenario& scenario = session.scenario();
    if (!session.run_is_stale())
        return build_source_view(scenario.source, scenario.file_name, scenario.parsed.diagnostics, session.timeline(), session.position());
    // The run is of an earlier text: its current and next statements marked where their lines went
    // in this one (carry_step's mapping), nothing else of it (its steps are not this text's).
    SourceView view = build_source_view(scenario.source, scenario.file_name, scenario.parsed.diagnostics, nullptr, 0);
    const Timeline& run = *session.timeline();
    auto mapped = [&](std::size_t step) -> SourceLine* {
        if (step == 0 || step > run.step_count()) return nullptr;
        const std::size_t statement = run.summary(step).statement;
        if (statement >= run.program().statements.size()) return nullptr;
        const auto line = map_line(run.program().source, scenario.source, run.program().statements[statement].location.line);
        return line && *line <= view.lines.size() ? &view.lines[*line - 1] : nullptr;
    };
    if (SourceLine* line = mapped(session.position())) {
        line->current = true;
        view.current_line = static_cast<std::size_t>(line->number - 1);
    }
    if (SourceLine* line = mapped(session.position() + 1)) line->next = true;
    return view;
}

}  // namespace kosim::ui
