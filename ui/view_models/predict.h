// Predict mode: before a step is applied, the counts it will change are hidden and the student
// enters what each will become; applying the step reveals the truth and marks each guess.
#pragma once

#include <optional>
#include <set>
#include <span>
#include <string>
#include <vector>

#include "describe/describe.h"
#include "model/world.h"

namespace kosim::ui {

// One count the next step will change.
struct PredictionItem {
    model::ObjectId object = 0;
    describe::ObjectLabel label;             // worded by the panel in its language
    enum class Count : std::uint8_t { HandleCount, UsageCount } count = Count::UsageCount;
    std::uint32_t before = 0;
    std::uint32_t truth = 0;                 // the value after the step
    std::optional<std::uint32_t> guess;      // what the student entered
};

enum class Verdict : std::uint8_t { Unanswered, Right, Wrong };

struct PredictionScore {
    std::size_t right = 0;
    std::size_t wrong = 0;
    std::size_t unanswered = 0;
    std::vector<Verdict> verdicts;           // one per item, in order
};

// The counts `next_changes` (the next step's Change rows) will change, usage_count before
// handle_count, in object order. `after` is the world after that step (labels of new objects).
std::vector<PredictionItem> prediction_items(std::span<const model::Change> next_changes, const model::World& before,
                                             const model::World& after);
// The objects whose counts must be hidden while the student predicts.
std::set<model::ObjectId> hidden_objects(std::span<const PredictionItem> items);
// Marks each guess against the truth.
PredictionScore score(std::span<const PredictionItem> items);
const char* count_name(PredictionItem::Count count);  // "usage_count" / "handle_count": msgids (tr() them to show)

}  // namespace kosim::ui
