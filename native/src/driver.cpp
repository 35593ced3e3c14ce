#include "driver.h"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <set>

#include "channel.h"
#include "runner/evaluate.h"
#include "scenario/builtin.h"
#include "trace/trace.h"
#include "wire.h"

namespace kosim::native {

namespace {

// One scenario process: a running agent, or a name not yet created.
struct Agent {
    std::string name;
    DWORD pid = 0;
    DWORD tid = 0;
    HANDLE process = nullptr;                 // the driver's own handle (SYNCHRONIZE, query)
    std::unique_ptr<DriverChannel> channel;
    std::string command_line;
    std::set<std::uint64_t> preexisting;      // its table before the scenario touched it
    bool exited = false;
    DWORD exit_code = STILL_ACTIVE;
    std::uint32_t last_error = 0;
    // The blocked call, if any.
    std::optional<std::size_t> blocked;
    Call blocked_call = Call::CloseHandle;
    std::optional<std::uint64_t> deadline_ms; // virtual: the run's clock plus the call's time-out
    std::optional<CallResult> held;           // completed by time-out, delivered when the clock gets there
    nlohmann::json last_observation;
};

// "wine-8.0" or "windows-10.0.19045".
std::string platform_name() {
    HMODULE ntdll = GetModuleHandleA("ntdll.dll");
    using WineVersion = const char*(CDECL*)();
    if (auto wine = reinterpret_cast<WineVersion>(GetProcAddress(ntdll, "wine_get_version"))) return std::string("wine-") + wine();
    using RtlGetVersionFn = LONG(WINAPI*)(OSVERSIONINFOW*);
    OSVERSIONINFOW info{};
    info.dwOSVersionInfoSize = sizeof info;
    if (auto get = reinterpret_cast<RtlGetVersionFn>(GetProcAddress(ntdll, "RtlGetVersion"))) get(&info);
    return "windows-" + std::to_string(info.dwMajorVersion) + "." + std::to_string(info.dwMinorVersion) + "." +
           std::to_string(info.dwBuildNumber);
}

bool starts_with_nocase(const std::string& text, std::string_view prefix) {
    if (text.size() < prefix.size()) return false;
    for (std::size_t i = 0; i < prefix.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(text[i])) != std::tolower(static_cast<unsigned char>(prefix[i]))) return false;
    return true;
}

bool is_timeout_result(Call call, const CallResult& r) {
    switch (call) {
    case Call::WaitForSingleObject: return r.result.number == WAIT_TIMEOUT;
    case Call::Sleep: return true;
    case Call::ReadFile:
    case Call::WaitNamedPipe: return r.result.number == 0 && r.last_error == ERROR_SEM_TIMEOUT;
    default: return false;
    }
}

class Driver;

// Answers the evaluator: variables from the driver, pure calls from the agents, observers from
// the latest observation.
class NativeContext final : public EvalContext {
public:
    NativeContext(Driver& driver) : driver_(driver) {}
    std::optional<Value> variable(const std::string& process, const std::string& name) const override;
    Value pure_call(const std::string& process, Call call, const std::vector<Value>& args) const override;
    std::optional<Value> observe(Builtin builtin, const std::string& target_process, const std::vector<Value>& args,
                                 std::string& error) const override;
    std::size_t statement = 0;

private:
    Driver& driver_;
};

class Driver {
public:
    Driver(const DriverOptions& options, std::shared_ptr<const Program> program)
        : options_(options), program_(std::move(program)), foreign_(foreign_handle_variables(*program_)) {}
    ~Driver() { shut_down(); }

    bool start(std::string& error);
    trace::Trace run();
    void shut_down();

