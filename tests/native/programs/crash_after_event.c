/* A misbehaving program for the record tests: it creates an event, then crashes (access
   violation). kosim record must say so and keep the recording up to the crash. */
#include <windows.h>
#include <stdio.h>

int main(void) {
    HANDLE event = CreateEventA(NULL, TRUE, FALSE, NULL);
    volatile int* nowhere = (volatile int*)(ULONG_PTR)(event ? 0 : 1);
    printf("crash_after_event: event %p, now crashing\n", (void*)event);
    fflush(stdout);
    *nowhere = 1;
    return 0;
}
