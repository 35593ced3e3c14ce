#include "program/calls.h"

#include <algorithm>

#include "win32/constants.h"

namespace kosim {

namespace {

using enum ParamType;
constexpr Direction out = Direction::Out;

constexpr Param in_opt(std::string_view name, ParamType type, std::uint64_t def = 0, std::string_view alias = {}) {
    return Param{name, type, Direction::In, false, def, alias};
}
constexpr Param in_req(std::string_view name, ParamType type, std::string_view alias = {}) {
    return Param{name, type, Direction::In, true, 0, alias};
}
constexpr Param out_param(std::string_view name, ParamType type) { return Param{name, type, out, false, 0, {}}; }

// Parameters in Win32 order. Out parameters (&var in a scenario) bind separately from in parameters.
constexpr Param p_close[] = {in_req("hObject", Handle)};
constexpr Param p_duplicate[] = {
    in_req("hSourceProcessHandle", Handle), in_req("hSourceHandle", Handle), in_req("hTargetProcessHandle", Handle),
    out_param("lpTargetHandle", Handle),
    in_opt("dwDesiredAccess", Dword), in_opt("bInheritHandle", Bool), in_opt("dwOptions", Dword)};
constexpr Param p_get_info[] = {in_req("hObject", Handle), out_param("lpdwFlags", Dword)};
constexpr Param p_set_info[] = {in_req("hObject", Handle), in_req("dwMask", Dword), in_req("dwFlags", Dword)};
constexpr Param p_get_std[] = {in_req("nStdHandle", Dword)};
constexpr Param p_set_std[] = {in_req("nStdHandle", Dword), in_req("hHandle", Handle)};
// CreateProcess: lpApplicationName names the scenario process to start; STARTUPINFO's fields are flattened.
constexpr Param p_create_process[] = {
    in_req("lpApplicationName", String), in_opt("lpCommandLine", OptionalString),
    in_opt("lpProcessAttributes", SecurityAttributes), in_opt("lpThreadAttributes", SecurityAttributes),
    in_opt("bInheritHandles", Bool), in_opt("dwCreationFlags", Dword), in_opt("lpEnvironment", OptionalString),
    in_opt("dwFlags", Dword), in_opt("hStdInput", Handle), in_opt("hStdOutput", Handle), in_opt("hStdError", Handle),
    out_param("lpProcessInformation", Handle)};
constexpr Param p_open_process[] = {in_req("dwDesiredAccess", Dword), in_req("bInheritHandle", Bool), in_req("dwProcessId", Dword)};
constexpr Param p_exit_process[] = {in_req("uExitCode", Dword)};
constexpr Param p_terminate[] = {in_req("hProcess", Handle), in_req("uExitCode", Dword)};
constexpr Param p_exit_code[] = {in_req("hProcess", Handle), out_param("lpExitCode", Dword)};
constexpr Param p_wait[] = {in_req("hHandle", Handle), in_opt("dwMilliseconds", Dword, win32::INFINITE)};
constexpr Param p_sleep[] = {in_req("dwMilliseconds", Dword)};
constexpr Param p_set_env[] = {in_req("lpName", String), in_opt("lpValue", OptionalString)};
constexpr Param p_get_env[] = {in_req("lpName", String), out_param("lpBuffer", String), in_req("nSize", Dword)};
constexpr Param p_create_file[] = {
    in_req("lpFileName", String), in_req("dwDesiredAccess", Dword), in_opt("dwShareMode", Dword),
    in_opt("lpSecurityAttributes", SecurityAttributes, 0, "inherit"), in_req("dwCreationDisposition", Dword),
    in_opt("dwFlagsAndAttributes", Dword), in_opt("hTemplateFile", Handle)};
constexpr Param p_read_file[] = {
    in_req("hFile", Handle), out_param("lpBuffer", String), in_req("nNumberOfBytesToRead", Dword),
    out_param("lpNumberOfBytesRead", Dword)};
// nNumberOfBytesToWrite defaults to the whole of lpBuffer (the runner fills it in when absent).
constexpr Param p_write_file[] = {
    in_req("hFile", Handle), in_req("lpBuffer", String), in_opt("nNumberOfBytesToWrite", Dword, ~std::uint64_t{0}),
    out_param("lpNumberOfBytesWritten", Dword)};
constexpr Param p_create_mailslot[] = {
    in_req("lpName", String), in_opt("nMaxMessageSize", Dword), in_opt("lReadTimeout", Dword, win32::MAILSLOT_WAIT_FOREVER),
    in_opt("lpSecurityAttributes", SecurityAttributes, 0, "inherit")};
constexpr Param p_get_mailslot_info[] = {
    in_req("hMailslot", Handle), out_param("lpMaxMessageSize", Dword), out_param("lpNextSize", Dword),
    out_param("lpMessageCount", Dword), out_param("lpReadTimeout", Dword)};
constexpr Param p_set_mailslot_info[] = {in_req("hMailslot", Handle), in_req("lReadTimeout", Dword)};
constexpr Param p_create_pipe[] = {
    out_param("hReadPipe", Handle), out_param("hWritePipe", Handle),
    in_opt("lpPipeAttributes", SecurityAttributes, 0, "inherit"), in_opt("nSize", Dword)};
constexpr Param p_create_named_pipe[] = {
    in_req("lpName", String), in_req("dwOpenMode", Dword), in_opt("dwPipeMode", Dword), in_opt("nMaxInstances", Dword, 1),
    in_opt("nOutBufferSize", Dword, 4096), in_opt("nInBufferSize", Dword, 4096), in_opt("nDefaultTimeOut", Dword),
    in_opt("lpSecurityAttributes", SecurityAttributes, 0, "inherit")};
constexpr Param p_connect_pipe[] = {in_req("hNamedPipe", Handle), in_opt("lpOverlapped", Dword)};
constexpr Param p_disconnect_pipe[] = {in_req("hNamedPipe", Handle)};
constexpr Param p_wait_pipe[] = {in_req("lpNamedPipeName", String), in_opt("nTimeOut", Dword)};
constexpr Param p_peek_pipe[] = {
    in_req("hNamedPipe", Handle), out_param("lpBuffer", String), in_opt("nBufferSize", Dword),
    out_param("lpBytesRead", Dword), out_param("lpTotalBytesAvail", Dword), out_param("lpBytesLeftThisMessage", Dword)};
constexpr Param p_pipe_state[] = {in_req("hNamedPipe", Handle), in_req("lpMode", Dword)};
constexpr Param p_create_event[] = {
    in_opt("lpEventAttributes", SecurityAttributes, 0, "inherit"), in_req("bManualReset", Bool), in_req("bInitialState", Bool),
    in_opt("lpName", OptionalString)};
constexpr Param p_open_named[] = {in_req("dwDesiredAccess", Dword), in_req("bInheritHandle", Bool), in_req("lpName", String)};
constexpr Param p_handle_only[] = {in_req("hEvent", Handle)};
constexpr Param p_create_mutex[] = {
    in_opt("lpMutexAttributes", SecurityAttributes, 0, "inherit"), in_req("bInitialOwner", Bool), in_opt("lpName", OptionalString)};
constexpr Param p_release_mutex[] = {in_req("hMutex", Handle)};
constexpr Param p_create_semaphore[] = {
    in_opt("lpSemaphoreAttributes", SecurityAttributes, 0, "inherit"), in_req("lInitialCount", Dword),
    in_req("lMaximumCount", Dword), in_opt("lpName", OptionalString)};
constexpr Param p_release_semaphore[] = {
    in_req("hSemaphore", Handle), in_req("lReleaseCount", Dword), out_param("lpPreviousCount", Dword)};

constexpr std::span<const Param> none{};

constexpr CallInfo table[] = {
    {Call::CloseHandle, "CloseHandle", Returns::Bool, p_close, false, false, "handleapi/nf-handleapi-closehandle"},
    {Call::DuplicateHandle, "DuplicateHandle", Returns::Bool, p_duplicate, false, false, "handleapi/nf-handleapi-duplicatehandle"},
    {Call::GetHandleInformation, "GetHandleInformation", Returns::Bool, p_get_info, false, false, "handleapi/nf-handleapi-gethandleinformation"},
    {Call::SetHandleInformation, "SetHandleInformation", Returns::Bool, p_set_info, false, false, "handleapi/nf-handleapi-sethandleinformation"},
    {Call::GetCurrentProcess, "GetCurrentProcess", Returns::Handle, none, false, true, "processthreadsapi/nf-processthreadsapi-getcurrentprocess"},
    {Call::GetCurrentThread, "GetCurrentThread", Returns::Handle, none, false, true, "processthreadsapi/nf-processthreadsapi-getcurrentthread"},
    {Call::GetCurrentProcessId, "GetCurrentProcessId", Returns::Dword, none, false, true, "processthreadsapi/nf-processthreadsapi-getcurrentprocessid"},
    {Call::GetCurrentThreadId, "GetCurrentThreadId", Returns::Dword, none, false, true, "processthreadsapi/nf-processthreadsapi-getcurrentthreadid"},
    {Call::GetStdHandle, "GetStdHandle", Returns::Handle, p_get_std, false, true, "processenv/nf-processenv-getstdhandle"},
    {Call::SetStdHandle, "SetStdHandle", Returns::Bool, p_set_std, false, false, "processenv/nf-processenv-setstdhandle"},
    {Call::CreateProcess, "CreateProcess", Returns::Bool, p_create_process, false, false, "processthreadsapi/nf-processthreadsapi-createprocessa"},
    {Call::OpenProcess, "OpenProcess", Returns::Handle, p_open_process, false, false, "processthreadsapi/nf-processthreadsapi-openprocess"},
    {Call::ExitProcess, "ExitProcess", Returns::Void, p_exit_process, false, false, "processthreadsapi/nf-processthreadsapi-exitprocess"},
    {Call::TerminateProcess, "TerminateProcess", Returns::Bool, p_terminate, false, false, "processthreadsapi/nf-processthreadsapi-terminateprocess"},
    {Call::GetExitCodeProcess, "GetExitCodeProcess", Returns::Bool, p_exit_code, false, false, "processthreadsapi/nf-processthreadsapi-getexitcodeprocess"},
    {Call::WaitForSingleObject, "WaitForSingleObject", Returns::Dword, p_wait, true, false, "synchapi/nf-synchapi-waitforsingleobject"},
    {Call::Sleep, "Sleep", Returns::Void, p_sleep, true, false, "synchapi/nf-synchapi-sleep"},
    {Call::GetCommandLine, "GetCommandLine", Returns::String, none, false, true, "processenv/nf-processenv-getcommandlinea"},
    {Call::SetEnvironmentVariable, "SetEnvironmentVariable", Returns::Bool, p_set_env, false, false, "processenv/nf-processenv-setenvironmentvariablea"},
    {Call::GetEnvironmentVariable, "GetEnvironmentVariable", Returns::Dword, p_get_env, false, false, "processenv/nf-processenv-getenvironmentvariablea"},
    {Call::CreateFile, "CreateFile", Returns::Handle, p_create_file, false, false, "fileapi/nf-fileapi-createfilea"},
    {Call::ReadFile, "ReadFile", Returns::Bool, p_read_file, true, false, "fileapi/nf-fileapi-readfile"},
    {Call::WriteFile, "WriteFile", Returns::Bool, p_write_file, true, false, "fileapi/nf-fileapi-writefile"},
    {Call::CreateMailslot, "CreateMailslot", Returns::Handle, p_create_mailslot, false, false, "winbase/nf-winbase-createmailslota"},
    {Call::GetMailslotInfo, "GetMailslotInfo", Returns::Bool, p_get_mailslot_info, false, false, "winbase/nf-winbase-getmailslotinfo"},
    {Call::SetMailslotInfo, "SetMailslotInfo", Returns::Bool, p_set_mailslot_info, false, false, "winbase/nf-winbase-setmailslotinfo"},
    {Call::CreatePipe, "CreatePipe", Returns::Bool, p_create_pipe, false, false, "namedpipeapi/nf-namedpipeapi-createpipe"},
    {Call::CreateNamedPipe, "CreateNamedPipe", Returns::Handle, p_create_named_pipe, false, false, "winbase/nf-winbase-createnamedpipea"},
    {Call::ConnectNamedPipe, "ConnectNamedPipe", Returns::Bool, p_connect_pipe, true, false, "namedpipeapi/nf-namedpipeapi-connectnamedpipe"},
    {Call::DisconnectNamedPipe, "DisconnectNamedPipe", Returns::Bool, p_disconnect_pipe, false, false, "namedpipeapi/nf-namedpipeapi-disconnectnamedpipe"},
    {Call::WaitNamedPipe, "WaitNamedPipe", Returns::Bool, p_wait_pipe, true, false, "winbase/nf-winbase-waitnamedpipea"},
    {Call::PeekNamedPipe, "PeekNamedPipe", Returns::Bool, p_peek_pipe, false, false, "namedpipeapi/nf-namedpipeapi-peeknamedpipe"},
    {Call::SetNamedPipeHandleState, "SetNamedPipeHandleState", Returns::Bool, p_pipe_state, false, false, "namedpipeapi/nf-namedpipeapi-setnamedpipehandlestate"},
    {Call::CreateEvent, "CreateEvent", Returns::Handle, p_create_event, false, false, "synchapi/nf-synchapi-createeventa"},
    {Call::OpenEvent, "OpenEvent", Returns::Handle, p_open_named, false, false, "synchapi/nf-synchapi-openeventa"},
    {Call::SetEvent, "SetEvent", Returns::Bool, p_handle_only, false, false, "synchapi/nf-synchapi-setevent"},
    {Call::ResetEvent, "ResetEvent", Returns::Bool, p_handle_only, false, false, "synchapi/nf-synchapi-resetevent"},
    {Call::CreateMutex, "CreateMutex", Returns::Handle, p_create_mutex, false, false, "synchapi/nf-synchapi-createmutexa"},
    {Call::OpenMutex, "OpenMutex", Returns::Handle, p_open_named, false, false, "synchapi/nf-synchapi-openmutexw"},
    {Call::ReleaseMutex, "ReleaseMutex", Returns::Bool, p_release_mutex, false, false, "synchapi/nf-synchapi-releasemutex"},
    {Call::CreateSemaphore, "CreateSemaphore", Returns::Handle, p_create_semaphore, false, false, "winbase/nf-winbase-createsemaphorea"},
    {Call::OpenSemaphore, "OpenSemaphore", Returns::Handle, p_open_named, false, false, "synchapi/nf-synchapi-opensemaphorew"},
    {Call::ReleaseSemaphore, "ReleaseSemaphore", Returns::Bool, p_release_semaphore, false, false, "synchapi/nf-synchapi-releasesemaphore"},
};
static_assert(std::size(table) == call_count, "one row per Call");
constexpr bool rows_in_enum_order() {
    for (std::size_t i = 0; i < std::size(table); ++i)
        if (static_cast<std::size_t>(table[i].call) != i) return false;
    return true;
}
static_assert(rows_in_enum_order(), "call_info() indexes the table by Call");

}  // namespace

std::span<const CallInfo> all_calls() { return table; }

const CallInfo& call_info(Call call) { return table[static_cast<std::size_t>(call)]; }

std::optional<Call> find_call(std::string_view name) {
    for (const CallInfo& info : table)
        if (info.name == name) return info.call;
    // CreateFileA / CreateFileW name the same call.
    if (name.size() > 1 && (name.back() == 'A' || name.back() == 'W')) {
        std::string_view stem = name.substr(0, name.size() - 1);
        for (const CallInfo& info : table)
            if (info.name == stem) return info.call;
    }
    return std::nullopt;
}

int param_index(const CallInfo& info, std::string_view name) {
    for (std::size_t i = 0; i < info.params.size(); ++i)
        if (info.params[i].name == name || (!info.params[i].alias.empty() && info.params[i].alias == name))
            return static_cast<int>(i);
    return -1;
}

}  // namespace kosim
