#include "recorder.h"

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <algorithm>
#include <cstring>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <thread>

#include "../../src/platform_name.h"
#include "../protocol.h"
#include "inject.h"
#include "snapshot.h"
#include "trace/trace.h"
#include "win32/handle_value.h"

namespace kosim::record {

namespace {

using nlohmann::json;

std::string utf8(const std::wstring& w) {
    int size = WideCharToMultiByte(CP_UTF8, 0, w.data(), static_cast<int>(w.size()), nullptr, 0, nullptr, nullptr);
    std::string out(size > 0 ? size : 0, '\0');
    if (size > 0) WideCharToMultiByte(CP_UTF8, 0, w.data(), static_cast<int>(w.size()), out.data(), size, nullptr, nullptr);
    return out;
}

std::string hex(std::uint64_t v) {
    char text[24];
    std::snprintf(text, sizeof text, "0x%llX", static_cast<unsigned long long>(v));
    return text;
}

// The quoting CommandLineToArgvW undoes (backslashes double only before a quote).
std::wstring quote_argument(const std::wstring& argument) {
    if (!argument.empty() && argument.find_first_of(L" \t\"") == std::wstring::npos) return argument;
    std::wstring out = L"\"";
    std::size_t backslashes = 0;
    for (wchar_t c : argument) {
        if (c == L'\\') {
            ++backslashes;
            continue;
        }
        out.append(c == L'"' ? backslashes * 2 + 1 : backslashes, L'\\');
        backslashes = 0;
        out += c;
    }
    out.append(backslashes * 2, L'\\');
    return out + L"\"";
}

// A process's name in the recording (and in the scenario --kos writes): the program's file name
// without .exe, made an identifier.
std::string stem_of(const std::wstring& path) {
    std::size_t slash = path.find_last_of(L"\\/");
    std::wstring file = slash == std::wstring::npos ? path : path.substr(slash + 1);
    if (file.size() > 4 && _wcsicmp(file.c_str() + file.size() - 4, L".exe") == 0) file.resize(file.size() - 4);
    std::string name;
    for (wchar_t c : file) name += (c < 128 && (iswalnum(c) || c == L'_')) ? static_cast<char>(c) : '_';
    if (name.empty() || (name[0] >= '0' && name[0] <= '9')) name.insert(0, "p");
    return name;
}

std::string exit_description(DWORD code) {
    switch (code) {
        case 0xC0000005: return "crashed: access violation (0xC0000005)";
        case 0xC00000FD: return "crashed: stack overflow (0xC00000FD)";
        case 0xC0000409: return "crashed: stack buffer overrun (0xC0000409)";
        case 0xC000001D: return "crashed: illegal instruction (0xC000001D)";
        case 0xC0000094: return "crashed: integer division by zero (0xC0000094)";
        default: break;
    }
    if ((code & 0xF0000000) == 0xC0000000) return "ended with exception " + hex(code);
    return "";
}

struct Labelled {
    std::string label;                     // "#12"
    std::string type;
};

// Where an entry came from, decided when its object was first seen at that value.
struct Origin {
    std::string label;                     // the object it was decided for
    std::string text;                      // "created", "inherited from Parent 0x38", "preexisting", ""
};

struct Process {
    DWORD pid = 0;
    DWORD parent_pid = 0;
    HANDLE handle = nullptr;
    std::string name, program;
    std::set<std::uint64_t> hidden;        // the hook's own handles
    bool hello = false, exited = false;
    DWORD exit_code = STILL_ACTIVE;
    std::string waiting_on;
    json pending;                          // the "enter" message of the call it waits in
    std::map<std::string, std::uint64_t> unmodelled;
    std::map<std::uint64_t, Origin> origin;     // by handle value
    std::size_t calls = 0;
};

// A handle value as the hook writes it ("0x1C"), read by the trace's own parser; 0 when it is not one.
std::uint64_t handle_number(const std::string& text) {
    const std::optional<HandleValue> h = parse_handle_value(text);
    return h ? h->raw : 0;
}

bool is_handle_of(const json& value, std::uint64_t handle) {
    if (!value.is_object()) return false;
    if (auto h = value.find("handle"); h != value.end() && h->is_string())
        return handle_number(h->get<std::string>()) == handle;
    if (auto r = value.find("record"); r != value.end() && r->is_object())
        for (auto& [field, inner] : r->items())
            if (is_handle_of(inner, handle)) return true;
    return false;
}

class Session {
public:
    explicit Session(const RecordOptions& options) : options_(options) {}
    int run();

private:
    const RecordOptions& options_;
    std::mutex mutex_;
    std::condition_variable changed_;
    // One call at a time between its start and its snapshot: a process takes the turn before a call
    // that cannot block ("begin") and gives it back with its report; a blocking call's report takes
    // it just for its snapshot. So no other recorded call lands between a call and its step.
    std::timed_mutex turn_;
    std::deque<Process> processes_;
    trace::Trace trace_;
    std::map<std::pair<DWORD, std::uint64_t>, Labelled> labels_;   // the last snapshot's object labels
    int next_label_ = 1;
    HANDLE job_ = nullptr;
    HANDLE wake_ = nullptr;
    bool stopping_ = false;
    std::wstring pipe_name_;
    std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();

