// The wrappers: one per hooked export, each making the real call and reporting it with its
// arguments by Win32 parameter name (the names of sim/program/calls.def, which the recorder checks).
// A and W exports report the same kosim call ("CreateFile"); texts go as UTF-8.
#include "hook.h"

#include <cstring>

namespace kosim::record_hook {

namespace {

json dword_out(const DWORD* p) { return p ? int_value(*p) : json(nullptr); }
json bool_result(BOOL b) { return int_value(b ? 1 : 0); }

// The real functions, filled in by patch_imports for the exports the program imports.
#define KOSIM_REAL(name) decltype(&::name) real_##name = nullptr;
KOSIM_REAL(CloseHandle) KOSIM_REAL(DuplicateHandle) KOSIM_REAL(GetHandleInformation) KOSIM_REAL(SetHandleInformation)
KOSIM_REAL(GetCurrentProcess) KOSIM_REAL(GetCurrentThread) KOSIM_REAL(GetCurrentProcessId) KOSIM_REAL(GetCurrentThreadId)
KOSIM_REAL(GetStdHandle) KOSIM_REAL(SetStdHandle) KOSIM_REAL(CreateProcessA) KOSIM_REAL(CreateProcessW)
KOSIM_REAL(OpenProcess) KOSIM_REAL(ExitProcess) KOSIM_REAL(TerminateProcess) KOSIM_REAL(GetExitCodeProcess)
KOSIM_REAL(WaitForSingleObject) KOSIM_REAL(WaitForMultipleObjects) KOSIM_REAL(Sleep)
KOSIM_REAL(GetCommandLineA) KOSIM_REAL(GetCommandLineW)
KOSIM_REAL(SetEnvironmentVariableA) KOSIM_REAL(SetEnvironmentVariableW)
KOSIM_REAL(GetEnvironmentVariableA) KOSIM_REAL(GetEnvironmentVariableW)
KOSIM_REAL(CreateFileA) KOSIM_REAL(CreateFileW) KOSIM_REAL(ReadFile) KOSIM_REAL(WriteFile)
KOSIM_REAL(CreateMailslotA) KOSIM_REAL(CreateMailslotW) KOSIM_REAL(GetMailslotInfo) KOSIM_REAL(SetMailslotInfo)
KOSIM_REAL(CreatePipe) KOSIM_REAL(CreateNamedPipeA) KOSIM_REAL(CreateNamedPipeW) KOSIM_REAL(ConnectNamedPipe)
KOSIM_REAL(DisconnectNamedPipe) KOSIM_REAL(WaitNamedPipeA) KOSIM_REAL(WaitNamedPipeW) KOSIM_REAL(PeekNamedPipe)
KOSIM_REAL(SetNamedPipeHandleState)
KOSIM_REAL(CreateEventA) KOSIM_REAL(CreateEventW) KOSIM_REAL(OpenEventA) KOSIM_REAL(OpenEventW)
KOSIM_REAL(SetEvent) KOSIM_REAL(ResetEvent)
KOSIM_REAL(CreateMutexA) KOSIM_REAL(CreateMutexW) KOSIM_REAL(OpenMutexA) KOSIM_REAL(OpenMutexW) KOSIM_REAL(ReleaseMutex)
KOSIM_REAL(CreateSemaphoreA) KOSIM_REAL(CreateSemaphoreW) KOSIM_REAL(OpenSemaphoreA) KOSIM_REAL(OpenSemaphoreW)
KOSIM_REAL(ReleaseSemaphore)
#undef KOSIM_REAL

// ---- handles ----
BOOL WINAPI hook_CloseHandle(HANDLE hObject) {
    begin_call();
    BOOL r = real_CloseHandle(hObject);
    report("CloseHandle", "CloseHandle", {{"hObject", handle_value(hObject)}}, json::object(), bool_result(r), GetLastError());
    return r;
}
BOOL WINAPI hook_DuplicateHandle(HANDLE hSourceProcessHandle, HANDLE hSourceHandle, HANDLE hTargetProcessHandle,
                                 LPHANDLE lpTargetHandle, DWORD dwDesiredAccess, BOOL bInheritHandle, DWORD dwOptions) {
    begin_call();
    BOOL r = real_DuplicateHandle(hSourceProcessHandle, hSourceHandle, hTargetProcessHandle, lpTargetHandle,
                                  dwDesiredAccess, bInheritHandle, dwOptions);
    DWORD e = GetLastError();
    report("DuplicateHandle", "DuplicateHandle",
           {{"hSourceProcessHandle", handle_value(hSourceProcessHandle)}, {"hSourceHandle", handle_value(hSourceHandle)},
            {"hTargetProcessHandle", handle_value(hTargetProcessHandle)}, {"dwDesiredAccess", int_value(dwDesiredAccess)},
            {"bInheritHandle", int_value(bInheritHandle ? 1 : 0)}, {"dwOptions", int_value(dwOptions)}},
           {{"lpTargetHandle", r && lpTargetHandle ? handle_value(*lpTargetHandle) : json(nullptr)}}, bool_result(r), e);
    return r;
}
BOOL WINAPI hook_GetHandleInformation(HANDLE hObject, LPDWORD lpdwFlags) {
    begin_call();
    BOOL r = real_GetHandleInformation(hObject, lpdwFlags);
    DWORD e = GetLastError();
    report("GetHandleInformation", "GetHandleInformation", {{"hObject", handle_value(hObject)}},
           {{"lpdwFlags", r ? dword_out(lpdwFlags) : json(nullptr)}}, bool_result(r), e);
    return r;
}
BOOL WINAPI hook_SetHandleInformation(HANDLE hObject, DWORD dwMask, DWORD dwFlags) {
    begin_call();
    BOOL r = real_SetHandleInformation(hObject, dwMask, dwFlags);
    report("SetHandleInformation", "SetHandleInformation",
           {{"hObject", handle_value(hObject)}, {"dwMask", int_value(dwMask)}, {"dwFlags", int_value(dwFlags)}},
           json::object(), bool_result(r), GetLastError());
    return r;
}
HANDLE WINAPI hook_GetCurrentProcess() {
    begin_call();
    HANDLE r = real_GetCurrentProcess();
    report("GetCurrentProcess", "GetCurrentProcess", json::object(), json::object(), handle_value(r), GetLastError());
    return r;
}
HANDLE WINAPI hook_GetCurrentThread() {
    begin_call();
    HANDLE r = real_GetCurrentThread();
    report("GetCurrentThread", "GetCurrentThread", json::object(), json::object(), handle_value(r), GetLastError());
    return r;
}
DWORD WINAPI hook_GetCurrentProcessId() {
    begin_call();
    DWORD r = real_GetCurrentProcessId();
    report("GetCurrentProcessId", "GetCurrentProcessId", json::object(), json::object(), int_value(r), GetLastError());
    return r;
}
DWORD WINAPI hook_GetCurrentThreadId() {
    begin_call();
    DWORD r = real_GetCurrentThreadId();
    report("GetCurrentThreadId", "GetCurrentThreadId", json::object(), json::object(), int_value(r), GetLastError());
    return r;
}
HANDLE WINAPI hook_GetStdHandle(DWORD nStdHandle) {
    begin_call();
    HANDLE r = real_GetStdHandle(nStdHandle);
    report("GetStdHandle", "GetStdHandle", {{"nStdHandle", int_value(nStdHandle)}}, json::object(), handle_value(r), GetLastError());
    return r;
}
BOOL WINAPI hook_SetStdHandle(DWORD nStdHandle, HANDLE hHandle) {
    begin_call();
    BOOL r = real_SetStdHandle(nStdHandle, hHandle);
    report("SetStdHandle", "SetStdHandle", {{"nStdHandle", int_value(nStdHandle)}, {"hHandle", handle_value(hHandle)}},
           json::object(), bool_result(r), GetLastError());
    return r;
}

// ---- processes ----
json process_information(const PROCESS_INFORMATION& pi) {
    return {{"record", {{"hProcess", handle_value(pi.hProcess)}, {"hThread", handle_value(pi.hThread)},
                        {"dwProcessId", int_value(pi.dwProcessId)}, {"dwThreadId", int_value(pi.dwThreadId)}}}};
}
json startup_arguments(json arguments, DWORD dwFlags, HANDLE in, HANDLE out, HANDLE err) {
    arguments["dwFlags"] = int_value(dwFlags);
    if (dwFlags & STARTF_USESTDHANDLES) {
        arguments["hStdInput"] = handle_value(in);
        arguments["hStdOutput"] = handle_value(out);
        arguments["hStdError"] = handle_value(err);
    }
    return arguments;
}
// The child starts suspended whatever the program asked, so that the recorder can load this DLL
// into it first; it is resumed afterwards unless the program asked for CREATE_SUSPENDED itself.
template <typename Real, typename Char, typename Startup>
BOOL create_process(Real real, const char* function, const Char* application, Char* command_line,
                    LPSECURITY_ATTRIBUTES process_attributes, LPSECURITY_ATTRIBUTES thread_attributes, BOOL inherit,
                    DWORD flags, LPVOID environment, const Char* directory, Startup* startup, LPPROCESS_INFORMATION pi,
                    json (*text)(const Char*)) {
    json arguments{{"lpApplicationName", text(application)}, {"lpCommandLine", text(command_line)},
                   {"lpProcessAttributes", security_value(process_attributes)},
                   {"lpThreadAttributes", security_value(thread_attributes)},
                   {"bInheritHandles", int_value(inherit ? 1 : 0)}, {"dwCreationFlags", int_value(flags)},
                   {"lpCurrentDirectory", text(directory)}};
    if (startup) arguments = startup_arguments(arguments, startup->dwFlags, startup->hStdInput, startup->hStdOutput, startup->hStdError);
    BOOL r = real(application, command_line, process_attributes, thread_attributes, inherit, flags | CREATE_SUSPENDED,
                  environment, directory, startup, pi);
    DWORD e = GetLastError();
    if (r && pi) {
        announce_child(*pi);
        if (!(flags & CREATE_SUSPENDED)) ResumeThread(pi->hThread);
    }
    report(function, "CreateProcess", std::move(arguments), {{"lpProcessInformation", r && pi ? process_information(*pi) : json(nullptr)}},
           bool_result(r), e);
    return r;
}
json ansi_of(const char* s) { return ansi_text(s); }
json wide_of(const wchar_t* s) { return wide_text(s); }
BOOL WINAPI hook_CreateProcessA(LPCSTR a, LPSTR c, LPSECURITY_ATTRIBUTES pa, LPSECURITY_ATTRIBUTES ta, BOOL i, DWORD f,
                                LPVOID env, LPCSTR dir, LPSTARTUPINFOA si, LPPROCESS_INFORMATION pi) {
    begin_call();
    return create_process(real_CreateProcessA, "CreateProcessA", a, c, pa, ta, i, f, env, dir, si, pi, ansi_of);
}
BOOL WINAPI hook_CreateProcessW(LPCWSTR a, LPWSTR c, LPSECURITY_ATTRIBUTES pa, LPSECURITY_ATTRIBUTES ta, BOOL i, DWORD f,
                                LPVOID env, LPCWSTR dir, LPSTARTUPINFOW si, LPPROCESS_INFORMATION pi) {
    begin_call();
    return create_process(real_CreateProcessW, "CreateProcessW", a, c, pa, ta, i, f, env, dir, si, pi, wide_of);
}
HANDLE WINAPI hook_OpenProcess(DWORD dwDesiredAccess, BOOL bInheritHandle, DWORD dwProcessId) {
    begin_call();
    HANDLE r = real_OpenProcess(dwDesiredAccess, bInheritHandle, dwProcessId);
    report("OpenProcess", "OpenProcess", {{"dwDesiredAccess", int_value(dwDesiredAccess)}, {"bInheritHandle", int_value(bInheritHandle ? 1 : 0)},
                                          {"dwProcessId", int_value(dwProcessId)}}, json::object(), handle_value(r), GetLastError());
    return r;
}
void WINAPI hook_ExitProcess(UINT uExitCode) {
    begin_call();
    // Reported before: ExitProcess does not return. The recorder sees the exit itself afterwards.
    report("ExitProcess", "ExitProcess", {{"uExitCode", int_value(uExitCode)}}, json::object(), nullptr, GetLastError());
    real_ExitProcess(uExitCode);
}
BOOL WINAPI hook_TerminateProcess(HANDLE hProcess, UINT uExitCode) {
    begin_call();
    BOOL r = real_TerminateProcess(hProcess, uExitCode);
    report("TerminateProcess", "TerminateProcess", {{"hProcess", handle_value(hProcess)}, {"uExitCode", int_value(uExitCode)}},
           json::object(), bool_result(r), GetLastError());
    return r;
}
BOOL WINAPI hook_GetExitCodeProcess(HANDLE hProcess, LPDWORD lpExitCode) {
    begin_call();
    BOOL r = real_GetExitCodeProcess(hProcess, lpExitCode);
    DWORD e = GetLastError();
    report("GetExitCodeProcess", "GetExitCodeProcess", {{"hProcess", handle_value(hProcess)}},
           {{"lpExitCode", r ? dword_out(lpExitCode) : json(nullptr)}}, bool_result(r), e);
    return r;
}
DWORD WINAPI hook_WaitForSingleObject(HANDLE hHandle, DWORD dwMilliseconds) {
    json arguments{{"hHandle", handle_value(hHandle)}, {"dwMilliseconds", int_value(dwMilliseconds)}};
    announce("WaitForSingleObject", "WaitForSingleObject", arguments);
    DWORD r = real_WaitForSingleObject(hHandle, dwMilliseconds);
    report("WaitForSingleObject", "WaitForSingleObject", std::move(arguments), json::object(), int_value(r), GetLastError());
    return r;
}
DWORD WINAPI hook_WaitForMultipleObjects(DWORD nCount, const HANDLE* lpHandles, BOOL bWaitAll, DWORD dwMilliseconds) {
    json handles = json::array();
    for (DWORD i = 0; lpHandles && i < nCount && i < 64; ++i) handles.push_back(handle_value(lpHandles[i]));
    json arguments{{"nCount", int_value(nCount)}, {"lpHandles", {{"list", handles}}}, {"bWaitAll", int_value(bWaitAll ? 1 : 0)},
                   {"dwMilliseconds", int_value(dwMilliseconds)}};
    announce("WaitForMultipleObjects", "WaitForMultipleObjects", arguments);
    DWORD r = real_WaitForMultipleObjects(nCount, lpHandles, bWaitAll, dwMilliseconds);
    report("WaitForMultipleObjects", "WaitForMultipleObjects", std::move(arguments), json::object(), int_value(r), GetLastError());
    return r;
}
void WINAPI hook_Sleep(DWORD dwMilliseconds) {
    json arguments{{"dwMilliseconds", int_value(dwMilliseconds)}};
    announce("Sleep", "Sleep", arguments);   // a wait: other processes go on meanwhile
    real_Sleep(dwMilliseconds);
    report("Sleep", "Sleep", std::move(arguments), json::object(), nullptr, GetLastError());
}

// ---- command line and environment ----
LPSTR WINAPI hook_GetCommandLineA() {
    begin_call();
    LPSTR r = real_GetCommandLineA();
    report("GetCommandLineA", "GetCommandLine", json::object(), json::object(), ansi_text(r), GetLastError());
    return r;
}
LPWSTR WINAPI hook_GetCommandLineW() {
    begin_call();
    LPWSTR r = real_GetCommandLineW();
    report("GetCommandLineW", "GetCommandLine", json::object(), json::object(), wide_text(r), GetLastError());
    return r;
}
BOOL WINAPI hook_SetEnvironmentVariableA(LPCSTR lpName, LPCSTR lpValue) {
    begin_call();
    BOOL r = real_SetEnvironmentVariableA(lpName, lpValue);
    report("SetEnvironmentVariableA", "SetEnvironmentVariable", {{"lpName", ansi_text(lpName)}, {"lpValue", ansi_text(lpValue)}},
           json::object(), bool_result(r), GetLastError());
    return r;
}
BOOL WINAPI hook_SetEnvironmentVariableW(LPCWSTR lpName, LPCWSTR lpValue) {
    begin_call();
    BOOL r = real_SetEnvironmentVariableW(lpName, lpValue);
    report("SetEnvironmentVariableW", "SetEnvironmentVariable", {{"lpName", wide_text(lpName)}, {"lpValue", wide_text(lpValue)}},
           json::object(), bool_result(r), GetLastError());
    return r;
}
DWORD WINAPI hook_GetEnvironmentVariableA(LPCSTR lpName, LPSTR lpBuffer, DWORD nSize) {
    begin_call();
    DWORD r = real_GetEnvironmentVariableA(lpName, lpBuffer, nSize);
    DWORD e = GetLastError();
    report("GetEnvironmentVariableA", "GetEnvironmentVariable", {{"lpName", ansi_text(lpName)}, {"nSize", int_value(nSize)}},
           {{"lpBuffer", r && r < nSize && lpBuffer ? ansi_text(lpBuffer) : json(nullptr)}}, int_value(r), e);
    return r;
}
DWORD WINAPI hook_GetEnvironmentVariableW(LPCWSTR lpName, LPWSTR lpBuffer, DWORD nSize) {
    begin_call();
    DWORD r = real_GetEnvironmentVariableW(lpName, lpBuffer, nSize);
    DWORD e = GetLastError();
    report("GetEnvironmentVariableW", "GetEnvironmentVariable", {{"lpName", wide_text(lpName)}, {"nSize", int_value(nSize)}},
           {{"lpBuffer", r && r < nSize && lpBuffer ? wide_text(lpBuffer) : json(nullptr)}}, int_value(r), e);
    return r;
}

// ---- files ----
template <typename Char>
HANDLE create_file(decltype(&::CreateFileA) real_a, decltype(&::CreateFileW) real_w, const char* function, const Char* name,
                   DWORD access, DWORD share, LPSECURITY_ATTRIBUTES sa, DWORD disposition, DWORD flags, HANDLE templ) {
    HANDLE r;
    json file_name;
    if constexpr (sizeof(Char) == 1) {
        r = real_a(name, access, share, sa, disposition, flags, templ);
        file_name = ansi_text(name);
    } else {
        r = real_w(name, access, share, sa, disposition, flags, templ);
        file_name = wide_text(name);
    }
    DWORD e = GetLastError();
    report(function, "CreateFile",
           {{"lpFileName", file_name}, {"dwDesiredAccess", int_value(access)}, {"dwShareMode", int_value(share)},
            {"lpSecurityAttributes", security_value(sa)}, {"dwCreationDisposition", int_value(disposition)},
            {"dwFlagsAndAttributes", int_value(flags)}},
           json::object(), handle_value(r), e);
    return r;
}
HANDLE WINAPI hook_CreateFileA(LPCSTR n, DWORD a, DWORD s, LPSECURITY_ATTRIBUTES sa, DWORD d, DWORD f, HANDLE t) {
    begin_call();
    return create_file<char>(real_CreateFileA, nullptr, "CreateFileA", n, a, s, sa, d, f, t);
}
HANDLE WINAPI hook_CreateFileW(LPCWSTR n, DWORD a, DWORD s, LPSECURITY_ATTRIBUTES sa, DWORD d, DWORD f, HANDLE t) {
    begin_call();
    return create_file<wchar_t>(nullptr, real_CreateFileW, "CreateFileW", n, a, s, sa, d, f, t);
}
BOOL WINAPI hook_ReadFile(HANDLE hFile, LPVOID lpBuffer, DWORD nNumberOfBytesToRead, LPDWORD lpNumberOfBytesRead, LPOVERLAPPED o) {
    announce("ReadFile", "ReadFile", {{"hFile", handle_value(hFile)}, {"nNumberOfBytesToRead", int_value(nNumberOfBytesToRead)}});
    DWORD read = 0;
    BOOL r = real_ReadFile(hFile, lpBuffer, nNumberOfBytesToRead, lpNumberOfBytesRead ? lpNumberOfBytesRead : (o ? nullptr : &read), o);
    DWORD e = GetLastError();
    if (lpNumberOfBytesRead) read = *lpNumberOfBytesRead;
    report("ReadFile", "ReadFile", {{"hFile", handle_value(hFile)}, {"nNumberOfBytesToRead", int_value(nNumberOfBytesToRead)}},
           {{"lpBuffer", r && !o ? bytes_value(lpBuffer, read) : json(nullptr)}, {"lpNumberOfBytesRead", int_value(read)}},
           bool_result(r), e);
    return r;
}
BOOL WINAPI hook_WriteFile(HANDLE hFile, LPCVOID lpBuffer, DWORD nNumberOfBytesToWrite, LPDWORD lpNumberOfBytesWritten, LPOVERLAPPED o) {
    json arguments{{"hFile", handle_value(hFile)}, {"lpBuffer", lpBuffer ? bytes_value(lpBuffer, nNumberOfBytesToWrite) : json(nullptr)},
                   {"nNumberOfBytesToWrite", int_value(nNumberOfBytesToWrite)}};
    // A write to a pipe may block until a reader makes room; any other (a mailslot, a file) returns at
    // once, so it holds the turn: a reader it wakes cannot close its handle before this step's snapshot.
    DWORD error = GetLastError();
    const bool may_block = o == nullptr && GetFileType(hFile) == FILE_TYPE_PIPE;
    SetLastError(error);
    if (may_block) announce("WriteFile", "WriteFile", arguments);
    else begin_call();
    DWORD written = 0;
    BOOL r = real_WriteFile(hFile, lpBuffer, nNumberOfBytesToWrite, lpNumberOfBytesWritten ? lpNumberOfBytesWritten : (o ? nullptr : &written), o);
    DWORD e = GetLastError();
    if (lpNumberOfBytesWritten) written = *lpNumberOfBytesWritten;
    report("WriteFile", "WriteFile", std::move(arguments), {{"lpNumberOfBytesWritten", int_value(written)}}, bool_result(r), e);
    return r;
}

// ---- mailslots ----
HANDLE WINAPI hook_CreateMailslotA(LPCSTR lpName, DWORD nMaxMessageSize, DWORD lReadTimeout, LPSECURITY_ATTRIBUTES sa) {
    begin_call();
    HANDLE r = real_CreateMailslotA(lpName, nMaxMessageSize, lReadTimeout, sa);
    DWORD e = GetLastError();
    report("CreateMailslotA", "CreateMailslot", {{"lpName", ansi_text(lpName)}, {"nMaxMessageSize", int_value(nMaxMessageSize)},
                                                 {"lReadTimeout", int_value(lReadTimeout)}, {"lpSecurityAttributes", security_value(sa)}},
           json::object(), handle_value(r), e);
    return r;
}
HANDLE WINAPI hook_CreateMailslotW(LPCWSTR lpName, DWORD nMaxMessageSize, DWORD lReadTimeout, LPSECURITY_ATTRIBUTES sa) {
    begin_call();
    HANDLE r = real_CreateMailslotW(lpName, nMaxMessageSize, lReadTimeout, sa);
    DWORD e = GetLastError();
    report("CreateMailslotW", "CreateMailslot", {{"lpName", wide_text(lpName)}, {"nMaxMessageSize", int_value(nMaxMessageSize)},
                                                 {"lReadTimeout", int_value(lReadTimeout)}, {"lpSecurityAttributes", security_value(sa)}},
           json::object(), handle_value(r), e);
    return r;
}
BOOL WINAPI hook_GetMailslotInfo(HANDLE hMailslot, LPDWORD max, LPDWORD next, LPDWORD count, LPDWORD timeout) {
    begin_call();
    BOOL r = real_GetMailslotInfo(hMailslot, max, next, count, timeout);
    DWORD e = GetLastError();
    report("GetMailslotInfo", "GetMailslotInfo", {{"hMailslot", handle_value(hMailslot)}},
           {{"lpMaxMessageSize", r ? dword_out(max) : json(nullptr)}, {"lpNextSize", r ? dword_out(next) : json(nullptr)},
            {"lpMessageCount", r ? dword_out(count) : json(nullptr)}, {"lpReadTimeout", r ? dword_out(timeout) : json(nullptr)}},
           bool_result(r), e);
    return r;
}
BOOL WINAPI hook_SetMailslotInfo(HANDLE hMailslot, DWORD lReadTimeout) {
    begin_call();
    BOOL r = real_SetMailslotInfo(hMailslot, lReadTimeout);
    report("SetMailslotInfo", "SetMailslotInfo", {{"hMailslot", handle_value(hMailslot)}, {"lReadTimeout", int_value(lReadTimeout)}},
           json::object(), bool_result(r), GetLastError());
    return r;
}

// ---- pipes ----
BOOL WINAPI hook_CreatePipe(PHANDLE hReadPipe, PHANDLE hWritePipe, LPSECURITY_ATTRIBUTES sa, DWORD nSize) {
    begin_call();
    BOOL r = real_CreatePipe(hReadPipe, hWritePipe, sa, nSize);
    DWORD e = GetLastError();
    report("CreatePipe", "CreatePipe", {{"lpPipeAttributes", security_value(sa)}, {"nSize", int_value(nSize)}},
           {{"hReadPipe", r ? handle_value(*hReadPipe) : json(nullptr)}, {"hWritePipe", r ? handle_value(*hWritePipe) : json(nullptr)}},
           bool_result(r), e);
    return r;
}
json named_pipe_arguments(json name, DWORD open_mode, DWORD pipe_mode, DWORD instances, DWORD out_size, DWORD in_size,
                          DWORD timeout, LPSECURITY_ATTRIBUTES sa) {
    return {{"lpName", std::move(name)}, {"dwOpenMode", int_value(open_mode)}, {"dwPipeMode", int_value(pipe_mode)},
            {"nMaxInstances", int_value(instances)}, {"nOutBufferSize", int_value(out_size)}, {"nInBufferSize", int_value(in_size)},
            {"nDefaultTimeOut", int_value(timeout)}, {"lpSecurityAttributes", security_value(sa)}};
}
HANDLE WINAPI hook_CreateNamedPipeA(LPCSTR n, DWORD om, DWORD pm, DWORD mi, DWORD os, DWORD is, DWORD t, LPSECURITY_ATTRIBUTES sa) {
    begin_call();
    HANDLE r = real_CreateNamedPipeA(n, om, pm, mi, os, is, t, sa);
    DWORD e = GetLastError();
    report("CreateNamedPipeA", "CreateNamedPipe", named_pipe_arguments(ansi_text(n), om, pm, mi, os, is, t, sa), json::object(), handle_value(r), e);
    return r;
}
HANDLE WINAPI hook_CreateNamedPipeW(LPCWSTR n, DWORD om, DWORD pm, DWORD mi, DWORD os, DWORD is, DWORD t, LPSECURITY_ATTRIBUTES sa) {
    begin_call();
    HANDLE r = real_CreateNamedPipeW(n, om, pm, mi, os, is, t, sa);
    DWORD e = GetLastError();
    report("CreateNamedPipeW", "CreateNamedPipe", named_pipe_arguments(wide_text(n), om, pm, mi, os, is, t, sa), json::object(), handle_value(r), e);
    return r;
}
BOOL WINAPI hook_ConnectNamedPipe(HANDLE hNamedPipe, LPOVERLAPPED lpOverlapped) {
    json arguments{{"hNamedPipe", handle_value(hNamedPipe)}, {"lpOverlapped", lpOverlapped ? int_value(1) : json(nullptr)}};
    announce("ConnectNamedPipe", "ConnectNamedPipe", arguments);
    BOOL r = real_ConnectNamedPipe(hNamedPipe, lpOverlapped);
    report("ConnectNamedPipe", "ConnectNamedPipe", std::move(arguments), json::object(), bool_result(r), GetLastError());
    return r;
}
BOOL WINAPI hook_DisconnectNamedPipe(HANDLE hNamedPipe) {
    begin_call();
    BOOL r = real_DisconnectNamedPipe(hNamedPipe);
    report("DisconnectNamedPipe", "DisconnectNamedPipe", {{"hNamedPipe", handle_value(hNamedPipe)}}, json::object(), bool_result(r), GetLastError());
    return r;
}
BOOL WINAPI hook_WaitNamedPipeA(LPCSTR lpNamedPipeName, DWORD nTimeOut) {
    json arguments{{"lpNamedPipeName", ansi_text(lpNamedPipeName)}, {"nTimeOut", int_value(nTimeOut)}};
    announce("WaitNamedPipeA", "WaitNamedPipe", arguments);
    BOOL r = real_WaitNamedPipeA(lpNamedPipeName, nTimeOut);
    report("WaitNamedPipeA", "WaitNamedPipe", std::move(arguments), json::object(), bool_result(r), GetLastError());
    return r;
}
BOOL WINAPI hook_WaitNamedPipeW(LPCWSTR lpNamedPipeName, DWORD nTimeOut) {
    json arguments{{"lpNamedPipeName", wide_text(lpNamedPipeName)}, {"nTimeOut", int_value(nTimeOut)}};
    announce("WaitNamedPipeW", "WaitNamedPipe", arguments);
    BOOL r = real_WaitNamedPipeW(lpNamedPipeName, nTimeOut);
    report("WaitNamedPipeW", "WaitNamedPipe", std::move(arguments), json::object(), bool_result(r), GetLastError());
    return r;
}
BOOL WINAPI hook_PeekNamedPipe(HANDLE hNamedPipe, LPVOID lpBuffer, DWORD nBufferSize, LPDWORD lpBytesRead, LPDWORD lpTotalBytesAvail,
                               LPDWORD lpBytesLeftThisMessage) {
    begin_call();
    BOOL r = real_PeekNamedPipe(hNamedPipe, lpBuffer, nBufferSize, lpBytesRead, lpTotalBytesAvail, lpBytesLeftThisMessage);
    DWORD e = GetLastError();
    report("PeekNamedPipe", "PeekNamedPipe", {{"hNamedPipe", handle_value(hNamedPipe)}, {"nBufferSize", int_value(nBufferSize)}},
           {{"lpBuffer", r && lpBuffer && lpBytesRead ? bytes_value(lpBuffer, *lpBytesRead) : json(nullptr)},
            {"lpBytesRead", r ? dword_out(lpBytesRead) : json(nullptr)}, {"lpTotalBytesAvail", r ? dword_out(lpTotalBytesAvail) : json(nullptr)},
            {"lpBytesLeftThisMessage", r ? dword_out(lpBytesLeftThisMessage) : json(nullptr)}},
           bool_result(r), e);
    return r;
}
BOOL WINAPI hook_SetNamedPipeHandleState(HANDLE hNamedPipe, LPDWORD lpMode, LPDWORD lpMaxCollectionCount, LPDWORD lpCollectDataTimeout) {
    begin_call();
    json mode = lpMode ? int_value(*lpMode) : json(nullptr);
    BOOL r = real_SetNamedPipeHandleState(hNamedPipe, lpMode, lpMaxCollectionCount, lpCollectDataTimeout);
    report("SetNamedPipeHandleState", "SetNamedPipeHandleState", {{"hNamedPipe", handle_value(hNamedPipe)}, {"lpMode", mode}},
           json::object(), bool_result(r), GetLastError());
    return r;
}

// ---- events, mutexes, semaphores ----
HANDLE WINAPI hook_CreateEventA(LPSECURITY_ATTRIBUTES sa, BOOL manual, BOOL initial, LPCSTR name) {
    begin_call();
    HANDLE r = real_CreateEventA(sa, manual, initial, name);
    DWORD e = GetLastError();
    report("CreateEventA", "CreateEvent", {{"lpEventAttributes", security_value(sa)}, {"bManualReset", int_value(manual ? 1 : 0)},
                                           {"bInitialState", int_value(initial ? 1 : 0)}, {"lpName", ansi_text(name)}},
           json::object(), handle_value(r), e);
    return r;
}
HANDLE WINAPI hook_CreateEventW(LPSECURITY_ATTRIBUTES sa, BOOL manual, BOOL initial, LPCWSTR name) {
    begin_call();
    HANDLE r = real_CreateEventW(sa, manual, initial, name);
    DWORD e = GetLastError();
    report("CreateEventW", "CreateEvent", {{"lpEventAttributes", security_value(sa)}, {"bManualReset", int_value(manual ? 1 : 0)},
                                           {"bInitialState", int_value(initial ? 1 : 0)}, {"lpName", wide_text(name)}},
           json::object(), handle_value(r), e);
    return r;
}
json open_arguments(DWORD access, BOOL inherit, json name) {
    return {{"dwDesiredAccess", int_value(access)}, {"bInheritHandle", int_value(inherit ? 1 : 0)}, {"lpName", std::move(name)}};
}
HANDLE WINAPI hook_OpenEventA(DWORD a, BOOL i, LPCSTR n) {
    begin_call();
    HANDLE r = real_OpenEventA(a, i, n);
    DWORD e = GetLastError();
    report("OpenEventA", "OpenEvent", open_arguments(a, i, ansi_text(n)), json::object(), handle_value(r), e);
    return r;
}
HANDLE WINAPI hook_OpenEventW(DWORD a, BOOL i, LPCWSTR n) {
    begin_call();
    HANDLE r = real_OpenEventW(a, i, n);
    DWORD e = GetLastError();
    report("OpenEventW", "OpenEvent", open_arguments(a, i, wide_text(n)), json::object(), handle_value(r), e);
    return r;
}
BOOL WINAPI hook_SetEvent(HANDLE hEvent) {
    begin_call();
    BOOL r = real_SetEvent(hEvent);
    report("SetEvent", "SetEvent", {{"hEvent", handle_value(hEvent)}}, json::object(), bool_result(r), GetLastError());
    return r;
}
BOOL WINAPI hook_ResetEvent(HANDLE hEvent) {
    begin_call();
    BOOL r = real_ResetEvent(hEvent);
    report("ResetEvent", "ResetEvent", {{"hEvent", handle_value(hEvent)}}, json::object(), bool_result(r), GetLastError());
    return r;
}
HANDLE WINAPI hook_CreateMutexA(LPSECURITY_ATTRIBUTES sa, BOOL owner, LPCSTR name) {
    begin_call();
    HANDLE r = real_CreateMutexA(sa, owner, name);
    DWORD e = GetLastError();
    report("CreateMutexA", "CreateMutex", {{"lpMutexAttributes", security_value(sa)}, {"bInitialOwner", int_value(owner ? 1 : 0)},
                                           {"lpName", ansi_text(name)}}, json::object(), handle_value(r), e);
    return r;
}
HANDLE WINAPI hook_CreateMutexW(LPSECURITY_ATTRIBUTES sa, BOOL owner, LPCWSTR name) {
    begin_call();
    HANDLE r = real_CreateMutexW(sa, owner, name);
    DWORD e = GetLastError();
    report("CreateMutexW", "CreateMutex", {{"lpMutexAttributes", security_value(sa)}, {"bInitialOwner", int_value(owner ? 1 : 0)},
                                           {"lpName", wide_text(name)}}, json::object(), handle_value(r), e);
    return r;
}
HANDLE WINAPI hook_OpenMutexA(DWORD a, BOOL i, LPCSTR n) {
    begin_call();
    HANDLE r = real_OpenMutexA(a, i, n);
    DWORD e = GetLastError();
    report("OpenMutexA", "OpenMutex", open_arguments(a, i, ansi_text(n)), json::object(), handle_value(r), e);
    return r;
}
HANDLE WINAPI hook_OpenMutexW(DWORD a, BOOL i, LPCWSTR n) {
    begin_call();
    HANDLE r = real_OpenMutexW(a, i, n);
    DWORD e = GetLastError();
    report("OpenMutexW", "OpenMutex", open_arguments(a, i, wide_text(n)), json::object(), handle_value(r), e);
    return r;
}
BOOL WINAPI hook_ReleaseMutex(HANDLE hMutex) {
    begin_call();
    BOOL r = real_ReleaseMutex(hMutex);
    report("ReleaseMutex", "ReleaseMutex", {{"hMutex", handle_value(hMutex)}}, json::object(), bool_result(r), GetLastError());
    return r;
}
HANDLE WINAPI hook_CreateSemaphoreA(LPSECURITY_ATTRIBUTES sa, LONG initial, LONG maximum, LPCSTR name) {
    begin_call();
    HANDLE r = real_CreateSemaphoreA(sa, initial, maximum, name);
    DWORD e = GetLastError();
    report("CreateSemaphoreA", "CreateSemaphore", {{"lpSemaphoreAttributes", security_value(sa)}, {"lInitialCount", int_value(static_cast<DWORD>(initial))},
                                                   {"lMaximumCount", int_value(static_cast<DWORD>(maximum))}, {"lpName", ansi_text(name)}},
           json::object(), handle_value(r), e);
    return r;
}
HANDLE WINAPI hook_CreateSemaphoreW(LPSECURITY_ATTRIBUTES sa, LONG initial, LONG maximum, LPCWSTR name) {
    begin_call();
    HANDLE r = real_CreateSemaphoreW(sa, initial, maximum, name);
    DWORD e = GetLastError();
    report("CreateSemaphoreW", "CreateSemaphore", {{"lpSemaphoreAttributes", security_value(sa)}, {"lInitialCount", int_value(static_cast<DWORD>(initial))},
                                                   {"lMaximumCount", int_value(static_cast<DWORD>(maximum))}, {"lpName", wide_text(name)}},
           json::object(), handle_value(r), e);
    return r;
}
HANDLE WINAPI hook_OpenSemaphoreA(DWORD a, BOOL i, LPCSTR n) {
    begin_call();
    HANDLE r = real_OpenSemaphoreA(a, i, n);
    DWORD e = GetLastError();
    report("OpenSemaphoreA", "OpenSemaphore", open_arguments(a, i, ansi_text(n)), json::object(), handle_value(r), e);
    return r;
}
HANDLE WINAPI hook_OpenSemaphoreW(DWORD a, BOOL i, LPCWSTR n) {
    begin_call();
    HANDLE r = real_OpenSemaphoreW(a, i, n);
    DWORD e = GetLastError();
    report("OpenSemaphoreW", "OpenSemaphore", open_arguments(a, i, wide_text(n)), json::object(), handle_value(r), e);
    return r;
}
BOOL WINAPI hook_ReleaseSemaphore(HANDLE hSemaphore, LONG lReleaseCount, LPLONG lpPreviousCount) {
    begin_call();
    BOOL r = real_ReleaseSemaphore(hSemaphore, lReleaseCount, lpPreviousCount);
    DWORD e = GetLastError();
    report("ReleaseSemaphore", "ReleaseSemaphore", {{"hSemaphore", handle_value(hSemaphore)}, {"lReleaseCount", int_value(static_cast<DWORD>(lReleaseCount))}},
           {{"lpPreviousCount", r && lpPreviousCount ? int_value(static_cast<DWORD>(*lpPreviousCount)) : json(nullptr)}}, bool_result(r), e);
    return r;
}

#define KOSIM_HOOK(name) {#name, reinterpret_cast<void*>(&hook_##name), reinterpret_cast<void**>(&real_##name)},
const Hook hooks[] = {
    KOSIM_HOOK(CloseHandle) KOSIM_HOOK(DuplicateHandle) KOSIM_HOOK(GetHandleInformation) KOSIM_HOOK(SetHandleInformation)
    KOSIM_HOOK(GetCurrentProcess) KOSIM_HOOK(GetCurrentThread) KOSIM_HOOK(GetCurrentProcessId) KOSIM_HOOK(GetCurrentThreadId)
    KOSIM_HOOK(GetStdHandle) KOSIM_HOOK(SetStdHandle) KOSIM_HOOK(CreateProcessA) KOSIM_HOOK(CreateProcessW)
    KOSIM_HOOK(OpenProcess) KOSIM_HOOK(ExitProcess) KOSIM_HOOK(TerminateProcess) KOSIM_HOOK(GetExitCodeProcess)
    KOSIM_HOOK(WaitForSingleObject) KOSIM_HOOK(WaitForMultipleObjects) KOSIM_HOOK(Sleep)
    KOSIM_HOOK(GetCommandLineA) KOSIM_HOOK(GetCommandLineW)
    KOSIM_HOOK(SetEnvironmentVariableA) KOSIM_HOOK(SetEnvironmentVariableW)
    KOSIM_HOOK(GetEnvironmentVariableA) KOSIM_HOOK(GetEnvironmentVariableW)
    KOSIM_HOOK(CreateFileA) KOSIM_HOOK(CreateFileW) KOSIM_HOOK(ReadFile) KOSIM_HOOK(WriteFile)
    KOSIM_HOOK(CreateMailslotA) KOSIM_HOOK(CreateMailslotW) KOSIM_HOOK(GetMailslotInfo) KOSIM_HOOK(SetMailslotInfo)
    KOSIM_HOOK(CreatePipe) KOSIM_HOOK(CreateNamedPipeA) KOSIM_HOOK(CreateNamedPipeW) KOSIM_HOOK(ConnectNamedPipe)
    KOSIM_HOOK(DisconnectNamedPipe) KOSIM_HOOK(WaitNamedPipeA) KOSIM_HOOK(WaitNamedPipeW) KOSIM_HOOK(PeekNamedPipe)
    KOSIM_HOOK(SetNamedPipeHandleState)
    KOSIM_HOOK(CreateEventA) KOSIM_HOOK(CreateEventW) KOSIM_HOOK(OpenEventA) KOSIM_HOOK(OpenEventW)
    KOSIM_HOOK(SetEvent) KOSIM_HOOK(ResetEvent)
    KOSIM_HOOK(CreateMutexA) KOSIM_HOOK(CreateMutexW) KOSIM_HOOK(OpenMutexA) KOSIM_HOOK(OpenMutexW) KOSIM_HOOK(ReleaseMutex)
    KOSIM_HOOK(CreateSemaphoreA) KOSIM_HOOK(CreateSemaphoreW) KOSIM_HOOK(OpenSemaphoreA) KOSIM_HOOK(OpenSemaphoreW)
    KOSIM_HOOK(ReleaseSemaphore)
};
#undef KOSIM_HOOK

}  // namespace

const Hook* find_hook(const char* function) {
    for (const Hook& h : hooks)
        if (std::strcmp(h.function, function) == 0) return &h;
    return nullptr;
}

}  // namespace kosim::record_hook
