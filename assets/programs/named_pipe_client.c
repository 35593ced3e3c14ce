/* Lecture point: the client needs nothing but the pipe's name: CreateFileA opens it (retrying, and
 * WaitNamedPipeA while the only instance is busy). Then both directions: a request goes to the
 * server and a reply comes back on the same handle. Run named_pipe_server.exe first.
 */
#include <windows.h>
#include <stdio.h>
#include <string.h>

#define PIPE_NAME "\\\\.\\pipe\\kosim_record"

int main(void)
{
    HANDLE hPipe = INVALID_HANDLE_VALUE;
    const char *request = "ping";
    char reply[512];
    DWORD n = 0, mode, error = 0;
    int tries;

    /* the server may not exist yet (ERROR_FILE_NOT_FOUND) or be busy (ERROR_PIPE_BUSY): ~5 s at most */
    for (tries = 0; tries < 100; tries++) {
        hPipe = CreateFileA(PIPE_NAME, GENERIC_READ | GENERIC_WRITE, 0, NULL, OPEN_EXISTING, 0, NULL);
        if (hPipe != INVALID_HANDLE_VALUE)
            break;
        error = GetLastError();
        if (error == ERROR_PIPE_BUSY)
            WaitNamedPipeA(PIPE_NAME, 5000);
        else if (error == ERROR_FILE_NOT_FOUND)
            Sleep(50);
        else
            break;
    }
    if (hPipe == INVALID_HANDLE_VALUE) {
        printf("client: could not open %s, error %lu (is named_pipe_server running?)\n", PIPE_NAME, error);
        fflush(stdout);
        return 1;
    }
    printf("client: opened %s\n", PIPE_NAME);
    fflush(stdout);

    /* the server writes messages: read them as messages too */
    mode = PIPE_READMODE_MESSAGE;
    if (!SetNamedPipeHandleState(hPipe, &mode, NULL, NULL)) {
        printf("client: SetNamedPipeHandleState failed, error %lu\n", GetLastError());
        fflush(stdout);
        CloseHandle(hPipe);
        return 1;
    }

    if (!WriteFile(hPipe, request, (DWORD)strlen(request), &n, NULL)) {
        printf("client: WriteFile failed, error %lu\n", GetLastError());
        fflush(stdout);
        CloseHandle(hPipe);
        return 1;
    }
    if (!ReadFile(hPipe, reply, sizeof(reply) - 1, &n, NULL)) {
        printf("client: ReadFile failed, error %lu\n", GetLastError());
        fflush(stdout);
        CloseHandle(hPipe);
        return 1;
    }
    reply[n] = '\0';
    printf("client: sent \"%s\", got \"%s\"\n", request, reply);
    fflush(stdout);

    CloseHandle(hPipe);
    return 0;
}
