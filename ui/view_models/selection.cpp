// Small shared helpers of the view models.
#include "view_models/selection.h"

namespace kosim::ui {

std::string_view to_string(Highlight highlight) {
    switch (highlight) {
    case Highlight::None: return "none";
    case Highlight::New: return "new";
    case Highlight::Closed: return "closed";
    case Highlight::CountUp: return "count up";
    case Highlight::CountDown: return "count down";
    case Highlight::Changed: return "changed";
    }
    return "?";
}

std::string_view pick(Language language, std::string_view en, std::string_view ko) {
    if (language == Language::Korean) return ko.empty() ? en : ko;
    return en.empty() ? ko : en;
}

}  // namespace kosim::ui
