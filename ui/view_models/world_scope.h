// A huge world's view built only where it is seen: the cards and nodes whose boxes meet a region
// of the canvas, plus everything an arrow, link or the step's focus needs from outside it, so the
// panel draws in that region exactly what the whole view would (a 1,000-process world steps in
// well under a millisecond instead of building 20,000 rows nobody sees).
#pragma once

#include <span>

#include "view_models/layout.h"

namespace kosim::ui {

// Worlds with more cards and nodes than this are built scoped; lecture-sized worlds whole.
inline constexpr std::size_t scope_threshold = 1000;

// What the step touched: the processes and objects its changes name, the caller, and the
// tables it looked values up in (everything step_focus and the flow arrows read).
WorldScope touched_scope(std::span<const model::Change> changes, const Program* program, const StepRecord* record,
                         const model::World& world);

// The touched scope plus the cards and nodes whose boxes meet `region` (canvas coordinates), the
// cards holding (in `plan`, over the run) or waiting on those nodes, the nodes those cards' rows
// and waits point to, and both cards of every parent link whose curve may cross the region.
WorldScope scope_of(const WorldPlan& plan, const WorldGeometry& geometry, const Rect& region, const model::World& world,
                    std::span<const model::Change> changes, const Program* program, const StepRecord* record);

// The canvas region shown by `t` in `area`, grown by `margin` (a share of its size) on every side.
Rect canvas_region(const ViewTransform& t, const Rect& area, float margin);

}  // namespace kosim::ui
