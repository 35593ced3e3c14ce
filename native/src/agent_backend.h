// The native side as the scheduler's backend (runner/backend.h): each scenario process is an agent
// that makes real Win32 calls; this class only keeps what it learns of them (which call waits, its
// virtual deadline, exits) and reports what they observe. Portable C++: the agents are reached
// through an AgentLink, real processes over named pipes in driver.cpp or a test double in
// tests/runner, so the native backend is tested without Wine.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "runner/scheduler.h"
#include "trace/trace.h"

namespace kosim::native {

// What an agent says when it connects.
struct AgentHello {
    model::Pid pid = 0;
    std::uint32_t tid = 0;
    std::string command_line;
    std::set<std::uint64_t> table;            // its handle table at its start
};

// How the backend reaches its agents. Messages are the agent protocol (agent.cpp): call, poll,
// expire, observe, std; replies as the agent gives them.
class AgentLink {
public:
    virtual ~AgentLink() = default;
    // Starts the agent of a declared process.
    virtual std::optional<AgentHello> launch(const std::string& name, std::string& error) = 0;
    // Connects to a child a scenario CreateProcess started (`extra`: child_pid, child_thread, name,
    // suspended); resumes it unless it was created suspended, when it neither runs nor connects.
    virtual std::optional<AgentHello> attach(model::Pid parent, const nlohmann::json& extra, std::string& error) = 0;
    // Waits for the hello of a child created suspended that a ResumeThread has just let run.
    virtual std::optional<AgentHello> resumed(model::Pid pid, std::string& error) {
        error = "this link cannot resume a suspended agent (pid " + std::to_string(pid) + ")";
        return std::nullopt;
    }
    // One request and its reply; nullopt when the agent is gone or did not answer in time.
    virtual std::optional<nlohmann::json> request(model::Pid pid, const nlohmann::json& message, unsigned timeout_ms) = 0;
    // The exit code once the process has ended, waiting up to `wait_ms`; nullopt while it runs.
    virtual std::optional<std::uint32_t> exit_code(model::Pid pid, unsigned wait_ms) = 0;
    // Ends an agent that stopped answering.
    virtual void terminate(model::Pid pid) = 0;
    // Whether the link holds a handle of its own to `pid`'s process object (counted in HandleCount).
    virtual bool holds_process(model::Pid pid) const = 0;
};

struct AgentBackendOptions {
    unsigned grace_ms = 500;          // a call not returned by then counts as blocked
    unsigned settle_ms = 150;         // how long a step may take to wake blocked calls
    unsigned step_timeout_ms = 20000;
    std::string name_suffix;          // added to object names so runs do not meet in the namespace
};

class AgentBackend {
public:
    AgentBackend(AgentLink& link, AgentBackendOptions options) : link_(link), options_(std::move(options)) {}

    // Backend (runner/backend.h).
    model::Pid start_process(const std::string& name);
    model::Pid find_process(const std::string& name) const;
    ProcessState process_state(model::Pid pid) const;
    model::Outcome invoke(model::Pid pid, Call call, std::span<const Value> args);
    std::vector<model::Completion> settle();
    std::optional<std::uint64_t> next_deadline() const;
    std::vector<model::Completion> advance_clock(std::uint64_t ms);
    std::uint64_t now_ms() const { return now_ms_; }
    bool any_waiting() const;
    std::vector<WaitReport> waits() const;
    std::uint32_t last_error(model::Pid pid) const;
    Value pure_call(model::Pid pid, Call call, const std::vector<Value>& args);
    std::optional<Value> observe(Builtin builtin, model::Pid pid, const std::vector<Value>& args, ObserveError& error);

    // Notes the agents that have exited since the last look (before every step).
    void refresh();
    // What every agent observes now, for the trace: its variables' handles and its whole table.
    void observe_step(const Program& program, const SchedulerState& state, trace::Step& step);
    // Problems of the link in the last step ("Child did not answer"), then forgets them.
    std::string take_error();
    // Object names as the agents see them: the scenario's name plus the run's suffix.
    std::string suffixed(Call call, std::size_t param, const std::string& text) const;

private:
    struct Agent {
        std::string name;
        model::Pid pid = 0;
        std::uint32_t tid = 0;
        std::string command_line;
        std::set<std::uint64_t> preexisting;      // its table before the scenario touched it
        bool exited = false;
        bool suspended = false;                   // CREATE_SUSPENDED: not connected until a ResumeThread
        std::set<std::uint64_t> inherited;        // the values its parent's inheritable handles had
        std::uint32_t exit_code = 259;            // STILL_ACTIVE
        std::uint32_t last_error = 0;
        bool blocked = false;
        Call blocked_call = Call::CloseHandle;
        std::optional<std::uint64_t> deadline_ms; // virtual: the run's clock plus the call's time-out
    };
    Agent* find(model::Pid pid);
    const Agent* find(model::Pid pid) const;
    void note_exit(Agent& agent, unsigned wait_ms);
    void add_agent(const std::string& name, const AgentHello& hello, const std::set<std::uint64_t>& inherited, bool suspended);
    std::optional<std::uint64_t> virtual_timeout(Call call, std::span<const Value> args, long long agent_timeout) const;
    model::Outcome completed(Agent& agent, const nlohmann::json& reply);
    void add_error(const std::string& text);

    AgentLink& link_;
    AgentBackendOptions options_;
    std::vector<std::unique_ptr<Agent>> agents_;   // in creation order
    std::map<std::string, std::uint32_t> pipe_default_timeouts_;   // upper-cased pipe name -> nDefaultTimeOut
    std::uint64_t now_ms_ = 0;
    std::string error_;
};

static_assert(Backend<AgentBackend>);

// Runs `program` on the agents behind `link` with the one scheduler, and records every step as the
// model's trace does (producer "kosim-native"; the caller names the platform). On a failure to
// start, sets `error` and returns an empty trace.
trace::Trace run_on_agents(const Program& program, AgentLink& link, AgentBackendOptions options, std::string& error,
                           std::size_t max_steps = default_max_steps);

}  // namespace kosim::native
