// One operation per row of sim/program/calls.def, each the real Win32 function (ANSI forms) with
// the scenario's arguments read by Win32 parameter name; the dispatch is generated from the table.
#include "calls.h"

#include <cstring>
#include <optional>
#include <string_view>

#include "program/call_params.h"
#include "runner/backend.h"
#include "object_info.h"
#include "win.h"

namespace kosim::native {

// A call named like a windows.h A/W macro would expand to CreateEventA below: win.h must #undef it.
#define KOSIM_STRINGIZE(x) #x
#define KOSIM_EXPANDED(x) KOSIM_STRINGIZE(x)
#define KOSIM_CALL(name, returns, kind, doc) \
    static_assert(std::string_view(KOSIM_EXPANDED(name)) == #name, "windows.h defines " #name " as a macro: #undef it in native/src/win.h");
#define KOSIM_PARAM(name, type, direction, required, default_value, alias)
#define KOSIM_END()
#include "program/calls.def"
#undef KOSIM_EXPANDED
#undef KOSIM_STRINGIZE

namespace {

HANDLE win_handle(HandleValue h) { return reinterpret_cast<HANDLE>(static_cast<std::uintptr_t>(h.raw)); }
Value handle_value(HANDLE h) { return Value::handle(HandleValue{static_cast<std::uint64_t>(reinterpret_cast<std::uintptr_t>(h))}); }
// A string argument as Win32 takes it: NULL when the scenario gave NULL or nothing.
const char* c_string(const std::string* s) { return s ? s->c_str() : nullptr; }

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

// Each call's operation; `agent_exe` is this program (CreateProcess starts it again).
template <Call C> CallResult operation(CallArgs<C> a, const std::string& agent_exe);

#define KOSIM_CALL(name, returns, kind, doc) \
    template <> CallResult operation<Call::name>(CallArgs<Call::name> a, const std::string& agent_exe);
#define KOSIM_PARAM(name, type, direction, required, default_value, alias)
#define KOSIM_END()
#include "program/calls.def"

// The signature of one call's operation, so each definition below reads as the call it makes.
#define KOSIM_OPERATION(name) \
    template <> CallResult operation<Call::name>([[maybe_unused]] CallArgs<Call::name> a, [[maybe_unused]] const std::string& agent_exe)

// ---- handles ----
KOSIM_OPERATION(CloseHandle) { return finish(Value::boolean(CloseHandle(win_handle(a.handle<Params<Call::CloseHandle>::hObject>())))); }

KOSIM_OPERATION(DuplicateHandle) {
    using P = Params<Call::DuplicateHandle>;
    HANDLE target = nullptr;
    BOOL ok = DuplicateHandle(win_handle(a.handle<P::hSourceProcessHandle>()), win_handle(a.handle<P::hSourceHandle>()),
                              win_handle(a.handle<P::hTargetProcessHandle>()), &target, a.dword<P::dwDesiredAccess>(),
                              a.flag<P::bInheritHandle>(), a.dword<P::dwOptions>());
    CallResult r = finish(Value::boolean(ok));
    if (ok) r.write<P::lpTargetHandle>(handle_value(target));
    return r;
}

KOSIM_OPERATION(GetHandleInformation) {
    using P = Params<Call::GetHandleInformation>;
    DWORD flags = 0;
    BOOL ok = GetHandleInformation(win_handle(a.handle<P::hObject>()), &flags);
    CallResult r = finish(Value::boolean(ok));
    if (ok) r.write<P::lpdwFlags>(Value::integer(flags));
    return r;
}

KOSIM_OPERATION(SetHandleInformation) {
    using P = Params<Call::SetHandleInformation>;
    return finish(Value::boolean(SetHandleInformation(win_handle(a.handle<P::hObject>()), a.dword<P::dwMask>(), a.dword<P::dwFlags>())));
}

KOSIM_OPERATION(GetCurrentProcess) { return finish(handle_value(GetCurrentProcess())); }
KOSIM_OPERATION(GetCurrentThread) { return finish(handle_value(GetCurrentThread())); }
KOSIM_OPERATION(GetCurrentProcessId) { return finish(Value::integer(GetCurrentProcessId())); }
KOSIM_OPERATION(GetCurrentThreadId) { return finish(Value::integer(GetCurrentThreadId())); }
KOSIM_OPERATION(GetStdHandle) { return finish(handle_value(GetStdHandle(a.dword<Params<Call::GetStdHandle>::nStdHandle>()))); }

KOSIM_OPERATION(SetStdHandle) {
    using P = Params<Call::SetStdHandle>;
    return finish(Value::boolean(SetStdHandle(a.dword<P::nStdHandle>(), win_handle(a.handle<P::hHandle>()))));
}

// ---- processes ----
KOSIM_OPERATION(CreateProcess) {
    using P = Params<Call::CreateProcess>;
    const std::string* application = a.string<P::lpApplicationName>();
    std::string name = application ? *application : std::string();
    const std::string* given_line = a.string<P::lpCommandLine>();
    std::string command_line = given_line ? *given_line : name;
    Security process_security(a.value<P::lpProcessAttributes>()), thread_security(a.value<P::lpThreadAttributes>());
    BOOL inherit = a.flag<P::bInheritHandles>();
    DWORD flags = a.dword<P::dwCreationFlags>();
    std::optional<std::string> environment;
    if (const std::string* block = a.string<P::lpEnvironment>()) environment = environment_block(*block);
    STARTUPINFOA startup{};
    startup.cb = sizeof startup;
    startup.dwFlags = a.dword<P::dwFlags>();
    startup.hStdInput = win_handle(a.handle<P::hStdInput>());
    startup.hStdOutput = win_handle(a.handle<P::hStdOutput>());
    startup.hStdError = win_handle(a.handle<P::hStdError>());
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
        r.write<P::lpProcessInformation>(Value::record({{"hProcess", handle_value(pi.hProcess)},
                                                        {"hThread", handle_value(pi.hThread)},
                                                        {"dwProcessId", Value::integer(pi.dwProcessId)},
                                                        {"dwThreadId", Value::integer(pi.dwThreadId)}}));
        r.extra = {{"child_pid", pi.dwProcessId}, {"child_thread", reinterpret_cast<std::uintptr_t>(pi.hThread)},
                   {"name", name}, {"inherited", inherited}, {"suspended", (flags & CREATE_SUSPENDED) != 0}};
    }
    return r;
}

KOSIM_OPERATION(OpenProcess) {
    using P = Params<Call::OpenProcess>;
    return finish(handle_value(OpenProcess(a.dword<P::dwDesiredAccess>(), a.flag<P::bInheritHandle>(), a.dword<P::dwProcessId>())));
}

KOSIM_OPERATION(ExitProcess) { ExitProcess(a.dword<Params<Call::ExitProcess>::uExitCode>()); }

KOSIM_OPERATION(TerminateProcess) {
    using P = Params<Call::TerminateProcess>;
    return finish(Value::boolean(TerminateProcess(win_handle(a.handle<P::hProcess>()), a.dword<P::uExitCode>())));
}

KOSIM_OPERATION(GetExitCodeProcess) {
    using P = Params<Call::GetExitCodeProcess>;
    DWORD code = 0;
    BOOL ok = GetExitCodeProcess(win_handle(a.handle<P::hProcess>()), &code);
    CallResult r = finish(Value::boolean(ok));
    if (ok) r.write<P::lpExitCode>(Value::integer(code));
    return r;
}

KOSIM_OPERATION(WaitForSingleObject) {
    using P = Params<Call::WaitForSingleObject>;
    return finish(Value::integer(WaitForSingleObject(win_handle(a.handle<P::hHandle>()), a.dword<P::dwMilliseconds>())));
}

// lpHandles as a C array of nCount handles; the runner has checked that the list holds that many
// (a count Windows refuses, 0 or above MAXIMUM_WAIT_OBJECTS, goes through with what the list has).
KOSIM_OPERATION(WaitForMultipleObjects) {
    using P = Params<Call::WaitForMultipleObjects>;
    std::vector<HANDLE> handles;
    for (HandleValue h : a.handles<P::lpHandles>()) handles.push_back(win_handle(h));
    DWORD count = a.dword<P::nCount>();
    if (handles.size() < count && count <= MAXIMUM_WAIT_OBJECTS) handles.resize(count, nullptr);
    return finish(Value::integer(WaitForMultipleObjects(count, handles.empty() ? nullptr : handles.data(),
                                                        a.flag<P::bWaitAll>(), a.dword<P::dwMilliseconds>())));
}

KOSIM_OPERATION(Sleep) {
    Sleep(a.dword<Params<Call::Sleep>::dwMilliseconds>());
    return finish(Value::none());
}

KOSIM_OPERATION(GetCommandLine) { return finish(Value::string(GetCommandLineA())); }

// ---- environment ----
KOSIM_OPERATION(SetEnvironmentVariable) {
    using P = Params<Call::SetEnvironmentVariable>;
    return finish(Value::boolean(SetEnvironmentVariableA(c_string(a.string<P::lpName>()), c_string(a.string<P::lpValue>()))));
}

KOSIM_OPERATION(GetEnvironmentVariable) {
    using P = Params<Call::GetEnvironmentVariable>;
    DWORD size = a.dword<P::nSize>();
    std::string buffer(size + 1, '\0');
    DWORD n = GetEnvironmentVariableA(c_string(a.string<P::lpName>()), size ? buffer.data() : nullptr, size);
    CallResult r = finish(Value::integer(n));
    // 0 is also the length of an empty value, which Windows copies ("") leaving the last error at
    // the sentinel; a missing variable sets ERROR_ENVVAR_NOT_FOUND and leaves the buffer alone.
    bool empty_value = n == 0 && size > 0 && r.last_error == last_error_sentinel;
    if ((n > 0 && n < size) || empty_value) r.write<P::lpBuffer>(Value::string(buffer.substr(0, n)));
    return r;
}

// ---- files and generic I/O ----
KOSIM_OPERATION(CreateFile) {
    using P = Params<Call::CreateFile>;
    Security security(a.value<P::lpSecurityAttributes>());
    return finish(handle_value(CreateFileA(c_string(a.string<P::lpFileName>()), a.dword<P::dwDesiredAccess>(),
                                           a.dword<P::dwShareMode>(), security.get(), a.dword<P::dwCreationDisposition>(),
                                           a.dword<P::dwFlagsAndAttributes>(), win_handle(a.handle<P::hTemplateFile>()))));
}

KOSIM_OPERATION(ReadFile) {
    using P = Params<Call::ReadFile>;
    DWORD size = a.dword<P::nNumberOfBytesToRead>();
    std::string buffer(size, '\0');
    DWORD read = 0;
    BOOL ok = ReadFile(win_handle(a.handle<P::hFile>()), buffer.data(), size, &read, nullptr);
    CallResult r = finish(Value::boolean(ok));
    // ERROR_MORE_DATA (a message longer than the buffer) still fills the buffer.
    if (ok || r.last_error == ERROR_MORE_DATA) r.write<P::lpBuffer>(Value::string(buffer.substr(0, read)));
    r.write<P::lpNumberOfBytesRead>(Value::integer(read));
    return r;
}

KOSIM_OPERATION(WriteFile) {
    using P = Params<Call::WriteFile>;
    const std::string* buffer = a.string<P::lpBuffer>();
    std::string_view data = buffer ? std::string_view(*buffer) : std::string_view();
    std::uint64_t wanted = a.number<P::nNumberOfBytesToWrite>();
    DWORD size = wanted == whole_buffer ? static_cast<DWORD>(data.size()) : static_cast<DWORD>(wanted);
    if (size > data.size()) size = static_cast<DWORD>(data.size());
    DWORD written = 0;
    BOOL ok = WriteFile(win_handle(a.handle<P::hFile>()), data.data(), size, &written, nullptr);
    CallResult r = finish(Value::boolean(ok));
    r.write<P::lpNumberOfBytesWritten>(Value::integer(written));
    return r;
}

// ---- mailslots ----
KOSIM_OPERATION(CreateMailslot) {
    using P = Params<Call::CreateMailslot>;
    Security security(a.value<P::lpSecurityAttributes>());
    return finish(handle_value(CreateMailslotA(c_string(a.string<P::lpName>()), a.dword<P::nMaxMessageSize>(),
                                               a.dword<P::lReadTimeout>(), security.get())));
}

KOSIM_OPERATION(GetMailslotInfo) {
    using P = Params<Call::GetMailslotInfo>;
    DWORD max = 0, next = 0, count = 0, timeout = 0;
    BOOL ok = GetMailslotInfo(win_handle(a.handle<P::hMailslot>()), &max, &next, &count, &timeout);
    CallResult r = finish(Value::boolean(ok));
    if (ok) {
        r.write<P::lpMaxMessageSize>(Value::integer(max));
        r.write<P::lpNextSize>(Value::integer(next));
        r.write<P::lpMessageCount>(Value::integer(count));
        r.write<P::lpReadTimeout>(Value::integer(timeout));
    }
    return r;
}

KOSIM_OPERATION(SetMailslotInfo) {
    using P = Params<Call::SetMailslotInfo>;
    return finish(Value::boolean(SetMailslotInfo(win_handle(a.handle<P::hMailslot>()), a.dword<P::lReadTimeout>())));
}

// ---- pipes ----
KOSIM_OPERATION(CreatePipe) {
    using P = Params<Call::CreatePipe>;
    Security security(a.value<P::lpPipeAttributes>());
    HANDLE read = nullptr, write = nullptr;
    BOOL ok = CreatePipe(&read, &write, security.get(), a.dword<P::nSize>());
    CallResult r = finish(Value::boolean(ok));
    if (ok) {
        r.write<P::hReadPipe>(handle_value(read));
        r.write<P::hWritePipe>(handle_value(write));
    }
    return r;
}

KOSIM_OPERATION(CreateNamedPipe) {
    using P = Params<Call::CreateNamedPipe>;
    Security security(a.value<P::lpSecurityAttributes>());
    return finish(handle_value(CreateNamedPipeA(c_string(a.string<P::lpName>()), a.dword<P::dwOpenMode>(), a.dword<P::dwPipeMode>(),
                                                a.dword<P::nMaxInstances>(), a.dword<P::nOutBufferSize>(),
                                                a.dword<P::nInBufferSize>(), a.dword<P::nDefaultTimeOut>(), security.get())));
}

// lpOverlapped is always NULL: the scenario language has synchronous I/O only.
KOSIM_OPERATION(ConnectNamedPipe) {
    return finish(Value::boolean(ConnectNamedPipe(win_handle(a.handle<Params<Call::ConnectNamedPipe>::hNamedPipe>()), nullptr)));
}

KOSIM_OPERATION(DisconnectNamedPipe) {
    return finish(Value::boolean(DisconnectNamedPipe(win_handle(a.handle<Params<Call::DisconnectNamedPipe>::hNamedPipe>()))));
}

KOSIM_OPERATION(WaitNamedPipe) {
    using P = Params<Call::WaitNamedPipe>;
    return finish(Value::boolean(WaitNamedPipeA(c_string(a.string<P::lpNamedPipeName>()), a.dword<P::nTimeOut>())));
}

KOSIM_OPERATION(PeekNamedPipe) {
    using P = Params<Call::PeekNamedPipe>;
    DWORD size = a.dword<P::nBufferSize>();
    std::string buffer(size, '\0');
    DWORD read = 0, available = 0, left = 0;
    BOOL ok = PeekNamedPipe(win_handle(a.handle<P::hNamedPipe>()), size ? buffer.data() : nullptr, size, &read, &available, &left);
    CallResult r = finish(Value::boolean(ok));
    if (ok) {
        r.write<P::lpBuffer>(Value::string(buffer.substr(0, read)));
        r.write<P::lpBytesRead>(Value::integer(read));
        r.write<P::lpTotalBytesAvail>(Value::integer(available));
        r.write<P::lpBytesLeftThisMessage>(Value::integer(left));
    }
    return r;
}

KOSIM_OPERATION(SetNamedPipeHandleState) {
    using P = Params<Call::SetNamedPipeHandleState>;
    DWORD mode = a.dword<P::lpMode>();
    return finish(Value::boolean(SetNamedPipeHandleState(win_handle(a.handle<P::hNamedPipe>()), &mode, nullptr, nullptr)));
}

KOSIM_OPERATION(GetNamedPipeInfo) {
    using P = Params<Call::GetNamedPipeInfo>;
    DWORD flags = 0, out_size = 0, in_size = 0, instances = 0;
    BOOL ok = GetNamedPipeInfo(win_handle(a.handle<P::hNamedPipe>()), &flags, &out_size, &in_size, &instances);
    CallResult r = finish(Value::boolean(ok));
    if (ok) {
        r.write<P::lpFlags>(Value::integer(flags));
        r.write<P::lpOutBufferSize>(Value::integer(out_size));
        r.write<P::lpInBufferSize>(Value::integer(in_size));
        r.write<P::lpMaxInstances>(Value::integer(instances));
    }
    return r;
}

// lpMaxCollectionCount, lpCollectDataTimeout and lpUserName stay NULL (sim/program/calls.def).
KOSIM_OPERATION(GetNamedPipeHandleState) {
    using P = Params<Call::GetNamedPipeHandleState>;
    DWORD state = 0, instances = 0;
    BOOL ok = GetNamedPipeHandleStateA(win_handle(a.handle<P::hNamedPipe>()), &state, &instances, nullptr, nullptr, nullptr, 0);
    CallResult r = finish(Value::boolean(ok));
    if (ok) {
        r.write<P::lpState>(Value::integer(state));
        r.write<P::lpCurInstances>(Value::integer(instances));
    }
    return r;
}

KOSIM_OPERATION(GetNamedPipeClientProcessId) {
    using P = Params<Call::GetNamedPipeClientProcessId>;
    ULONG pid = 0;
    BOOL ok = GetNamedPipeClientProcessId(win_handle(a.handle<P::Pipe>()), &pid);
    CallResult r = finish(Value::boolean(ok));
    if (ok) r.write<P::ClientProcessId>(Value::integer(pid));
    return r;
}

// ---- synchronisation objects ----
KOSIM_OPERATION(CreateEvent) {
    using P = Params<Call::CreateEvent>;
    Security security(a.value<P::lpEventAttributes>());
    return finish(handle_value(CreateEventA(security.get(), a.flag<P::bManualReset>(), a.flag<P::bInitialState>(),
                                            c_string(a.string<P::lpName>()))));
}

KOSIM_OPERATION(OpenEvent) {
    using P = Params<Call::OpenEvent>;
    return finish(handle_value(OpenEventA(a.dword<P::dwDesiredAccess>(), a.flag<P::bInheritHandle>(), c_string(a.string<P::lpName>()))));
}

KOSIM_OPERATION(SetEvent) { return finish(Value::boolean(SetEvent(win_handle(a.handle<Params<Call::SetEvent>::hEvent>())))); }
KOSIM_OPERATION(ResetEvent) { return finish(Value::boolean(ResetEvent(win_handle(a.handle<Params<Call::ResetEvent>::hEvent>())))); }

KOSIM_OPERATION(CreateMutex) {
    using P = Params<Call::CreateMutex>;
    Security security(a.value<P::lpMutexAttributes>());
    return finish(handle_value(CreateMutexA(security.get(), a.flag<P::bInitialOwner>(), c_string(a.string<P::lpName>()))));
}

KOSIM_OPERATION(OpenMutex) {
    using P = Params<Call::OpenMutex>;
    return finish(handle_value(OpenMutexA(a.dword<P::dwDesiredAccess>(), a.flag<P::bInheritHandle>(), c_string(a.string<P::lpName>()))));
}

KOSIM_OPERATION(ReleaseMutex) { return finish(Value::boolean(ReleaseMutex(win_handle(a.handle<Params<Call::ReleaseMutex>::hMutex>())))); }

KOSIM_OPERATION(CreateSemaphore) {
    using P = Params<Call::CreateSemaphore>;
    Security security(a.value<P::lpSemaphoreAttributes>());
    return finish(handle_value(CreateSemaphoreA(security.get(), static_cast<LONG>(a.number<P::lInitialCount>()),
                                                static_cast<LONG>(a.number<P::lMaximumCount>()), c_string(a.string<P::lpName>()))));
}

KOSIM_OPERATION(OpenSemaphore) {
    using P = Params<Call::OpenSemaphore>;
    return finish(handle_value(OpenSemaphoreA(a.dword<P::dwDesiredAccess>(), a.flag<P::bInheritHandle>(), c_string(a.string<P::lpName>()))));
}

KOSIM_OPERATION(ReleaseSemaphore) {
    using P = Params<Call::ReleaseSemaphore>;
    LONG previous = 0;
    BOOL ok = ReleaseSemaphore(win_handle(a.handle<P::hSemaphore>()), static_cast<LONG>(a.number<P::lReleaseCount>()), &previous);
    CallResult r = finish(Value::boolean(ok));
    if (ok) r.write<P::lpPreviousCount>(Value::integer(static_cast<std::uint32_t>(previous)));
    return r;
}

// ---- threads, startup information, environment blocks, handle identity (issue 8) ----
KOSIM_OPERATION(SuspendThread) { return finish(Value::integer(SuspendThread(win_handle(a.handle<Params<Call::SuspendThread>::hThread>())))); }

// The driver needs the thread's process: resuming a CREATE_SUSPENDED agent lets it connect.
KOSIM_OPERATION(ResumeThread) {
    HANDLE thread = win_handle(a.handle<Params<Call::ResumeThread>::hThread>());
    DWORD previous = ResumeThread(thread);
    CallResult r = finish(Value::integer(previous));
    if (previous == 1) r.extra = {{"resumed_pid", GetProcessIdOfThread(thread)}};
    return r;
}

KOSIM_OPERATION(GetExitCodeThread) {
    using P = Params<Call::GetExitCodeThread>;
    DWORD code = 0;
    BOOL ok = GetExitCodeThread(win_handle(a.handle<P::hThread>()), &code);
    CallResult r = finish(Value::boolean(ok));
    if (ok) r.write<P::lpExitCode>(Value::integer(code));
    return r;
}

// The hStd* fields only with STARTF_USESTDHANDLES, as the model reports them.
KOSIM_OPERATION(GetStartupInfo) {
    STARTUPINFOA startup{};
    startup.cb = sizeof startup;
    GetStartupInfoA(&startup);
    CallResult r = finish(Value::none());
    bool std_handles = startup.dwFlags & STARTF_USESTDHANDLES;
    auto field = [&](HANDLE h) { return handle_value(std_handles ? h : nullptr); };
    r.write<Params<Call::GetStartupInfo>::lpStartupInfo>(Value::record({{"dwFlags", Value::integer(startup.dwFlags)},
                                                                        {"hStdInput", field(startup.hStdInput)},
                                                                        {"hStdOutput", field(startup.hStdOutput)},
                                                                        {"hStdError", field(startup.hStdError)}}));
    return r;
}

// The block up to and with the empty string that ends it.
KOSIM_OPERATION(GetEnvironmentStrings) {
    char* block = GetEnvironmentStrings();
    CallResult r = finish(Value::none());
    if (!block) {
        r.result = Value::string("");
        return r;
    }
    std::size_t n = 0;
    while (block[n] != '\0') n += std::strlen(block + n) + 1;
    r.result = Value::string(std::string(block, n + 1));
    FreeEnvironmentStringsA(block);
    return r;
}

// SetEnvironmentStringsW is the one Windows exports for all (kernelbase; Wine since 5.x): the
// block in UTF-16, terminators added as for CreateProcess's lpEnvironment.
KOSIM_OPERATION(SetEnvironmentStrings) {
    const std::string* text = a.string<Params<Call::SetEnvironmentStrings>::NewEnvironment>();
    std::string block = environment_block(text ? *text : std::string());
    std::wstring wide(block.begin(), block.end());
    using SetFn = BOOL(WINAPI*)(LPWCH);
    auto set = reinterpret_cast<SetFn>(reinterpret_cast<void*>(GetProcAddress(GetModuleHandleA("kernelbase.dll"), "SetEnvironmentStringsW")));
    if (!set) set = reinterpret_cast<SetFn>(reinterpret_cast<void*>(GetProcAddress(GetModuleHandleA("kernel32.dll"), "SetEnvironmentStringsW")));
    if (!set) {
        SetLastError(ERROR_CALL_NOT_IMPLEMENTED);
        return finish(Value::boolean(FALSE));
    }
    return finish(Value::boolean(set(wide.data())));
}

KOSIM_OPERATION(ExpandEnvironmentStrings) {
    using P = Params<Call::ExpandEnvironmentStrings>;
    DWORD size = a.dword<P::nSize>();
    std::string buffer(size + 1, '\0');
    DWORD n = ExpandEnvironmentStringsA(c_string(a.string<P::lpSrc>()), size ? buffer.data() : nullptr, size);
    CallResult r = finish(Value::integer(n));
    // Written only when it fitted: n counts the terminator then.
    if (n != 0 && n <= size) r.write<P::lpDst>(Value::string(std::string(buffer.c_str())));
    return r;
}

KOSIM_OPERATION(CompareObjectHandles) {
    using P = Params<Call::CompareObjectHandles>;
    auto compare = compare_object_handles();
    if (!compare) {
        SetLastError(ERROR_CALL_NOT_IMPLEMENTED);
        return finish(Value::boolean(FALSE));
    }
    return finish(Value::boolean(compare(win_handle(a.handle<P::hFirstObjectHandle>()), win_handle(a.handle<P::hSecondObjectHandle>()))));
}

// ---- signal and wait (issue 8) ----
// A finite time-out is the real one here: call_timeout_ms leaves it out of the sliced timed calls,
// which would signal once per slice.
KOSIM_OPERATION(SignalObjectAndWait) {
    using P = Params<Call::SignalObjectAndWait>;
    return finish(Value::integer(SignalObjectAndWait(win_handle(a.handle<P::hObjectToSignal>()), win_handle(a.handle<P::hObjectToWaitOn>()),
                                                     a.dword<P::dwMilliseconds>(), a.flag<P::bAlertable>())));
}

// ---- file mappings (issue 8) ----
KOSIM_OPERATION(CreateFileMapping) {
    using P = Params<Call::CreateFileMapping>;
    Security security(a.value<P::lpFileMappingAttributes>());
    return finish(handle_value(CreateFileMappingA(win_handle(a.handle<P::hFile>()), security.get(), a.dword<P::flProtect>(),
                                                  a.dword<P::dwMaximumSizeHigh>(), a.dword<P::dwMaximumSizeLow>(), c_string(a.string<P::lpName>()))));
}

KOSIM_OPERATION(OpenFileMapping) {
    using P = Params<Call::OpenFileMapping>;
    return finish(handle_value(OpenFileMappingA(a.dword<P::dwDesiredAccess>(), a.flag<P::bInheritHandle>(), c_string(a.string<P::lpName>()))));
}

// The view's address in this agent, as a number (Returns::Address), so UnmapViewOfFile gets it back.
KOSIM_OPERATION(MapViewOfFile) {
    using P = Params<Call::MapViewOfFile>;
    void* view = MapViewOfFile(win_handle(a.handle<P::hFileMappingObject>()), a.dword<P::dwDesiredAccess>(), a.dword<P::dwFileOffsetHigh>(),
                               a.dword<P::dwFileOffsetLow>(), a.dword<P::dwNumberOfBytesToMap>());
    return finish(Value::integer(static_cast<std::uint64_t>(reinterpret_cast<std::uintptr_t>(view))));
}

KOSIM_OPERATION(UnmapViewOfFile) {
    using P = Params<Call::UnmapViewOfFile>;
    return finish(Value::boolean(UnmapViewOfFile(reinterpret_cast<const void*>(static_cast<std::uintptr_t>(a.address<P::lpBaseAddress>())))));
}

// ---- waitable timers (issue 8) ----
KOSIM_OPERATION(CreateWaitableTimer) {
    using P = Params<Call::CreateWaitableTimer>;
    Security security(a.value<P::lpTimerAttributes>());
    return finish(handle_value(CreateWaitableTimerA(security.get(), a.flag<P::bManualReset>(), c_string(a.string<P::lpTimerName>()))));
}

KOSIM_OPERATION(SetWaitableTimer) {
    using P = Params<Call::SetWaitableTimer>;
    LARGE_INTEGER due;
    due.QuadPart = static_cast<LONGLONG>(a.number<P::lpDueTime>());
    return finish(Value::boolean(SetWaitableTimer(win_handle(a.handle<P::hTimer>()), &due, static_cast<LONG>(a.number<P::lPeriod>()),
                                                  nullptr, nullptr, FALSE)));
}

KOSIM_OPERATION(CancelWaitableTimer) {
    return finish(Value::boolean(CancelWaitableTimer(win_handle(a.handle<Params<Call::CancelWaitableTimer>::hTimer>()))));
}

// ---- errors ----
KOSIM_OPERATION(SetLastError) {
    SetLastError(a.dword<Params<Call::SetLastError>::dwErrCode>());
    return finish(Value::none());
}

#undef KOSIM_OPERATION

}  // namespace

long long call_timeout_ms(Call call, const std::vector<Value>& args) {
    auto finite = [](std::uint64_t ms) -> long long { return ms == INFINITE ? -1 : static_cast<long long>(ms); };
    switch (call) {
    case Call::WaitForSingleObject: {
        CallArgs<Call::WaitForSingleObject> a(args);
        return finite(a.number<Params<Call::WaitForSingleObject>::dwMilliseconds>());
    }
    case Call::WaitForMultipleObjects: {
        CallArgs<Call::WaitForMultipleObjects> a(args);
        return finite(a.number<Params<Call::WaitForMultipleObjects>::dwMilliseconds>());
    }
    case Call::Sleep: return finite(CallArgs<Call::Sleep>(args).number<Params<Call::Sleep>::dwMilliseconds>());
    case Call::WaitNamedPipe: {
        std::uint64_t ms = CallArgs<Call::WaitNamedPipe>(args).number<Params<Call::WaitNamedPipe>::nTimeOut>();
        return ms == NMPWAIT_WAIT_FOREVER ? -1 : static_cast<long long>(ms);
    }
    case Call::ReadFile: {
        DWORD timeout = 0;
        // Only mailslots time out a ReadFile; GetMailslotInfo fails on anything else.
        HandleValue file = CallArgs<Call::ReadFile>(args).handle<Params<Call::ReadFile>::hFile>();
        if (GetMailslotInfo(win_handle(file), nullptr, nullptr, nullptr, &timeout)) return finite(timeout);
        return -1;
    }
    default: return -1;
    }
}

CallResult make_call(Call call, const std::vector<Value>& args, const std::string& agent_exe) {
    SetLastError(last_error_sentinel);  // as the model: a call that leaves it alone shows it unchanged
    switch (call) {
#define KOSIM_CALL(name, returns, kind, doc) \
    case Call::name: return operation<Call::name>(CallArgs<Call::name>(args), agent_exe);
#define KOSIM_PARAM(name, type, direction, required, default_value, alias)
#define KOSIM_END()
#include "program/calls.def"
    }
    return finish(Value::none());
}

}  // namespace kosim::native
