#include "win32/verify.h"

#include <cstdio>
#include <cstdlib>

namespace kosim {

namespace {
VerifyHandler handler = nullptr;
}

void verify_failed(const char* expression, const char* file, int line) {
    if (handler) handler(expression, file, line);
    std::fprintf(stderr, "%s:%d: KOSIM_VERIFY(%s) failed\n", file, line, expression);
    std::abort();
}

VerifyHandler set_verify_handler(VerifyHandler next) {
    VerifyHandler previous = handler;
    handler = next;
    return previous;
}

}  // namespace kosim