    Process* find(DWORD pid) {
        for (Process& p : processes_)
            if (p.pid == pid) return &p;
        return nullptr;
    }
    std::string unique_name(const std::string& stem) {
        std::string name = stem;
        for (int n = 2; std::any_of(processes_.begin(), processes_.end(), [&](const Process& p) { return p.name == name; }); ++n)
            name = stem + std::to_string(n);
        return name;
    }
    Process& add_process(DWORD pid, DWORD parent, HANDLE handle, const std::wstring& image) {
        Process p;
        p.pid = pid;
        p.parent_pid = parent;
        p.handle = handle;
        p.name = unique_name(stem_of(image));
        std::size_t slash = image.find_last_of(L"\\/");
        p.program = utf8(slash == std::wstring::npos ? image : image.substr(slash + 1));
        processes_.push_back(std::move(p));
        SetEvent(wake_);
        return processes_.back();
    }

    std::uint64_t elapsed_ms() const {
        return static_cast<std::uint64_t>(
            std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start_).count());
    }

    void listen();
    void serve(HANDLE pipe);
    void on_child(const json& m);
    void on_message(const json& m);
    std::map<DWORD, std::vector<RealEntry>> observe(std::map<std::pair<DWORD, std::uint64_t>, Labelled>& labels);
    void take_step(const std::string& kind, std::optional<trace::CallOutcome> call, DWORD caller, const json* message,
                   const std::string& error = "");
    std::string origin_of(const Process& p, std::uint64_t value, DWORD caller, const json* message) const;
    void baseline(DWORD pid);
    trace::CallOutcome call_outcome(const Process& p, const json& m, const std::string& status) const;
    void watch();
    void note_exits();
    std::string start_program(const ProgramToRun& program);
    bool write_trace(std::string& error);
};

// Labels objects consistently across snapshots: an entry still at the same (process, value) keeps
// its object's label; a group of entries naming one object takes the label any of them had.
std::map<DWORD, std::vector<RealEntry>> Session::observe(std::map<std::pair<DWORD, std::uint64_t>, Labelled>& labels) {
    std::vector<RealProcess> live;
    for (const Process& p : processes_)
        if (p.hello && !p.exited) live.push_back({p.pid, p.handle, p.hidden});
    auto tables = snapshot(live);
    std::map<int, std::string> group_label;
    for (auto& [pid, table] : tables)
        for (const RealEntry& e : table)
            if (e.group >= 0 && !group_label.contains(e.group))
                if (auto it = labels_.find({pid, e.value}); it != labels_.end() && it->second.type == e.type)
                    group_label[e.group] = it->second.label;
    labels.clear();
    for (auto& [pid, table] : tables)
        for (const RealEntry& e : table) {
            std::string label;
            if (e.group >= 0) {
                auto [it, added] = group_label.emplace(e.group, "");
                if (added || it->second.empty()) it->second = std::string("#").append(std::to_string(next_label_++));
                label = it->second;
            } else {
                label = std::string("?").append(hex(e.value));
            }
            labels[{pid, e.value}] = {label, e.type};
        }
    return tables;
}

std::string Session::origin_of(const Process& p, std::uint64_t value, DWORD caller, const json* message) const {
    if (!message || caller == 0) return "";
    const std::string call = message->value("call", "");
    const Process* by = nullptr;
    for (const Process& q : processes_)
        if (q.pid == caller) by = &q;
    if (call == "DuplicateHandle" && message->contains("outputs") && is_handle_of((*message)["outputs"].value("lpTargetHandle", json()), value))
        return "duplicated by " + (by ? by->name : std::string("?"));
    if (p.pid != caller) return "";
    bool in_result = is_handle_of(message->value("result", json()), value);
    bool in_outputs = false;
    if (auto o = message->find("outputs"); o != message->end() && o->is_object())
        for (auto& [name, v] : o->items()) in_outputs = in_outputs || is_handle_of(v, value);
    if (!in_result && !in_outputs) return "";
    if (call == "CreateFile" || call.starts_with("Open") || message->value("last_error", 0u) == ERROR_ALREADY_EXISTS)
        return "opened by name";
    return "created";
}

void Session::take_step(const std::string& kind, std::optional<trace::CallOutcome> call, DWORD caller, const json* message,
                        const std::string& error) {
    std::map<std::pair<DWORD, std::uint64_t>, Labelled> labels;
    auto tables = observe(labels);
    trace::Step step;
    step.index = trace_.steps.size() + 1;
    step.kind = kind;
    step.call = std::move(call);
    step.error = error;
    step.time_ms = elapsed_ms();
    for (Process& p : processes_) {
        trace::ProcessObservation o;
        o.name = p.name;
        o.pid = p.pid;
        o.program = p.program;
        o.state = p.exited ? "exited" : !p.waiting_on.empty() ? "waiting" : "running";
        o.exit_code = p.exit_code;
        o.waiting_on = p.waiting_on;
        if (auto t = tables.find(p.pid); t != tables.end())
            for (const RealEntry& e : t->second) {
                const std::string& label = labels[{p.pid, e.value}].label;
                Origin& origin = p.origin[e.value];
                if (origin.label != label) origin = {label, origin_of(p, e.value, caller, message)};
                trace::TableEntry entry;
                entry.value = e.value;
                entry.type = e.type;
                entry.object = label;
                entry.inherit = e.inherit;
                entry.protect = e.protect;
                entry.origin = origin.text;
                entry.name = e.name;
                entry.access = e.access;
                entry.handle_count = e.handle_count;
                o.table.push_back(std::move(entry));
            }
        step.processes.push_back(std::move(o));
    }
    labels_ = std::move(labels);
    trace_.steps.push_back(std::move(step));
}

// What a process holds before its first instruction (taken once the hook is loaded, so the
// loader's handle to kosim-hook.dll is closed again): inherited from its parent (same value, same
// object, inheritable in the parent's table) or put there by the system.
void Session::baseline(DWORD pid) {
    std::lock_guard lock(mutex_);
    Process* p = find(pid);
    if (!p || !p->hello) return;
    std::map<std::pair<DWORD, std::uint64_t>, Labelled> labels;
    auto tables = observe(labels);
    for (const RealEntry& e : tables[pid]) {
        std::string origin = "preexisting";
        if (const Process* parent = find(p->parent_pid))
            for (const RealEntry& pe : tables[parent->pid])
                if (pe.value == e.value && pe.inherit && labels[{parent->pid, pe.value}].label == labels[{pid, e.value}].label)
                    origin = "inherited from " + parent->name + " " + hex(pe.value);
        p->origin[e.value] = {labels[{pid, e.value}].label, origin};
    }
    labels_ = std::move(labels);
}

void Session::on_child(const json& m) {
    const DWORD child = m.value("child_pid", 0u);
    const DWORD parent = m.value("pid", 0u);
    HANDLE handle = OpenProcess(PROCESS_ALL_ACCESS, FALSE, child);
    if (!handle) {
        std::fprintf(stderr, "kosim-record: cannot open child process %lu (error %lu); it is not recorded\n", child, GetLastError());
        return;
    }
    wchar_t image[MAX_PATH * 2];
    DWORD size = MAX_PATH * 2;
    if (!QueryFullProcessImageNameW(handle, 0, image, &size)) wcscpy(image, L"child.exe");
    {
        std::lock_guard lock(mutex_);
        add_process(child, parent, handle, image);
    }
    // Without the lock: the child's hello arrives on another thread while this waits.
    std::string error = inject_hook(handle, options_.hook_path, 10000);
    if (!error.empty()) std::fprintf(stderr, "kosim-record: child %lu is not recorded: %s\n", child, error.c_str());
    else baseline(child);
}

// A reported call as the trace has it; its arguments and outputs keep their Win32 names.
trace::CallOutcome Session::call_outcome(const Process& p, const json& m, const std::string& status) const {
    trace::CallOutcome call;
    call.statement = trace_.steps.size();
    call.process = p.name;
    call.call = m.value("call", "");
    call.function = m.value("function", "");
    call.status = status;
    call.last_error = m.value("last_error", 0u);
    std::string error;
    if (auto r = m.find("result"); r != m.end() && !r->is_null())
        if (auto v = trace::value_from_json(*r, error)) call.result = std::move(*v);
    for (auto [key, into] : {std::pair{"arguments", &call.arguments}, std::pair{"outputs", &call.outputs}})
        if (auto a = m.find(key); a != m.end() && a->is_object())
            for (auto& [name, value] : a->items()) {
                if (value.is_null()) {
                    into->emplace_back(name, Value::none());
                    continue;
                }
                if (auto v = trace::value_from_json(value, error)) into->emplace_back(name, std::move(*v));
            }
    return call;
}

void Session::on_message(const json& m) {
    const std::string type = m.value("type", "");
    if (type == "child") {
        on_child(m);
        return;
    }
    std::lock_guard lock(mutex_);
    Process* p = find(m.value("pid", 0u));
    if (!p) return;
    if (auto u = m.find("unmodelled"); u != m.end() && u->is_object())
        for (auto& [function, count] : u->items())
            if (count.is_number_unsigned()) p->unmodelled[function] = count.get<std::uint64_t>();
    if (type == "hello") {
        p->hello = true;
        SetEvent(wake_);   // the watcher waits for this process's end from now on
        for (const json& h : m.value("own_handles", json::array()))
            if (h.is_string()) p->hidden.insert(handle_number(h.get<std::string>()));
    } else if (type == "enter") {
        p->waiting_on = m.value("function", "");
        p->pending = m;
        p->pending["begun"] = trace_.steps.size();
    } else if (type == "call") {
        note_exits();
        const json pending = std::move(p->pending);
        p->waiting_on.clear();
        p->pending = nullptr;
        ++p->calls;
        trace::CallOutcome call = call_outcome(*p, m, "completed");
        // It waited while other calls returned: the scenario --kos writes makes it where it began.
        if (pending.is_object() && pending.value("begun", std::size_t{0}) < trace_.steps.size()) call.begun = pending.value("begun", std::size_t{0});
        // A closed value can come back for another object before the next snapshot.
        if (call.call == "CloseHandle" && call.result && call.result->number)
            if (auto a = m.find("arguments"); a != m.end() && a->contains("hObject"))
                labels_.erase({p->pid, handle_number((*a)["hObject"].value("handle", "0"))});
        take_step("statement", std::move(call), p->pid, &m);
    }
    changed_.notify_all();
}

void Session::serve(HANDLE pipe) {
    int held = 0;   // "begin"s this process's pipe holds the turn for
    std::string message;
    std::vector<char> buffer(pipe_buffer_size);
    for (;;) {
        DWORD read = 0;
        BOOL ok = ReadFile(pipe, buffer.data(), static_cast<DWORD>(buffer.size()), &read, nullptr);
        if (!ok && GetLastError() != ERROR_MORE_DATA) break;
        message.append(buffer.data(), read);
        if (!ok) {   // more of the same message
            if (message.size() > max_message_size) break;
            continue;
        }
        json m = json::parse(message, nullptr, false);
        message.clear();
        if (!m.is_discarded() && m.is_object()) {
            const std::string type = m.value("type", "");
            if (type == "begin") {
                if (held++ == 0) turn_.lock();
            } else if (type == "call") {
                const bool own_turn = held > 0;
                if (!own_turn) turn_.lock();
                on_message(m);
                if (!own_turn || --held == 0) turn_.unlock();
            } else {
                on_message(m);
            }
        }
        DWORD written = 0;
        if (!WriteFile(pipe, "ok", 2, &written, nullptr)) break;
    }
    if (held) turn_.unlock();   // the process ended in the middle of a call
    CloseHandle(pipe);
}

void Session::listen() {
    for (;;) {
        HANDLE pipe = CreateNamedPipeW(pipe_name_.c_str(), PIPE_ACCESS_DUPLEX, PIPE_TYPE_MESSAGE | PIPE_READMODE_MESSAGE | PIPE_WAIT,
                                       PIPE_UNLIMITED_INSTANCES, pipe_buffer_size, pipe_buffer_size, 0, nullptr);
        if (pipe == INVALID_HANDLE_VALUE) return;
        if (!ConnectNamedPipe(pipe, nullptr) && GetLastError() != ERROR_PIPE_CONNECTED) {
            CloseHandle(pipe);
            continue;
        }
        std::thread([this, pipe] { serve(pipe); }).detach();
    }
}

// A process's end is a step of its own: its table is gone, and what it held is released.
void Session::watch() {
    for (;;) {
        std::vector<HANDLE> waits{wake_};
        {
            std::lock_guard lock(mutex_);
            if (stopping_) return;
            for (const Process& p : processes_)
                if (p.hello && !p.exited && waits.size() < MAXIMUM_WAIT_OBJECTS) waits.push_back(p.handle);
        }
        DWORD r = WaitForMultipleObjects(static_cast<DWORD>(waits.size()), waits.data(), FALSE, 500);
        if (r == WAIT_OBJECT_0 || r == WAIT_TIMEOUT || r >= WAIT_OBJECT_0 + waits.size()) continue;
        // Exits are steps of their own, in order with the calls (a waiting parent's call returns
        // after its child's exit step); a process stuck in its turn must not hold them up forever.
        const bool turn = turn_.try_lock_for(std::chrono::seconds(1));
        {
            std::lock_guard lock(mutex_);
            if (stopping_) {
                if (turn) turn_.unlock();
                return;
            }
            note_exits();
        }
        if (turn) turn_.unlock();
    }
}

// Records the end of every recorded process that has ended since the last step (under mutex_).
void Session::note_exits() {
    for (Process& p : processes_) {
        if (!p.hello || p.exited || WaitForSingleObject(p.handle, 0) != WAIT_OBJECT_0) continue;
        p.exited = true;
        p.waiting_on.clear();
        GetExitCodeProcess(p.handle, &p.exit_code);
        std::string problem = exit_description(p.exit_code);
        if (!problem.empty()) std::fprintf(stderr, "kosim-record: %s %s\n", p.name.c_str(), problem.c_str());
        take_step("exit", std::nullopt, 0, nullptr, problem.empty() ? "" : p.name + " " + problem);
        changed_.notify_all();
    }
}

std::string Session::start_program(const ProgramToRun& program) {
    std::wstring command_line = quote_argument(program.path);
    for (const std::wstring& a : program.arguments) command_line += L" " + quote_argument(a);
    STARTUPINFOW startup{};
    startup.cb = sizeof startup;
    PROCESS_INFORMATION pi{};
    // Inheriting handles passes the console (the program's output shows as it would); the
    // recorder's own handles are not inheritable.
    if (!CreateProcessW(program.path.c_str(), command_line.data(), nullptr, nullptr, TRUE, CREATE_SUSPENDED, nullptr, nullptr,
                        &startup, &pi)) {
        DWORD e = GetLastError();
        std::string why = e == ERROR_FILE_NOT_FOUND || e == ERROR_PATH_NOT_FOUND ? "no such file"
                          : e == ERROR_BAD_EXE_FORMAT || e == ERROR_EXE_MACHINE_TYPE_MISMATCH ? "not a valid Windows program"
                          : e == ERROR_ACCESS_DENIED ? "access denied"
                                                     : "error " + std::to_string(e);
        return "cannot start '" + utf8(program.path) + "': " + why + " (error " + std::to_string(e) + ")";
    }
    AssignProcessToJobObject(job_, pi.hProcess);
    {
        std::lock_guard lock(mutex_);
        add_process(pi.dwProcessId, 0, pi.hProcess, program.path);
    }
    std::string error = inject_hook(pi.hProcess, options_.hook_path, 10000);
    if (error.empty()) {
        std::lock_guard lock(mutex_);
        if (!find(pi.dwProcessId)->hello) error = "the hook did not reach the recorder (" KOSIM_RECORD_PIPE_VARIABLE " not passed?)";
    }
    if (error.empty()) baseline(pi.dwProcessId);
    if (!error.empty()) {
        TerminateProcess(pi.hProcess, 1);
        std::lock_guard lock(mutex_);
        find(pi.dwProcessId)->exited = true;
        return "cannot record '" + utf8(program.path) + "': " + error;
    }
    ResumeThread(pi.hThread);
    CloseHandle(pi.hThread);
    return "";
}

bool Session::write_trace(std::string& error) {
    trace_.producer = std::string(trace::recording_producer);
    trace_.platform = native::platform_name();
    std::string names;
    for (const ProgramToRun& p : options_.programs) {
        if (!names.empty()) names += " + ";
        names += utf8(p.path);
    }
    trace_.scenario = "record:" + names;
    trace_.title = "Recording of " + names;
    trace_.passed = true;
    for (const trace::Step& s : trace_.steps) trace_.passed = trace_.passed && s.error.empty();
    for (const Process& p : processes_)
        for (const auto& [function, count] : p.unmodelled) trace_.unmodelled_calls.push_back({p.name, function, count});
    const std::string text = trace::to_json(trace_).dump(2) + "\n";
    FILE* out = _wfopen(options_.out_path.c_str(), L"wb");
    bool written = out && std::fwrite(text.data(), 1, text.size(), out) == text.size();
    if (out && std::fclose(out) != 0) written = false;
    if (!written) {
        error = "cannot write '" + utf8(options_.out_path) + "'";
        return false;
    }
    return true;
}

int Session::run() {
    job_ = CreateJobObjectW(nullptr, nullptr);
    JOBOBJECT_EXTENDED_LIMIT_INFORMATION limits{};
    limits.BasicLimitInformation.LimitFlags = JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE;
    if (!job_ || !SetInformationJobObject(job_, JobObjectExtendedLimitInformation, &limits, sizeof limits)) {
        std::fprintf(stderr, "kosim-record: cannot create the job object (error %lu)\n", GetLastError());
        return 2;
    }
    wake_ = CreateEventW(nullptr, FALSE, FALSE, nullptr);
    pipe_name_ = L"\\\\.\\pipe\\kosim-record-" + std::to_wstring(GetCurrentProcessId());
    SetEnvironmentVariableW(L"" KOSIM_RECORD_PIPE_VARIABLE, pipe_name_.c_str());
    std::thread([this] { listen(); }).detach();
    std::thread watcher([this] { watch(); });

    int status = 0;
    const auto deadline = start_ + std::chrono::milliseconds(options_.timeout_ms);
    for (std::size_t i = 0; i < options_.programs.size(); ++i) {
        std::string error = start_program(options_.programs[i]);
        if (!error.empty()) {
            std::fprintf(stderr, "kosim-record: %s\n", error.c_str());
            std::lock_guard lock(mutex_);
            trace::Step step;
            step.index = trace_.steps.size() + 1;
            step.kind = "exit";
            step.error = error;
            step.time_ms = elapsed_ms();
            trace_.steps.push_back(std::move(step));
            status = 2;
            break;
        }
        // The next program starts once this one has made its first call (or ended): a receiver
        // creates its mailslot before the sender looks for it, as when started by hand.
        if (i + 1 < options_.programs.size()) {
            std::unique_lock lock(mutex_);
            const DWORD pid = processes_.back().pid;
            changed_.wait_until(lock, std::min(deadline, std::chrono::steady_clock::now() + std::chrono::seconds(3)), [&] {
                const Process* p = find(pid);
                return !p || p->calls > 0 || p->exited;
            });
        }
    }
    bool timed_out = false;
    {
        std::unique_lock lock(mutex_);
        timed_out = !changed_.wait_until(lock, deadline, [&] {
            return std::all_of(processes_.begin(), processes_.end(), [](const Process& p) { return p.exited; });
        });
    }
    if (timed_out) {
        // The tables at the moment the recorder gave up show who waits for what (a child in
        // ReadFile, the write end still held): often the very point of the program.
        {
            std::lock_guard lock(mutex_);
            std::string still;
            for (const Process& p : processes_) {
                if (p.exited) continue;
                if (!still.empty()) still += ", ";
                still += p.name;
                if (!p.waiting_on.empty()) still.append(" (in ").append(p.waiting_on).append(")");
            }
            const std::string message = "time-out after " + std::to_string(options_.timeout_ms) + " ms: " + still +
                                        " still running; the recorder ends them";
            std::fprintf(stderr, "kosim-record: %s\n", message.c_str());
            // The calls that never returned are steps too, blocked, as the model shows them.
            for (const Process& p : processes_)
                if (!p.exited && p.pending.is_object()) {
                    trace::CallOutcome blocked = call_outcome(p, p.pending, "blocked");
                    blocked.begun = p.pending.value("begun", std::size_t{0});
                    take_step("statement", std::move(blocked), p.pid, nullptr);
                }
            take_step("timeout", std::nullopt, 0, nullptr, message);
        }
        TerminateJobObject(job_, 1);
        std::unique_lock lock(mutex_);
        changed_.wait_for(lock, std::chrono::seconds(5), [&] {
            return std::all_of(processes_.begin(), processes_.end(), [](const Process& p) { return p.exited; });
        });
    }
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    SetEvent(wake_);
    watcher.join();
    std::lock_guard lock(mutex_);
    std::string error;
    if (!write_trace(error)) {
        std::fprintf(stderr, "kosim-record: %s\n", error.c_str());
        return 3;
    }
    return status;
}

}  // namespace

int record(const RecordOptions& options) {
    Session session(options);
    return session.run();
}

}  // namespace kosim::record
