#include "agent.h"

#include "calls.h"
#include "observe.h"
#include "wire.h"

namespace kosim::native {

namespace {

// The one call in flight, handed between the channel thread and the scenario (main) thread. SRW
// locks and condition variables are not kernel objects, so the agent's handle table stays as it was.
struct Work {
    SRWLOCK lock = SRWLOCK_INIT;
    CONDITION_VARIABLE changed = CONDITION_VARIABLE_INIT;
    bool requested = false;
    bool done = false;
    bool expired = false;        // the driver's virtual clock reached the call's time-out
    Call call = Call::CloseHandle;
    std::vector<Value> args;
    CallResult result;
    std::string agent_exe;
};

bool is_expired(Work& work) {
    AcquireSRWLockShared(&work.lock);
    bool expired = work.expired;
    ReleaseSRWLockShared(&work.lock);
    return expired;
}

// Whether a timed call ended by its time-out: WAIT_TIMEOUT, or FALSE with ERROR_SEM_TIMEOUT.
bool timed_out(Call call, const CallResult& r) {
    if (call == Call::WaitForSingleObject || call == Call::WaitForMultipleObjects) return r.result.number == WAIT_TIMEOUT;
    if (call == Call::Sleep) return true;
    return r.result.number == 0 && r.last_error == ERROR_SEM_TIMEOUT;
}

// The parameter that holds a call's time-out, by name; -1 for calls without one.
int timeout_param(Call call) {
    const CallInfo& info = call_info(call);
    switch (call) {
    case Call::WaitForSingleObject:
    case Call::WaitForMultipleObjects:
    case Call::Sleep: return param_index(info, "dwMilliseconds");
    case Call::WaitNamedPipe: return param_index(info, "nTimeOut");
    default: return -1;
    }
}

// A timed call (a finite time-out above 0) never ends by real time: the model ends it when its
// virtual clock gets there, which may be after other processes' statements that wake it. So the
// call is made in short slices until it completes or the driver says the time-out expired; then
// once more with the shortest time-out, which is the call's real answer at its deadline.
CallResult timed_call(Work& work, Call call, std::vector<Value> args, DWORD timeout_ms) {
    constexpr DWORD slice_ms = 10;
    int param = timeout_param(call);
    HANDLE mailslot = nullptr;
    if (call == Call::ReadFile) {
        mailslot = reinterpret_cast<HANDLE>(static_cast<std::uintptr_t>(args[param_index(call_info(call), "hFile")].number));
        SetMailslotInfo(mailslot, slice_ms);
    } else {
        args[static_cast<std::size_t>(param)] = Value::integer(slice_ms);
    }
    CallResult r;
    for (;;) {
        bool last = is_expired(work);
        if (last) {
            // WaitNamedPipe's 0 would mean "the pipe's default"; 1 ms is the shortest real wait.
            DWORD final_ms = call == Call::WaitNamedPipe ? 1 : 0;
            if (mailslot) SetMailslotInfo(mailslot, final_ms);
            else args[static_cast<std::size_t>(param)] = Value::integer(final_ms);
        }
        r = make_call(call, args, work.agent_exe);
        if (last || !timed_out(call, r)) break;
    }
    if (mailslot) SetMailslotInfo(mailslot, timeout_ms);
    return r;
}

void scenario_loop(Work& work) {
    for (;;) {
        AcquireSRWLockExclusive(&work.lock);
        while (!work.requested) SleepConditionVariableSRW(&work.changed, &work.lock, INFINITE, 0);
        Call call = work.call;
        std::vector<Value> args = work.args;
        ReleaseSRWLockExclusive(&work.lock);

        long long timeout = call_timeout_ms(call, args);
        // WaitNamedPipe's NMPWAIT_USE_DEFAULT_WAIT (0) is the pipe's default time-out, so timed too.
        bool timed = timeout > 0 || (call == Call::WaitNamedPipe && timeout == 0);
        // Which process a TerminateProcess ends, so the driver can wait for it to be gone.
        DWORD target = 0;
        if (call == Call::TerminateProcess)
            target = GetProcessId(reinterpret_cast<HANDLE>(static_cast<std::uintptr_t>(
                args[static_cast<std::size_t>(param_index(call_info(call), "hProcess"))].number)));
        CallResult result = timed ? timed_call(work, call, std::move(args), static_cast<DWORD>(timeout))
                                  : make_call(call, args, work.agent_exe);
        if (target) result.extra["target_pid"] = target;

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

struct ChannelThread {
    AgentChannel* channel;
    Work* work;
};

// Serves the driver: starts calls on the main thread, reports them, observes the table.
DWORD WINAPI channel_loop(void* parameter) {
    auto& [channel, work] = *static_cast<ChannelThread*>(parameter);
    bool in_flight = false;
    long long in_flight_timeout = -1;
    for (;;) {
        auto message = channel->receive();
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
                AcquireSRWLockExclusive(&work->lock);
                work->call = call;
                work->args = std::move(args);
                work->requested = true;
                work->done = false;
                work->expired = false;
                ReleaseSRWLockExclusive(&work->lock);
                WakeAllConditionVariable(&work->changed);
                in_flight = true;
                reply = wait_for_result(*work, message->value("grace_ms", 500u), in_flight_timeout);
                if (reply["status"] == "completed") in_flight = false;
            }
        } else if (op == "poll" || op == "expire") {
            if (!in_flight) {
                reply = {{"status", "idle"}};
            } else {
                if (op == "expire") {
                    AcquireSRWLockExclusive(&work->lock);
                    work->expired = true;
                    ReleaseSRWLockExclusive(&work->lock);
                }
                reply = wait_for_result(*work, message->value("wait_ms", 0u), in_flight_timeout);
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
        if (!channel->send(reply)) ExitProcess(0);
    }
}

}  // namespace

int run_agent(AgentChannel& channel) {
    static Work work;
    static ChannelThread serving{&channel, &work};
    char path[MAX_PATH * 2] = {};
    GetModuleFileNameA(nullptr, path, sizeof path);
    work.agent_exe = path;

    // The hello comes first, from this (the main) thread: its table is what the process started with.
    nlohmann::json table = nlohmann::json::array();
    for (std::uint64_t v : table_values()) table.push_back(v);
    if (!channel.send({{"hello", "kosim-agent"}, {"pid", GetCurrentProcessId()}, {"tid", GetCurrentThreadId()},
                       {"command_line", GetCommandLineA()}, {"table", table}}))
        return 3;
    // Scenario calls run on the main thread, the one CreateProcess's pi.hThread names, so
    // GetCurrentThread() and GetCurrentThreadId() there are that thread; the channel gets a second one.
    HANDLE thread = CreateThread(nullptr, 0, channel_loop, &serving, 0, nullptr);
    if (!thread) return 3;
    CloseHandle(thread);
    scenario_loop(work);
    return 0;
}

}  // namespace kosim::native