    std::map<std::string, std::map<std::string, Value>> variables;
    std::map<std::size_t, CallResult> results;
    std::vector<std::unique_ptr<Agent>> agents;     // in creation order
    Agent* find(const std::string& name) {
        for (auto& agent : agents)
            if (agent->name == name) return agent.get();
        return nullptr;
    }
    std::optional<nlohmann::json> request(Agent& agent, const nlohmann::json& message, DWORD timeout_ms);

private:
    enum class Readiness { Ready, Wait, Never };
    Readiness readiness(const Statement& statement);
    bool launch_agent(const std::string& name, std::string& error);
    bool attach_agent(const std::string& name, DWORD pid, HANDLE process, const std::set<std::uint64_t>& inherited,
                      std::string& error);
    void run_statement(std::size_t index, trace::Step& step);
    void deliver(Agent& agent, std::size_t index, const CallResult& result, std::vector<trace::CallOutcome>& out);
    void apply_result(std::size_t index, const CallResult& result);
    void set_variable(const std::string& process, const std::string& name, Value value);
    void settle(trace::Step& step);
    void check_exits();
    void observe(trace::Step& step);
    void agent_gone(Agent& agent);
    trace::CallOutcome outcome(std::size_t index, const std::string& status, const CallResult* result);
    std::string suffixed(Call call, int param, const std::string& text) const;

