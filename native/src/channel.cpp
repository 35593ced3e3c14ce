#include "channel.h"

#include <vector>

namespace kosim::native {

std::string channel_name(DWORD pid) { return "\\\\.\\pipe\\kosim-agent-" + std::to_string(pid); }

DriverChannel::~DriverChannel() { close(); }

void DriverChannel::close() {
    if (pipe_ != INVALID_HANDLE_VALUE) CloseHandle(pipe_);
    if (event_) CloseHandle(event_);
    pipe_ = INVALID_HANDLE_VALUE;
    event_ = nullptr;
}

bool DriverChannel::create(DWORD agent_pid) {
    event_ = CreateEventA(nullptr, TRUE, FALSE, nullptr);
    // lpSecurityAttributes NULL: the handle is not inheritable, so no scenario process can see it.
    pipe_ = CreateNamedPipeA(channel_name(agent_pid).c_str(), PIPE_ACCESS_DUPLEX | FILE_FLAG_OVERLAPPED |
                             FILE_FLAG_FIRST_PIPE_INSTANCE, PIPE_TYPE_BYTE | PIPE_READMODE_BYTE | PIPE_WAIT,
                             1, 1 << 16, 1 << 16, 0, nullptr);
    return pipe_ != INVALID_HANDLE_VALUE && event_;
}

bool DriverChannel::wait_connected(DWORD timeout_ms) {
    OVERLAPPED overlapped{};
    overlapped.hEvent = event_;
    ResetEvent(event_);
    if (ConnectNamedPipe(pipe_, &overlapped)) return true;
    DWORD error = GetLastError();
    if (error == ERROR_PIPE_CONNECTED) return true;
    if (error != ERROR_IO_PENDING) return false;
    if (WaitForSingleObject(event_, timeout_ms) != WAIT_OBJECT_0) {
        CancelIoEx(pipe_, &overlapped);
        DWORD ignored;
        GetOverlappedResult(pipe_, &overlapped, &ignored, TRUE);
        return false;
    }
    DWORD ignored;
    return GetOverlappedResult(pipe_, &overlapped, &ignored, FALSE) != 0;
}

bool DriverChannel::transfer(bool write, void* data, DWORD size, DWORD timeout_ms) {
    auto* bytes = static_cast<char*>(data);
    while (size > 0) {
        if (broken_) return false;
        OVERLAPPED overlapped{};
        overlapped.hEvent = event_;
        ResetEvent(event_);
        DWORD done = 0;
        BOOL ok = write ? WriteFile(pipe_, bytes, size, &done, &overlapped) : ReadFile(pipe_, bytes, size, &done, &overlapped);
        if (!ok) {
            DWORD error = GetLastError();
            if (error != ERROR_IO_PENDING) {
                broken_ = true;
                return false;
            }
            if (WaitForSingleObject(event_, timeout_ms) != WAIT_OBJECT_0) {
                CancelIoEx(pipe_, &overlapped);
                GetOverlappedResult(pipe_, &overlapped, &done, TRUE);
                return false;
            }
            if (!GetOverlappedResult(pipe_, &overlapped, &done, FALSE)) {
                broken_ = true;
                return false;
            }
        }
        bytes += done;
        size -= done;
    }
    return true;
}

bool DriverChannel::send(const nlohmann::json& message) {
    std::string text = message.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    std::uint32_t size = static_cast<std::uint32_t>(text.size());
    return transfer(true, &size, sizeof size, 10000) && transfer(true, text.data(), size, 10000);
}

std::optional<nlohmann::json> DriverChannel::receive(DWORD timeout_ms) {
    std::uint32_t size = 0;
    if (!transfer(false, &size, sizeof size, timeout_ms)) return std::nullopt;
    std::string text(size, '\0');
    if (!transfer(false, text.data(), size, 10000)) return std::nullopt;
    auto parsed = nlohmann::json::parse(text, nullptr, false);
    if (parsed.is_discarded()) return std::nullopt;
    return parsed;
}

bool AgentChannel::open(DWORD own_pid) {
    // Default security attributes: not inheritable, so it never appears in a scenario child's table.
    pipe_ = CreateFileA(channel_name(own_pid).c_str(), GENERIC_READ | GENERIC_WRITE, 0, nullptr, OPEN_EXISTING, 0, nullptr);
    return pipe_ != INVALID_HANDLE_VALUE;
}

static bool read_all(HANDLE pipe, void* data, DWORD size) {
    auto* bytes = static_cast<char*>(data);
    while (size > 0) {
        DWORD done = 0;
        if (!ReadFile(pipe, bytes, size, &done, nullptr) || done == 0) return false;
        bytes += done;
        size -= done;
    }
    return true;
}

std::optional<nlohmann::json> AgentChannel::receive() {
    std::uint32_t size = 0;
    if (!read_all(pipe_, &size, sizeof size)) return std::nullopt;
    std::string text(size, '\0');
    if (!read_all(pipe_, text.data(), size)) return std::nullopt;
    auto parsed = nlohmann::json::parse(text, nullptr, false);
    if (parsed.is_discarded()) return std::nullopt;
    return parsed;
}

bool AgentChannel::send(const nlohmann::json& message) {
    std::string text = message.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    std::uint32_t size = static_cast<std::uint32_t>(text.size());
    text.insert(0, reinterpret_cast<const char*>(&size), sizeof size);
    DWORD done = 0;
    return WriteFile(pipe_, text.data(), static_cast<DWORD>(text.size()), &done, nullptr) && done == text.size();
}

}  // namespace kosim::native
