// Diagnostics as clang and Ninja print them: location, message, the source line, a caret run.
// The echoed line is made safe for any terminal: tabs expanded, control and invalid bytes spelt out,
// and only a window of a very long line shown.
#include "scenario/diagnostics.h"

#include <algorithm>
#include <cstdio>

#include "scenario/lexer.h"

namespace kosim {

namespace {

constexpr std::size_t window_bytes = 160;    // longest stretch of a line echoed
constexpr std::size_t window_before = 60;    // bytes kept before the caret when a line is cut
constexpr std::size_t tab_width = 8;

std::string_view severity_word(Diagnostic::Severity severity) {
    switch (severity) {
    case Diagnostic::Severity::Error: return "error";
    case Diagnostic::Severity::Warning: return "warning";
    case Diagnostic::Severity::Note: return "note";
    }
    return "error";
}

// East Asian wide characters (Hangul, CJK, full-width forms) take two terminal columns.
bool is_wide(std::uint32_t code) {
    return (code >= 0x1100 && code <= 0x115F) || (code >= 0x2E80 && code <= 0xA4CF) ||
           (code >= 0xAC00 && code <= 0xD7A3) || (code >= 0xF900 && code <= 0xFAFF) ||
           (code >= 0xFE30 && code <= 0xFE4F) || (code >= 0xFF00 && code <= 0xFF60) ||
           (code >= 0xFFE0 && code <= 0xFFE6) || (code >= 0x1F300 && code <= 0x1FAFF) || code >= 0x20000;
}

// The source line `number` (1-based) without its line ending, or nullopt past the end.
std::optional<std::string_view> find_line(std::string_view source, std::uint32_t number) {
    std::size_t start = 0;
    for (std::uint32_t line = 1; line < number; ++line) {
        std::size_t end = source.find('\n', start);
        if (end == std::string_view::npos) return std::nullopt;
        start = end + 1;
    }
    if (start > source.size()) return std::nullopt;
    std::size_t end = source.find('\n', start);
    std::string_view text = source.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
    if (number == 1 && text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    return text;
}

}  // namespace

std::string format_diagnostic(const Diagnostic& diagnostic, std::string_view source, std::string_view file_name) {
    std::string out(file_name);
    const SourceLocation& location = diagnostic.location;
    if (location.line != 0) out += ":" + std::to_string(location.line) + ":" + std::to_string(location.column);
    out += ": ";
    out += severity_word(diagnostic.severity);
    out += ": ";
    out += diagnostic.message;
    if (!diagnostic.suggestion.empty()) out += "; did you mean '" + diagnostic.suggestion + "'?";
    out += '\n';
    if (location.line == 0) return out;
    std::optional<std::string_view> found = find_line(source, location.line);
    if (!found) return out;
    std::string_view line = *found;

    const std::size_t caret = std::min<std::size_t>(location.column == 0 ? 0 : location.column - 1, line.size());
    const std::size_t caret_end = std::min<std::size_t>(caret + std::max<std::uint32_t>(diagnostic.length, 1), line.size());
    std::size_t begin = 0, end = line.size();
    if (line.size() > window_bytes) {
        begin = caret > window_before ? caret - window_before : 0;
        for (int i = 0; i < 3 && begin < caret && (static_cast<unsigned char>(line[begin]) & 0xC0) == 0x80; ++i) ++begin;
        end = std::min(line.size(), begin + window_bytes);
        for (int i = 0; i < 3 && end < line.size() && end > caret + 1 && (static_cast<unsigned char>(line[end]) & 0xC0) == 0x80; ++i) --end;
    }

    std::string text, marks;
    std::size_t width = 0;
    auto emit = [&](std::string_view shown, std::size_t columns, std::size_t at) {
        text += shown;
        char mark = ' ';
        if (at >= caret && at < caret_end) mark = at == caret ? '^' : '~';
        for (std::size_t i = 0; i < columns; ++i) marks += (mark == '^' && i > 0) ? '~' : mark;
        width += columns;
    };
    if (begin > 0) { text += "..."; marks += "   "; width += 3; }
    const std::size_t text_start = width;
    for (std::size_t pos = begin; pos < end;) {
        auto c = static_cast<unsigned char>(line[pos]);
        char buffer[16];
        if (c == '\t') {
            std::size_t columns = tab_width - (width - text_start) % tab_width;
            emit(std::string(columns, ' '), columns, pos);
            ++pos;
        } else if (c >= 0x20 && c < 0x7F) {
            emit(line.substr(pos, 1), 1, pos);
            ++pos;
        } else if (std::size_t length = scenario::utf8_sequence_length(line, pos); length == 0) {
            std::snprintf(buffer, sizeof buffer, "<%02X>", static_cast<unsigned>(c));
            emit(buffer, 4, pos);
            ++pos;
        } else {
            std::uint32_t code = scenario::decode_utf8(line, pos, length);
            if (code < 0x20 || code == 0x7F || scenario::is_invisible(code)) {
                std::snprintf(buffer, sizeof buffer, "<U+%04X>", static_cast<unsigned>(code));
                emit(buffer, std::char_traits<char>::length(buffer), pos);
            } else {
                emit(line.substr(pos, length), is_wide(code) ? 2 : 1, pos);
            }
            pos += length;
        }
    }
    if (caret >= end) marks += '^';  // the caret points just past the text (e.g. a missing ')')
    if (end < line.size()) text += "...";
    while (!marks.empty() && marks.back() == ' ') marks.pop_back();

    char number[16];
    std::snprintf(number, sizeof number, "%5u", static_cast<unsigned>(location.line));
    out += number;
    out += " | ";
    out += text;
    out += '\n';
    out += std::string(std::char_traits<char>::length(number), ' ');
    out += " | ";
    out += marks;
    out += '\n';
    return out;
}

std::string closest_match(std::string_view word, const std::vector<std::string_view>& candidates) {
    if (word.empty() || word.size() > 64) return "";
    const std::size_t limit = std::clamp<std::size_t>(word.size() / 4, 1, 3);
    auto lower = [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; };
    std::string_view best;
    std::size_t best_distance = limit + 1;
    std::vector<std::size_t> previous, current, before_previous;
    for (std::string_view candidate : candidates) {
        if (candidate.empty() || candidate == word) continue;
        std::size_t gap = candidate.size() > word.size() ? candidate.size() - word.size() : word.size() - candidate.size();
        if (gap > limit || gap >= best_distance) continue;
        // Optimal string alignment distance, case-insensitive (a swap of two letters counts once).
        const std::size_t n = candidate.size();
        before_previous.assign(n + 1, 0);
        previous.resize(n + 1);
        current.resize(n + 1);
        for (std::size_t j = 0; j <= n; ++j) previous[j] = j;
        for (std::size_t i = 1; i <= word.size(); ++i) {
            current[0] = i;
            for (std::size_t j = 1; j <= n; ++j) {
                bool same = lower(word[i - 1]) == lower(candidate[j - 1]);
                current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (same ? 0 : 1)});
                if (i > 1 && j > 1 && lower(word[i - 1]) == lower(candidate[j - 2]) && lower(word[i - 2]) == lower(candidate[j - 1]))
                    current[j] = std::min(current[j], before_previous[j - 2] + 1);
            }
            std::swap(before_previous, previous);
            std::swap(previous, current);
        }
        std::size_t distance = previous[n];
        // A case-only difference (distance 0) beats any other; a one-letter word matches only by case.
        if (distance < best_distance && distance < word.size()) {
            best = candidate;
            best_distance = distance;
        }
    }
    return std::string(best);
}

}  // namespace kosim
