// Builds the world view from the model's state after a step and the step's Change rows.
#include "view_models/world_view_model.h"

#include <algorithm>
#include <cstdio>
#include <deque>
#include <unordered_map>
#include <variant>

#include "describe/describe.h"
#include "program/call_params.h"
#include "win32/constants.h"

namespace kosim::ui {
namespace {

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

// Bytes as a short quoted literal: control characters escaped, at most 16 bytes (whole UTF-8
// characters) before "...".
std::string quoted_start(std::string_view data) {
    std::string out = "\"";
    std::size_t i = 0;
    for (; i < data.size() && i < 16; ++i) {
        const auto c = static_cast<unsigned char>(data[i]);
        if (c == '\n') out += "\\n";
        else if (c == '\r') out += "\\r";
        else if (c == '\t') out += "\\t";
        else if (c == '"' || c == '\\') { out += '\\'; out += static_cast<char>(c); }
        else if (c < 0x20 || c == 0x7F) {
            char hex[8];
            std::snprintf(hex, sizeof hex, "\\x%02X", c);
            out += hex;
        } else out += static_cast<char>(c);
    }
    // Finish a UTF-8 character cut at the limit.
    while (i < data.size() && (static_cast<unsigned char>(data[i]) & 0xC0) == 0x80) out += data[i++];
    if (i < data.size()) out += "...";
    return out + "\"";
}

std::string bytes_text(std::size_t n, Language l) {
    return fmt(trn(l, "{0} byte", "{0} bytes", n), {std::to_string(n)});
}

// Each queued message or run of bytes as "\"hello\" (5 bytes)", joined with ", ".
std::string queue_text(const std::deque<std::string>& queue, Language l) {
    std::string out;
    for (const auto& item : queue) {
        // TRANSLATORS: data in flight on a pipe or mailslot node: the bytes quoted, then their count.
        out += (out.empty() ? "" : ", ") + fmt(tr(l, "{0} ({1})"), {quoted_start(item), bytes_text(item.size(), l)});
    }
    return out;
}

bool is_data_event(model::Change::Event e) {
    using E = model::Change::Event;
    return e == E::MessageQueued || e == E::BytesWritten || e == E::MessageRead || e == E::BytesRead;
}

}  // namespace

std::string pseudo_marker_text(const describe::PseudoHandleUse& use, Language l) {
    // TRANSLATORS: a pseudo-handle on its process card: the value, what it means, and that the
    // handle table has no entry for it.
    std::string text = use.value == current_process_pseudo ? tr(l, "-1: this process, no entry") : tr(l, "-2: this thread, no entry");
    // TRANSLATORS: added to the pseudo-handle marker at a CloseHandle(GetCurrentProcess()) step.
    if (use.closed) text = fmt(tr(l, "{0}; CloseHandle: no effect"), {text});
    return text;
}

HandleRow failed_lookup_row(HandleValue value, std::uint32_t error, Language l, const std::map<std::string, Value>* variables) {
    HandleRow row;
    row.value = value;
    row.value_text = to_hex(value);
    if (variables) row.variables = variable_names(*variables, value);
    // TRANSLATORS: a ghost row in a handle table: the value looked up has no entry here.
    row.object_text = tr(l, "no entry");
    row.error = win32::error_name(error);
    row.origin_verb = row.error;
    row.origin_text = row.error;
    row.ghost = true;
    row.failed_lookup = true;
    return row;
}

std::string data_line_text(const model::KernelObject& object, const model::World& world, Language l, bool* holds) {
    if (holds) *holds = true;
    if (const auto* slot = std::get_if<model::MailslotObject>(&object.state)) return queue_text(slot->messages, l);
    if (const auto* end = std::get_if<model::PipeEndObject>(&object.state); end && object.kind == model::ObjectKind::PipeReadEnd)
        return end->buffer.empty() ? std::string() : queue_text({end->buffer}, l);
    if (const auto* server = std::get_if<model::NamedPipeServerObject>(&object.state)) {
        std::string text = queue_text(server->to_server, l);
        if (!server->to_client.empty()) {
            // TRANSLATORS: on a named pipe's server node: what the server wrote, not yet read by the client.
            const std::string to_client = fmt(tr(l, "to the client: {0}"), {queue_text(server->to_client, l)});
            text += (text.empty() ? "" : "; ") + to_client;
        }
        return text;
    }
    // A file's contents (what a ReadFile from its start would get), like data in flight.
    if (const auto* file = std::get_if<model::FileObject>(&object.state)) {
        const auto it = world.files().find(file->path);
        return it == world.files().end() || it->second.empty() ? std::string() : queue_text({it->second}, l);
    }
    if (holds) *holds = false;
    return {};
}

std::string command_line_text(const model::Process& process, Language l) {
    return fmt(tr(l, "command line: {0}"), {process.command_line.empty() ? std::string(tr(l, "(none)")) : process.command_line});
}

std::string environment_text(const model::Process& process, Language l) {
    std::string block;
    for (const auto& [name, value] : process.environment) block += (block.empty() ? "" : "; ") + name + "=" + value;
    // TRANSLATORS: a process card's environment block, NAME=value pairs.
    return fmt(tr(l, "environment: {0}"), {block.empty() ? std::string(tr(l, "(empty)")) : block});
}

namespace {

}  // namespace

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

std::vector<std::string> variable_names(const std::map<std::string, Value>& variables, HandleValue value,
                                        const std::set<std::string>* closed) {
    std::vector<std::string> names;
    for (const auto& [name, v] : variables) {
        if (closed && closed->count(name)) continue;
        // Records are also kept field by field ("pi.hProcess"), so the fields are found as names.
        if (v.kind == Value::Kind::Handle && v.number == value.raw) names.push_back(name);
    }
    return names;
}

std::string card_title(const model::Process& process) {
    return process.name + " (pid " + describe::pid_text(process.pid) + ")";
}

HandleRow make_handle_row(const model::HandleEntry& e, const model::World& world, Language l,
                          const std::map<std::string, Value>* variables, const std::set<std::string>* closed_variables) {
    HandleRow row;
    row.value = e.value;
    row.value_text = to_hex(e.value);
    if (variables) row.variables = variable_names(*variables, e.value, closed_variables);
    row.object = e.object;
    if (const auto* o = world.object(e.object)) {
        const describe::ObjectLabel label = describe::label_of(world, *o);
        row.type = describe::kind_text(o->kind, l);
        row.object_name = o->name;
        row.object_text = describe::short_label_text(label, l);
    }
    row.access = describe::access_names(e.access, world.object(e.object) ? world.object(e.object)->kind : model::ObjectKind::File);
    row.access_text = describe::join_flags(row.access);
    row.inherit = e.inherit;
    row.protect = e.protect_from_close;
    row.origin_verb = describe::origin_verb(e.origin.how, l);
    row.origin_text = describe::origin_text(e.origin, world, l);
    return row;
}

WorldView build_world_view(const model::World& world, std::span<const model::Change> changes,
                           const WorldViewOptions& options) {
    using model::Change;
    const Language l = options.language;
    WorldView view;

    // Objects: live ones by id, then ghosts of those this step destroyed.
    std::map<model::ObjectId, std::size_t> node_index;
    auto add_node = [&](const model::KernelObject* object) {
        ObjectNode node;
        node.id = object->id;
        const describe::ObjectLabel label = describe::label_of(world, *object);
        node.kind = describe::kind_text(object->kind, l);
        node.name = label.process.empty() ? object->name : label.process;
        node.label = describe::label_text(label, l);
        node.title = describe::short_label_text(label, l);
        node.object = label;
        node.handle_count = object->handle_count;
        node.usage_count = object->usage_count;
        node.state_line = describe::object_state_line(*object, world, l);
        node.data_line = data_line_text(*object, world, l, &node.holds_data);
        node.counts_hidden = options.hidden_counts.count(object->id) > 0;
        node_index[object->id] = view.objects.size();
        view.objects.push_back(std::move(node));
    };
    if (options.scope) {
        for (model::ObjectId id : options.scope->nodes)
            if (const auto* object = world.object(id)) add_node(object);
    } else {
        for (const auto* object : world.objects()) add_node(object);
    }
    for (const auto& c : changes) {
        if (c.kind != Change::Kind::ObjectDestroyed || node_index.count(c.object)) continue;
        if (options.scope && !options.scope->nodes.count(c.object)) continue;
        ObjectNode node;
        node.id = c.object;
        const describe::ObjectLabel label = describe::label_of_destroyed(world, c);
        node.kind = describe::kind_text(label.kind, l);
        node.name = label.process.empty() ? label.name : label.process;
        node.label = describe::label_text(label, l);
        node.title = describe::short_label_text(label, l);
        node.object = label;
        node.ghost = true;
        node.highlight = Highlight::Closed;
        node.state_line = tr(l, "destroyed");
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
        if (options.scope && !options.scope->cards.count(p.pid)) continue;
        ProcessCard card;
        card.pid = p.pid;
        card.name = p.name;
        card.title = card_title(p);
        card.state_text = describe::process_state_text(p, world, l);
        card.parent = p.parent;
        card.exited = p.state == model::RunState::Exited;
        card.still_referenced = card.exited && world.object(p.process_object) != nullptr;
        card.selected = options.selection.kind == Selection::Kind::Process && options.selection.pid == p.pid;
        if (options.environment) {
            card.show_environment = true;
            card.command_line = command_line_text(p, l);
            card.environment = environment_text(p, l);
        }
        const std::map<std::string, Value>* variables = nullptr;
        if (options.variables)
            if (auto v = options.variables->find(p.name); v != options.variables->end()) variables = &v->second;
        const std::set<std::string>* closed = nullptr;
        if (options.closed_variables)
            if (auto c = options.closed_variables->find(p.name); c != options.closed_variables->end()) closed = &c->second;
        p.handles.for_each([&](const model::HandleEntry& e) { card.rows.push_back(make_handle_row(e, world, l, variables, closed)); });
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
            if (options.variables)
                if (auto v = options.variables->find(card.name); v != options.variables->end())
                    ghost.variables = variable_names(v->second, c.handle);
            ghost.object = c.object;
            if (const auto* o = world.object(c.object)) {
                ghost.type = describe::kind_text(o->kind, l);
                ghost.object_name = o->name;
                ghost.object_text = describe::short_label_text(describe::label_of(world, *o), l);
            } else if (auto n = node_index.find(c.object); n != node_index.end()) {
                ghost.type = view.objects[n->second].kind;
                ghost.object_name = view.objects[n->second].name;
                ghost.object_text = view.objects[n->second].title;
            }
            ghost.origin_verb = tr(l, "closed");
            ghost.origin_text = tr(l, "closed");
            ghost.ghost = true;
            ghost.highlight = Highlight::Closed;
            auto at = std::find_if(card.rows.begin(), card.rows.end(), [&](const HandleRow& r) { return r.value > c.handle; });
            card.rows.insert(at, std::move(ghost));
            break;
        }
        default: break;
        }
    }

    // This step's pseudo-handles on its caller's card, and the values it looked up in vain as
    // ghost rows in the table that was searched (from the step record's HANDLE arguments).
    if (options.program && options.record) {
        if (auto it = card_index.find(options.record->pid); it != card_index.end())
            for (const auto& use : describe::pseudo_handle_uses(*options.program, *options.record))
                view.cards[it->second].markers.push_back(pseudo_marker_text(use, l));
        for (const auto& lookup : describe::failed_lookups(*options.program, *options.record, world)) {
            auto it = card_index.find(lookup.pid);
            if (it == card_index.end()) continue;
            auto& card = view.cards[it->second];
            const std::map<std::string, Value>* variables = nullptr;
            if (options.variables)
                if (auto v = options.variables->find(card.name); v != options.variables->end()) variables = &v->second;
            auto at = std::find_if(card.rows.begin(), card.rows.end(), [&](const HandleRow& r) { return r.value > lookup.value; });
            card.rows.insert(at, failed_lookup_row(lookup.value, lookup.error, l, variables));
        }
    }

    // Wait-for: a blocked call points at the object it waits on, and the entries that keep it
    // waiting are marked (a reader on a pipe whose write end is still open somewhere: describer's rule).
    // (Scoped, the card or node may be left out: the legend and the marks still follow the whole world.)
    for (const auto& p : world.processes()) {
        if (p.state != model::RunState::Waiting || !p.wait || p.wait->object == 0) continue;
        auto card = card_index.find(p.pid);
        auto node = node_index.find(p.wait->object);
        if (options.scope) {
            const bool has_node = world.object(p.wait->object) || std::any_of(changes.begin(), changes.end(), [&](const Change& c) {
                return c.kind == Change::Kind::ObjectDestroyed && c.object == p.wait->object;
            });
            if (!has_node) continue;
        } else if (card == card_index.end() || node == node_index.end()) {
            continue;
        }
        if (card != card_index.end() && node != node_index.end()) view.cards[card->second].waits_on = node->second;
        view.any_wait = true;
        for (const model::Holder& holder : describe::entries_keeping_wait(world, *p.wait))
            if (auto holder_card = card_index.find(holder.pid); holder_card != card_index.end())
                for (auto& row : view.cards[holder_card->second].rows)
                    if (row.value == holder.handle && !row.ghost) row.keeps_wait = true;
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

    // Data flow: each data event names the process that wrote or read; its row is the entry for the
    // queueing object itself (a read end, a mailslot, a server end) or for the end that feeds it
    // (a write end's peer, a mailslot client's mailslot, a named pipe client's server).
    for (const auto& c : changes) {
        if (c.kind != Change::Kind::ObjectStateChanged || !is_data_event(c.event) || c.pid == 0) continue;
        auto card = card_index.find(c.pid);
        auto node = node_index.find(c.object);
        if (card == card_index.end() || node == node_index.end()) continue;
        const auto& rows = view.cards[card->second].rows;
        auto feeds = [&](model::ObjectId id) {
            if (id == c.object) return true;
            const auto* o = world.object(id);
            if (!o) return false;
            if (const auto* end = std::get_if<model::PipeEndObject>(&o->state)) return end->peer == c.object;
            if (const auto* client = std::get_if<model::MailslotClientObject>(&o->state)) return client->mailslot == c.object;
            if (const auto* client = std::get_if<model::NamedPipeClientObject>(&o->state)) return client->server == c.object;
            return false;
        };
        const bool into = c.event == Change::Event::MessageQueued || c.event == Change::Event::BytesWritten;
        const bool message = c.event == Change::Event::MessageQueued || c.event == Change::Event::MessageRead;
        // A writer holding both ends wrote through the end that feeds the queue; a reader read
        // through the queue's own end: that row first, the other kind only when there is none.
        std::optional<std::size_t> own, feeding;
        for (std::size_t ri = 0; ri < rows.size(); ++ri) {
            if (rows[ri].ghost || !feeds(rows[ri].object)) continue;
            auto& slot = rows[ri].object == c.object ? own : feeding;
            if (!slot) slot = ri;
        }
        const std::optional<std::size_t> row = into ? (feeding ? feeding : own) : (own ? own : feeding);
        if (row)
            view.flows.push_back({card->second, *row, node->second, into,
                                  message ? fmt(trn(l, "{0} message", "{0} messages", 1), {"1"}) : bytes_text(c.amount, l)});
    }

    // File data: a WriteFile or ReadFile on a file changes no queue, so the step record says who
    // moved how many bytes through which entry (its hFile argument and lpNumberOf... output).
    if (options.program && options.record && options.record->kind == StepRecord::Kind::Statement &&
        options.record->statement < options.program->statements.size() &&
        options.record->outcome.status == model::Outcome::Status::Completed && options.record->outcome.result.number != 0) {
        const Statement& statement = options.program->statements[options.record->statement];
        const bool write = statement.call == Call::WriteFile, read = statement.call == Call::ReadFile;
        const int handle_param = write ? static_cast<int>(Params<Call::WriteFile>::hFile::index)
                                       : static_cast<int>(Params<Call::ReadFile>::hFile::index);
        const int count_param = write ? static_cast<int>(Params<Call::WriteFile>::lpNumberOfBytesWritten::index)
                                      : static_cast<int>(Params<Call::ReadFile>::lpNumberOfBytesRead::index);
        auto card = card_index.find(options.record->pid);
        if (statement.kind == Statement::Kind::Call && (write || read) && card != card_index.end())
            for (const HandleArgument& argument : options.record->handle_arguments) {
                if (static_cast<int>(argument.param) != handle_param) continue;
                const auto& rows = view.cards[card->second].rows;
                for (std::size_t ri = 0; ri < rows.size(); ++ri) {
                    if (rows[ri].ghost || rows[ri].value != argument.value) continue;
                    const auto* o = world.object(rows[ri].object);
                    auto node = node_index.find(rows[ri].object);
                    if (!o || o->kind != model::ObjectKind::File || node == node_index.end()) break;
                    std::uint64_t amount = 0;
                    for (const auto& [param, value] : options.record->outcome.outputs)
                        if (param == count_param) amount = value.number;
                    view.flows.push_back({card->second, ri, node->second, write, bytes_text(amount, l)});
                    break;
                }
            }
    }

    // Inheritance: each entry this step's CreateProcess copied into the child, from the parent's
    // entry of the same value (only flagged entries are copied, at the same value: Wine server/handle.c).
    for (const auto& c : changes) {
        if (c.kind != Change::Kind::EntryAdded) continue;
        const model::HandleEntry* entry = world.entry(c.pid, c.handle);
        if (!entry || entry->origin.how != model::Origin::How::Inherited) continue;
        auto child = card_index.find(c.pid);
        auto parent = card_index.find(entry->origin.from_pid);
        if (child == card_index.end() || parent == card_index.end()) continue;
        auto live_row = [&](std::size_t card, HandleValue value) -> std::optional<std::size_t> {
            const auto& rows = view.cards[card].rows;
            for (std::size_t ri = 0; ri < rows.size(); ++ri)
                if (!rows[ri].ghost && rows[ri].value == value) return ri;
            return std::nullopt;
        };
        const auto child_row = live_row(child->second, c.handle);
        const auto parent_row = live_row(parent->second, entry->origin.from_handle);
        if (!child_row || !parent_row) continue;
        view.cards[child->second].rows[*child_row].inherited_copy = true;
        view.copies.push_back({parent->second, *parent_row, child->second, *child_row});
    }
    return view;
}

}  // namespace kosim::ui
