/* Lecture point: passing a handle value through an environment variable. The parent creates an
 * inheritable event, registers KOSIM_HANDLE=<handle value, unsigned decimal> in its own environment
 * with SetEnvironmentVariableA, and starts env_child.exe with bInheritHandles TRUE and lpEnvironment
 * NULL, so the child gets both the handle table entry and a copy of the environment block.
 */
#include <windows.h>
#include <stdio.h>
#include <string.h>

int main(void)
{
    HANDLE hEvent;
    SECURITY_ATTRIBUTES sa;
    STARTUPINFOA si;
    PROCESS_INFORMATION pi;
    char path[MAX_PATH], cmdLine[MAX_PATH + 2], text[32];
    char *slash;
    DWORD exitCode = 0, r;

    /* an inheritable, manual-reset event, not signaled yet */
    sa.nLength = sizeof(sa);
    sa.lpSecurityDescriptor = NULL;
    sa.bInheritHandle = TRUE;
    hEvent = CreateEventA(&sa, TRUE, FALSE, NULL);
    if (hEvent == NULL) {
        printf("parent: CreateEventA failed, error %lu\n", GetLastError());
        fflush(stdout);
        return 1;
    }

    sprintf(text, "%lu", (unsigned long)(ULONG_PTR)hEvent);
    if (!SetEnvironmentVariableA("KOSIM_HANDLE", text)) {
        printf("parent: SetEnvironmentVariableA failed, error %lu\n", GetLastError());
        fflush(stdout);
        return 1;
    }
    printf("parent: inheritable event handle %s put in KOSIM_HANDLE\n", text);
    fflush(stdout);

    GetModuleFileNameA(NULL, path, MAX_PATH);
    slash = strrchr(path, '\\');
    if (slash == NULL) {
        printf("parent: unexpected module path %s\n", path);
        fflush(stdout);
        return 1;
    }
    strcpy(slash + 1, "env_child.exe");
    sprintf(cmdLine, "\"%s\"", path);

    memset(&si, 0, sizeof(si));
    si.cb = sizeof(si);
    memset(&pi, 0, sizeof(pi));
    printf("parent: starting env_child.exe and waiting for it\n");
    fflush(stdout);
    if (!CreateProcessA(NULL, cmdLine, NULL, NULL, TRUE, 0, NULL, NULL, &si, &pi)) {
        printf("parent: CreateProcessA failed, error %lu\n", GetLastError());
        fflush(stdout);
        return 1;
    }

    if (WaitForSingleObject(pi.hProcess, 10000) != WAIT_OBJECT_0) {
        printf("parent: the child did not finish in 10 s\n");
        fflush(stdout);
        TerminateProcess(pi.hProcess, 1);
        return 1;
    }
    GetExitCodeProcess(pi.hProcess, &exitCode);
    printf("parent: child exited with code %lu\n", exitCode);
    fflush(stdout);

    /* time-out 0: just look whether the child signaled the event */
    r = WaitForSingleObject(hEvent, 0);
    if (r != WAIT_OBJECT_0) {
        printf("parent: the event is NOT signaled (WaitForSingleObject returned %lu)\n", r);
        fflush(stdout);
        return 1;
    }
    printf("parent: the event is signaled: the child used the inherited handle\n");
    fflush(stdout);

    CloseHandle(pi.hProcess);
    CloseHandle(pi.hThread);
    CloseHandle(hEvent);
    return exitCode == 0 ? 0 : 1;
}
