// WaitForMultipleObjects (wait-any and wait-all) and mutex abandonment seen through it.
#include "helpers.h"

using namespace kosim;
using namespace kosim::model;
using namespace kosim::model::test;

namespace {

Value event(Machine& m, Pid pid, bool manual, bool initial) {
    return m.call(pid, Call::CreateEvent, {{"bManualReset", I(manual)}, {"bInitialState", I(initial)}}).result;
}

Value list(std::initializer_list<Value> handles) {
    std::vector<Value> items;
    for (const Value& h : handles) items.push_back(H(h));
    return Value::list(std::move(items));
}

Outcome wait_multiple(Machine& m, Pid pid, std::uint64_t count, const Value& handles, bool all, std::uint64_t ms) {
    return m.call(pid, Call::WaitForMultipleObjects,
                  {{"nCount", I(count)}, {"lpHandles", handles}, {"bWaitAll", I(all)}, {"dwMilliseconds", I(ms)}});
}

}  // namespace

// Wait-any returns the lowest signalled index and takes only that object: an auto-reset event at
// index 0 resets, a manual-reset one stays (Wine kernel32/tests/sync.c test_WaitForMultipleObjects).
TEST_CASE("WaitForMultipleObjects wait-any takes the lowest signalled index and leaves the others") {
    Machine m;
    Pid a = m.process("A");
    Value e0 = event(m, a, false, true), e1 = event(m, a, true, true), e2 = event(m, a, false, true);
    Value all = list({e0, e1, e2});
    CHECK(wait_multiple(m, a, 3, all, false, 0).result.number == WAIT_OBJECT_0);
    CHECK_FALSE(m.object_of(a, e0).signalled);     // auto-reset: taken
    CHECK(m.object_of(a, e2).signalled);           // untouched
    CHECK(wait_multiple(m, a, 3, all, false, 0).result.number == WAIT_OBJECT_0 + 1);
    CHECK(wait_multiple(m, a, 3, all, false, 0).result.number == WAIT_OBJECT_0 + 1);  // manual-reset stays
    REQUIRE(ok(m.call(a, Call::ResetEvent, {{"hEvent", H(e1)}})));
    CHECK(wait_multiple(m, a, 3, all, false, 0).result.number == WAIT_OBJECT_0 + 2);
    Outcome none = wait_multiple(m, a, 3, all, false, 0);
    CHECK(none.result.number == WAIT_TIMEOUT);
    // nCount 1 reads only the first handle of the list.
    REQUIRE(ok(m.call(a, Call::SetEvent, {{"hEvent", H(e2)}})));
    CHECK(wait_multiple(m, a, 1, all, false, 0).result.number == WAIT_TIMEOUT);
}

// Wait-all acquires nothing until every object is signalled, then all at once (Microsoft Learn
// WaitForMultipleObjects, bWaitAll).
TEST_CASE("WaitForMultipleObjects wait-all waits for every object and then takes them together") {
    Machine m;
    Pid a = m.process("A"), b = m.process("B");
    Value e0 = m.call(a, Call::CreateEvent, {{"bManualReset", I(0)}, {"bInitialState", I(1)}, {"lpName", S("first")}}).result;
    Value e1 = m.call(a, Call::CreateEvent, {{"bManualReset", I(0)}, {"bInitialState", I(0)}, {"lpName", S("second")}}).result;
    Value b1 = m.call(b, Call::OpenEvent, {{"dwDesiredAccess", I(EVENT_ALL_ACCESS)}, {"bInheritHandle", I(0)}, {"lpName", S("second")}}).result;
    Value both = list({e0, e1});
    CHECK(wait_multiple(m, a, 2, both, true, 0).result.number == WAIT_TIMEOUT);
    CHECK(m.object_of(a, e0).signalled);           // not taken: the other one was not signalled
    REQUIRE(blocked(wait_multiple(m, a, 2, both, true, INFINITE)));
    CHECK(m.proc(a).wait->objects.size() == 2);
    REQUIRE(ok(m.call(b, Call::SetEvent, {{"hEvent", H(b1)}})));
    REQUIRE(m.completed(a));
    CHECK(m.completed(a)->result.number == WAIT_OBJECT_0);
    CHECK_FALSE(m.object_of(a, e0).signalled);     // both auto-reset events taken at once
    CHECK_FALSE(m.object_of(a, e1).signalled);
    // A blocked wait-all times out with WAIT_TIMEOUT on the virtual clock.
    REQUIRE(blocked(wait_multiple(m, a, 2, both, true, 50)));
    auto done = m.advance(m.world.now_ms() + 50);
    REQUIRE(done.size() == 1);
    CHECK(done[0].outcome.result.number == WAIT_TIMEOUT);
}

