// The driver-agent channel: one named pipe per agent, opened by the agent by a unique name and never
// inheritable, carrying length-prefixed JSON messages (one request, one reply).
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "win.h"

namespace kosim::native {

// "\\.\pipe\kosim-agent-<pid>": the agent finds its channel by its own process id.
std::string channel_name(DWORD pid);

// The driver's end: an overlapped pipe server, so every read has a time-out.
class DriverChannel {
public:
    DriverChannel() = default;
    DriverChannel(const DriverChannel&) = delete;
    DriverChannel& operator=(const DriverChannel&) = delete;
    ~DriverChannel();

    bool create(DWORD agent_pid);                       // the server instance, not inheritable
    bool wait_connected(DWORD timeout_ms);               // the agent opened it
    bool send(const nlohmann::json& message);
    // The next message, or nullopt on time-out or when the agent is gone (then broken() is true).
    std::optional<nlohmann::json> receive(DWORD timeout_ms);
    bool broken() const { return broken_; }
    void close();

private:
    bool transfer(bool write, void* data, DWORD size, DWORD timeout_ms);
    HANDLE pipe_ = INVALID_HANDLE_VALUE;
    HANDLE event_ = nullptr;
    bool broken_ = false;
};

// The agent's end: synchronous, used by the agent's main thread only.
class AgentChannel {
public:
    bool open(DWORD own_pid);                            // false when no driver made a channel for us
    std::optional<nlohmann::json> receive();
    bool send(const nlohmann::json& message);
    HANDLE handle() const { return pipe_; }

private:
    HANDLE pipe_ = INVALID_HANDLE_VALUE;
};

}  // namespace kosim::native