    DriverOptions options_;
    std::shared_ptr<const Program> program_;
    std::set<std::pair<std::string, std::string>> foreign_;   // handle values for another process's table
    HANDLE job_ = nullptr;
    std::string run_suffix_;
    std::string run_directory_;
    std::string exe_;
    std::uint64_t now_ms_ = 0;
    std::size_t next_statement_ = 0;
    std::vector<std::size_t> deferred_;
};

std::optional<Value> NativeContext::variable(const std::string& process, const std::string& name) const {
    if (auto p = driver_.variables.find(process); p != driver_.variables.end())
        if (auto v = p->second.find(name); v != p->second.end()) return v->second;
    if (name == "result" || name == "last_error") {
        auto r = driver_.results.find(statement);
        if (r == driver_.results.end()) return std::nullopt;
        return name == "result" ? r->second.result : Value::integer(r->second.last_error);
    }
    return std::nullopt;
}

Value NativeContext::pure_call(const std::string& process, Call call, const std::vector<Value>& args) const {
    Agent* agent = driver_.find(process);
    switch (call) {
    case Call::GetCurrentProcess: return Value::handle(current_process_pseudo);
    case Call::GetCurrentThread: return Value::handle(current_thread_pseudo);
    case Call::GetCurrentProcessId: return Value::integer(agent ? agent->pid : 0);
    case Call::GetCurrentThreadId: return Value::integer(agent ? agent->tid : 0);
    case Call::GetCommandLine: return Value::string(agent ? agent->command_line : "");
    case Call::GetStdHandle: {
        if (!agent || agent->exited || args.empty()) return Value::handle(invalid_handle_value);
        auto reply = driver_.request(*agent, {{"op", "std"}, {"which", args[0].number & 0xFFFFFFFFu}}, 10000);
        if (!reply) return Value::handle(invalid_handle_value);
        std::uint64_t h = reply->value("handle", std::uint64_t{0});
        return Value::handle(HandleValue{h});
    }
    default: return Value::none();
    }
}

std::optional<Value> NativeContext::observe(Builtin builtin, const std::string& target_process,
                                            const std::vector<Value>& args, std::string& error) const {
    Agent* agent = driver_.find(target_process);
    if (!agent) {
        error = "there is no process " + target_process + " (yet)";
        return std::nullopt;
    }
    if (builtin == Builtin::state)
        return Value::string(agent->exited ? "exited" : agent->blocked ? "waiting" : "running");
    if (builtin == Builtin::exit_code) return Value::integer(agent->exit_code);
    if (args.empty() || !args.back().is_number()) {
        error = std::string(builtin_name(builtin)) + "() takes a handle";
        return std::nullopt;
    }
    std::uint64_t h = args.back().number;
    for (const auto& o : agent->last_observation) {
        if (o.value("raw", std::uint64_t{0}) != h) continue;
        bool valid = o.value("valid", false);
        switch (builtin) {
        case Builtin::valid: return Value::boolean(valid);
        case Builtin::inherit: return Value::boolean(o.value("inherit", false));
        case Builtin::protect: return Value::boolean(o.value("protect", false));
        case Builtin::handles: return Value::integer(o.value("handle_count", 0u));
        default: break;
        }
    }
    error = std::string(builtin_name(builtin)) + "(" + to_hex(HandleValue{h}) + ") is not observed natively";
    return std::nullopt;
}

bool Driver::start(std::string& error) {
    char path[MAX_PATH * 2] = {};
    GetModuleFileNameA(nullptr, path, sizeof path);
    exe_ = path;
    char suffix[64];
    std::snprintf(suffix, sizeof suffix, "-kosim%lx%llx", GetCurrentProcessId(), GetTickCount64() & 0xFFFFFF);
    run_suffix_ = suffix;
    char temp[MAX_PATH] = {};
    GetTempPathA(sizeof temp, temp);
    run_directory_ = std::string(temp) + "kosim-run" + run_suffix_;
    CreateDirectoryA(run_directory_.c_str(), nullptr);

    // Every agent and every process it starts lives in this job; closing the job (or the driver
    // dying) kills them all.
    job_ = CreateJobObjectA(nullptr, nullptr);
    JOBOBJECT_EXTENDED_LIMIT_INFORMATION limits{};
    limits.BasicLimitInformation.LimitFlags = JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE;
    if (!job_ || !SetInformationJobObject(job_, JobObjectExtendedLimitInformation, &limits, sizeof limits)) {
        error = "cannot create the job object (error " + std::to_string(GetLastError()) + ")";
        return false;
    }
    for (const ProcessDeclaration& declaration : program_->processes)
        if (!launch_agent(declaration.name, error)) return false;
    return true;
}

bool Driver::launch_agent(const std::string& name, std::string& error) {
    STARTUPINFOA startup{};
    startup.cb = sizeof startup;
    PROCESS_INFORMATION pi{};
    std::vector<char> line(name.begin(), name.end());
    line.push_back('\0');
    // Suspended until it is in the job and its channel exists; no handles inherited.
    if (!CreateProcessA(exe_.c_str(), line.data(), nullptr, nullptr, FALSE, CREATE_SUSPENDED, nullptr,
                        run_directory_.c_str(), &startup, &pi)) {
        error = "cannot start the agent for " + name + " (error " + std::to_string(GetLastError()) + ")";
        return false;
    }
    AssignProcessToJobObject(job_, pi.hProcess);
    auto agent = std::make_unique<Agent>();
    agent->channel = std::make_unique<DriverChannel>();
    if (!agent->channel->create(pi.dwProcessId)) {
        error = "cannot create the channel for " + name;
        TerminateProcess(pi.hProcess, 1);
        return false;
    }
    ResumeThread(pi.hThread);
    CloseHandle(pi.hThread);
    agent->name = name;
    agent->pid = pi.dwProcessId;
    agent->process = pi.hProcess;
    Agent& ref = *agent;
    agents.push_back(std::move(agent));
    if (!ref.channel->wait_connected(options_.step_timeout_ms)) {
        error = "the agent for " + name + " did not connect";
        return false;
    }
    auto hello = ref.channel->receive(options_.step_timeout_ms);
    if (!hello) {
        error = "the agent for " + name + " did not say hello";
        return false;
    }
    ref.tid = hello->value("tid", 0u);
    ref.command_line = hello->value("command_line", "");
    for (const auto& v : (*hello)["table"]) ref.preexisting.insert(v.get<std::uint64_t>());
    return true;
}

bool Driver::attach_agent(const std::string& name, DWORD pid, HANDLE process, const std::set<std::uint64_t>& inherited,
                          std::string& error) {
    auto agent = std::make_unique<Agent>();
    agent->name = name;
    agent->pid = pid;
    agent->process = process;
    agent->channel = std::make_unique<DriverChannel>();
    Agent& ref = *agent;
    agents.push_back(std::move(agent));
    if (!ref.channel->create(pid)) {
        error = "cannot create the channel for " + name;
        return false;
    }
    return true;
    (void)inherited;
}

std::optional<nlohmann::json> Driver::request(Agent& agent, const nlohmann::json& message, DWORD timeout_ms) {
    if (agent.exited || !agent.channel || agent.channel->broken()) return std::nullopt;
    if (!agent.channel->send(message)) return std::nullopt;
    return agent.channel->receive(timeout_ms);
}

std::string Driver::suffixed(Call call, int param, const std::string& text) const {
    std::string_view name = call_info(call).params[param].name;
    if (name == "lpName" || name == "lpNamedPipeName") return text + run_suffix_;
    if (name == "lpFileName" && (starts_with_nocase(text, "\\\\.\\pipe\\") || starts_with_nocase(text, "\\\\.\\mailslot\\")))
        return text + run_suffix_;
    return text;
}

Driver::Readiness Driver::readiness(const Statement& statement) {
    Agent* agent = find(statement.process);
    if (!agent) return Readiness::Wait;
    if (agent->exited) return Readiness::Never;
    if (agent->blocked) return Readiness::Wait;
    return Readiness::Ready;
}

void Driver::set_variable(const std::string& process, const std::string& name, Value value) {
    if (name.empty()) return;
    if (value.kind == Value::Kind::Record && value.fields)
        for (const auto& [field, field_value] : *value.fields) variables[process][name + "." + field] = field_value;
    variables[process][name] = std::move(value);
}

void Driver::apply_result(std::size_t index, const CallResult& result) {
    const Statement& statement = program_->statements[index];
    for (const auto& [param, value] : result.outputs)
        if (param >= 0 && static_cast<std::size_t>(param) < statement.outputs.size())
            set_variable(statement.process, statement.outputs[param], value);
    if (!statement.result_var.empty()) set_variable(statement.process, statement.result_var, result.result);
    results[index] = result;
}

trace::CallOutcome Driver::outcome(std::size_t index, const std::string& status, const CallResult* result) {
    const Statement& s = program_->statements[index];
    trace::CallOutcome c;
    c.statement = index;
    c.line = s.location.line;
    c.process = s.process;
    if (s.kind == Statement::Kind::Call) c.call = std::string(call_info(s.call).name);
    c.status = status;
    if (result) {
        if (!result->result.is_none()) c.result = result->result;
        c.last_error = result->last_error;
        for (const auto& [param, value] : result->outputs)
            if (param >= 0 && static_cast<std::size_t>(param) < s.outputs.size() && !s.outputs[param].empty())
                c.outputs.emplace_back(s.outputs[param], value);
        if (!s.result_var.empty() && !result->result.is_none()) c.outputs.emplace_back(s.result_var, result->result);
    }
    return c;
}

void Driver::agent_gone(Agent& agent) {
    if (agent.exited) return;
    if (agent.process) WaitForSingleObject(agent.process, 5000);
    DWORD code = STILL_ACTIVE;
    if (agent.process) GetExitCodeProcess(agent.process, &code);
    agent.exited = true;
    agent.exit_code = code;
    agent.blocked.reset();
    agent.held.reset();
    agent.deadline_ms.reset();
    if (agent.channel) agent.channel->close();
}

void Driver::check_exits() {
    for (auto& agent : agents)
        if (!agent->exited && agent->process && WaitForSingleObject(agent->process, 0) == WAIT_OBJECT_0) agent_gone(*agent);
}

void Driver::deliver(Agent& agent, std::size_t index, const CallResult& result, std::vector<trace::CallOutcome>& out) {
    agent.blocked.reset();
    agent.deadline_ms.reset();
    agent.held.reset();
    agent.last_error = result.last_error;
    apply_result(index, result);
    out.push_back(outcome(index, "completed", &result));
}

void Driver::run_statement(std::size_t index, trace::Step& step) {
    const Statement& statement = program_->statements[index];
    Agent& agent = *find(statement.process);
    NativeContext context(*this);
    context.statement = index;
    EvalError error;
    if (statement.kind == Statement::Kind::Assign) {
        auto value = evaluate(statement.value, statement.process, context, error);
        CallResult r;
        if (!value) {
            step.error = error.message;
        } else {
            r.result = *value;
            set_variable(statement.process, statement.result_var, std::move(*value));
            results[index] = r;
        }
        step.call = outcome(index, "completed", &r);
        return;
    }
    const CallInfo& info = call_info(statement.call);
    std::vector<Value> args(info.params.size());
    for (std::size_t i = 0; i < info.params.size(); ++i) {
        const Param& param = info.params[i];
        if (param.direction == Direction::Out) continue;
        if (i < statement.inputs.size() && statement.inputs[i]) {
            auto value = evaluate(*statement.inputs[i], statement.process, context, error);
            if (!value) {
                step.error = error.message;
                step.call = outcome(index, "completed", nullptr);
                return;
            }
            args[i] = std::move(*value);
            if (args[i].kind == Value::Kind::String) args[i].text = suffixed(statement.call, static_cast<int>(i), args[i].text);
        } else if (param.type != ParamType::String && param.type != ParamType::OptionalString) {
            args[i] = Value::integer(param.default_value);
        }
    }
    if (info.pure) {
        CallResult r;
        r.result = context.pure_call(statement.process, statement.call, args);
        r.last_error = agent.last_error;
        apply_result(index, r);
        step.call = outcome(index, "completed", &r);
        return;
    }

    unsigned grace = info.may_block ? options_.grace_ms : options_.step_timeout_ms;
    auto reply = request(agent, {{"op", "call"}, {"call", static_cast<int>(statement.call)}, {"args", values_to_json(args)},
                                 {"grace_ms", grace}}, grace + options_.step_timeout_ms);
    if (!reply) {
        // The call ended the agent (ExitProcess, TerminateProcess of itself), or it hung.
        if (agent.channel && !agent.channel->broken() && WaitForSingleObject(agent.process, 2000) != WAIT_OBJECT_0) {
            step.error = statement.process + " did not answer within " + std::to_string(grace + options_.step_timeout_ms) + " ms";
            TerminateProcess(agent.process, 1);
        }
        agent_gone(agent);
        CallResult r;
        results[index] = r;
        step.call = outcome(index, "completed", &r);
        return;
    }
    if ((*reply)["status"] == "blocked") {
        agent.blocked = index;
        agent.blocked_call = statement.call;
        long long timeout = reply->value("timeout_ms", -1LL);
        if (timeout >= 0) agent.deadline_ms = now_ms_ + static_cast<std::uint64_t>(timeout);
        step.call = outcome(index, "blocked", nullptr);
        return;
    }
    CallResult r = result_from_json(*reply);
    long long timeout = call_info(statement.call).may_block ? -1 : -1;
    (void)timeout;
    // A call that timed out: the model completes it when its virtual clock reaches the time-out,
    // so it is held as blocked until the scheduler's clock step gets there.
    if (info.may_block && is_timeout_result(statement.call, r)) {
        std::uint64_t ms = statement.call == Call::WaitForSingleObject ? args[1].number
                         : statement.call == Call::Sleep               ? args[0].number
                         : statement.call == Call::WaitNamedPipe       ? args[1].number
                                                                        : 0;
        if (statement.call == Call::ReadFile) ms = 1;  // a mailslot's read time-out; the order is what matters
        if (ms > 0) {
            agent.blocked = index;
            agent.blocked_call = statement.call;
            agent.deadline_ms = now_ms_ + ms;
            agent.held = r;
            step.call = outcome(index, "blocked", nullptr);
            return;
        }
    }
    agent.last_error = r.last_error;
    apply_result(index, r);
    step.call = outcome(index, "completed", &r);

    if (statement.call == Call::CreateProcess && r.result.number != 0) {
        const auto& extra = r.extra;
        std::string name = extra.value("name", "");
        DWORD pid = extra.value("child_pid", 0u);
        std::set<std::uint64_t> inherited;
        for (const auto& v : extra["inherited"]) inherited.insert(v.get<std::uint64_t>());
        HANDLE process = OpenProcess(SYNCHRONIZE | PROCESS_QUERY_LIMITED_INFORMATION, FALSE, pid);
        std::string attach_error;
        if (!attach_agent(name, pid, process, inherited, attach_error)) {
            step.error = attach_error;
            return;
        }
        Agent& child = *agents.back();
        if (!extra.value("suspended", false))
            request(agent, {{"op", "resume"}, {"thread", extra.value("child_thread", std::uint64_t{0})}}, options_.step_timeout_ms);
        if (!child.channel->wait_connected(options_.step_timeout_ms)) {
            step.error = "the agent for " + name + " did not connect";
            return;
        }
        auto hello = child.channel->receive(options_.step_timeout_ms);
        if (!hello) {
            step.error = "the agent for " + name + " did not say hello";
            return;
        }
        child.tid = hello->value("tid", 0u);
        child.command_line = hello->value("command_line", "");
        // Handles present at its start are its own unless the parent had an inheritable handle there.
        for (const auto& v : (*hello)["table"])
            if (!inherited.count(v.get<std::uint64_t>())) child.preexisting.insert(v.get<std::uint64_t>());
    }
}

void Driver::settle(trace::Step& step) {
    // Blocked calls this step made ready complete within a short settle time; repeat while any do,
    // since one completion may wake another (as the model's settle() does).
    for (bool progress = true; progress;) {
        progress = false;
        ULONGLONG start = GetTickCount64();
        for (auto& agent : agents) {
            if (agent->exited || !agent->blocked || agent->held) continue;
            ULONGLONG elapsed = GetTickCount64() - start;
            DWORD wait = elapsed >= options_.settle_ms ? 0 : static_cast<DWORD>(options_.settle_ms - elapsed);
            auto reply = request(*agent, {{"op", "poll"}, {"wait_ms", wait}}, wait + options_.step_timeout_ms);
            if (!reply) {
                agent_gone(*agent);
                continue;
            }
            if ((*reply)["status"] != "completed") continue;
            CallResult r = result_from_json(*reply);
            if (is_timeout_result(agent->blocked_call, r) && agent->deadline_ms) {
                agent->held = r;
                continue;
            }
            deliver(*agent, *agent->blocked, r, step.completions);
            progress = true;
        }
    }
}

void Driver::observe(trace::Step& step) {
    check_exits();
    for (auto& agent : agents) {
        auto vars = variables.find(agent->name);
        std::vector<std::pair<std::string, std::uint64_t>> handles;
        if (vars != variables.end())
            for (const auto& [name, value] : vars->second)
                if (value.kind == Value::Kind::Handle && !is_pseudo_handle(value.as_handle()) && value.number != 0 &&
                    !foreign_.count({agent->name, name.substr(0, name.find('.'))}))
                    handles.emplace_back(name, value.number);
        trace::ProcessObservation p;
        p.name = agent->name;
        std::optional<nlohmann::json> reply;
        if (!agent->exited) {
            nlohmann::json list = nlohmann::json::array();
            for (const auto& [name, value] : handles) list.push_back({name, value});
            reply = request(*agent, {{"op", "observe"}, {"handles", list}}, options_.step_timeout_ms);
            if (!reply) agent_gone(*agent);
        }
        agent->last_observation = nlohmann::json::array();
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
                if (o.contains("pointer_count")) h.pointer_count = o.value("pointer_count", 0u);
                // Object identity is observed inside one process only (CompareObjectHandles), so the
                // label names the process and the first variable naming that object.
                int same = o.value("same_as", -1);
                h.object = agent->name + ":" + handles[same >= 0 ? static_cast<std::size_t>(same) : i].first;
            }
            o["raw"] = h.value;
            agent->last_observation.push_back(o);
            step.handles.push_back(std::move(h));
        }
        p.state = agent->exited ? "exited" : agent->blocked ? "waiting" : "running";
        p.exit_code = agent->exited ? agent->exit_code : STILL_ACTIVE;
        if (agent->blocked) p.waiting_on = std::string(call_info(agent->blocked_call).name);
        if (reply)
            for (const auto& e : (*reply)["table"]) {
                trace::TableEntry t;
                t.value = e.value("value", std::uint64_t{0});
                t.type = e.value("type", "");
                t.inherit = e.value("inherit", false);
                t.protect = e.value("protect", false);
                int same = e.value("same_as", -1);
                if (same >= 0) t.object = agent->name + ":" + handles[static_cast<std::size_t>(same)].first;
                if (agent->preexisting.count(t.value)) t.origin = "preexisting";
                p.table.push_back(std::move(t));
            }
        step.processes.push_back(std::move(p));
    }
}

