// The cursor's step carried through an edit: common leading and trailing lines, the longest common
// subsequence of the lines between, then the statement on the mapped line.
#include "view_models/carry_step.h"

#include <vector>

namespace kosim::ui {
namespace {

// Beyond this many cells (a few thousand changed lines each side) the changed stretch is matched
// only as a whole: an edit in the window is far smaller.
constexpr std::size_t max_lcs_cells = 4'000'000;

}  // namespace

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

std::optional<std::uint32_t> map_line(std::string_view old_text, std::string_view new_text, std::uint32_t line) {
    const auto before = split_lines(old_text), after = split_lines(new_text);
    if (line == 0 || line > before.size()) return std::nullopt;
    const std::size_t index = line - 1;
    std::size_t prefix = 0;
    while (prefix < before.size() && prefix < after.size() && before[prefix] == after[prefix]) ++prefix;
    std::size_t suffix = 0;
    while (suffix < before.size() - prefix && suffix < after.size() - prefix &&
           before[before.size() - 1 - suffix] == after[after.size() - 1 - suffix])
        ++suffix;
    if (index < prefix) return line;
    if (index >= before.size() - suffix) return static_cast<std::uint32_t>(index + after.size() - before.size() + 1);

    // The stretch between: lines kept are the longest common subsequence; a changed line maps to
    // the line at the same offset when the gap it sits in kept its length.
    const std::size_t a = before.size() - prefix - suffix, b = after.size() - prefix - suffix;
    std::vector<std::pair<std::size_t, std::size_t>> kept;   // (old, new) indices of kept lines, in order
    if (a * b <= max_lcs_cells) {
        std::vector<std::uint32_t> lcs((a + 1) * (b + 1), 0);
        auto at = [&](std::size_t i, std::size_t j) -> std::uint32_t& { return lcs[i * (b + 1) + j]; };
        for (std::size_t i = a; i-- > 0;)
            for (std::size_t j = b; j-- > 0;)
                at(i, j) = before[prefix + i] == after[prefix + j] ? at(i + 1, j + 1) + 1 : std::max(at(i + 1, j), at(i, j + 1));
        for (std::size_t i = 0, j = 0; i < a && j < b;) {
            if (before[prefix + i] == after[prefix + j]) kept.emplace_back(prefix + i++, prefix + j++);
            else if (at(i + 1, j) >= at(i, j + 1)) ++i;
            else ++j;
        }
    }
    std::pair<std::size_t, std::size_t> low{prefix, prefix}, high{prefix + a, prefix + b};   // the gap around index
    for (const auto& [o, n] : kept) {
        if (o == index) return static_cast<std::uint32_t>(n + 1);
        if (o < index) low = {o + 1, n + 1};
        else { high = {o, n}; break; }
    }
    if (high.first - low.first == high.second - low.second) return static_cast<std::uint32_t>(low.second + (index - low.first) + 1);
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
