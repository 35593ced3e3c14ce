#include "agent_backend.h"

#include <algorithm>
#include <cctype>

#include "trace/step_trace.h"
#include "win32/constants.h"
#include "wire.h"

namespace kosim::native {

namespace {

bool starts_with_nocase(const std::string& text, std::string_view prefix) {
    if (text.size() < prefix.size()) return false;
    for (std::size_t i = 0; i < prefix.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(text[i])) != std::tolower(static_cast<unsigned char>(prefix[i]))) return false;
    return true;
}

std::string upper(std::string text) {
    for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return text;
}

const Value* arg(Call call, std::span<const Value> args, std::string_view name) {
    int index = param_index(call_info(call), name);
    return index >= 0 && static_cast<std::size_t>(index) < args.size() ? &args[static_cast<std::size_t>(index)] : nullptr;
}

}  // namespace

AgentBackend::Agent* AgentBackend::find(model::Pid pid) {
    for (auto& agent : agents_)
        if (agent->pid == pid) return agent.get();
    return nullptr;
}

const AgentBackend::Agent* AgentBackend::find(model::Pid pid) const {
    for (const auto& agent : agents_)
        if (agent->pid == pid) return agent.get();
    return nullptr;
}

void AgentBackend::add_error(const std::string& text) { error_ += (error_.empty() ? "" : "; ") + text; }

std::string AgentBackend::take_error() { return std::exchange(error_, std::string()); }

void AgentBackend::add_agent(const std::string& name, const AgentHello& hello, const std::set<std::uint64_t>& inherited,
                             bool suspended) {
    auto agent = std::make_unique<Agent>();
    agent->name = name;
    agent->pid = hello.pid;
    agent->tid = hello.tid;
    agent->command_line = hello.command_line;
    agent->suspended = suspended;
    agent->inherited = inherited;
    // Handles present at its start are its own unless its parent had an inheritable handle there.
    for (std::uint64_t v : hello.table)
        if (!inherited.count(v)) agent->preexisting.insert(v);
    agents_.push_back(std::move(agent));
}

model::Pid AgentBackend::start_process(const std::string& name) {
    std::string error;
    auto hello = link_.launch(name, error);
    if (!hello) {
        add_error(error);
        return 0;
    }
    add_agent(name, *hello, {}, false);
    return hello->pid;
}

model::Pid AgentBackend::find_process(const std::string& name) const {
    for (auto it = agents_.rbegin(); it != agents_.rend(); ++it)
        if ((*it)->name == name) return (*it)->pid;
    return 0;
}

ProcessState AgentBackend::process_state(model::Pid pid) const {
    const Agent* agent = find(pid);
    if (!agent) return ProcessState::Unknown;
    if (agent->exited) return ProcessState::Exited;
    if (agent->suspended) return ProcessState::Suspended;
    return agent->blocked ? ProcessState::Waiting : ProcessState::Running;
}

void AgentBackend::note_exit(Agent& agent, unsigned wait_ms) {
    if (agent.exited) return;
    auto code = link_.exit_code(agent.pid, wait_ms);
    if (!code) return;
    agent.exited = true;
    agent.exit_code = *code;
    agent.blocked = false;
    agent.deadline_ms.reset();
}

void AgentBackend::refresh() {
    for (auto& agent : agents_) note_exit(*agent, 0);
}

std::string AgentBackend::suffixed(Call call, std::size_t param, const std::string& text) const {
    // Only names in the object namespace get the suffix; SetEnvironmentVariable's lpName is a
    // variable's name and GetEnvironmentVariable must find it as written.
    if (call == Call::SetEnvironmentVariable || call == Call::GetEnvironmentVariable) return text;
    std::string_view name = call_info(call).params[param].name;
    if (name == "lpName" || name == "lpNamedPipeName") return text + options_.name_suffix;
    if (name == "lpFileName" && (starts_with_nocase(text, "\\\\.\\pipe\\") || starts_with_nocase(text, "\\\\.\\mailslot\\")))
        return text + options_.name_suffix;
    return text;
}

