#include "agent.h"

#include "calls.h"
#include "observe.h"
#include "wire.h"

namespace kosim::native {

namespace {

// The one call in flight, handed between the channel thread and the scenario thread. SRW locks and
// condition variables are not kernel objects, so the agent's handle table stays as it was.
struct Work {
    SRWLOCK lock = SRWLOCK_INIT;
    CONDITION_VARIABLE changed = CONDITION_VARIABLE_INIT;
    bool requested = false;
    bool done = false;
    Call call = Call::CloseHandle;
    std::vector<Value> args;
    CallResult result;
    std::string agent_exe;
    DWORD thread_id = 0;
};

DWORD WINAPI scenario_thread(void* parameter) {
    auto& work = *static_cast<Work*>(parameter);
    for (;;) {
        AcquireSRWLockExclusive(&work.lock);
        while (!work.requested) SleepConditionVariableSRW(&work.changed, &work.lock, INFINITE, 0);
        Call call = work.call;
        std::vector<Value> args = work.args;
        ReleaseSRWLockExclusive(&work.lock);

        CallResult result = make_call(call, args, work.agent_exe);

        AcquireSRWLockExclusive(&work.lock);
        work.result = std::move(result);
        work.requested = false;
        work.done = true;
        ReleaseSRWLockExclusive(&work.lock);
        WakeAllConditionVariable(&work.changed);
    }
}

// Waits up to `ms` for the call in flight; returns its reply, completed or still blocked.
nlohmann::json wait_for_result(Work& work, DWORD ms, long long timeout_ms) {
    ULONGLONG deadline = GetTickCount64() + ms;
    AcquireSRWLockExclusive(&work.lock);
    while (!work.done) {
        ULONGLONG now = GetTickCount64();
        if (now >= deadline) break;
        SleepConditionVariableSRW(&work.changed, &work.lock, static_cast<DWORD>(deadline - now), 0);
    }
    nlohmann::json reply;
    if (work.done) {
        work.done = false;
        reply = result_to_json(work.result);
    } else {
        reply = {{"status", "blocked"}, {"timeout_ms", timeout_ms}};
    }
    ReleaseSRWLockExclusive(&work.lock);
    return reply;
}

std::vector<std::pair<std::string, std::uint64_t>> handle_list(const nlohmann::json& j) {
    std::vector<std::pair<std::string, std::uint64_t>> list;
    for (const auto& pair : j) list.emplace_back(pair[0].get<std::string>(), pair[1].get<std::uint64_t>());
    return list;
}

}  // namespace

int run_agent(AgentChannel& channel) {
    static Work work;
    char path[MAX_PATH * 2] = {};
    GetModuleFileNameA(nullptr, path, sizeof path);
    work.agent_exe = path;
    HANDLE thread = CreateThread(nullptr, 0, scenario_thread, &work, 0, &work.thread_id);
    if (!thread) return 3;
    CloseHandle(thread);
    bool in_flight = false;
    long long in_flight_timeout = -1;

    nlohmann::json table = nlohmann::json::array();
    for (std::uint64_t v : table_values()) table.push_back(v);
    channel.send({{"hello", "kosim-agent"}, {"pid", GetCurrentProcessId()}, {"tid", work.thread_id},
                  {"command_line", GetCommandLineA()}, {"table", table}});

    for (;;) {
        auto message = channel.receive();
        if (!message) ExitProcess(0);   // the driver is gone; so is the run
        std::string op = message->value("op", "");
        nlohmann::json reply;
        if (op == "call") {
            if (in_flight) {
                reply = {{"status", "error"}, {"error", "a call is already in flight"}};
            } else {
                auto args = values_from_json((*message)["args"]);
                Call call = static_cast<Call>(message->value("call", 0));
                in_flight_timeout = call_timeout_ms(call, args);
                AcquireSRWLockExclusive(&work.lock);
                work.call = call;
                work.args = std::move(args);
                work.requested = true;
                work.done = false;
                ReleaseSRWLockExclusive(&work.lock);
                WakeAllConditionVariable(&work.changed);
                in_flight = true;
                reply = wait_for_result(work, message->value("grace_ms", 500u), in_flight_timeout);
                if (reply["status"] == "completed") in_flight = false;
            }
        } else if (op == "poll") {
            if (!in_flight) {
                reply = {{"status", "idle"}};
            } else {
                reply = wait_for_result(work, message->value("wait_ms", 0u), in_flight_timeout);
                if (reply["status"] == "completed") in_flight = false;
            }
        } else if (op == "observe") {
            auto handles = handle_list((*message)["handles"]);
            reply = {{"handles", observe_handles(handles)}, {"table", observe_table(handles)}};
        } else if (op == "std") {
            reply = {{"handle", reinterpret_cast<std::uintptr_t>(GetStdHandle(message->value("which", 0u)))}};
        } else if (op == "resume") {
            HANDLE child = reinterpret_cast<HANDLE>(message->value("thread", std::uintptr_t{0}));
            reply = {{"resumed", ResumeThread(child) != static_cast<DWORD>(-1)}};
        } else if (op == "quit") {
            ExitProcess(0);
        } else {
            reply = {{"status", "error"}, {"error", "unknown op '" + op + "'"}};
        }
        if (!channel.send(reply)) ExitProcess(0);
    }
}

}  // namespace kosim::native
