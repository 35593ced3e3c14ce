/* Lecture point (the worked example): the parent opens the mailslot with bInheritHandle TRUE,
 * writes the handle VALUE into a file, and starts the child with bInheritHandles TRUE. The child's
 * table gets the same entry at the same value: one kernel object, usage count 2.
 * The handle value is written as unsigned decimal text, e.g. "164". Needs inherit_child.exe beside it.
 */
#include <windows.h>
#include <stdio.h>
#include <string.h>

#define SLOT_NAME "\\\\.\\mailslot\\kosim_inherit"

int main(void)
{
    HANDLE hSlot, hMailSlot, hFile;
    SECURITY_ATTRIBUTES sa;
    STARTUPINFOA si;
    PROCESS_INFORMATION pi;
    char path[MAX_PATH], cmdLine[MAX_PATH + 2], text[32], message[256];
    char *slash;
    DWORD n = 0, exitCode = 0, nextSize = 0, count = 0;

    /* 1. the mailslot itself (the reading end), read time-out 5000 ms */
    hSlot = CreateMailslotA(SLOT_NAME, 0, 5000, NULL);
    if (hSlot == INVALID_HANDLE_VALUE) {
        printf("parent: CreateMailslotA failed, error %lu\n", GetLastError());
        fflush(stdout);
        return 1;
    }

    /* 2. a writer handle to it, marked inheritable */
    sa.nLength = sizeof(sa);
    sa.lpSecurityDescriptor = NULL;
    sa.bInheritHandle = TRUE;
    hMailSlot = CreateFileA(SLOT_NAME, GENERIC_WRITE, FILE_SHARE_READ, &sa,
                            OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, NULL);
    if (hMailSlot == INVALID_HANDLE_VALUE) {
        printf("parent: CreateFileA(mailslot) failed, error %lu\n", GetLastError());
        fflush(stdout);
        return 1;
    }

    /* 3. write the handle value into handle.txt (decimal text) */
    sprintf(text, "%lu", (unsigned long)(ULONG_PTR)hMailSlot);
    hFile = CreateFileA("handle.txt", GENERIC_WRITE, 0, NULL, CREATE_ALWAYS,
                        FILE_ATTRIBUTE_NORMAL, NULL);
    if (hFile == INVALID_HANDLE_VALUE) {
        printf("parent: CreateFileA(handle.txt) failed, error %lu\n", GetLastError());
        fflush(stdout);
        return 1;
    }
    if (!WriteFile(hFile, text, (DWORD)strlen(text), &n, NULL)) {
        printf("parent: WriteFile(handle.txt) failed, error %lu\n", GetLastError());
        fflush(stdout);
        return 1;
    }
    CloseHandle(hFile);
    printf("parent: inheritable mailslot handle %s written to handle.txt\n", text);
    fflush(stdout);

    /* 4. start inherit_child.exe (beside this program) with bInheritHandles TRUE */
    GetModuleFileNameA(NULL, path, MAX_PATH);
    slash = strrchr(path, '\\');
    if (slash == NULL) {
        printf("parent: unexpected module path %s\n", path);
        fflush(stdout);
        return 1;
    }
    strcpy(slash + 1, "inherit_child.exe");
    sprintf(cmdLine, "\"%s\"", path);

    printf("parent: starting inherit_child.exe and waiting for it\n");
    fflush(stdout);
    memset(&si, 0, sizeof(si));
    si.cb = sizeof(si);
    memset(&pi, 0, sizeof(pi));
    if (!CreateProcessA(NULL, cmdLine, NULL, NULL, TRUE, 0, NULL, NULL, &si, &pi)) {
        printf("parent: CreateProcessA failed, error %lu\n", GetLastError());
        fflush(stdout);
        return 1;
    }

    /* 5. wait for the child, then read what it sent through the inherited handle */
    if (WaitForSingleObject(pi.hProcess, 10000) != WAIT_OBJECT_0) {
        printf("parent: the child did not finish in 10 s\n");
        fflush(stdout);
        TerminateProcess(pi.hProcess, 1);
        return 1;
    }
    GetExitCodeProcess(pi.hProcess, &exitCode);
    printf("parent: child exited with code %lu\n", exitCode);
    fflush(stdout);

    if (GetMailslotInfo(hSlot, NULL, &nextSize, &count, NULL)) {
        printf("parent: mailslot holds %lu message(s), next one %lu bytes\n", count, nextSize);
        fflush(stdout);
    }
    if (!ReadFile(hSlot, message, sizeof(message) - 1, &n, NULL)) {
        printf("parent: ReadFile(mailslot) failed, error %lu\n", GetLastError());
        fflush(stdout);
        return 1;
    }
    message[n] = '\0';
    printf("parent: mailslot message: \"%s\"\n", message);
    fflush(stdout);

    CloseHandle(pi.hProcess);
    CloseHandle(pi.hThread);
    CloseHandle(hMailSlot);
    CloseHandle(hSlot);
    return exitCode == 0 ? 0 : 1;
}
