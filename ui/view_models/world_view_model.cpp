// Builds the world view from the model's state after a step and the step's Change rows.
#include "view_models/world_view_model.h"

#include <algorithm>
#include <cstdio>

#include "program/calls.h"
#include "win32/constants.h"

namespace kosim::ui {
namespace {

std::string hex32(std::uint64_t v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "0x%llX", static_cast<unsigned long long>(v));
    return buf;
}

// A count change is "up" or "down" by usage_count first (the textbook's count), then handle_count.
Highlight count_direction(const model::Change& c) {
    if (c.usage_after != c.usage_before) return c.usage_after > c.usage_before ? Highlight::CountUp : Highlight::CountDown;
    if (c.after != c.before) return c.after > c.before ? Highlight::CountUp : Highlight::CountDown;
    return Highlight::Changed;
}

// A stronger highlight wins: New and Closed over count changes over Changed.
void raise(Highlight& current, Highlight wanted) {
    auto rank = [](Highlight h) {
        switch (h) {
        case Highlight::None: return 0;
        case Highlight::Changed: return 1;
        case Highlight::CountUp: case Highlight::CountDown: return 2;
        case Highlight::New: case Highlight::Closed: return 3;
        }
        return 0;
    };
    if (rank(wanted) >= rank(current)) current = wanted;
}

}  // namespace

std::string destroyed_label(const std::string& detail, model::ObjectId id) {
    std::string label = detail;
    if (label.ends_with(" ''")) label.resize(label.size() - 3);   // an unnamed object: name it by id
    if (label.empty()) return "object #" + std::to_string(id);
    if (label.find('\'') == std::string::npos) label += " #" + std::to_string(id);
    return label;
}

const ObjectNode* WorldView::find_object(model::ObjectId id) const {
    for (const auto& node : objects)
        if (node.id == id) return &node;
    return nullptr;
}

const ProcessCard* WorldView::find_card(model::Pid pid) const {
    for (const auto& card : cards)
        if (card.pid == pid) return &card;
    return nullptr;
}

std::string object_label(const model::KernelObject& object, const model::World* world) {
    std::string label(model::kind_name(object.kind));
    if (world) {
        if (const auto* p = std::get_if<model::ProcessObject>(&object.state)) return label + " '" + process_name(*world, p->pid) + "'";
        if (const auto* t = std::get_if<model::ThreadObject>(&object.state)) return label + " of '" + process_name(*world, t->pid) + "'";
    }
    if (!object.name.empty()) return label + " '" + object.name + "'";
    if (const auto* file = std::get_if<model::FileObject>(&object.state); file && !file->path.empty())
        return label + " '" + file->path + "'";
    return label + " #" + std::to_string(object.id);
}

std::string access_text(std::uint32_t access) {
    if (access == 0) return "0";
    // An exact named constant first (PROCESS_ALL_ACCESS), then a union of single rights.
    std::string joined;
    std::uint32_t covered = 0;
    for (const auto& constant : win32::all_constants()) {
        if (constant.group != win32::ConstantGroup::Access) continue;
        if (constant.value == access) return std::string(constant.name);
    }
    for (const auto& constant : win32::all_constants()) {
        if (constant.group != win32::ConstantGroup::Access || constant.value == 0) continue;
        const auto v = static_cast<std::uint32_t>(constant.value);
        if ((v & (v - 1)) == 0 && (access & v) == v && (covered & v) == 0) {
            if (!joined.empty()) joined += " | ";
            joined += constant.name;
            covered |= v;
        }
    }
    if (covered == access) return joined;
    return hex32(access);
}

std::string process_name(const model::World& world, model::Pid pid) {
    if (const auto* p = world.process(pid); p && !p->name.empty()) return p->name;
    return "pid " + hex32(pid);
}

