/* Lecture point: an anonymous pipe links RELATED processes through handles the parent passes
 * down. This child reads its standard input (the pipe's read end) until end-of-file, which comes
 * only when no write end is open anywhere: ReadFile fails with ERROR_BROKEN_PIPE (109).
 * Started by pipe_parent_bug.exe (never sees end-of-file) and pipe_parent_fixed.exe.
 */
#include <windows.h>
#include <stdio.h>

int main(void)
{
    HANDLE hIn = GetStdHandle(STD_INPUT_HANDLE);
    char buffer[256];
    DWORD n = 0, total = 0, error;
    char *line, *end;

    for (;;) {
        if (!ReadFile(hIn, buffer, sizeof(buffer) - 1, &n, NULL)) {
            error = GetLastError();
            if (error == ERROR_BROKEN_PIPE)
                break;                  /* no write end left: end-of-file */
            printf("child: ReadFile failed, error %lu\n", error);
            fflush(stdout);
            return 1;
        }
        if (n == 0) {
            error = 0;                  /* 0 bytes read: also end-of-file */
            break;
        }
        total += n;
        buffer[n] = '\0';
        printf("child: ReadFile got %lu bytes\n", n);
        for (line = buffer; *line != '\0'; line = end) {
            for (end = line; *end != '\0' && *end != '\n'; end++)
                ;
            if (*end == '\n')
                *end++ = '\0';
            printf("child:   | %s\n", line);
        }
        fflush(stdout);
    }
    printf("child: end-of-file (ReadFile error %lu), %lu bytes in all, exiting\n", error, total);
    fflush(stdout);
    return 0;
}
