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
        for (const MappedView& v : p.views)
            if (v.mapping == id) rows.push_back({Holder::Kind::MappedView, p.pid, {}, {}, v.address, 0});
        if (p.state == RunState::Exited) continue;
        if (p.process_object == id) rows.push_back({Holder::Kind::RunningProcess, p.pid, {}, {}});
        if (p.thread_object == id) rows.push_back({Holder::Kind::RunningThread, p.pid, {}, {}});
    }
    for (const KernelObject& o : objects_)
        if (const auto* m = std::get_if<FileMappingObject>(&o.state); m && m->file == id)
            rows.push_back({Holder::Kind::MappingFile, o.creator, {}, {}, 0, o.id});
    return rows;
}

}  // namespace kosim::model
