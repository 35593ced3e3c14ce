// The cursor's step carried through an edit: common leading and trailing lines, then the statement
// on the mapped line.
#include "view_models/carry_step.h"

#include <vector>

namespace kosim::ui {
namespace {

std::vector<std::string_view> split_lines(std::string_view text) {
    std::vector<std::string_view> lines;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        std::string_view line = text.substr(start, end - start);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        lines.push_back(line);
        start = end + 1;
    }
    return lines;
}

}  // namespace

std::optional<std::uint32_t> map_line(std::string_view old_text, std::string_view new_text, std::uint32_t line) {
    const auto before = split_lines(old_text), after = split_lines(new_text);
    if (line == 0 || line > before.size()) return std::nullopt;
    std::size_t prefix = 0;
    while (prefix < before.size() && prefix < after.size() && before[prefix] == after[prefix]) ++prefix;
    std::size_t suffix = 0;
    while (suffix < before.size() - prefix && suffix < after.size() - prefix &&
           before[before.size() - 1 - suffix] == after[after.size() - 1 - suffix])
        ++suffix;
    const std::size_t index = line - 1;
    if (index < prefix) return line;
    if (index >= before.size() - suffix)
        return static_cast<std::uint32_t>(index + after.size() - before.size() + 1);
    // Inside the stretch that changed: the same line only when the stretch kept its length.
    if (before.size() == after.size()) return line;
    return std::nullopt;
}

std::optional<std::size_t> carry_step(const Timeline& old_run, std::size_t position, const Timeline& new_run) {
    if (position == 0) return 0;
    if (position > old_run.step_count()) return std::nullopt;
    const StepSummary& summary = old_run.summary(position);
    const auto& old_statements = old_run.program().statements;
    if (summary.kind != StepRecord::Kind::Statement || summary.statement >= old_statements.size()) return std::nullopt;
    // A statement that runs more than once (in a loop of steps, or deferred) keeps its place only on its first step.
    if (old_run.step_of_statement(summary.statement) != position) return std::nullopt;
    const auto line = map_line(old_run.program().source, new_run.program().source, old_statements[summary.statement].location.line);
    if (!line) return std::nullopt;
    const auto& new_statements = new_run.program().statements;
    for (std::size_t i = 0; i < new_statements.size(); ++i)
        if (new_statements[i].location.line == *line) return new_run.step_of_statement(i);
    return std::nullopt;
}

}  // namespace kosim::ui
