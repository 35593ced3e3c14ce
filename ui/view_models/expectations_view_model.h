// Which `expect` lines passed or failed so far (up to the cursor), and which are still to come.
#pragma once

#include <string>
#include <vector>

#include "timeline/timeline.h"
#include "view_models/selection.h"

namespace kosim::ui {

struct ExpectationRow {
    std::uint32_t line = 0;
    std::string text;                         // "expect usage(hSlot) == 2"
    enum class Status : std::uint8_t { Pending, Passed, Failed } status = Status::Pending;
    std::string message;                      // failure message, or the observed value
    std::size_t step = 0;                     // the step that checked it (0 while pending)
};

struct ExpectationsView {
    std::vector<ExpectationRow> rows;         // in source order
    std::size_t passed = 0, failed = 0, pending = 0;
};

// Never seeks: reads only the timeline's summary of checked expectations.
ExpectationsView build_expectations_view(const Timeline& timeline, std::size_t position, Language language = Language::English);

}  // namespace kosim::ui