trace::Trace Driver::run() {
    trace::Trace trace;
    trace.producer = "kosim-native";
    trace.platform = platform_name();
    trace.scenario = program_->file_name;
    trace.title = program_->title.en;
    const auto& statements = program_->statements;
    bool all_passed = true;
    bool ended = statements.empty();
    while (!ended) {
        trace::Step step;
        step.index = trace.steps.size() + 1;
        check_exits();
        std::optional<std::size_t> chosen, never;
        for (std::size_t k = 0; k < deferred_.size(); ++k) {
            Readiness r = readiness(statements[deferred_[k]]);
            if (r == Readiness::Wait) continue;
            (r == Readiness::Ready ? chosen : never) = deferred_[k];
            deferred_.erase(deferred_.begin() + static_cast<std::ptrdiff_t>(k));
            break;
        }
        while (!chosen && !never && next_statement_ < statements.size()) {
            std::size_t index = next_statement_++;
            Readiness r = readiness(statements[index]);
            if (r == Readiness::Ready) chosen = index;
            else if (r == Readiness::Never) never = index;
            else deferred_.push_back(index);
        }
        std::optional<std::uint64_t> deadline;
        for (auto& agent : agents)
            if (!agent->exited && agent->blocked && agent->deadline_ms)
                deadline = deadline ? std::min(*deadline, *agent->deadline_ms) : *agent->deadline_ms;
        bool any_waiting = std::any_of(agents.begin(), agents.end(), [](auto& a) { return !a->exited && a->blocked; });

        if (chosen) {
            step.kind = "statement";
            run_statement(*chosen, step);
            settle(step);
        } else if (never) {
            step.kind = "skipped";
            step.call.reset();
            step.error = statements[*never].process + " has exited, so line " +
                         std::to_string(statements[*never].location.line) + " cannot run";
        } else if (deadline) {
            step.kind = "clock";
            now_ms_ = *deadline;
            for (auto& agent : agents) {
                if (agent->exited || !agent->blocked || agent->deadline_ms != deadline) continue;
                if (!agent->held) {
                    // Really wait for it: the real time-out is at most the call's own.
                    auto reply = request(*agent, {{"op", "poll"}, {"wait_ms", options_.step_timeout_ms}}, 2 * options_.step_timeout_ms);
                    if (!reply) {
                        agent_gone(*agent);
                        continue;
                    }
                    if ((*reply)["status"] != "completed") continue;
                    agent->held = result_from_json(*reply);
                }
                CallResult r = *agent->held;
                deliver(*agent, *agent->blocked, r, step.completions);
            }
            settle(step);
        } else if (any_waiting) {
            // Nothing can run and nothing can time out: give blocked calls one more settle period,
            // then it is a deadlock.
            settle(step);
            if (step.completions.empty()) {
                step.kind = "deadlock";
                for (auto& agent : agents)
                    if (!agent->exited && agent->blocked)
                        step.waits.push_back(agent->name + " waits in " + std::string(call_info(agent->blocked_call).name));
                trace.deadlock = true;
                ended = true;
            } else {
                step.kind = "clock";
            }
        } else {
            std::size_t index = deferred_.front();
            deferred_.erase(deferred_.begin());
            step.kind = "skipped";
            step.error = statements[index].process + " was never created, so line " +
                         std::to_string(statements[index].location.line) + " cannot run";
        }
        check_exits();
        for (auto& agent : agents)
            if (agent->exited) agent->blocked.reset();
        observe(step);

        if (step.kind == "statement" && step.call) {
            const Statement& statement = statements[step.call->statement];
            for (const Expectation& expectation : statement.expectations) {
                NativeContext context(*this);
                context.statement = step.call->statement;
                EvalError error;
                trace::ExpectationOutcome e;
                e.line = expectation.location.line;
                e.text = expectation.text;
                auto lhs = evaluate(expectation.lhs, expectation.process, context, error);
                auto rhs = lhs ? evaluate(expectation.rhs, expectation.process, context, error) : std::nullopt;
                if (lhs && rhs) {
                    e.passed = compare(*lhs, expectation.op, *rhs);
                    e.observed = to_display(*lhs);
                } else {
                    e.observed = "not observable: " + error.message;
                }
                all_passed = all_passed && e.passed;
                step.expectations.push_back(std::move(e));
            }
        }
        step.time_ms = now_ms_;
        trace.steps.push_back(std::move(step));
        if (!ended) {
            bool work = next_statement_ < statements.size() || !deferred_.empty() ||
                        std::any_of(agents.begin(), agents.end(), [](auto& a) { return !a->exited && a->blocked; });
            ended = !work;
        }
        if (trace.steps.size() > 10000) break;
    }
    trace.passed = all_passed && trace.deadlock == program_->expect_deadlock;
    return trace;
}

