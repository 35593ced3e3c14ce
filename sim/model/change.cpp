// ChangeLog::coalesce: one CountsChanged row per object per step (first before, last after),
// dropped when the counts ended where they began; every other row keeps its order.
#include <unordered_map>

#include "model/change.h"

namespace kosim::model {

void ChangeLog::coalesce() {
    // In place and without allocating for the usual few rows a step makes (it runs every step);
    // a hash map only for the rare huge step (a process exiting with thousands of handles).
    constexpr std::size_t linear_limit = 64;
    std::unordered_map<ObjectId, std::size_t> index;
    std::size_t kept = 0;
    for (std::size_t i = 0; i < changes.size(); ++i) {
        Change& c = changes[i];
        if (c.kind == Change::Kind::CountsChanged) {
            std::size_t merged = kept;
            if (changes.size() <= linear_limit) {
                for (std::size_t k = 0; k < kept; ++k)
                    if (changes[k].kind == Change::Kind::CountsChanged && changes[k].object == c.object) {
                        merged = k;
                        break;
                    }
            } else if (auto it = index.find(c.object); it != index.end()) {
                merged = it->second;
            } else {
                index.emplace(c.object, kept);
            }
            if (merged != kept) {
                changes[merged].after = c.after;
                changes[merged].usage_after = c.usage_after;
                continue;
            }
        }
        if (kept != i) changes[kept] = std::move(c);
        ++kept;
    }
    changes.resize(kept);
    std::erase_if(changes, [](const Change& c) {
        return c.kind == Change::Kind::CountsChanged && c.before == c.after && c.usage_before == c.usage_after;
    });
}

}  // namespace kosim::model
