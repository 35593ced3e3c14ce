/* Lecture point: a named pipe lets unrelated processes meet by name, like a mailslot, but it is
 * two-way (and not broadcast). The server creates one instance in message mode, waits for a client
 * with ConnectNamedPipe, reads a request and writes a reply. Run named_pipe_client.exe separately.
 */
#include <windows.h>
#include <stdio.h>
#include <string.h>

#define PIPE_NAME "\\\\.\\pipe\\kosim_record"

int main(void)
{
    HANDLE hPipe;
    char request[512], extra[16];
    const char *reply = "pong";
    DWORD n = 0, error;

    hPipe = CreateNamedPipeA(PIPE_NAME, PIPE_ACCESS_DUPLEX,
                             PIPE_TYPE_MESSAGE | PIPE_READMODE_MESSAGE | PIPE_WAIT,
                             1, 512, 512, 0, NULL);
    if (hPipe == INVALID_HANDLE_VALUE) {
        printf("server: CreateNamedPipeA failed, error %lu\n", GetLastError());
        fflush(stdout);
        return 1;
    }
    printf("server: created %s, waiting for a client\n", PIPE_NAME);
    fflush(stdout);

    /* blocks until a client opens the pipe; a client that came first gives ERROR_PIPE_CONNECTED */
    if (!ConnectNamedPipe(hPipe, NULL) && GetLastError() != ERROR_PIPE_CONNECTED) {
        printf("server: ConnectNamedPipe failed, error %lu\n", GetLastError());
        fflush(stdout);
        CloseHandle(hPipe);
        return 1;
    }
    printf("server: a client connected\n");
    fflush(stdout);

    if (!ReadFile(hPipe, request, sizeof(request) - 1, &n, NULL)) {
        printf("server: ReadFile failed, error %lu\n", GetLastError());
        fflush(stdout);
        CloseHandle(hPipe);
        return 1;
    }
    request[n] = '\0';
    printf("server: request \"%s\", replying \"%s\"\n", request, reply);
    fflush(stdout);

    if (!WriteFile(hPipe, reply, (DWORD)strlen(reply), &n, NULL)) {
        printf("server: WriteFile failed, error %lu\n", GetLastError());
        fflush(stdout);
        CloseHandle(hPipe);
        return 1;
    }

    /* DisconnectNamedPipe throws away a reply the client has not read yet, so first wait for the
     * client to close its end: this ReadFile then fails with ERROR_BROKEN_PIPE (109). */
    if (ReadFile(hPipe, extra, sizeof(extra), &n, NULL) || (error = GetLastError()) != ERROR_BROKEN_PIPE) {
        printf("server: expected the client to close its end\n");
        fflush(stdout);
        CloseHandle(hPipe);
        return 1;
    }
    printf("server: the client closed its end (ReadFile error %lu), disconnecting\n", error);
    fflush(stdout);

    DisconnectNamedPipe(hPipe);
    CloseHandle(hPipe);
    return 0;
}