void Driver::shut_down() {
    if (job_) {
        // KILL_ON_JOB_CLOSE: every agent and everything it started ends here.
        TerminateJobObject(job_, 1);
        for (auto& agent : agents)
            if (agent->process) WaitForSingleObject(agent->process, 5000);
        CloseHandle(job_);
        job_ = nullptr;
    }
    for (auto& agent : agents) {
        if (agent->channel) agent->channel->close();
        if (agent->process) CloseHandle(agent->process);
        agent->process = nullptr;
    }
    if (!run_directory_.empty()) {
        WIN32_FIND_DATAA data;
        HANDLE find = FindFirstFileA((run_directory_ + "\\*").c_str(), &data);
        if (find != INVALID_HANDLE_VALUE) {
            do {
                std::string name = data.cFileName;
                if (name != "." && name != "..") DeleteFileA((run_directory_ + "\\" + name).c_str());
            } while (FindNextFileA(find, &data));
            FindClose(find);
        }
        RemoveDirectoryA(run_directory_.c_str());
        run_directory_.clear();
    }
}

}  // namespace

int run_driver(const DriverOptions& options) {
    LoadedScenario loaded = load_scenario(options.scenario);
    if (!loaded.ok()) {
        if (!loaded.error.empty()) std::fprintf(stderr, "kosim-native: %s\n", loaded.error.c_str());
        for (const Diagnostic& d : loaded.parsed.diagnostics)
            std::fprintf(stderr, "%s\n", format_diagnostic(d, loaded.source, loaded.file_name).c_str());
        return 2;
    }
    trace::Trace result;
    {
        Driver driver(options, loaded.parsed.program);
        std::string error;
        if (!driver.start(error)) {
            std::fprintf(stderr, "kosim-native: %s\n", error.c_str());
            return 3;
        }
        result = driver.run();
    }
    std::string text = trace::to_json(result).dump(2);
    if (options.json_path.empty()) {
        std::fwrite(text.data(), 1, text.size(), stdout);
        std::fputc('\n', stdout);
    } else {
        std::ofstream out(options.json_path, std::ios::binary);
        out << text << '\n';
        if (!out) {
            std::fprintf(stderr, "kosim-native: cannot write %s\n", options.json_path.c_str());
            return 3;
        }
    }
    std::fprintf(stderr, "kosim-native: %s on %s: %zu steps%s\n", result.scenario.c_str(), result.platform.c_str(),
                 result.steps.size(), result.deadlock ? ", deadlock" : "");
    return 0;
}

}  // namespace kosim::native
