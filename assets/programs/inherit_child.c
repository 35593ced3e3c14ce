/* Lecture point (the worked example, child side): the child reads the handle value from
 * handle.txt (unsigned decimal text) and uses it directly as WriteFile's handle parameter. It is
 * valid only because the parent marked that entry inheritable and passed bInheritHandles TRUE.
 * Started by inherit_parent.exe.
 */
#include <windows.h>
#include <stdio.h>
#include <string.h>

int main(void)
{
    HANDLE hFile, hMailSlot;
    char text[32];
    const char *message = "hello from inherit_child";
    DWORD n = 0;
    unsigned long value = 0;

    /* 1. read the handle value from the file */
    hFile = CreateFileA("handle.txt", GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING,
                        FILE_ATTRIBUTE_NORMAL, NULL);
    if (hFile == INVALID_HANDLE_VALUE) {
        printf("child: CreateFileA(handle.txt) failed, error %lu\n", GetLastError());
        fflush(stdout);
        return 1;
    }
    if (!ReadFile(hFile, text, sizeof(text) - 1, &n, NULL)) {
        printf("child: ReadFile(handle.txt) failed, error %lu\n", GetLastError());
        fflush(stdout);
        return 1;
    }
    CloseHandle(hFile);
    text[n] = '\0';
    if (sscanf(text, "%lu", &value) != 1) {
        printf("child: handle.txt holds no number: \"%s\"\n", text);
        fflush(stdout);
        return 1;
    }
    hMailSlot = (HANDLE)(ULONG_PTR)value;
    printf("child: handle value from handle.txt: %lu\n", value);
    fflush(stdout);

    /* 2. WriteFile with that value as the handle */
    if (!WriteFile(hMailSlot, message, (DWORD)strlen(message), &n, NULL)) {
        printf("child: WriteFile through the inherited handle failed, error %lu\n", GetLastError());
        fflush(stdout);
        return 1;
    }
    printf("child: wrote %lu bytes through the inherited handle\n", n);
    fflush(stdout);

    CloseHandle(hMailSlot);
    return 0;
}
