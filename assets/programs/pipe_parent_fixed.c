/* Lecture point: the anonymous-pipe bug fixed (compare pipe_parent_bug.c). Once the child has
 * started, the parent closes the read end it does not need, writes everything and closes its write
 * end: no write end is left anywhere, so the child's ReadFile reports end-of-file (ERROR_BROKEN_PIPE),
 * the child exits and the parent's WaitForSingleObject returns.
 */
#include <windows.h>
#include <stdio.h>
#include <string.h>

int main(void)
{
    HANDLE hRead, hWrite;
    SECURITY_ATTRIBUTES sa;
    STARTUPINFOA si;
    PROCESS_INFORMATION pi;
    char path[MAX_PATH], cmdLine[MAX_PATH + 2];
    char *slash;
    const char *data = "first line\nsecond line\nthird line\n";
    DWORD n = 0, exitCode = 0;

    /* both ends inheritable ... */
    sa.nLength = sizeof(sa);
    sa.lpSecurityDescriptor = NULL;
    sa.bInheritHandle = TRUE;
    if (!CreatePipe(&hRead, &hWrite, &sa, 0)) {
        printf("parent: CreatePipe failed, error %lu\n", GetLastError());
        fflush(stdout);
        return 1;
    }
    /* ... but the child only reads: the write end must not be inherited */
    if (!SetHandleInformation(hWrite, HANDLE_FLAG_INHERIT, 0)) {
        printf("parent: SetHandleInformation failed, error %lu\n", GetLastError());
        fflush(stdout);
        return 1;
    }

    GetModuleFileNameA(NULL, path, MAX_PATH);
    slash = strrchr(path, '\\');
    if (slash == NULL) {
        printf("parent: unexpected module path %s\n", path);
        fflush(stdout);
        return 1;
    }
    strcpy(slash + 1, "pipe_child.exe");
    sprintf(cmdLine, "\"%s\"", path);

    memset(&si, 0, sizeof(si));
    si.cb = sizeof(si);
    si.dwFlags = STARTF_USESTDHANDLES;
    si.hStdInput = hRead;
    si.hStdOutput = GetStdHandle(STD_OUTPUT_HANDLE);
    si.hStdError = GetStdHandle(STD_ERROR_HANDLE);
    memset(&pi, 0, sizeof(pi));
    printf("parent: starting pipe_child.exe with the pipe's read end as its standard input\n");
    fflush(stdout);
    if (!CreateProcessA(NULL, cmdLine, NULL, NULL, TRUE, 0, NULL, NULL, &si, &pi)) {
        printf("parent: CreateProcessA failed, error %lu\n", GetLastError());
        fflush(stdout);
        return 1;
    }
    CloseHandle(hRead);                 /* the parent does not read: its copy of the read end goes */

    printf("parent: writing 3 lines, closing my write end, waiting for the child\n");
    fflush(stdout);
    if (!WriteFile(hWrite, data, (DWORD)strlen(data), &n, NULL)) {
        printf("parent: WriteFile failed, error %lu\n", GetLastError());
        fflush(stdout);
        return 1;
    }

    CloseHandle(hWrite);                /* the fix: the last write end is gone, the child sees EOF */
    WaitForSingleObject(pi.hProcess, INFINITE);

    GetExitCodeProcess(pi.hProcess, &exitCode);
    printf("parent: child exited with code %lu\n", exitCode);
    fflush(stdout);
    CloseHandle(pi.hProcess);
    CloseHandle(pi.hThread);
    return exitCode == 0 ? 0 : 1;
}
