// The model backend's answers that are not one-line forwards: who waits on what at a deadlock (as
// structured reports, which sim/describe words), pure calls, and the observers read from the World.
#include "runner/model_backend.h"

#include "model/access.h"
#include "win32/constants.h"

namespace kosim {

std::vector<WaitReport> ModelBackend::waits() const {
    std::vector<WaitReport> reports;
    for (const model::Process& process : world_.processes()) {
        if (process.state != model::RunState::Waiting || !process.wait) continue;
        WaitReport report;
        report.pid = process.pid;
        report.process = process.name;
        report.wait = *process.wait;
        reports.push_back(std::move(report));
    }
    return reports;
}

Value ModelBackend::pure_call(model::Pid pid, Call call, const std::vector<Value>& args) const {
    const model::Process* p = world_.process(pid);
    switch (call) {
    case Call::GetCurrentProcess: return Value::handle(current_process_pseudo);
    case Call::GetCurrentThread: return Value::handle(current_thread_pseudo);
    case Call::GetCurrentProcessId: return Value::integer(p ? p->pid : 0);
    case Call::GetCurrentThreadId: return Value::integer(p ? p->tid : 0);
    case Call::GetCommandLine: return Value::string(p ? p->command_line : "");
    case Call::GetStdHandle: {
        if (!p || args.empty()) return Value::handle(invalid_handle_value);
        std::uint32_t which = static_cast<std::uint32_t>(args[0].number);
        if (which == win32::STD_INPUT_HANDLE) return Value::handle(p->std_input);
        if (which == win32::STD_OUTPUT_HANDLE) return Value::handle(p->std_output);
        if (which == win32::STD_ERROR_HANDLE) return Value::handle(p->std_error);
        return Value::handle(invalid_handle_value);
    }
    default: return Value::none();
    }
}

std::optional<Value> ModelBackend::observe(Builtin builtin, model::Pid pid, const std::vector<Value>& args,
                                           ObserveError& error) const {
    const model::Process* p = world_.process(pid);
    if (!p) {
        error.message = "there is no such process";
        return std::nullopt;
    }
    switch (builtin) {
    case Builtin::state: return Value::string(std::string(model::to_string(p->state)));
    case Builtin::exit_code: return Value::integer(p->exit_code);
    default: break;
    }

    // usage(Child) / handles(Child): the process object itself, 0 once it is destroyed.
    if (args.size() == 1 && args[0].kind == Value::Kind::String &&
        (builtin == Builtin::usage || builtin == Builtin::handles)) {
        const model::KernelObject* object = world_.object(p->process_object);
        if (!object) return Value::integer(0);
        return Value::integer(builtin == Builtin::usage ? object->usage_count : object->handle_count);
    }
    if (args.empty() || !args.back().is_number()) {
        error.message = std::string(builtin_name(builtin)) + "() takes a handle";
        return std::nullopt;
    }
    HandleValue h = args.back().as_handle();
    if (builtin == Builtin::valid) {
        if (is_pseudo_handle(h)) return Value::boolean(true);
        return Value::boolean(world_.entry(p->pid, h) != nullptr);
    }
    const model::HandleEntry* entry = is_pseudo_handle(h) ? nullptr : world_.entry(p->pid, h);
    const model::KernelObject* object = nullptr;
    if (h == current_process_pseudo) object = world_.object(p->process_object);
    else if (h == current_thread_pseudo) object = world_.object(p->thread_object);
    else if (entry) object = world_.object(entry->object);
    if (!object) {
        error.message = to_hex(h) + " is not a handle in " + p->name + "'s table";
        return std::nullopt;
    }
    switch (builtin) {
    case Builtin::usage: return Value::integer(object->usage_count);
    case Builtin::handles: return Value::integer(object->handle_count);
    case Builtin::inherit: return Value::boolean(entry && entry->inherit);
    case Builtin::protect: return Value::boolean(entry && entry->protect_from_close);
    // A pseudo-handle carries every right of its process or thread (Microsoft Learn GetCurrentProcess).
    case Builtin::access: return Value::integer(entry ? entry->access : model::pseudo_handle_access);
    // NtQueryObject's ObjectTypeInformation name ("Mutant" for a mutex, "File" for pipes and mailslots).
    case Builtin::type: return Value::string(std::string(model::win32_type_name(object->kind)));
    case Builtin::name: {
        // The name in \BaseNamedObjects as created; the NUL device is \Device\Null. Files, pipes
        // and mailslots have device paths the model does not keep, so it does not answer for them.
        if (const auto* file = std::get_if<model::FileObject>(&object->state); file && file->null_device)
            return Value::string("\\Device\\Null");
        if (object->kind == model::ObjectKind::Event || object->kind == model::ObjectKind::Mutex ||
            object->kind == model::ObjectKind::Semaphore || object->kind == model::ObjectKind::Process ||
            object->kind == model::ObjectKind::Thread)
            return Value::string(object->name);
        error.message = "name() reads events, mutexes, semaphores, processes, threads and the NUL device, not a " +
                        std::string(model::kind_name(object->kind));
        return std::nullopt;
    }
    case Builtin::messages:
    case Builtin::bytes: {
        bool count_messages = builtin == Builtin::messages;
        auto sum = [&](const auto& queue) {
            std::uint64_t total = 0;
            for (const std::string& message : queue) total += count_messages ? 1 : message.size();
            return total;
        };
        if (auto* slot = std::get_if<model::MailslotObject>(&object->state)) return Value::integer(sum(slot->messages));
        if (auto* end = std::get_if<model::PipeEndObject>(&object->state)) {
            const model::PipeEndObject* reader = end;
            if (object->kind == model::ObjectKind::PipeWriteEnd) {
                const model::KernelObject* peer = world_.object(end->peer);
                reader = peer ? std::get_if<model::PipeEndObject>(&peer->state) : nullptr;
            }
            std::uint64_t n = reader ? reader->buffer.size() : 0;
            return Value::integer(count_messages ? (n ? 1 : 0) : n);
        }
        if (auto* server = std::get_if<model::NamedPipeServerObject>(&object->state))
            return Value::integer(sum(server->to_server));
        if (auto* client = std::get_if<model::NamedPipeClientObject>(&object->state)) {
            const model::KernelObject* peer = world_.object(client->server);
            auto* server = peer ? std::get_if<model::NamedPipeServerObject>(&peer->state) : nullptr;
            return Value::integer(server ? sum(server->to_client) : 0);
        }
        error.message = std::string(builtin_name(builtin)) + "() needs a mailslot or a pipe, not a " +
                std::string(model::kind_name(object->kind));
        return std::nullopt;
    }
    default: break;
    }
    error.message = std::string(builtin_name(builtin)) + "() is not an observer";
    return std::nullopt;
}

}  // namespace kosim