std::optional<std::uint64_t> AgentBackend::virtual_timeout(Call call, std::span<const Value> args, long long agent_timeout) const {
    if (call == Call::WaitNamedPipe) {
        const Value* timeout = arg(call, args, "nTimeOut");
        std::uint64_t ms = timeout ? timeout->number : 0;
        if (ms == win32::NMPWAIT_WAIT_FOREVER) return std::nullopt;
        // NMPWAIT_USE_DEFAULT_WAIT: the pipe's nDefaultTimeOut, 50 ms when that is 0 (Microsoft Learn
        // WaitNamedPipeA, CreateNamedPipeA), as the model has it.
        if (ms == win32::NMPWAIT_USE_DEFAULT_WAIT) {
            const Value* name = arg(call, args, "lpNamedPipeName");
            auto it = name ? pipe_default_timeouts_.find(upper(name->text)) : pipe_default_timeouts_.end();
            ms = it == pipe_default_timeouts_.end() || it->second == 0 ? 50 : it->second;
        }
        return ms;
    }
    if (agent_timeout < 0) return std::nullopt;
    return static_cast<std::uint64_t>(agent_timeout);
}

model::Outcome AgentBackend::completed(Agent& agent, const nlohmann::json& reply) {
    CallResult r = result_from_json(reply);
    agent.last_error = static_cast<std::uint32_t>(r.last_error);
    model::Outcome out;
    out.result = std::move(r.result);
    out.last_error = static_cast<std::uint32_t>(r.last_error);
    out.outputs = std::move(r.outputs);
    return out;
}

model::Outcome AgentBackend::invoke(model::Pid pid, Call call, std::span<const Value> given) {
    Agent* agent = find(pid);
    if (!agent || agent->exited || agent->suspended) {
        model::Outcome out;
        out.last_error = win32::ERROR_INVALID_PARAMETER;   // as the model: only a running process calls
        return out;
    }
    std::vector<Value> args(given.begin(), given.end());
    for (std::size_t i = 0; i < args.size(); ++i)
        if (args[i].kind == Value::Kind::String) args[i].text = suffixed(call, i, args[i].text);
    if (call == Call::CreateNamedPipe)
        if (const Value* name = arg(call, args, "lpName"); name && name->kind == Value::Kind::String)
            if (const Value* timeout = arg(call, args, "nDefaultTimeOut"))
                pipe_default_timeouts_.try_emplace(upper(name->text), static_cast<std::uint32_t>(timeout->number));

    const CallInfo& info = call_info(call);
    unsigned grace = info.may_block ? options_.grace_ms : options_.step_timeout_ms;
    auto reply = link_.request(pid, {{"op", "call"}, {"call", static_cast<int>(call)}, {"args", values_to_json(args)},
                                     {"grace_ms", grace}}, grace + options_.step_timeout_ms);
    if (!reply) {
        // The call ended the agent (ExitProcess, TerminateProcess of itself), or it hung.
        note_exit(*agent, 2000);
        if (!agent->exited) {
            add_error(agent->name + " did not answer within " + std::to_string(grace + options_.step_timeout_ms) + " ms");
            link_.terminate(pid);
            note_exit(*agent, 5000);
        }
        return model::Outcome{};
    }
    std::string status = reply->value("status", "");
    if (status == "blocked") {
        agent->blocked = true;
        agent->blocked_call = call;
        auto timeout = virtual_timeout(call, args, reply->value("timeout_ms", -1LL));
        if (timeout) agent->deadline_ms = now_ms_ + *timeout;
        model::Outcome out;
        out.status = model::Outcome::Status::Blocked;
        return out;
    }
    if (status != "completed") {
        add_error(agent->name + ": " + reply->value("error", "the agent could not make the call"));
        return model::Outcome{};
    }
    model::Outcome out = completed(*agent, *reply);
    const nlohmann::json extra = reply->value("extra", nlohmann::json::object());
    if (call == Call::CreateProcess && out.result.number != 0) {
        std::set<std::uint64_t> inherited;
        for (const auto& v : extra.value("inherited", nlohmann::json::array())) inherited.insert(v.get<std::uint64_t>());
        std::string error;
        if (auto hello = link_.attach(pid, extra, error))
            add_agent(extra.value("name", ""), *hello, inherited, extra.value("suspended", false));
        else
            add_error(error);
    }
    // ResumeThread took a CREATE_SUSPENDED child's count to 0: it runs now and says hello.
    if (call == Call::ResumeThread && extra.contains("resumed_pid"))
        if (Agent* child = find(extra.value("resumed_pid", 0u)); child && child->suspended && !child->exited) {
            std::string error;
            if (auto hello = link_.resumed(child->pid, error)) {
                child->tid = hello->tid;
                child->command_line = hello->command_line;
                child->preexisting.clear();
                for (std::uint64_t v : hello->table)
                    if (!child->inherited.count(v)) child->preexisting.insert(v);
                child->suspended = false;
            } else {
                add_error(error);
            }
        }
    if (call == Call::TerminateProcess && out.result.number != 0)
        // TerminateProcess returns before its target is gone; wait for it so the next statement
        // sees it exited, as the model has it at once.
        if (Agent* target = find(extra.value("target_pid", 0u)); target && target != agent) note_exit(*target, 5000);
    return out;
}

