// One step of a session laid out exactly as the window lays it out (same inputs, same functions),
// without a window: for `kosim layout --json` and the layout test.
#pragma once

#include "view_models/layout.h"
#include "view_models/session.h"

namespace kosim::ui {

// The header's text: the scenario's title in the language and its file ("Title  (builtin:02-...)").
std::string header_title(const Session& session);

// The world plan of the open scenario (run once more from the start).
// `environment`: the cards show command lines and environment blocks (View menu).
WorldPlan plan_session(const Session& session, float font, NumberBase base, const TextMetrics& metrics, bool environment = false);

struct StepLayout {
    ScreenLayout screen;
    WorldGeometry geometry;
    float zoom = 1;
    bool scrolls = false;             // the world stopped at its floor zoom and part of it is off-screen
    std::vector<LayoutItem> items;
};
// The session's current step in a window of width x height with text of `font` pixels; the
// world's default zoom and side columns as `zoom` says (diagram_zoom).
StepLayout layout_step(const Session& session, const WorldPlan& plan, float width, float height, float font, NumberBase base,
                       const TextMetrics& metrics, DiagramZoom zoom = {});

}  // namespace kosim::ui
