/* Lecture point: the classic anonymous-pipe bug. The parent gives the child the read end as its
 * standard input, writes everything, and then waits for the child WITHOUT closing its own write
 * end. The child reads until end-of-file, but a write end is still open (in the parent), so its
 * ReadFile waits forever while the parent waits for the child: a deadlock. Fix: pipe_parent_fixed.c.
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

    printf("parent: writing 3 lines, NOT closing my pipe ends, waiting for the child\n");
    fflush(stdout);
    if (!WriteFile(hWrite, data, (DWORD)strlen(data), &n, NULL)) {
        printf("parent: WriteFile failed, error %lu\n", GetLastError());
        fflush(stdout);
        return 1;
    }

    /* the bug: hWrite (and hRead) are still open here, so the child never sees end-of-file */
    WaitForSingleObject(pi.hProcess, INFINITE);

    GetExitCodeProcess(pi.hProcess, &exitCode);
    printf("parent: child exited with code %lu\n", exitCode);
    fflush(stdout);
    CloseHandle(pi.hProcess);
    CloseHandle(pi.hThread);
    CloseHandle(hWrite);
    CloseHandle(hRead);
    return 0;
}