std::vector<model::Completion> AgentBackend::settle() {
    std::vector<model::Completion> done;
    // Blocked calls this step made ready complete within a short settle time; repeat while any do,
    // since one completion may wake another (as the model's settle() does).
    for (bool progress = true; progress;) {
        progress = false;
        for (auto& agent : agents_) {
            if (agent->exited || !agent->blocked) continue;
            auto reply = link_.request(agent->pid, {{"op", "poll"}, {"wait_ms", options_.settle_ms}},
                                       options_.settle_ms + options_.step_timeout_ms);
            if (!reply) {
                note_exit(*agent, 2000);
                continue;
            }
            if (reply->value("status", "") != "completed") continue;
            agent->blocked = false;
            agent->deadline_ms.reset();
            done.push_back({agent->pid, completed(*agent, *reply)});
            progress = true;
        }
    }
    return done;
}

std::optional<std::uint64_t> AgentBackend::next_deadline() const {
    std::optional<std::uint64_t> best;
    for (const auto& agent : agents_)
        if (!agent->exited && agent->blocked && agent->deadline_ms && (!best || *agent->deadline_ms < *best))
            best = agent->deadline_ms;
    return best;
}

std::vector<model::Completion> AgentBackend::advance_clock(std::uint64_t ms) {
    now_ms_ = std::max(now_ms_, ms);
    std::vector<model::Completion> done;
    for (auto& agent : agents_) {
        if (agent->exited || !agent->blocked || !agent->deadline_ms || *agent->deadline_ms > now_ms_) continue;
        // The agent makes its call's last attempt now and answers with what Win32 says then.
        auto reply = link_.request(agent->pid, {{"op", "expire"}, {"wait_ms", options_.step_timeout_ms}},
                                   2 * options_.step_timeout_ms);
        if (!reply) {
            note_exit(*agent, 2000);
            continue;
        }
        if (reply->value("status", "") != "completed") {
            add_error(agent->name + "'s " + std::string(call_info(agent->blocked_call).name) +
                      " did not end at its time-out");
            agent->deadline_ms.reset();
            continue;
        }
        agent->blocked = false;
        agent->deadline_ms.reset();
        done.push_back({agent->pid, completed(*agent, *reply)});
    }
    return done;
}

bool AgentBackend::any_waiting() const {
    return std::any_of(agents_.begin(), agents_.end(), [](const auto& a) { return !a->exited && a->blocked; });
}

std::vector<WaitReport> AgentBackend::waits() const {
    std::vector<WaitReport> reports;
    for (const auto& agent : agents_) {
        if (agent->exited || !agent->blocked) continue;
        WaitReport report;
        report.pid = agent->pid;
        report.process = agent->name;
        report.wait.call = agent->blocked_call;
        reports.push_back(std::move(report));
    }
    return reports;
}

std::uint32_t AgentBackend::last_error(model::Pid pid) const {
    const Agent* agent = find(pid);
    return agent ? agent->last_error : 0;
}

Value AgentBackend::pure_call(model::Pid pid, Call call, const std::vector<Value>& args) {
    Agent* agent = find(pid);
    switch (call) {
    case Call::GetCurrentProcess: return Value::handle(current_process_pseudo);
    case Call::GetCurrentThread: return Value::handle(current_thread_pseudo);
    case Call::GetCurrentProcessId: return Value::integer(agent ? agent->pid : 0);
    case Call::GetCurrentThreadId: return Value::integer(agent ? agent->tid : 0);
    case Call::GetCommandLine: return Value::string(agent ? agent->command_line : "");
    case Call::GetStdHandle: {
        const Value* which = arg(call, args, "nStdHandle");
        if (!agent || agent->exited || agent->suspended || !which) return Value::handle(invalid_handle_value);
        auto reply = link_.request(pid, {{"op", "std"}, {"which", which->number & 0xFFFFFFFFu}}, options_.step_timeout_ms);
        if (!reply) return Value::handle(invalid_handle_value);
        return Value::handle(HandleValue{reply->value("handle", std::uint64_t{0})});
    }
    default: return Value::none();
    }
}