std::string origin_text(const model::Origin& origin, const model::World& world) {
    switch (origin.how) {
    case model::Origin::How::Created: return "created";
    case model::Origin::How::Opened: return "opened";
    case model::Origin::How::Inherited:
        return "inherited from " + process_name(world, origin.from_pid) + " " + to_hex(origin.from_handle);
    case model::Origin::How::Duplicated:
        return "duplicated from " + process_name(world, origin.from_pid) + " " + to_hex(origin.from_handle);
    }
    return "?";
}

std::string object_state_line(const model::KernelObject& object) {
    auto plural = [](std::size_t n, const char* one, const char* many) {
        return std::to_string(n) + " " + (n == 1 ? one : many);
    };
    return std::visit(
        [&](const auto& s) -> std::string {
            using T = std::decay_t<decltype(s)>;
            if constexpr (std::is_same_v<T, model::MailslotObject>) {
                return plural(s.messages.size(), "message", "messages") + " queued";
            } else if constexpr (std::is_same_v<T, model::MailslotClientObject>) {
                return s.mailslot ? "writes to mailslot #" + std::to_string(s.mailslot) : "mailslot gone";
            } else if constexpr (std::is_same_v<T, model::PipeEndObject>) {
                std::string line = object.kind == model::ObjectKind::PipeReadEnd
                                       ? plural(s.buffer.size(), "byte", "bytes") + " in the buffer"
                                       : std::string("writes to #") + std::to_string(s.peer);
                if (s.peer == 0) line += object.kind == model::ObjectKind::PipeReadEnd ? "; no writer" : "; no reader";
                return line;
            } else if constexpr (std::is_same_v<T, model::NamedPipeServerObject>) {
                const char* state = "listening";
                switch (s.state) {
                case model::NamedPipeServerObject::State::Listening: state = "listening"; break;
                case model::NamedPipeServerObject::State::Connected: state = "connected"; break;
                case model::NamedPipeServerObject::State::Disconnected: state = "disconnected"; break;
                case model::NamedPipeServerObject::State::Closing: state = "closing"; break;
                }
                std::size_t in = 0;
                for (const auto& m : s.to_server) in += m.size();
                return std::string(state) + (in ? ", " + plural(in, "byte", "bytes") + " to read" : "");
            } else if constexpr (std::is_same_v<T, model::NamedPipeClientObject>) {
                return s.server ? "connected to #" + std::to_string(s.server) : "server gone";
            } else if constexpr (std::is_same_v<T, model::FileObject>) {
                return s.path;
            } else if constexpr (std::is_same_v<T, model::EventObject>) {
                return std::string(object.signalled ? "signalled" : "not signalled") + (s.manual_reset ? ", manual reset" : "");
            } else if constexpr (std::is_same_v<T, model::MutexObject>) {
                return s.owner ? "owned (x" + std::to_string(s.recursion) + ")" + (s.abandoned ? ", abandoned" : "")
                               : std::string("free");
            } else if constexpr (std::is_same_v<T, model::SemaphoreObject>) {
                return "count " + std::to_string(s.count) + " / " + std::to_string(s.maximum);
            } else if constexpr (std::is_same_v<T, model::ProcessObject>) {
                return object.signalled ? "exited (signalled)" : "running";
            } else {
                return object.signalled ? "signalled" : "";
            }
        },
        object.state);
}

namespace {

std::string state_text(const model::Process& p, const model::World& world) {
    switch (p.state) {
    case model::RunState::Running: return "running";
    case model::RunState::Exited: return "exited (code " + std::to_string(p.exit_code) + ")";
    case model::RunState::Waiting: {
        std::string text = "waiting";
        if (p.wait) {
            text += " in ";
            text += call_info(p.wait->call).name;
            if (p.wait->object)
                if (const auto* o = world.object(p.wait->object)) text += " on " + object_label(*o, &world);
            if (!p.wait->name.empty()) text += " for " + p.wait->name;
        }
        return text;
    }
    }
    return "?";
}

HandleRow make_row(const model::HandleEntry& e, const model::World& world) {
    HandleRow row;
    row.value = e.value;
    row.value_text = to_hex(e.value);
    row.object = e.object;
    if (const auto* o = world.object(e.object)) {
        row.type = model::kind_name(o->kind);
        row.object_name = o->name;
    }
    row.access_text = access_text(e.access);
    row.inherit = e.inherit;
    row.protect = e.protect_from_close;
    row.origin_text = origin_text(e.origin, world);
    return row;
}

}  // namespace

