// One case per scenario call, each the real Win32 function (ANSI forms) with the scenario's arguments.
#include "calls.h"

#include <optional>

#include "runner/backend.h"
#include "win.h"

namespace kosim::native {

namespace {

HANDLE as_handle(const Value& v) { return reinterpret_cast<HANDLE>(static_cast<std::uintptr_t>(v.number)); }
DWORD as_dword(const Value& v) { return static_cast<DWORD>(v.number); }
Value handle_value(HANDLE h) { return Value::handle(HandleValue{static_cast<std::uint64_t>(reinterpret_cast<std::uintptr_t>(h))}); }
const char* as_string(const Value& v) { return v.kind == Value::Kind::String ? v.text.c_str() : nullptr; }

// LPSECURITY_ATTRIBUTES: NULL, or TRUE/FALSE for a SECURITY_ATTRIBUTES with that bInheritHandle.
struct Security {
    SECURITY_ATTRIBUTES attributes{sizeof(SECURITY_ATTRIBUTES), nullptr, FALSE};
    bool present = false;
    explicit Security(const Value& v) {
        present = v.kind != Value::Kind::None;
        attributes.bInheritHandle = v.number != 0;
    }
    SECURITY_ATTRIBUTES* get() { return present ? &attributes : nullptr; }
};

CallResult finish(Value result) {
    CallResult r;
    r.last_error = GetLastError();
    r.result = std::move(result);
    return r;
}

// An explicit environment block, by the Win32 rule: NUL-separated "NAME=value" strings ending at
// the first empty one; the scenario may leave the terminators out, so they are added.
std::string environment_block(const std::string& text) {
    std::string block = text;
    if (auto end = block.find(std::string("\0\0", 2)); end != std::string::npos) block.resize(end);
    block.append(2, '\0');
    return block;
}

// The values of this process's inheritable handles right now (those a child with bInheritHandles gets).
nlohmann::json inheritable_handles();

CallResult create_process(const std::vector<Value>& a, const std::string& agent_exe) {
    std::string name = a[0].text;
    std::string command_line = a[1].kind == Value::Kind::String ? a[1].text : name;
    Security process_security(a[2]), thread_security(a[3]);
    BOOL inherit = a[4].number != 0;
    DWORD flags = as_dword(a[5]);
    std::optional<std::string> environment;
    if (a[6].kind == Value::Kind::String) environment = environment_block(a[6].text);
    STARTUPINFOA startup{};
    startup.cb = sizeof startup;
    startup.dwFlags = as_dword(a[7]);
    startup.hStdInput = as_handle(a[8]);
    startup.hStdOutput = as_handle(a[9]);
    startup.hStdError = as_handle(a[10]);
    nlohmann::json inherited = inherit ? inheritable_handles() : nlohmann::json::array();
    PROCESS_INFORMATION pi{};
    std::vector<char> line(command_line.begin(), command_line.end());
    line.push_back('\0');
    // The child is this program again, started suspended so the driver can make its channel first;
    // the driver resumes it (unless the scenario itself asked for CREATE_SUSPENDED).
    BOOL ok = CreateProcessA(agent_exe.c_str(), line.data(), process_security.get(), thread_security.get(), inherit,
                             flags | CREATE_SUSPENDED, environment ? environment->data() : nullptr, nullptr,
                             &startup, &pi);
    CallResult r = finish(Value::boolean(ok));
    if (ok) {
        r.outputs.emplace_back(11, Value::record({{"hProcess", handle_value(pi.hProcess)},
                                                  {"hThread", handle_value(pi.hThread)},
                                                  {"dwProcessId", Value::integer(pi.dwProcessId)},
                                                  {"dwThreadId", Value::integer(pi.dwThreadId)}}));
        r.extra = {{"child_pid", pi.dwProcessId}, {"child_thread", reinterpret_cast<std::uintptr_t>(pi.hThread)},
                   {"name", name}, {"inherited", inherited}, {"suspended", (flags & CREATE_SUSPENDED) != 0}};
    }
    return r;
}

nlohmann::json inheritable_handles() {
    nlohmann::json values = nlohmann::json::array();
    // Handle values are small multiples of 4; a scenario never opens thousands.
    for (std::uintptr_t v = 4; v < 0x4000; v += 4) {
        DWORD flags = 0;
        if (GetHandleInformation(reinterpret_cast<HANDLE>(v), &flags) && (flags & HANDLE_FLAG_INHERIT))
            values.push_back(v);
    }
    return values;
}

}  // namespace

long long call_timeout_ms(Call call, const std::vector<Value>& a) {
    auto finite = [](std::uint64_t ms) -> long long { return ms == INFINITE ? -1 : static_cast<long long>(ms); };
    switch (call) {
    case Call::WaitForSingleObject: return finite(a[1].number);
    case Call::Sleep: return finite(a[0].number);
    case Call::WaitNamedPipe: return a[1].number == NMPWAIT_WAIT_FOREVER ? -1 : static_cast<long long>(a[1].number);
    case Call::ReadFile: {
        DWORD timeout = 0;
        // Only mailslots time out a ReadFile; GetMailslotInfo fails on anything else.
        if (GetMailslotInfo(as_handle(a[0]), nullptr, nullptr, nullptr, &timeout)) return finite(timeout);
        return -1;
    }
    default: return -1;
    }
}

CallResult make_call(Call call, const std::vector<Value>& a, const std::string& agent_exe) {
    SetLastError(last_error_sentinel);  // as the model: a call that leaves it alone shows it unchanged
    switch (call) {
    case Call::CloseHandle: return finish(Value::boolean(CloseHandle(as_handle(a[0]))));
    case Call::DuplicateHandle: {
        HANDLE target = nullptr;
        BOOL ok = DuplicateHandle(as_handle(a[0]), as_handle(a[1]), as_handle(a[2]), &target, as_dword(a[4]),
                                  a[5].number != 0, as_dword(a[6]));
        CallResult r = finish(Value::boolean(ok));
        if (ok) r.outputs.emplace_back(3, handle_value(target));
        return r;
    }
    case Call::GetHandleInformation: {
        DWORD flags = 0;
        BOOL ok = GetHandleInformation(as_handle(a[0]), &flags);
        CallResult r = finish(Value::boolean(ok));
        if (ok) r.outputs.emplace_back(1, Value::integer(flags));
        return r;
    }
    case Call::SetHandleInformation:
        return finish(Value::boolean(SetHandleInformation(as_handle(a[0]), as_dword(a[1]), as_dword(a[2]))));
    case Call::GetCurrentProcess: return finish(handle_value(GetCurrentProcess()));
    case Call::GetCurrentThread: return finish(handle_value(GetCurrentThread()));
    case Call::GetCurrentProcessId: return finish(Value::integer(GetCurrentProcessId()));
    case Call::GetCurrentThreadId: return finish(Value::integer(GetCurrentThreadId()));
    case Call::GetStdHandle: return finish(handle_value(GetStdHandle(as_dword(a[0]))));
    case Call::SetStdHandle: return finish(Value::boolean(SetStdHandle(as_dword(a[0]), as_handle(a[1]))));
    case Call::CreateProcess: return create_process(a, agent_exe);
    case Call::OpenProcess: return finish(handle_value(OpenProcess(as_dword(a[0]), a[1].number != 0, as_dword(a[2]))));
    case Call::ExitProcess: ExitProcess(as_dword(a[0]));
    case Call::TerminateProcess: return finish(Value::boolean(TerminateProcess(as_handle(a[0]), as_dword(a[1]))));
    case Call::GetExitCodeProcess: {
        DWORD code = 0;
        BOOL ok = GetExitCodeProcess(as_handle(a[0]), &code);
        CallResult r = finish(Value::boolean(ok));
        if (ok) r.outputs.emplace_back(1, Value::integer(code));
        return r;
    }
    case Call::WaitForSingleObject: return finish(Value::integer(WaitForSingleObject(as_handle(a[0]), as_dword(a[1]))));
    case Call::Sleep: Sleep(as_dword(a[0])); return finish(Value::none());
    case Call::GetCommandLine: return finish(Value::string(GetCommandLineA()));
    case Call::SetEnvironmentVariable:
        return finish(Value::boolean(SetEnvironmentVariableA(as_string(a[0]), as_string(a[1]))));
    case Call::GetEnvironmentVariable: {
        DWORD size = as_dword(a[2]);
        std::string buffer(size + 1, '\0');
        DWORD n = GetEnvironmentVariableA(as_string(a[0]), size ? buffer.data() : nullptr, size);
        CallResult r = finish(Value::integer(n));
        if (n > 0 && n < size) r.outputs.emplace_back(1, Value::string(buffer.substr(0, n)));
        return r;
    }
    case Call::CreateFile: {
        Security security(a[3]);
        return finish(handle_value(CreateFileA(as_string(a[0]), as_dword(a[1]), as_dword(a[2]), security.get(),
                                               as_dword(a[4]), as_dword(a[5]), as_handle(a[6]))));
    }
    case Call::ReadFile: {
        DWORD size = as_dword(a[2]);
        std::string buffer(size, '\0');
        DWORD read = 0;
        BOOL ok = ReadFile(as_handle(a[0]), buffer.data(), size, &read, nullptr);
        CallResult r = finish(Value::boolean(ok));
        // ERROR_MORE_DATA (a message longer than the buffer) still fills the buffer.
        if (ok || r.last_error == ERROR_MORE_DATA) r.outputs.emplace_back(1, Value::string(buffer.substr(0, read)));
        r.outputs.emplace_back(3, Value::integer(read));
        return r;
    }
    case Call::WriteFile: {
        const std::string& data = a[1].text;
        DWORD size = a[2].number == ~std::uint64_t{0} ? static_cast<DWORD>(data.size()) : as_dword(a[2]);
        if (size > data.size()) size = static_cast<DWORD>(data.size());
        DWORD written = 0;
        BOOL ok = WriteFile(as_handle(a[0]), data.data(), size, &written, nullptr);
        CallResult r = finish(Value::boolean(ok));
        r.outputs.emplace_back(3, Value::integer(written));
        return r;
    }
    case Call::CreateMailslot: {
        Security security(a[3]);
        return finish(handle_value(CreateMailslotA(as_string(a[0]), as_dword(a[1]), as_dword(a[2]), security.get())));
    }
    case Call::GetMailslotInfo: {
        DWORD max = 0, next = 0, count = 0, timeout = 0;
        BOOL ok = GetMailslotInfo(as_handle(a[0]), &max, &next, &count, &timeout);
        CallResult r = finish(Value::boolean(ok));
        if (ok) {
            r.outputs.emplace_back(1, Value::integer(max));
            r.outputs.emplace_back(2, Value::integer(next));
            r.outputs.emplace_back(3, Value::integer(count));
            r.outputs.emplace_back(4, Value::integer(timeout));
        }
        return r;
    }
    case Call::SetMailslotInfo: return finish(Value::boolean(SetMailslotInfo(as_handle(a[0]), as_dword(a[1]))));
    case Call::CreatePipe: {
        Security security(a[2]);
        HANDLE read = nullptr, write = nullptr;
        BOOL ok = CreatePipe(&read, &write, security.get(), as_dword(a[3]));
        CallResult r = finish(Value::boolean(ok));
        if (ok) {
            r.outputs.emplace_back(0, handle_value(read));
            r.outputs.emplace_back(1, handle_value(write));
        }
        return r;
    }
    case Call::CreateNamedPipe: {
        Security security(a[7]);
        return finish(handle_value(CreateNamedPipeA(as_string(a[0]), as_dword(a[1]), as_dword(a[2]), as_dword(a[3]),
                                                    as_dword(a[4]), as_dword(a[5]), as_dword(a[6]), security.get())));
    }
    case Call::ConnectNamedPipe: return finish(Value::boolean(ConnectNamedPipe(as_handle(a[0]), nullptr)));
    case Call::DisconnectNamedPipe: return finish(Value::boolean(DisconnectNamedPipe(as_handle(a[0]))));
    case Call::WaitNamedPipe: return finish(Value::boolean(WaitNamedPipeA(as_string(a[0]), as_dword(a[1]))));
    case Call::PeekNamedPipe: {
        DWORD size = as_dword(a[2]);
        std::string buffer(size, '\0');
        DWORD read = 0, available = 0, left = 0;
        BOOL ok = PeekNamedPipe(as_handle(a[0]), size ? buffer.data() : nullptr, size, &read, &available, &left);
        CallResult r = finish(Value::boolean(ok));
        if (ok) {
            r.outputs.emplace_back(1, Value::string(buffer.substr(0, read)));
            r.outputs.emplace_back(3, Value::integer(read));
            r.outputs.emplace_back(4, Value::integer(available));
            r.outputs.emplace_back(5, Value::integer(left));
        }
        return r;
    }
    case Call::SetNamedPipeHandleState: {
        DWORD mode = as_dword(a[1]);
        return finish(Value::boolean(SetNamedPipeHandleState(as_handle(a[0]), &mode, nullptr, nullptr)));
    }
    case Call::CreateEvent: {
        Security security(a[0]);
        return finish(handle_value(CreateEventA(security.get(), a[1].number != 0, a[2].number != 0, as_string(a[3]))));
    }
    case Call::OpenEvent: return finish(handle_value(OpenEventA(as_dword(a[0]), a[1].number != 0, as_string(a[2]))));
    case Call::SetEvent: return finish(Value::boolean(SetEvent(as_handle(a[0]))));
    case Call::ResetEvent: return finish(Value::boolean(ResetEvent(as_handle(a[0]))));
    case Call::CreateMutex: {
        Security security(a[0]);
        return finish(handle_value(CreateMutexA(security.get(), a[1].number != 0, as_string(a[2]))));
    }
    case Call::OpenMutex: return finish(handle_value(OpenMutexA(as_dword(a[0]), a[1].number != 0, as_string(a[2]))));
    case Call::ReleaseMutex: return finish(Value::boolean(ReleaseMutex(as_handle(a[0]))));
    case Call::CreateSemaphore: {
        Security security(a[0]);
        return finish(handle_value(CreateSemaphoreA(security.get(), static_cast<LONG>(a[1].number),
                                                    static_cast<LONG>(a[2].number), as_string(a[3]))));
    }
    case Call::OpenSemaphore: return finish(handle_value(OpenSemaphoreA(as_dword(a[0]), a[1].number != 0, as_string(a[2]))));
    case Call::ReleaseSemaphore: {
        LONG previous = 0;
        BOOL ok = ReleaseSemaphore(as_handle(a[0]), static_cast<LONG>(a[1].number), &previous);
        CallResult r = finish(Value::boolean(ok));
        if (ok) r.outputs.emplace_back(2, Value::integer(static_cast<std::uint32_t>(previous)));
        return r;
    }
    }
    return finish(Value::none());
}

}  // namespace kosim::native
