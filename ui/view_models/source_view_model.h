// The scenario source as rows: the current statement's line marked, lines that run a statement
// clickable (seek to its step), diagnostics and expectation results attached to their lines.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "scenario/diagnostics.h"
#include "timeline/timeline.h"

namespace kosim::ui {

struct SourceLine {
    std::uint32_t number = 0;                  // 1-based
    std::string text;                          // without the line break
    bool current = false;                      // the statement the current step ran
    bool next = false;                         // the statement the next step will run
    std::optional<std::size_t> seek_step;      // clicking the line seeks here
    enum class Mark : std::uint8_t { None, Error, Warning, ExpectPassed, ExpectFailed } mark = Mark::None;
    std::string note;                          // the diagnostic or failed expectation on this line
    std::uint32_t column = 0, length = 0;      // the diagnostic's place in the line (1-based bytes; 0: none)
};

struct SourceView {
    std::vector<SourceLine> lines;
    std::vector<std::string> diagnostics;      // format_diagnostic of each, in source order
    std::optional<std::size_t> current_line;   // index into lines
    std::size_t error_count = 0;
};

// `timeline` is null for a scenario with errors; `position` is the cursor (0..step_count).
SourceView build_source_view(std::string_view source, std::string_view file_name,
                             const std::vector<Diagnostic>& diagnostics, const Timeline* timeline, std::size_t position);

class Session;
// The session's current text and diagnostics; the run's marks only when the run is of this text
// (while an edit has errors the last run that worked stays on screen, but its lines may have moved).
SourceView build_source_view(const Session& session);

// The same view, kept between steps: built whole only when the text or the run changes; a step
// restores the lines the last one marked and marks its own (a 20,000-line text steps in microseconds).
class SourceViewCache {
public:
    const SourceView& refresh(const Session& session);
    const SourceView& view() const { return view_; }

private:
    SourceView text_;                          // without the cursor's marks
    SourceView view_;
    std::vector<std::size_t> touched_;         // lines of view_ that differ from text_
    const Timeline* run_ = nullptr;            // the run text_ was built for, of this program and file
    std::shared_ptr<const Program> program_;
    std::string file_name_;
};

}  // namespace kosim::ui
