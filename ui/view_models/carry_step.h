// Where the cursor goes when the scenario's text changes under it (an edit in the editor, or the
// file changed on disk): to the step that runs the same statement in the new run, where it still
// exists. The statement is followed by its line through the edit, so changing its arguments in
// place (bInheritHandles=TRUE -> FALSE) keeps the step.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "timeline/timeline.h"

namespace kosim::ui {

// The lines of a text as views into it, without their "\n" or "\r\n"; a text ending in a newline has
// an empty last line (the editor's line numbers, the source view and the line diff count alike).
std::vector<std::string_view> split_lines(std::string_view text);

// Where line `line` (1-based) of `old_text` is in `new_text`: a line kept by the edit maps to where
// it is now (lines kept are the longest common subsequence, as diff finds them); a changed line maps
// to the line at the same place when the changed lines around it are as many as before (a statement
// whose arguments were edited); a deleted line, or one in a stretch that grew or shrank, to nothing.
std::optional<std::uint32_t> map_line(std::string_view old_text, std::string_view new_text, std::uint32_t line);

// The step of `new_run` that runs the statement `old_run` ran at `position` (0 = the start maps to
// 0), where that statement is still in the text and still runs; nullopt when it is gone, or when
// `position` is not a statement's step (a deadlock report, a wake-up).
std::optional<std::size_t> carry_step(const Timeline& old_run, std::size_t position, const Timeline& new_run);

}  // namespace kosim::ui
