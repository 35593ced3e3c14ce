/* Lecture point: the sender is unrelated to the receiver; it reaches the same mailslot by its
 * name with CreateFileA. It gets a separate kernel object (the writer end) in its own handle
 * table, usage count 1: two tables, two objects, UC 1 each. Run mailslot_receiver.exe first.
 */
#include <windows.h>
#include <stdio.h>
#include <string.h>

#define SLOT_NAME "\\\\.\\mailslot\\kosim_record"

int main(void)
{
    HANDLE hMailSlot = INVALID_HANDLE_VALUE;
    const char *message = "hello from mailslot_sender";
    DWORD bytesWritten = 0;
    int tries;

    /* the receiver may not have created the mailslot yet: retry for about 5 s */
    for (tries = 0; tries < 100; tries++) {
        hMailSlot = CreateFileA(SLOT_NAME, GENERIC_WRITE, FILE_SHARE_READ, NULL,
                                OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, NULL);
        if (hMailSlot != INVALID_HANDLE_VALUE)
            break;
        Sleep(50);
    }
    if (hMailSlot == INVALID_HANDLE_VALUE) {
        printf("sender: could not open %s, error %lu (is mailslot_receiver running?)\n",
               SLOT_NAME, GetLastError());
        fflush(stdout);
        return 1;
    }
    printf("sender: opened %s\n", SLOT_NAME);
    fflush(stdout);

    if (!WriteFile(hMailSlot, message, (DWORD)strlen(message), &bytesWritten, NULL)) {
        printf("sender: WriteFile failed, error %lu\n", GetLastError());
        fflush(stdout);
        CloseHandle(hMailSlot);
        return 1;
    }
    printf("sender: wrote %lu bytes\n", bytesWritten);
    fflush(stdout);

    CloseHandle(hMailSlot);
    return 0;
}
