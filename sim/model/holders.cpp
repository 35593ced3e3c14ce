// Why an object's usage_count is what it is: one row per handle entry in any table, plus the
// running process's own references to its process and thread objects. The rows sum to usage_count.
#include "model/internal.h"

namespace kosim::model {

std::vector<Holder> World::holders(ObjectId id) const {
    std::vector<Holder> rows;
    for (const Process& p : processes_) {
        p.handles.for_each([&](const HandleEntry& e) {
            if (e.object == id) rows.push_back({Holder::Kind::Entry, p.pid, e.value, e.origin});
        });
        if (p.state == RunState::Exited) continue;
        if (p.process_object == id) rows.push_back({Holder::Kind::RunningProcess, p.pid, {}, {}});
        if (p.thread_object == id) rows.push_back({Holder::Kind::RunningThread, p.pid, {}, {}});
    }
    return rows;
}

}  // namespace kosim::model
