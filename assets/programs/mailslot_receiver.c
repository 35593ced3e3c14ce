/* Lecture point: a mailslot lets two UNRELATED processes talk, because they meet by the
 * mailslot's name (its "address"), not by a shared handle. The receiver creates the mailslot:
 * a kernel object with usage count 1 in its own handle table. Run mailslot_sender.exe separately.
 */
#include <windows.h>
#include <stdio.h>

#define SLOT_NAME "\\\\.\\mailslot\\kosim_record"

int main(void)
{
    HANDLE hSlot;
    char message[256];
    DWORD bytesRead = 0;

    /* max message size 0 = any size; read time-out 10000 ms so ReadFile never waits forever */
    hSlot = CreateMailslotA(SLOT_NAME, 0, 10000, NULL);
    if (hSlot == INVALID_HANDLE_VALUE) {
        printf("receiver: CreateMailslotA failed, error %lu\n", GetLastError());
        fflush(stdout);
        return 1;
    }
    printf("receiver: created %s, waiting up to 10 s for a message\n", SLOT_NAME);
    fflush(stdout);

    if (!ReadFile(hSlot, message, sizeof(message) - 1, &bytesRead, NULL)) {
        printf("receiver: ReadFile failed, error %lu (121 = time-out, no sender)\n", GetLastError());
        fflush(stdout);
        CloseHandle(hSlot);
        return 1;
    }
    message[bytesRead] = '\0';
    printf("receiver: got %lu bytes: \"%s\"\n", bytesRead, message);
    fflush(stdout);

    CloseHandle(hSlot);
    printf("receiver: done\n");
    fflush(stdout);
    return 0;
}
