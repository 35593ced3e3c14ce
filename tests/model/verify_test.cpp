// KOSIM_VERIFY's mechanics. It is on in debug and sanitizer builds; this file switches it on for
// itself and includes no other kosim header, so no inline function differs between files.
#define KOSIM_VERIFY_ENABLED 1
#include "win32/verify.h"

#include <doctest/doctest.h>

#include <stdexcept>
#include <string>

using namespace kosim;

namespace {
struct VerifyFailure : std::runtime_error {
    using std::runtime_error::runtime_error;
};
[[noreturn]] void throw_failure(const char* expression, const char*, int) { throw VerifyFailure(expression); }
}  // namespace

TEST_CASE("KOSIM_VERIFY reports the broken expression and lets a true one pass") {
    VerifyHandler previous = set_verify_handler(throw_failure);
    int evaluated = 0;
    CHECK_NOTHROW(KOSIM_VERIFY(++evaluated == 1));
    CHECK(evaluated == 1);
    bool caught = false;
    try {
        KOSIM_VERIFY(evaluated == 2);
    } catch (const VerifyFailure& failure) {
        caught = true;
        CHECK(std::string(failure.what()) == "evaluated == 2");
    }
    CHECK(caught);
    set_verify_handler(previous);
}
