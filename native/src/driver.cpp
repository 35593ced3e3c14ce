#include "driver.h"

#include <cstdio>
#include <fstream>
#include <map>
#include <memory>

#include "agent_backend.h"
#include "channel.h"
#include "platform_name.h"
#include "scenario/builtin.h"
#include "win.h"

namespace kosim::native {

namespace {

// The agents as real processes: one job for all, one named-pipe channel each, and one handle of the
// driver's to each process while it runs (to see it exit and read its exit code). That handle is
// closed as soon as the process has exited, so an exited process no scenario handle names is gone,
// as on Windows; while it runs, AgentBackend takes it out of the observed HandleCount.
class ProcessLink final : public AgentLink {
public:
    explicit ProcessLink(const DriverOptions& options) : options_(options) {}
    ~ProcessLink() override { shut_down(); }

    bool start(std::string& error);
    const std::string& suffix() const { return suffix_; }

    std::optional<AgentHello> launch(const std::string& name, std::string& error) override;
    std::optional<AgentHello> attach(model::Pid parent, const nlohmann::json& extra, std::string& error) override;
    std::optional<AgentHello> resumed(model::Pid pid, std::string& error) override;
    std::optional<nlohmann::json> request(model::Pid pid, const nlohmann::json& message, unsigned timeout_ms) override;
    std::optional<std::uint32_t> exit_code(model::Pid pid, unsigned wait_ms) override;
    void terminate(model::Pid pid) override;
    bool holds_process(model::Pid pid) const override;

private:
    struct Connection {
        HANDLE process = nullptr;                 // the driver's own handle, until the process exits
        std::unique_ptr<DriverChannel> channel;
        std::optional<std::uint32_t> exit_code;
    };
    std::optional<AgentHello> hello(Connection& connection, model::Pid pid, std::string& error);
    void shut_down();

