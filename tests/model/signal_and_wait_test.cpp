// SignalObjectAndWait: the signal and the wait as one call (Wine kernel32/tests/sync.c test_signalandwait).
#include "helpers.h"

using namespace kosim;
using namespace kosim::model;
using namespace kosim::model::test;

namespace {

Outcome signal_and_wait(Machine& m, Pid pid, const Value& to_signal, const Value& to_wait, std::uint64_t ms) {
    return m.call(pid, Call::SignalObjectAndWait, {{"hObjectToSignal", H(to_signal)}, {"hObjectToWaitOn", H(to_wait)}, {"dwMilliseconds", I(ms)}});
}
Outcome create_event(Machine& m, Pid pid, bool manual, bool initial) {
    return m.call(pid, Call::CreateEvent, {{"bManualReset", I(manual)}, {"bInitialState", I(initial)}});
}

}  // namespace

TEST_CASE("SignalObjectAndWait signals even when its wait times out, and signals nothing with a bad handle") {
    Machine m;
    Pid a = m.process("A");
    Outcome e0 = create_event(m, a, false, false), e1 = create_event(m, a, true, false);
    Outcome bad = signal_and_wait(m, a, e0.result, Value::handle(null_handle), 0);
    CHECK(bad.result.number == WAIT_FAILED);
    CHECK(bad.last_error == ERROR_INVALID_HANDLE);
    CHECK_FALSE(m.object_of(a, e0.result).signalled);
    CHECK(signal_and_wait(m, a, e0.result, e1.result, 0).result.number == WAIT_TIMEOUT);
    CHECK(m.object_of(a, e0.result).signalled);
    // Signalling and waiting on one auto-reset event: the wait takes the signal back.
    CHECK(signal_and_wait(m, a, e0.result, e0.result, 0).result.number == WAIT_OBJECT_0);
    CHECK_FALSE(m.object_of(a, e0.result).signalled);
}

TEST_CASE("SignalObjectAndWait on a semaphore at its maximum fails before it waits") {
    Machine m;
    Pid a = m.process("A");
    Outcome s0 = m.call(a, Call::CreateSemaphore, {{"lInitialCount", I(0)}, {"lMaximumCount", I(1)}});
    Outcome s1 = m.call(a, Call::CreateSemaphore, {{"lInitialCount", I(1)}, {"lMaximumCount", I(1)}});
    CHECK(signal_and_wait(m, a, s0.result, s1.result, 0).result.number == WAIT_OBJECT_0);
    Outcome full = signal_and_wait(m, a, s0.result, s1.result, 0);
    CHECK(full.result.number == WAIT_FAILED);
    CHECK(full.last_error == ERROR_TOO_MANY_POSTS);
    CHECK(std::get<SemaphoreObject>(m.object_of(a, s1.result).state).count == 0);
    // A mutex the caller does not own cannot be signalled; a file is no object to signal.
    Outcome mutex = m.call(a, Call::CreateMutex, {{"bInitialOwner", I(0)}});
    CHECK(signal_and_wait(m, a, mutex.result, s0.result, 0).last_error == ERROR_NOT_OWNER);
    Outcome file = m.call(a, Call::CreateFile, {{"lpFileName", S("f")}, {"dwDesiredAccess", I(GENERIC_READ)}, {"dwCreationDisposition", I(CREATE_ALWAYS)}});
    CHECK(signal_and_wait(m, a, file.result, file.result, 0).last_error == ERROR_INVALID_HANDLE);
}

TEST_CASE("SignalObjectAndWait wakes a waiter, then blocks until its own object is signalled, or times out") {
    Machine m;
    Pid a = m.process("A");
    Pid b = m.process("B");
    Outcome go = m.call(a, Call::CreateEvent, {{"bManualReset", I(0)}, {"bInitialState", I(0)}, {"lpName", S("go")}});
    Outcome done = m.call(a, Call::CreateEvent, {{"bManualReset", I(0)}, {"bInitialState", I(0)}, {"lpName", S("done")}});
    Outcome go_b = m.call(b, Call::OpenEvent, {{"dwDesiredAccess", I(EVENT_ALL_ACCESS)}, {"bInheritHandle", I(0)}, {"lpName", S("go")}});
    Outcome done_b = m.call(b, Call::OpenEvent, {{"dwDesiredAccess", I(EVENT_ALL_ACCESS)}, {"bInheritHandle", I(0)}, {"lpName", S("done")}});
    CHECK(blocked(m.call(b, Call::WaitForSingleObject, {{"hHandle", H(go_b.result)}})));
    Outcome mine = signal_and_wait(m, a, go.result, done.result, INFINITE);
    CHECK(blocked(mine));
    REQUIRE(m.completed(b) != nullptr);
    CHECK(m.completed(b)->result.number == WAIT_OBJECT_0);
    CHECK(m.proc(a).state == RunState::Waiting);
    // The retry after the wake does not signal again: 'go' stays unsignalled.
    m.call(b, Call::SetEvent, {{"hEvent", H(done_b.result)}});
    REQUIRE(m.completed(a) != nullptr);
    CHECK(m.completed(a)->result.number == WAIT_OBJECT_0);
    CHECK_FALSE(m.object_of(a, go.result).signalled);
    // A finite time-out ends on the virtual clock with WAIT_TIMEOUT.
    CHECK(blocked(signal_and_wait(m, a, go.result, done.result, 50)));
    auto timed = m.advance(m.world.now_ms() + 50);
    REQUIRE(timed.size() == 1);
    CHECK(timed[0].outcome.result.number == WAIT_TIMEOUT);
}
