// ChangeLog::coalesce: one CountsChanged row per object per step (first before, last after),
// dropped when the counts ended where they began; every other row keeps its order.
#include <unordered_map>

#include "model/change.h"

namespace kosim::model {

void ChangeLog::coalesce() {
    std::unordered_map<ObjectId, std::size_t> first;  // object -> index of its merged row in `out`
    std::vector<Change> out;
    out.reserve(changes.size());
    for (Change& c : changes) {
        if (c.kind != Change::Kind::CountsChanged) {
            out.push_back(std::move(c));
            continue;
        }
        auto [it, inserted] = first.try_emplace(c.object, out.size());
        if (inserted) {
            out.push_back(std::move(c));
        } else {
            out[it->second].after = c.after;
            out[it->second].usage_after = c.usage_after;
        }
    }
    std::erase_if(out, [](const Change& c) {
        return c.kind == Change::Kind::CountsChanged && c.before == c.after && c.usage_before == c.usage_after;
    });
    changes = std::move(out);
}

}  // namespace kosim::model