    DriverOptions options_;
    HANDLE job_ = nullptr;
    std::string suffix_;
    std::string run_directory_;
    std::string exe_;
    std::map<model::Pid, Connection> connections_;
};

bool ProcessLink::start(std::string& error) {
    char path[MAX_PATH * 2] = {};
    GetModuleFileNameA(nullptr, path, sizeof path);
    exe_ = path;
    char suffix[64];
    std::snprintf(suffix, sizeof suffix, "-kosim%lx%llx", GetCurrentProcessId(), GetTickCount64() & 0xFFFFFF);
    suffix_ = suffix;
    char temp[MAX_PATH] = {};
    GetTempPathA(sizeof temp, temp);
    run_directory_ = std::string(temp) + "kosim-run" + suffix_;
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
    return true;
}

std::optional<AgentHello> ProcessLink::hello(Connection& connection, model::Pid pid, std::string& error) {
    if (!connection.channel->wait_connected(options_.step_timeout_ms)) {
        error = "the agent of pid " + std::to_string(pid) + " did not connect";
        return std::nullopt;
    }
    auto message = connection.channel->receive(options_.step_timeout_ms);
    if (!message) {
        error = "the agent of pid " + std::to_string(pid) + " did not say hello";
        return std::nullopt;
    }
    AgentHello hello;
    hello.pid = pid;
    hello.tid = message->value("tid", 0u);
    hello.command_line = message->value("command_line", "");
    for (const auto& v : (*message)["table"]) hello.table.insert(v.get<std::uint64_t>());
    return hello;
}

std::optional<AgentHello> ProcessLink::launch(const std::string& name, std::string& error) {
    STARTUPINFOA startup{};
    startup.cb = sizeof startup;
    PROCESS_INFORMATION pi{};
    std::vector<char> line(name.begin(), name.end());
    line.push_back('\0');
    // Suspended until it is in the job and its channel exists; no handles inherited.
    if (!CreateProcessA(exe_.c_str(), line.data(), nullptr, nullptr, FALSE, CREATE_SUSPENDED, nullptr,
                        run_directory_.c_str(), &startup, &pi)) {
        error = "cannot start the agent for " + name + " (error " + std::to_string(GetLastError()) + ")";
        return std::nullopt;
    }
    AssignProcessToJobObject(job_, pi.hProcess);
    Connection& connection = connections_[pi.dwProcessId];
    connection.process = pi.hProcess;
    connection.channel = std::make_unique<DriverChannel>();
    if (!connection.channel->create(pi.dwProcessId)) {
        error = "cannot create the channel for " + name;
        TerminateProcess(pi.hProcess, 1);
        CloseHandle(pi.hThread);
        return std::nullopt;
    }
    ResumeThread(pi.hThread);
    CloseHandle(pi.hThread);
    return hello(connection, pi.dwProcessId, error);
}

std::optional<AgentHello> ProcessLink::attach(model::Pid parent, const nlohmann::json& extra, std::string& error) {
    model::Pid pid = extra.value("child_pid", 0u);
    Connection& connection = connections_[pid];
    connection.process = OpenProcess(SYNCHRONIZE | PROCESS_QUERY_LIMITED_INFORMATION, FALSE, pid);
    connection.channel = std::make_unique<DriverChannel>();
    if (!connection.channel->create(pid)) {
        error = "cannot create the channel for " + extra.value("name", std::string("a child"));
        return std::nullopt;
    }
    // CREATE_SUSPENDED: the child runs no code, so it never connects; it stays as the scenario made it.
    if (extra.value("suspended", false)) {
        AgentHello hello;
        hello.pid = pid;
        return hello;
    }
    request(parent, {{"op", "resume"}, {"thread", extra.value("child_thread", std::uint64_t{0})}}, options_.step_timeout_ms);
    return hello(connection, pid, error);
}

// The channel was made by attach(); the child connects once its thread runs.
std::optional<AgentHello> ProcessLink::resumed(model::Pid pid, std::string& error) {
    auto it = connections_.find(pid);
    if (it == connections_.end() || !it->second.channel) {
        error = "no channel for the resumed pid " + std::to_string(pid);
        return std::nullopt;
    }
    return hello(it->second, pid, error);
}

std::optional<nlohmann::json> ProcessLink::request(model::Pid pid, const nlohmann::json& message, unsigned timeout_ms) {
    auto it = connections_.find(pid);
    if (it == connections_.end() || it->second.exit_code || !it->second.channel || it->second.channel->broken())
        return std::nullopt;
    if (!it->second.channel->send(message)) return std::nullopt;
    return it->second.channel->receive(timeout_ms);
}

std::optional<std::uint32_t> ProcessLink::exit_code(model::Pid pid, unsigned wait_ms) {
    auto it = connections_.find(pid);
    if (it == connections_.end()) return std::nullopt;
    Connection& c = it->second;
    if (c.exit_code) return c.exit_code;
    if (!c.process || WaitForSingleObject(c.process, wait_ms) != WAIT_OBJECT_0) return std::nullopt;
    DWORD code = STILL_ACTIVE;
    GetExitCodeProcess(c.process, &code);
    c.exit_code = code;
    CloseHandle(c.process);
    c.process = nullptr;
    if (c.channel) c.channel->close();
    return code;
}

void ProcessLink::terminate(model::Pid pid) {
    auto it = connections_.find(pid);
    if (it != connections_.end() && it->second.process) TerminateProcess(it->second.process, 1);
}

bool ProcessLink::holds_process(model::Pid pid) const {
    auto it = connections_.find(pid);
    return it != connections_.end() && it->second.process != nullptr;
}

void ProcessLink::shut_down() {
    if (job_) {
        // KILL_ON_JOB_CLOSE: every agent and everything it started ends here.
        TerminateJobObject(job_, 1);
        for (auto& [pid, c] : connections_)
            if (c.process) WaitForSingleObject(c.process, 5000);
        CloseHandle(job_);
        job_ = nullptr;
    }
    for (auto& [pid, c] : connections_) {
        if (c.channel) c.channel->close();
        if (c.process) CloseHandle(c.process);
        c.process = nullptr;
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
        ProcessLink link(options);
        std::string error;
        if (!link.start(error)) {
            std::fprintf(stderr, "kosim-native: %s\n", error.c_str());
            return 3;
        }
        result = run_on_agents(*loaded.parsed.program, link,
                               {options.grace_ms, options.settle_ms, options.step_timeout_ms, link.suffix()}, error);
        result.platform = platform_name();
        if (!error.empty()) {
            std::fprintf(stderr, "kosim-native: %s\n", error.c_str());
            return 3;
        }
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