// Invalid arguments: nCount 0 or above MAXIMUM_WAIT_OBJECTS, an invalid handle, a pseudo-handle
// (accepted by WaitForSingleObject, refused here: Wine sync.c test_WaitForMultipleObjects), one
// object twice in a wait-all (ReactOS ntoskrnl/ob/obwait.c NtWaitForMultipleObjects).
TEST_CASE("WaitForMultipleObjects fails with WAIT_FAILED on bad counts, bad handles and duplicates in a wait-all") {
    Machine m;
    Pid a = m.process("A");
    Value e = event(m, a, true, true);
    auto check_failed = [&](const Outcome& out, std::uint32_t error) {
        CHECK(out.status == Outcome::Status::Completed);
        CHECK(out.result.number == WAIT_FAILED);
        CHECK(out.last_error == error);
    };
    check_failed(wait_multiple(m, a, 0, list({e}), false, 0), ERROR_INVALID_PARAMETER);
    check_failed(wait_multiple(m, a, MAXIMUM_WAIT_OBJECTS + 1, list({e}), false, 0), ERROR_INVALID_PARAMETER);
    check_failed(wait_multiple(m, a, 2, list({e, I(0x7F0)}), false, 0), ERROR_INVALID_HANDLE);
    check_failed(wait_multiple(m, a, 1, Value::list({Value::handle(current_process_pseudo)}), false, 0), ERROR_INVALID_HANDLE);
    CHECK(m.call(a, Call::WaitForSingleObject, {{"hHandle", H(current_process_pseudo)}, {"dwMilliseconds", I(0)}}).result.number == WAIT_TIMEOUT);
    // The same object through two handles: a wait-all refuses it, a wait-any takes index 0.
    Value copy = output(m.call(a, Call::DuplicateHandle, {{"hSourceProcessHandle", H(current_process_pseudo)}, {"hSourceHandle", H(e)},
                                                          {"hTargetProcessHandle", H(current_process_pseudo)}, {"dwOptions", I(DUPLICATE_SAME_ACCESS)}}),
                        Call::DuplicateHandle, "lpTargetHandle");
    REQUIRE(copy.number != 0);
    check_failed(wait_multiple(m, a, 2, list({e, copy}), true, 0), ERROR_INVALID_PARAMETER);
    check_failed(wait_multiple(m, a, 2, list({e, e}), true, 0), ERROR_INVALID_PARAMETER);
    CHECK(wait_multiple(m, a, 2, list({e, copy}), false, 0).result.number == WAIT_OBJECT_0);
    // The largest count is accepted.
    std::vector<Value> many(MAXIMUM_WAIT_OBJECTS, H(e));
    CHECK(wait_multiple(m, a, MAXIMUM_WAIT_OBJECTS, Value::list(many), false, 0).result.number == WAIT_OBJECT_0);
}

// A mutex whose owner exits is abandoned: a blocked wait-any gets WAIT_ABANDONED_0 + its index and
// owns the mutex; a wait-all that includes it gets WAIT_ABANDONED_0 (Microsoft Learn
// WaitForMultipleObjects, return value; ReactOS ntoskrnl/ke/wait.c KeWaitForMultipleObjects).
TEST_CASE("WaitForMultipleObjects reports an abandoned mutex with WAIT_ABANDONED_0 plus its index") {
    Machine m;
    Pid owner = m.process("Owner"), waiter = m.process("Waiter");
    m.call(owner, Call::CreateMutex, {{"bInitialOwner", I(1)}, {"lpName", S("mx")}});
    Value mx = m.call(waiter, Call::OpenMutex, {{"dwDesiredAccess", I(MUTEX_ALL_ACCESS)}, {"bInheritHandle", I(0)}, {"lpName", S("mx")}}).result;
    Value quiet = event(m, waiter, true, false);
    REQUIRE(blocked(wait_multiple(m, waiter, 2, list({quiet, mx}), false, INFINITE)));
    m.call(owner, Call::ExitProcess, {{"uExitCode", I(0)}});
    REQUIRE(m.completed(waiter));
    CHECK(m.completed(waiter)->result.number == WAIT_ABANDONED_0 + 1);
    CHECK(std::get<MutexObject>(m.object_of(waiter, mx).state).owner == waiter);
    CHECK_FALSE(std::get<MutexObject>(m.object_of(waiter, mx).state).abandoned);
    // Owned again by its waiter, then abandoned by TerminateProcess: a wait-all gets WAIT_ABANDONED_0.
    Pid third = m.process("Third");
    Value mx3 = m.call(third, Call::OpenMutex, {{"dwDesiredAccess", I(MUTEX_ALL_ACCESS)}, {"bInheritHandle", I(0)}, {"lpName", S("mx")}}).result;
    Value go = m.call(third, Call::CreateEvent, {{"bManualReset", I(1)}, {"bInitialState", I(1)}}).result;
    REQUIRE(blocked(wait_multiple(m, third, 2, list({go, mx3}), true, INFINITE)));
    Pid killer = m.process("Killer");
    Value target = m.call(killer, Call::OpenProcess, {{"dwDesiredAccess", I(PROCESS_ALL_ACCESS)}, {"bInheritHandle", I(0)},
                                                     {"dwProcessId", I(waiter)}}).result;
    REQUIRE(ok(m.call(killer, Call::TerminateProcess, {{"hProcess", H(target)}, {"uExitCode", I(1)}})));
    REQUIRE(m.completed(third));
    CHECK(m.completed(third)->result.number == WAIT_ABANDONED_0);
    CHECK(std::get<MutexObject>(m.object_of(third, mx3).state).owner == third);
}
