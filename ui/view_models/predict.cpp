// Predict mode's items and scoring.
#include "view_models/predict.h"

#include <map>


namespace kosim::ui {

std::vector<PredictionItem> prediction_items(std::span<const model::Change> next_changes, const model::World& before,
                                             const model::World& after) {
    // First before and last after of each object's counts (the log may hold several rows per object).
    struct Span { std::uint32_t hb, ha, ub, ua; };
    std::map<model::ObjectId, Span> spans;
    std::map<model::ObjectId, describe::ObjectLabel> gone;
    for (const auto& c : next_changes) {
        if (c.kind == model::Change::Kind::ObjectDestroyed) gone[c.object] = describe::label_of_destroyed(after, c);
        if (c.kind != model::Change::Kind::CountsChanged) continue;
        auto [it, inserted] = spans.try_emplace(c.object, Span{c.before, c.after, c.usage_before, c.usage_after});
        if (!inserted) { it->second.ha = c.after; it->second.ua = c.usage_after; }
    }
    std::vector<PredictionItem> items;
    for (const auto& [id, s] : spans) {
        describe::ObjectLabel label;
        if (const auto* o = after.object(id)) label = describe::label_of(after, *o);
        else if (const auto* o2 = before.object(id)) label = describe::label_of(before, *o2);
        else if (auto g = gone.find(id); g != gone.end()) label = g->second;
        else label = describe::label_of(after, id);
        if (s.ub != s.ua) items.push_back({id, label, PredictionItem::Count::UsageCount, s.ub, s.ua, std::nullopt});
        if (s.hb != s.ha) items.push_back({id, label, PredictionItem::Count::HandleCount, s.hb, s.ha, std::nullopt});
    }
    return items;
}

std::set<model::ObjectId> hidden_objects(std::span<const PredictionItem> items) {
    std::set<model::ObjectId> ids;
    for (const auto& item : items) ids.insert(item.object);
    return ids;
}

PredictionScore score(std::span<const PredictionItem> items) {
    PredictionScore s;
    for (const auto& item : items) {
        Verdict v = !item.guess ? Verdict::Unanswered : (*item.guess == item.truth ? Verdict::Right : Verdict::Wrong);
        s.verdicts.push_back(v);
        if (v == Verdict::Right) ++s.right;
        else if (v == Verdict::Wrong) ++s.wrong;
        else ++s.unanswered;
    }
    return s;
}

const char* count_name(PredictionItem::Count count) {
    return count == PredictionItem::Count::UsageCount ? N_("usage_count") : N_("handle_count");
}

}  // namespace kosim::ui
