// Inspector rows for a selected process, handle entry or kernel object.
#include "view_models/inspector_view_model.h"

#include <algorithm>
#include <cctype>
#include <cstdio>

#include "describe/describe.h"
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
    if (bytes.size() > limit) out += " ... (" + std::to_string(bytes.size()) + ")";
    return out;
}

namespace {

std::string upper(std::string_view s) {
    std::string u(s);
    std::transform(u.begin(), u.end(), u.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return u;
}

void add_object(InspectorView& view, const model::World& world, const model::KernelObject& o, Language l) {
    using describe::process_name;
    auto yes_no = [&](bool b) -> std::string { return b ? tr(l, "yes") : tr(l, "no"); };
    auto bytes = [&](std::size_t n) { return fmt(trn(l, "{0} byte", "{0} bytes", n), {std::to_string(n)}); };
    view.properties.push_back({tr(l, "type"), std::string(describe::kind_text(o.kind, l)) + " (" + std::string(model::win32_type_name(o.kind)) + ")"});
    view.properties.push_back({tr(l, "name"), o.name.empty() ? tr(l, "(unnamed)") : o.name});
    view.properties.push_back({tr(l, "object id"), "#" + std::to_string(o.id)});
    view.properties.push_back({tr(l, "handle_count"), std::to_string(o.handle_count)});
    view.properties.push_back({tr(l, "usage_count"), std::to_string(o.usage_count)});
    view.properties.push_back({tr(l, "signalled"), yes_no(o.signalled)});
    if (o.creator) view.properties.push_back({tr(l, "created by"), process_name(world, o.creator)});
    if (auto line = describe::object_state_line(o, world, l); !line.empty()) view.properties.push_back({tr(l, "state"), line});

    std::visit(
        [&](const auto& s) {
            using T = std::decay_t<decltype(s)>;
            if constexpr (std::is_same_v<T, model::MailslotObject>) {
                InspectorSection q{fmt(tr(l, "Message queue ({0})"), {std::to_string(s.messages.size())}), {}};
                for (const auto& m : s.messages) q.lines.push_back(printable(m));
                view.sections.push_back(std::move(q));
                view.properties.push_back({tr(l, "max message size"), s.max_message_size ? bytes(s.max_message_size) : tr(l, "any")});
            } else if constexpr (std::is_same_v<T, model::PipeEndObject>) {
                if (o.kind == model::ObjectKind::PipeReadEnd)
                    view.sections.push_back({fmt(tr(l, "Pipe buffer ({0})"), {bytes(s.buffer.size())}), {printable(s.buffer)}});
                view.properties.push_back({tr(l, "other end"), s.peer ? describe::label_text(describe::label_of(world, s.peer), l) : tr(l, "destroyed")});
            } else if constexpr (std::is_same_v<T, model::NamedPipeServerObject>) {
                InspectorSection in{tr(l, "Client -> server"), {}}, out{tr(l, "Server -> client"), {}};
                for (const auto& m : s.to_server) in.lines.push_back(printable(m));
                for (const auto& m : s.to_client) out.lines.push_back(printable(m));
                view.sections.push_back(std::move(in));
                view.sections.push_back(std::move(out));
                view.properties.push_back({tr(l, "pipe"), s.pipe_name});
            } else if constexpr (std::is_same_v<T, model::FileObject>) {
                view.properties.push_back({tr(l, "path"), s.path});
                const auto& files = world.files();
                auto it = files.find(upper(s.path));
                if (it == files.end()) it = files.find(s.path);
                if (it != files.end())
                    view.sections.push_back({fmt(tr(l, "File contents ({0})"), {bytes(it->second.size())}), {printable(it->second, 600)}});
            } else if constexpr (std::is_same_v<T, model::ProcessObject>) {
                view.properties.push_back({tr(l, "process"), process_name(world, s.pid)});
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
            row.origin = describe::origin_text(h.origin, world, l);
            row.select = Selection::entry(h.pid, h.handle);
            break;
        case model::Holder::Kind::RunningProcess:
            ++references;
            row.who = fmt(tr(l, "{0} (running process)"), {process_name(world, h.pid)});
            row.origin = tr(l, "kernel reference");
            row.select = Selection::process(h.pid);
            break;
        case model::Holder::Kind::RunningThread:
            ++references;
            row.who = fmt(tr(l, "{0} (running thread)"), {process_name(world, h.pid)});
            row.origin = tr(l, "kernel reference");
            row.select = Selection::process(h.pid);
            break;
        case model::Holder::Kind::MappedView:
            ++references;
            row.who = fmt(tr(l, "{0} (mapped view at {1})"), {process_name(world, h.pid), to_hex(HandleValue{h.address})});
            row.origin = tr(l, "kernel reference, no handle");
            row.select = Selection::process(h.pid);
            break;
        case model::Holder::Kind::MappingFile:
            ++references;
            row.who = describe::label_text(describe::label_of(world, h.mapping), l);
            row.origin = tr(l, "kernel reference");
            row.select = Selection::object_node(h.mapping);
            break;
        }
        view.holders.push_back(std::move(row));
    }
    view.holders_sum = fmt(tr(l, "{0} + {1} = usage_count {2}"),
                           {fmt(trn(l, "{0} entry", "{0} entries", entries), {std::to_string(entries)}),
                            fmt(trn(l, "{0} kernel reference", "{0} kernel references", references), {std::to_string(references)}),
                            std::to_string(entries + references)});
}

void add_process(InspectorView& view, const RunState& state, const model::Process& p, Language l) {
    using describe::process_name;
    const auto& world = state.world;
    view.properties.push_back({"pid", describe::pid_text(p.pid)});
    view.properties.push_back({tr(l, "parent"), p.parent ? process_name(world, p.parent) : tr(l, "(declared by the scenario)")});
    view.properties.push_back({tr(l, "state"), describe::process_state_text(p, world, l)});
    view.properties.push_back({tr(l, "exit code"), p.state == model::RunState::Exited ? std::to_string(p.exit_code) : "STILL_ACTIVE (259)"});
    if (p.wait && p.wait->deadline_ms)
        view.properties.push_back({tr(l, "time-out"), fmt(tr(l, "at {0} ms"), {std::to_string(*p.wait->deadline_ms)})});
    if (!p.command_line.empty()) view.properties.push_back({tr(l, "command line"), p.command_line});
    view.properties.push_back({tr(l, "standard handles"), to_hex(p.std_input) + " / " + to_hex(p.std_output) + " / " + to_hex(p.std_error)});
    if (p.last_error && p.last_error != last_error_sentinel) view.properties.push_back({"GetLastError()", win32::error_name(p.last_error)});
    view.properties.push_back({tr(l, "handles"), std::to_string(p.handles.size())});

    InspectorSection env{fmt(tr(l, "Environment block ({0})"), {std::to_string(p.environment.size())}), {}};
    for (const auto& [name, value] : p.environment) env.lines.push_back(name + "=" + value);
    view.sections.push_back(std::move(env));
    if (auto vars = state.variables.find(p.name); vars != state.variables.end() && !vars->second.empty()) {
        InspectorSection v{tr(l, "Scenario variables"), {}};
        for (const auto& [name, value] : vars->second) v.lines.push_back(name + " = " + to_display(value));
        view.sections.push_back(std::move(v));
    }
    // The whole table (the world view clips long ones).
    static const std::vector<model::Change> no_changes;
    WorldViewOptions options;
    options.language = l;
    auto world_view = build_world_view(world, no_changes, options);
    if (const auto* card = world_view.find_card(p.pid)) view.table = card->rows;
}

}  // namespace

InspectorView build_inspector(const RunState& state, const Selection& selection, Language l) {
    InspectorView view;
    const auto& world = state.world;
    switch (selection.kind) {
    case Selection::Kind::None: break;
    case Selection::Kind::Process:
        if (const auto* p = world.process(selection.pid)) {
            view.title = fmt(tr(l, "Process {0}"), {p->name});
            add_process(view, state, *p, l);
            if (const auto* o = world.object(p->process_object))
                view.properties.push_back({tr(l, "process object"), fmt(tr(l, "{0}, usage_count {1}"), {describe::label_text(describe::label_of(world, *o), l),
                                                                                                      std::to_string(o->usage_count)})});
            view.empty = false;
        }
        break;
    case Selection::Kind::Handle:
        view.empty = false;
        if (const auto* e = world.entry(selection.pid, selection.handle)) {
            view.title = fmt(tr(l, "Handle {0} in {1}"), {to_hex(e->value), describe::process_name(world, selection.pid)});
            view.properties.push_back({tr(l, "value"), to_hex(e->value)});
            view.properties.push_back({tr(l, "access"), describe::join_flags(describe::access_names(e->access, world.object(e->object) ? world.object(e->object)->kind : model::ObjectKind::File))});
            view.properties.push_back({tr(l, "inherit (HANDLE_FLAG_INHERIT)"), e->inherit ? tr(l, "yes") : tr(l, "no")});
            view.properties.push_back({tr(l, "protect (HANDLE_FLAG_PROTECT_FROM_CLOSE)"), e->protect_from_close ? tr(l, "yes") : tr(l, "no")});
            view.properties.push_back({tr(l, "origin"), describe::origin_text(e->origin, world, l)});
            if (const auto* o = world.object(e->object)) {
                view.properties.push_back({tr(l, "object"), describe::label_text(describe::label_of(world, *o), l)});
                add_object(view, world, *o, l);
            }
        } else {
            view.title = fmt(tr(l, "Handle {0} (no longer in the table)"), {to_hex(selection.handle)});
        }
        break;
    case Selection::Kind::Object:
        view.empty = false;
        if (const auto* o = world.object(selection.object)) {
            view.title = describe::label_text(describe::label_of(world, *o), l);
            add_object(view, world, *o, l);
        } else {
            view.title = fmt(tr(l, "Object #{0} (destroyed)"), {std::to_string(selection.object)});
        }
        break;
    }
    return view;
}

}  // namespace kosim::ui
