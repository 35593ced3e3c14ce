// CreateProcess: a new process with its own table, environment and command line. Inheritance
// copies only entries flagged HANDLE_FLAG_INHERIT, at the same value, flag kept (Microsoft Learn
// "Handle Inheritance"; Wine server/handle.c copy_handle_table). pi.hProcess / pi.hThread go to the parent.
#include "model/internal.h"

namespace kosim::model {

Pid WorldAccess::new_process(std::string name, Pid parent) {
    Process p;
    p.pid = world.next_pid_;
    world.next_pid_ += 8;        // pids and tids share one id space on Windows: keep them apart
    p.tid = world.next_tid_;
    world.next_tid_ += 8;
    p.name = std::move(name);
    p.parent = parent;
    p.command_line = p.name;
    Pid pid = p.pid;
    if (world.log_) {
        Change c;
        c.kind = Change::Kind::ProcessCreated;
        c.pid = pid;
        log(std::move(c));
    }
    p.process_object = create_object(ObjectKind::Process, "", parent ? parent : pid, ProcessObject{pid});
    p.thread_object = create_object(ObjectKind::Thread, "", parent ? parent : pid, ThreadObject{pid, p.tid});
    // The running process's own references: the only kernel references the model keeps.
    add_reference(p.process_object);
    add_reference(p.thread_object);
    world.processes_.push_back(std::move(p));
    return pid;
}

// Parses an explicit environment block "A=1\0B=2\0\0" (lpEnvironment) into name/value pairs.
static std::vector<std::pair<std::string, std::string>> parse_block(const std::string& block) {
    std::vector<std::pair<std::string, std::string>> out;
    std::size_t start = 0;
    while (start < block.size()) {
        std::size_t end = block.find('\0', start);
        if (end == std::string::npos) end = block.size();
        std::string_view item(block.data() + start, end - start);
        if (item.empty()) break;  // the empty string that ends the block
        // A leading '=' belongs to the name ("=C:=C:\\"), as in real blocks.
        std::size_t eq = item.find('=', 1);
        if (eq == std::string_view::npos) out.emplace_back(std::string(item), "");
        else out.emplace_back(std::string(item.substr(0, eq)), std::string(item.substr(eq + 1)));
        start = end + 1;
    }
    return out;
}

// Returns TRUE with lpProcessInformation; the child runs at once.
template <> Outcome WorldAccess::operation<Call::CreateProcess>(Process& caller, CallArgs<Call::CreateProcess> a, Attempt) {
    using P = Params<Call::CreateProcess>;
    const std::string* application = a.string<P::lpApplicationName>();
    if (!application || application->empty()) return fail(caller, bool_value(false), win32::ERROR_PATH_NOT_FOUND);
    Pid parent_pid = caller.pid;
    bool inherit_process = a.flag<P::lpProcessAttributes>(), inherit_thread = a.flag<P::lpThreadAttributes>();
    bool inherit_handles = a.flag<P::bInheritHandles>();
    const std::string* command_line = a.string<P::lpCommandLine>();
    const std::string* environment = a.string<P::lpEnvironment>();
    std::uint32_t flags = a.dword<P::dwFlags>();

    Pid child_pid = new_process(*application, parent_pid);
    Process& parent = live_process(parent_pid);  // new_process may have moved the processes
    Process& child = live_process(child_pid);
    if (command_line) child.command_line = *command_line;
    child.environment = environment ? parse_block(*environment) : parent.environment;
    if (inherit_handles) {
        parent.handles.for_each([&](const HandleEntry& e) {
            if (!e.inherit) return;
            Origin origin{Origin::How::Inherited, parent_pid, e.value};
            add_entry_at(child, e.value, e.object, e.access, true, origin);
        });
    }
    // STARTF_USESTDHANDLES hands the child these values as they are (Microsoft Learn STARTUPINFOA).
    // Without it, a child that shares its parent's console and inherits handles gets the parent's
    // std handle values as they are ("the standard handles are left as-is": rprichard's console
    // handle tests, Test_CreateProcess_InheritAllHandles; Wine kernelbase create_process_params copies
    // them; observed under Wine 8: process-std-handles-inherited.kos). With a console of its own
    // (CREATE_NEW_CONSOLE, CREATE_NO_WINDOW) or no inheritance the model leaves them NULL (no console is simulated).
    std::uint32_t creation = a.dword<P::dwCreationFlags>();
    if (flags & win32::STARTF_USESTDHANDLES) {
        child.std_input = a.handle<P::hStdInput>();
        child.std_output = a.handle<P::hStdOutput>();
        child.std_error = a.handle<P::hStdError>();
    } else if (inherit_handles && !(creation & (win32::CREATE_NEW_CONSOLE | win32::CREATE_NO_WINDOW))) {
        child.std_input = parent.std_input;
        child.std_output = parent.std_output;
        child.std_error = parent.std_error;
    }
    child.startup_flags = flags;
    child.startup_std_input = a.handle<P::hStdInput>();
    child.startup_std_output = a.handle<P::hStdOutput>();
    child.startup_std_error = a.handle<P::hStdError>();
    // CREATE_SUSPENDED: the initial thread waits for ResumeThread (Microsoft Learn "Process
    // Creation Flags"); its suspend count starts at 1 (Wine kernel32/tests/process.c test_SuspendFlag).
    if (creation & win32::CREATE_SUSPENDED) child.suspend_count = 1;
    HandleValue h_process = add_entry(parent, child.process_object, win32::PROCESS_ALL_ACCESS, inherit_process,
                                      Origin{Origin::How::Created, 0, {}});
    HandleValue h_thread = add_entry(parent, child.thread_object, win32::THREAD_ALL_ACCESS, inherit_thread,
                                     Origin{Origin::How::Created, 0, {}});
    return done(parent, bool_value(true))
        .write<P::lpProcessInformation>(Value::record({{"hProcess", Value::handle(h_process)},
                                                       {"hThread", Value::handle(h_thread)},
                                                       {"dwProcessId", Value::integer(child_pid)},
                                                       {"dwThreadId", Value::integer(child.tid)}}));
}

// OpenProcess: a new entry to a process object that still exists (also an exited "zombie").
template <> Outcome WorldAccess::operation<Call::OpenProcess>(Process& caller, CallArgs<Call::OpenProcess> a, Attempt) {
    using P = Params<Call::OpenProcess>;
    Pid pid = a.dword<P::dwProcessId>();
    Process* target = pid ? process(pid) : nullptr;
    // Unknown or destroyed process ids fail with ERROR_INVALID_PARAMETER (Microsoft Learn OpenProcess).
    if (!target || !object(target->process_object)) return fail(caller, null_handle_value(), win32::ERROR_INVALID_PARAMETER);
    // The entry holds the mapped rights (GENERIC_* and the implied limited query right).
    std::uint32_t access = map_access(ObjectKind::Process, a.dword<P::dwDesiredAccess>());
    HandleValue h = add_entry(caller, target->process_object, access, a.flag<P::bInheritHandle>(),
                              Origin{Origin::How::Opened, 0, {}});
    return done(caller, Value::handle(h));
}

}  // namespace kosim::model
