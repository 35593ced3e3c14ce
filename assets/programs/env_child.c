/* Lecture point (child side of env_parent.c): GetEnvironmentVariableA reads KOSIM_HANDLE from the
 * copy of the parent's environment and returns the length of the string it stored. The text
 * (unsigned decimal) becomes a handle value again, valid here because the entry was inherited.
 */
#include <windows.h>
#include <stdio.h>

int main(void)
{
    char text[32];
    DWORD length;
    unsigned long value = 0;
    HANDLE hEvent;

    length = GetEnvironmentVariableA("KOSIM_HANDLE", text, sizeof(text));
    if (length == 0 || length >= sizeof(text)) {
        printf("child: GetEnvironmentVariableA(KOSIM_HANDLE) returned %lu, error %lu\n",
               length, GetLastError());
        fflush(stdout);
        return 1;
    }
    if (sscanf(text, "%lu", &value) != 1) {
        printf("child: KOSIM_HANDLE holds no number: \"%s\"\n", text);
        fflush(stdout);
        return 1;
    }
    hEvent = (HANDLE)(ULONG_PTR)value;
    printf("child: KOSIM_HANDLE=%s (GetEnvironmentVariableA returned %lu)\n", text, length);
    fflush(stdout);

    if (!SetEvent(hEvent)) {
        printf("child: SetEvent through the inherited handle failed, error %lu\n", GetLastError());
        fflush(stdout);
        return 1;
    }
    printf("child: SetEvent through the inherited handle succeeded\n");
    fflush(stdout);

    CloseHandle(hEvent);
    return 0;
}
