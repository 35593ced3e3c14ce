// SetLastError and the last-error code: what a call leaves for GetLastError.
#include "helpers.h"

using namespace kosim;
using namespace kosim::model;
using namespace kosim::model::test;

// Microsoft Learn SetLastError: it sets the calling thread's code, any value, and returns nothing;
// a later call that succeeds without setting the code leaves it (CloseHandle does not touch it).
TEST_CASE("SetLastError sets the code a later successful CloseHandle leaves alone") {
    Machine m;
    Pid a = m.process("A");
    Outcome set = m.call(a, Call::SetLastError, {{"dwErrCode", I(1234)}});
    CHECK(set.status == Outcome::Status::Completed);
    CHECK(set.result.is_none());
    CHECK(set.last_error == 1234);
    CHECK(m.proc(a).last_error == 1234);

    Outcome event = m.call(a, Call::CreateEvent, {{"bManualReset", I(1)}, {"bInitialState", I(0)}});
    REQUIRE(ok(event));
    // CreateEvent sets the code either way: 0 for a new object (Wine kernel32/tests/sync.c).
    CHECK(event.last_error == ERROR_SUCCESS);
    m.call(a, Call::SetLastError, {{"dwErrCode", I(ERROR_ACCESS_DENIED)}});
    Outcome closed = m.call(a, Call::CloseHandle, {{"hObject", H(event.result)}});
    REQUIRE(ok(closed));
    CHECK(closed.last_error == ERROR_ACCESS_DENIED);

    Outcome zero = m.call(a, Call::SetLastError, {{"dwErrCode", I(0)}});
    CHECK(zero.last_error == 0);
    CHECK(m.proc(a).last_error == 0);
}

TEST_CASE("SetLastError is per process: another process's code stays") {
    Machine m;
    Pid a = m.process("A");
    Pid b = m.process("B");
    m.call(a, Call::SetLastError, {{"dwErrCode", I(5)}});
    m.call(b, Call::SetLastError, {{"dwErrCode", I(6)}});
    CHECK(m.proc(a).last_error == 5);
    CHECK(m.proc(b).last_error == 6);
}