WorldView build_world_view(const model::World& world, std::span<const model::Change> changes,
                           const WorldViewOptions& options) {
    using model::Change;
    WorldView view;

    // Objects: live ones by id, then ghosts of those this step destroyed.
    std::map<model::ObjectId, std::size_t> node_index;
    for (const auto* object : world.objects()) {
        ObjectNode node;
        node.id = object->id;
        node.kind = model::kind_name(object->kind);
        node.name = object->name;
        node.label = object_label(*object, &world);
        if (node.name.empty() && (object->kind == model::ObjectKind::Process || object->kind == model::ObjectKind::Thread))
            node.name = node.label.substr(node.kind.size() + 1);
        node.handle_count = object->handle_count;
        node.usage_count = object->usage_count;
        node.state_line = object_state_line(*object);
        node.counts_hidden = options.hidden_counts.count(object->id) > 0;
        node_index[object->id] = view.objects.size();
        view.objects.push_back(std::move(node));
    }
    for (const auto& c : changes) {
        if (c.kind != Change::Kind::ObjectDestroyed || node_index.count(c.object)) continue;
        ObjectNode node;
        node.id = c.object;
        node.label = destroyed_label(c.detail, c.object);
        node.kind = node.label;
        node.ghost = true;
        node.highlight = Highlight::Closed;
        node.state_line = "destroyed";
        node.counts_hidden = options.hidden_counts.count(c.object) > 0;
        node_index[c.object] = view.objects.size();
        view.objects.push_back(std::move(node));
    }
    std::sort(view.objects.begin(), view.objects.end(), [](const ObjectNode& a, const ObjectNode& b) { return a.id < b.id; });
    node_index.clear();
    for (std::size_t i = 0; i < view.objects.size(); ++i) node_index[view.objects[i].id] = i;

    for (const auto& c : changes) {
        auto it = node_index.find(c.object);
        if (it == node_index.end()) continue;
        auto& node = view.objects[it->second];
        switch (c.kind) {
        case Change::Kind::ObjectCreated: raise(node.highlight, Highlight::New); break;
        case Change::Kind::CountsChanged:
            if (!node.handle_count_before) node.handle_count_before = c.before;
            if (!node.usage_count_before) node.usage_count_before = c.usage_before;
            if (node.ghost) { node.handle_count = c.after; node.usage_count = c.usage_after; }
            break;
        case Change::Kind::ObjectStateChanged: raise(node.highlight, Highlight::Changed); break;
        default: break;
        }
    }
    for (auto& node : view.objects) {
        // A count that ended where it began is not a change.
        if (node.handle_count_before && *node.handle_count_before == node.handle_count &&
            node.usage_count_before && *node.usage_count_before == node.usage_count) {
            node.handle_count_before.reset();
            node.usage_count_before.reset();
        }
        if (node.usage_count_before || node.handle_count_before) {
            Change synthetic;
            synthetic.before = node.handle_count_before.value_or(node.handle_count);
            synthetic.after = node.handle_count;
            synthetic.usage_before = node.usage_count_before.value_or(node.usage_count);
            synthetic.usage_after = node.usage_count;
            raise(node.highlight, count_direction(synthetic));
        }
        if (node.ghost) node.highlight = Highlight::Closed;
        // Only the count that moved shows its old value ("usage 3->1", "handles 0").
        if (node.handle_count_before == node.handle_count) node.handle_count_before.reset();
        if (node.usage_count_before == node.usage_count) node.usage_count_before.reset();
        if (options.selection.kind == Selection::Kind::Object && options.selection.object == node.id) node.selected = true;
    }
    // Objects behind handle entries (or touched by this step) first, in id order; then those only
    // the kernel references (a running process's own process and thread objects).
    std::stable_partition(view.objects.begin(), view.objects.end(), [](const ObjectNode& node) {
        return node.handle_count > 0 || node.ghost || node.highlight != Highlight::None;
    });
    node_index.clear();
    for (std::size_t i = 0; i < view.objects.size(); ++i) node_index[view.objects[i].id] = i;

    // Processes: one card each, in pid order, with live rows and the ghosts of closed entries.
    std::map<model::Pid, std::size_t> card_index;
    for (const auto& p : world.processes()) {
        ProcessCard card;
        card.pid = p.pid;
        card.name = p.name;
        card.title = p.name + " (pid " + hex32(p.pid) + ")";
        card.state_text = state_text(p, world);
        card.parent = p.parent;
        card.exited = p.state == model::RunState::Exited;
        card.still_referenced = card.exited && world.object(p.process_object) != nullptr;
        card.selected = options.selection.kind == Selection::Kind::Process && options.selection.pid == p.pid;
        p.handles.for_each([&](const model::HandleEntry& e) { card.rows.push_back(make_row(e, world)); });
        card_index[p.pid] = view.cards.size();
        view.cards.push_back(std::move(card));
    }
    for (const auto& c : changes) {
        auto it = card_index.find(c.pid);
        if (it == card_index.end()) continue;
        auto& card = view.cards[it->second];
        auto row_of = [&](HandleValue h) -> HandleRow* {
            for (auto& row : card.rows)
                if (row.value == h && !row.ghost) return &row;
            return nullptr;
        };
        switch (c.kind) {
        case Change::Kind::ProcessCreated: raise(card.highlight, Highlight::New); break;
        case Change::Kind::ProcessStateChanged:
        case Change::Kind::EnvironmentChanged:
        case Change::Kind::StdHandleChanged: raise(card.highlight, Highlight::Changed); break;
        case Change::Kind::EntryAdded:
            if (auto* row = row_of(c.handle)) raise(row->highlight, Highlight::New);
            break;
        case Change::Kind::EntryFlagsChanged:
            if (auto* row = row_of(c.handle)) raise(row->highlight, Highlight::Changed);
            break;
        case Change::Kind::EntryRemoved: {
            const auto* live = row_of(c.handle);
            if (live && live->object == c.object) break;   // removed and added back in the same step
            HandleRow ghost;
            ghost.value = c.handle;
            ghost.value_text = to_hex(c.handle);
            ghost.object = c.object;
            if (const auto* o = world.object(c.object)) {
                ghost.type = model::kind_name(o->kind);
                ghost.object_name = o->name;
            } else if (auto n = node_index.find(c.object); n != node_index.end()) {
                ghost.type = view.objects[n->second].label;
            }
            ghost.origin_text = "closed";
            ghost.ghost = true;
            ghost.highlight = Highlight::Closed;
            auto at = std::find_if(card.rows.begin(), card.rows.end(), [&](const HandleRow& r) { return r.value > c.handle; });
            card.rows.insert(at, std::move(ghost));
            break;
        }
        default: break;
        }
    }

    // Arrows from every row to its object's node; parent links between cards.
    for (std::size_t ci = 0; ci < view.cards.size(); ++ci) {
        auto& card = view.cards[ci];
        for (std::size_t ri = 0; ri < card.rows.size(); ++ri) {
            auto& row = card.rows[ri];
            if (options.selection.kind == Selection::Kind::Handle && options.selection.pid == card.pid &&
                options.selection.handle == row.value && !row.ghost)
                row.selected = true;
            auto n = node_index.find(row.object);
            if (n == node_index.end()) continue;
            view.arrows.push_back({ci, ri, n->second, row.highlight});
        }
        view.total_rows += card.rows.size();
        if (auto parent = card_index.find(card.parent); card.parent != 0 && parent != card_index.end())
            view.links.push_back({parent->second, ci});
    }
    return view;
}

}  // namespace kosim::ui
