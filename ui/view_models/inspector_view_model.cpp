// Inspector rows for a selected process, handle entry or kernel object.
#include "view_models/inspector_view_model.h"

#include <algorithm>
#include <cctype>
#include <cstdio>

#include "win32/constants.h"

namespace kosim::ui {

std::string printable(std::string_view bytes, std::size_t limit) {
    std::string out = "\"";
    for (std::size_t i = 0; i < bytes.size() && i < limit; ++i) {
        const unsigned char ch = static_cast<unsigned char>(bytes[i]);
        if (ch == '\n') out += "\\n";
        else if (ch == '\r') out += "\\r";
        else if (ch == '\t') out += "\\t";
        else if (ch == '"' || ch == '\\') { out += '\\'; out += static_cast<char>(ch); }
        else if (ch >= 0x20 && ch != 0x7F) out += static_cast<char>(ch);   // UTF-8 passes through
        else { char buf[8]; std::snprintf(buf, sizeof buf, "\\x%02X", ch); out += buf; }
    }
    out += "\"";
    if (bytes.size() > limit) out += " ... (" + std::to_string(bytes.size()) + " bytes)";
    return out;
}

namespace {

std::string upper(std::string_view s) {
    std::string u(s);
    std::transform(u.begin(), u.end(), u.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return u;
}

void add_object(InspectorView& view, const model::World& world, const model::KernelObject& o) {
    view.properties.push_back({"type", std::string(model::kind_name(o.kind)) + " (" + std::string(model::win32_type_name(o.kind)) + ")"});
    view.properties.push_back({"name", o.name.empty() ? "(unnamed)" : o.name});
    view.properties.push_back({"object id", "#" + std::to_string(o.id)});
    view.properties.push_back({"handle_count", std::to_string(o.handle_count)});
    view.properties.push_back({"usage_count", std::to_string(o.usage_count)});
    view.properties.push_back({"signalled", o.signalled ? "yes" : "no"});
    if (o.creator) view.properties.push_back({"created by", process_name(world, o.creator)});
    if (auto line = object_state_line(o); !line.empty()) view.properties.push_back({"state", line});

    std::visit(
        [&](const auto& s) {
            using T = std::decay_t<decltype(s)>;
            if constexpr (std::is_same_v<T, model::MailslotObject>) {
                InspectorSection q{"Message queue (" + std::to_string(s.messages.size()) + ")", {}};
                for (const auto& m : s.messages) q.lines.push_back(printable(m));
                view.sections.push_back(std::move(q));
                view.properties.push_back({"max message size", s.max_message_size ? std::to_string(s.max_message_size) : "any"});
            } else if constexpr (std::is_same_v<T, model::PipeEndObject>) {
                if (o.kind == model::ObjectKind::PipeReadEnd)
                    view.sections.push_back({"Pipe buffer (" + std::to_string(s.buffer.size()) + " bytes)", {printable(s.buffer)}});
                view.properties.push_back({"other end", s.peer ? "#" + std::to_string(s.peer) : "destroyed"});
            } else if constexpr (std::is_same_v<T, model::NamedPipeServerObject>) {
                InspectorSection in{"Client -> server", {}}, out{"Server -> client", {}};
                for (const auto& m : s.to_server) in.lines.push_back(printable(m));
                for (const auto& m : s.to_client) out.lines.push_back(printable(m));
                view.sections.push_back(std::move(in));
                view.sections.push_back(std::move(out));
                view.properties.push_back({"pipe", s.pipe_name});
            } else if constexpr (std::is_same_v<T, model::FileObject>) {
                view.properties.push_back({"position", std::to_string(s.position)});
                const auto& files = world.files();
                auto it = files.find(upper(s.path));
                if (it == files.end()) it = files.find(s.path);
                if (it != files.end())
                    view.sections.push_back({"File contents (" + std::to_string(it->second.size()) + " bytes)", {printable(it->second, 600)}});
            } else if constexpr (std::is_same_v<T, model::MutexObject>) {
                view.properties.push_back({"owner", s.owner ? process_name(world, s.owner) : "none"});
            } else if constexpr (std::is_same_v<T, model::ProcessObject>) {
                view.properties.push_back({"process", process_name(world, s.pid)});
            }
        },
        o.state);

    std::size_t entries = 0, references = 0;
    for (const auto& h : world.holders(o.id)) {
        HolderRow row;
        switch (h.kind) {
        case model::Holder::Kind::Entry:
            ++entries;
            row.who = process_name(world, h.pid);
            row.handle = to_hex(h.handle);
            row.origin = origin_text(h.origin, world);
            row.select = Selection::entry(h.pid, h.handle);
            break;
        case model::Holder::Kind::RunningProcess:
            ++references;
            row.who = process_name(world, h.pid) + " (running process)";
            row.origin = "kernel reference";
            row.select = Selection::process(h.pid);
            break;
        case model::Holder::Kind::RunningThread:
            ++references;
            row.who = process_name(world, h.pid) + " (running thread)";
            row.origin = "kernel reference";
            row.select = Selection::process(h.pid);
            break;
        }
        view.holders.push_back(std::move(row));
    }
    view.holders_sum = std::to_string(entries) + (entries == 1 ? " entry" : " entries") + " + " + std::to_string(references) +
                       (references == 1 ? " kernel reference" : " kernel references") + " = usage_count " +
                       std::to_string(entries + references);
}

void add_process(InspectorView& view, const RunState& state, const model::Process& p) {
    const auto& world = state.world;
    view.properties.push_back({"pid", to_hex(HandleValue{p.pid})});
    view.properties.push_back({"parent", p.parent ? process_name(world, p.parent) : "(declared by the scenario)"});
    view.properties.push_back({"state", std::string(model::to_string(p.state))});
    view.properties.push_back({"exit code", p.state == model::RunState::Exited ? std::to_string(p.exit_code) : "STILL_ACTIVE (259)"});
    if (p.wait) {
        std::string on = std::string(call_info(p.wait->call).name) + " (" + std::string(model::to_string(p.wait->reason)) + ")";
        if (p.wait->object)
            if (const auto* o = world.object(p.wait->object)) on += " on " + object_label(*o, &world);
        if (!p.wait->name.empty()) on += " for " + p.wait->name;
        if (p.wait->deadline_ms) on += ", until " + std::to_string(*p.wait->deadline_ms) + " ms";
        view.properties.push_back({"waiting in", on});
    }
    if (!p.command_line.empty()) view.properties.push_back({"command line", p.command_line});
    view.properties.push_back({"std handles", to_hex(p.std_input) + " / " + to_hex(p.std_output) + " / " + to_hex(p.std_error)});
    if (p.last_error && p.last_error != last_error_sentinel) view.properties.push_back({"GetLastError()", win32::error_name(p.last_error)});
    view.properties.push_back({"handles", std::to_string(p.handles.size())});

    InspectorSection env{"Environment block (" + std::to_string(p.environment.size()) + ")", {}};
    for (const auto& [name, value] : p.environment) env.lines.push_back(name + "=" + value);
    view.sections.push_back(std::move(env));
    if (auto vars = state.variables.find(p.name); vars != state.variables.end() && !vars->second.empty()) {
        InspectorSection v{"Scenario variables", {}};
        for (const auto& [name, value] : vars->second) v.lines.push_back(name + " = " + to_display(value));
        view.sections.push_back(std::move(v));
    }
    // The whole table (the world view clips long ones).
    static const std::vector<model::Change> no_changes;
    auto world_view = build_world_view(world, no_changes);
    if (const auto* card = world_view.find_card(p.pid)) view.table = card->rows;
}

}  // namespace

InspectorView build_inspector(const RunState& state, const Selection& selection) {
    InspectorView view;
    const auto& world = state.world;
    switch (selection.kind) {
    case Selection::Kind::None: return view;
    case Selection::Kind::Process:
        if (const auto* p = world.process(selection.pid)) {
            view.title = "Process " + p->name;
            add_process(view, state, *p);
            if (const auto* o = world.object(p->process_object)) {
                view.properties.push_back({"process object", object_label(*o, &world) + ", usage_count " + std::to_string(o->usage_count)});
            }
            view.empty = false;
        }
        return view;
    case Selection::Kind::Handle:
        if (const auto* e = world.entry(selection.pid, selection.handle)) {
            view.title = "Handle " + to_hex(e->value) + " in " + process_name(world, selection.pid);
            view.properties.push_back({"value", to_hex(e->value)});
            view.properties.push_back({"access", access_text(e->access)});
            view.properties.push_back({"inherit (HANDLE_FLAG_INHERIT)", e->inherit ? "yes" : "no"});
            view.properties.push_back({"protect (HANDLE_FLAG_PROTECT_FROM_CLOSE)", e->protect_from_close ? "yes" : "no"});
            view.properties.push_back({"origin", origin_text(e->origin, world)});
            if (const auto* o = world.object(e->object)) {
                view.properties.push_back({"object", object_label(*o, &world)});
                add_object(view, world, *o);
            }
            view.empty = false;
        } else {
            view.title = "Handle " + to_hex(selection.handle) + " (no longer in the table)";
            view.empty = false;
        }
        return view;
    case Selection::Kind::Object:
        if (const auto* o = world.object(selection.object)) {
            view.title = object_label(*o, &world);
            add_object(view, world, *o);
        } else {
            view.title = "Object #" + std::to_string(selection.object) + " (destroyed)";
        }
        view.empty = false;
        return view;
    }
    return view;
}

}  // namespace kosim::ui
