// Small shared helpers of the view models.
#include "view_models/selection.h"

namespace kosim::ui {

std::string_view pick(Language language, std::string_view en, std::string_view ko) {
    if (language == Language::Korean) return ko.empty() ? en : ko;
    return en.empty() ? ko : en;
}

}  // namespace kosim::ui