std::optional<Value> AgentBackend::observe(Builtin builtin, model::Pid pid, const std::vector<Value>& args,
                                           ObserveError& error) {
    Agent* agent = find(pid);
    if (!agent) {
        error.message = "there is no such process";
        return std::nullopt;
    }
    if (builtin == Builtin::state)
        return Value::string(agent->exited ? "exited" : agent->blocked ? "waiting" : "running");
    if (builtin == Builtin::exit_code) return Value::integer(agent->exit_code);
    auto not_observable = [&](const std::string& why) -> std::optional<Value> {
        error.message = std::string(builtin_name(builtin)) + "() is not observed natively (" + why + ")";
        error.not_observable = true;
        return std::nullopt;
    };
    if (builtin == Builtin::usage) return not_observable("Windows has no usage count");
    if (builtin == Builtin::messages || builtin == Builtin::bytes) return not_observable("reading would change it");
    if (args.empty() || !args.back().is_number()) {
        if (!args.empty() && args.back().kind == Value::Kind::String) return not_observable("a process's own object");
        error.message = std::string(builtin_name(builtin)) + "() takes a handle";
        return std::nullopt;
    }
    HandleValue h = args.back().as_handle();
    if (builtin == Builtin::valid && is_pseudo_handle(h)) return Value::boolean(true);
    if (builtin == Builtin::access && is_pseudo_handle(h)) return not_observable("a pseudo-handle has no entry");
    // A pseudo-handle names the caller's own process or thread, unnamed objects.
    if (builtin == Builtin::type && is_pseudo_handle(h)) return Value::string(h == current_process_pseudo ? "Process" : "Thread");
    if (builtin == Builtin::name && is_pseudo_handle(h)) return Value::string("");
    if (agent->exited || agent->suspended) return not_observable(agent->name + " runs no code");
    auto reply = link_.request(pid, {{"op", "observe"}, {"handles", nlohmann::json::array({nlohmann::json::array({"", h.raw})})}},
                               options_.step_timeout_ms);
    if (!reply || !(*reply)["handles"].is_array() || (*reply)["handles"].empty()) return not_observable("no answer");
    const nlohmann::json& o = (*reply)["handles"][0];
    bool valid = o.value("valid", false);
    if (builtin == Builtin::valid) return Value::boolean(valid);
    if (!valid) {
        error.message = to_hex(h) + " is not a handle in " + agent->name + "'s table";
        return std::nullopt;
    }
    switch (builtin) {
    case Builtin::inherit: return Value::boolean(o.value("inherit", false));
    case Builtin::protect: return Value::boolean(o.value("protect", false));
    case Builtin::access:
        if (!o.contains("granted_access")) return not_observable("NtQueryObject failed");
        return Value::integer(o.value("granted_access", 0u));
    case Builtin::type: return Value::string(o.value("type", std::string()));
    case Builtin::name: {
        // A named event, mutex or semaphore lives in \Sessions\N\BaseNamedObjects (or
        // \BaseNamedObjects): the model keeps the name as created, so the directory goes.
        // The run's suffix (name_suffix, added to every lpName) goes too.
        std::string full = o.value("name", std::string());
        std::string_view directory = "\\BaseNamedObjects\\";
        std::size_t at = full.find(directory);
        if (at == std::string::npos) return Value::string(full);
        std::string name = full.substr(at + directory.size());
        const std::string& suffix = options_.name_suffix;
        if (!suffix.empty() && name.size() >= suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0)
            name.resize(name.size() - suffix.size());
        return Value::string(name);
    }
    case Builtin::handles: {
        std::uint32_t count = o.value("handle_count", 0u);
        if (o.contains("pid") && link_.holds_process(o.value("pid", 0u)) && count > 0) --count;
        return Value::integer(count);
    }
    default: break;
    }
    return not_observable("no such observation");
}

void AgentBackend::observe_step(const Program& program, const SchedulerState& state, trace::Step& step) {
    const auto foreign = foreign_handle_variables(program);
    for (auto& agent : agents_) {
        std::vector<std::pair<std::string, std::uint64_t>> handles;
        if (auto vars = state.variables.find(agent->name); vars != state.variables.end())
            for (const auto& [name, value] : vars->second)
                if (value.kind == Value::Kind::Handle && !is_pseudo_handle(value.as_handle()) && value.number != 0 &&
                    !foreign.count({agent->name, name.substr(0, name.find('.'))}))
                    handles.emplace_back(name, value.number);
        std::optional<nlohmann::json> reply;
        if (!agent->exited && !agent->suspended) {
            nlohmann::json list = nlohmann::json::array();
            for (const auto& [name, value] : handles) list.push_back({name, value});
            reply = link_.request(agent->pid, {{"op", "observe"}, {"handles", list}}, options_.step_timeout_ms);
            if (!reply) note_exit(*agent, 2000);
        }
        for (std::size_t i = 0; i < handles.size(); ++i) {
            trace::HandleObservation h;
            h.process = agent->name;
            h.variable = handles[i].first;
            h.value = handles[i].second;
            nlohmann::json o = reply ? (*reply)["handles"][i] : nlohmann::json::object();
            h.valid = o.value("valid", false);
            if (h.valid) {
                h.inherit = o.value("inherit", false);
                h.protect = o.value("protect", false);
                h.type = o.value("type", "");
                h.handle_count = o.value("handle_count", 0u);
                // The link's own handle to a running agent is not the scenario's (docs/native.md).
                if (o.contains("pid") && link_.holds_process(o.value("pid", 0u)) && h.handle_count > 0) --h.handle_count;
                if (o.contains("pointer_count")) h.pointer_count = o.value("pointer_count", 0u);
                // Object identity is observed inside one process only (CompareObjectHandles), so the
                // label names the process and the first variable naming that object.
                int same = o.value("same_as", -1);
                h.object = agent->name + ":" + handles[same >= 0 ? static_cast<std::size_t>(same) : i].first;
            }
            step.handles.push_back(std::move(h));
        }
        trace::ProcessObservation p;
        p.name = agent->name;
        // A suspended process has not exited: Windows reports it as running, STILL_ACTIVE.
        p.state = agent->exited ? "exited" : agent->blocked ? "waiting" : "running";
        p.exit_code = agent->exited ? agent->exit_code : win32::STILL_ACTIVE;
        if (agent->blocked) p.waiting_on = std::string(call_info(agent->blocked_call).name);
        if (reply)
            for (const auto& e : (*reply)["table"]) {
                trace::TableEntry t;
                t.value = e.value("value", std::uint64_t{0});
                t.type = e.value("type", "");
                t.inherit = e.value("inherit", false);
                t.protect = e.value("protect", false);
                int same = e.value("same_as", -1);
                if (same >= 0 && static_cast<std::size_t>(same) < handles.size())
                    t.object = agent->name + ":" + handles[static_cast<std::size_t>(same)].first;
                if (agent->preexisting.count(t.value)) t.origin = "preexisting";
                p.table.push_back(std::move(t));
            }
        step.processes.push_back(std::move(p));
    }
}

trace::Trace run_on_agents(const Program& program, AgentLink& link, AgentBackendOptions options, std::string& error,
                           std::size_t max_steps) {
    trace::Trace trace;
    trace.producer = "kosim-native";
    trace.scenario = program.file_name;
    trace.title = program.title.en;
    AgentBackend backend(link, std::move(options));
    SchedulerState state;
    Scheduler<AgentBackend> scheduler(program, state, backend, max_steps);
    if (!scheduler.start(error)) {
        error += ": " + backend.take_error();
        return trace;
    }
    bool passed = true;
    while (!state.ended) {
        backend.refresh();
        StepRecord record = scheduler.step();
        backend.refresh();
        trace::Step step = trace::step_from_record(program, record, trace.steps.size() + 1);
        if (std::string problem = backend.take_error(); !problem.empty())
            step.error += (step.error.empty() ? "" : "; ") + problem;
        backend.observe_step(program, state, step);
        // Passed as the timeline says it; an expectation the native side cannot see does not count.
        for (const ExpectationResult& e : record.expectations)
            if (!e.passed && e.kind != ExpectationResult::Kind::NotObservable) passed = false;
        if (!step.error.empty()) passed = false;
        if (record.kind == StepRecord::Kind::Deadlock) trace.deadlock = true;
        trace.steps.push_back(std::move(step));
    }
    trace.passed = passed && trace.deadlock == program.expect_deadlock;
    return trace;
}

}  // namespace kosim::native
