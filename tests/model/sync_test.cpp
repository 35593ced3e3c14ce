// Events, mutexes, semaphores and the named-object namespace.
#include "helpers.h"

using namespace kosim;
using namespace kosim::model;
using namespace kosim::model::test;

// Create* of an existing name opens the same object with ERROR_ALREADY_EXISTS; another type fails with
// ERROR_INVALID_HANDLE; a fresh create sets the last error to 0 (Microsoft Learn CreateEventA).
TEST_CASE("named objects are shared by unrelated processes and names are case-sensitive") {
    Machine m;
    Pid a = m.process("A");
    Pid b = m.process("B");
    Outcome first = m.call(a, Call::CreateEvent, {{"bManualReset", I(1)}, {"bInitialState", I(0)}, {"lpName", S("Ready")}});
    CHECK(first.last_error == 0);
    Outcome second = m.call(b, Call::CreateEvent, {{"bManualReset", I(0)}, {"bInitialState", I(1)}, {"lpName", S("Ready")}});
    CHECK(second.last_error == ERROR_ALREADY_EXISTS);
    const KernelObject& o = m.object_of(a, first.result);
    CHECK(&o == &m.object_of(b, second.result));
    CHECK(o.usage_count == 2);
    CHECK_FALSE(o.signalled);  // bInitialState applies only to a new event
    CHECK(m.call(b, Call::CreateEvent, {{"bManualReset", I(0)}, {"bInitialState", I(0)}, {"lpName", S("ready")}}).last_error == 0);
    Outcome wrong = m.call(b, Call::CreateMutex, {{"bInitialOwner", I(0)}, {"lpName", S("Ready")}});
    CHECK(wrong.result.number == 0);
    CHECK(wrong.last_error == ERROR_INVALID_HANDLE);
    Outcome opened = m.call(b, Call::OpenEvent, {{"dwDesiredAccess", I(EVENT_ALL_ACCESS)}, {"bInheritHandle", I(0)}, {"lpName", S("Ready")}});
    CHECK(opened.result.number != 0);
    CHECK(m.world.entry(b, opened.result.as_handle())->origin.how == Origin::How::Opened);
    Outcome missing = m.call(b, Call::OpenEvent, {{"dwDesiredAccess", I(EVENT_ALL_ACCESS)}, {"bInheritHandle", I(0)}, {"lpName", S("none")}});
    CHECK(missing.result.number == 0);
    CHECK(missing.last_error == ERROR_FILE_NOT_FOUND);
    CHECK(m.call(b, Call::OpenMutex, {{"dwDesiredAccess", I(MUTEX_ALL_ACCESS)}, {"bInheritHandle", I(0)}, {"lpName", S("Ready")}}).last_error ==
          ERROR_INVALID_HANDLE);
    // The name goes with the object.
    m.call(a, Call::CloseHandle, {{"hObject", H(first.result)}});
    m.call(b, Call::CloseHandle, {{"hObject", H(second.result)}});
    m.call(b, Call::CloseHandle, {{"hObject", H(opened.result)}});
    CHECK(m.world.find_named("Ready") == nullptr);
}

// Object names are limited to MAX_PATH (260) characters; a longer one fails with
// ERROR_FILENAME_EXCED_RANGE on create and open (Microsoft Learn CreateEventA, lpName; ReactOS
// kernel32 Basep8BitStringToStaticUnicodeString).
TEST_CASE("object names longer than MAX_PATH fail with ERROR_FILENAME_EXCED_RANGE") {
    Machine m;
    Pid a = m.process("A");
    std::string at_limit(260, 'n'), too_long(261, 'n');
    Outcome ok = m.call(a, Call::CreateEvent, {{"bManualReset", I(0)}, {"bInitialState", I(0)}, {"lpName", S(at_limit)}});
    CHECK(ok.result.number != 0);
    CHECK(ok.last_error == 0);
    Outcome ev = m.call(a, Call::CreateEvent, {{"bManualReset", I(0)}, {"bInitialState", I(0)}, {"lpName", S(too_long)}});
    CHECK(ev.result.number == 0);
    CHECK(ev.last_error == ERROR_FILENAME_EXCED_RANGE);
    Outcome mx = m.call(a, Call::CreateMutex, {{"bInitialOwner", I(0)}, {"lpName", S(too_long)}});
    CHECK(mx.result.number == 0);
    CHECK(mx.last_error == ERROR_FILENAME_EXCED_RANGE);
    Outcome op = m.call(a, Call::OpenEvent, {{"dwDesiredAccess", I(EVENT_ALL_ACCESS)}, {"bInheritHandle", I(0)}, {"lpName", S(too_long)}});
    CHECK(op.result.number == 0);
    CHECK(op.last_error == ERROR_FILENAME_EXCED_RANGE);
    CHECK(m.world.find_named(too_long) == nullptr);
    // Characters, not bytes: 100 Hangul syllables are 300 UTF-8 bytes but 100 WCHARs.
    std::string korean;
    for (int i = 0; i < 100; ++i) korean += "가";
    CHECK(m.call(a, Call::CreateEvent, {{"bManualReset", I(0)}, {"bInitialState", I(0)}, {"lpName", S(korean)}}).last_error == 0);
}

// Auto-reset events release one waiter (lowest pid first here) and reset; manual-reset events release all.

TEST_CASE("SetEvent wakes one waiter of an auto-reset event and all waiters of a manual-reset one") {
    Machine m;
    Pid a = m.process("A"), b = m.process("B"), c = m.process("C");
    Value ha = m.call(a, Call::CreateEvent, {{"bManualReset", I(0)}, {"bInitialState", I(0)}, {"lpName", S("auto")}}).result;
    Value hb = m.call(b, Call::OpenEvent, {{"dwDesiredAccess", I(EVENT_ALL_ACCESS)}, {"bInheritHandle", I(0)}, {"lpName", S("auto")}}).result;
    Value hc = m.call(c, Call::OpenEvent, {{"dwDesiredAccess", I(EVENT_ALL_ACCESS)}, {"bInheritHandle", I(0)}, {"lpName", S("auto")}}).result;
    REQUIRE(blocked(m.call(b, Call::WaitForSingleObject, {{"hHandle", H(hb)}})));
    REQUIRE(blocked(m.call(c, Call::WaitForSingleObject, {{"hHandle", H(hc)}})));
    REQUIRE(ok(m.call(a, Call::SetEvent, {{"hEvent", H(ha)}})));
    CHECK(m.completions.size() == 1);
    CHECK(m.completed(b));
    CHECK_FALSE(m.object_of(a, ha).signalled);
    REQUIRE(ok(m.call(a, Call::SetEvent, {{"hEvent", H(ha)}})));
    CHECK(m.completed(c));
    Value manual = m.call(a, Call::CreateEvent, {{"bManualReset", I(1)}, {"bInitialState", I(0)}, {"lpName", S("manual")}}).result;
    Value mb = m.call(b, Call::OpenEvent, {{"dwDesiredAccess", I(EVENT_ALL_ACCESS)}, {"bInheritHandle", I(0)}, {"lpName", S("manual")}}).result;
    Value mc = m.call(c, Call::OpenEvent, {{"dwDesiredAccess", I(EVENT_ALL_ACCESS)}, {"bInheritHandle", I(0)}, {"lpName", S("manual")}}).result;
    REQUIRE(blocked(m.call(b, Call::WaitForSingleObject, {{"hHandle", H(mb)}})));
    REQUIRE(blocked(m.call(c, Call::WaitForSingleObject, {{"hHandle", H(mc)}})));
    REQUIRE(ok(m.call(a, Call::SetEvent, {{"hEvent", H(manual)}})));
    CHECK(m.completions.size() == 2);
    CHECK(m.object_of(a, manual).signalled);
    REQUIRE(ok(m.call(a, Call::ResetEvent, {{"hEvent", H(manual)}})));
    CHECK_FALSE(m.object_of(a, manual).signalled);
    CHECK(m.call(a, Call::SetEvent, {{"hEvent", I(0x900)}}).last_error == ERROR_INVALID_HANDLE);
    Value r = m.call(a, Call::CreatePipe).outputs.at(0).second;
    CHECK(m.call(a, Call::ResetEvent, {{"hEvent", H(r)}}).last_error == ERROR_INVALID_HANDLE);
}

// Mutex ownership: recursion, ERROR_NOT_OWNER for others, WAIT_ABANDONED after the owner exits (Microsoft Learn ReleaseMutex).
TEST_CASE("mutexes have an owner, count recursion, refuse non-owners and are abandoned by an exiting owner") {
    Machine m;
    Pid a = m.process("A"), b = m.process("B");
    Value ma = m.call(a, Call::CreateMutex, {{"bInitialOwner", I(1)}, {"lpName", S("mx")}}).result;
    Value mb = m.call(b, Call::OpenMutex, {{"dwDesiredAccess", I(MUTEX_ALL_ACCESS)}, {"bInheritHandle", I(0)}, {"lpName", S("mx")}}).result;
    CHECK(m.call(a, Call::WaitForSingleObject, {{"hHandle", H(ma)}, {"dwMilliseconds", I(0)}}).result.number == WAIT_OBJECT_0);
    CHECK(std::get<MutexObject>(m.object_of(a, ma).state).recursion == 2);
    Outcome not_owner = m.call(b, Call::ReleaseMutex, {{"hMutex", H(mb)}});
    CHECK(not_owner.result.number == 0);
    CHECK(not_owner.last_error == ERROR_NOT_OWNER);
    REQUIRE(blocked(m.call(b, Call::WaitForSingleObject, {{"hHandle", H(mb)}})));
    REQUIRE(ok(m.call(a, Call::ReleaseMutex, {{"hMutex", H(ma)}})));
    CHECK(m.completed(b) == nullptr);
    REQUIRE(ok(m.call(a, Call::ReleaseMutex, {{"hMutex", H(ma)}})));
    REQUIRE(m.completed(b));
    CHECK(m.completed(b)->result.number == WAIT_OBJECT_0);
    CHECK(std::get<MutexObject>(m.object_of(b, mb).state).owner == b);
    // B exits while owning it: A's wait gets WAIT_ABANDONED and A owns it.
    REQUIRE(blocked(m.call(a, Call::WaitForSingleObject, {{"hHandle", H(ma)}})));
    m.call(b, Call::ExitProcess, {{"uExitCode", I(0)}});
    REQUIRE(m.completed(a));
    CHECK(m.completed(a)->result.number == WAIT_ABANDONED);
    CHECK(std::get<MutexObject>(m.object_of(a, ma).state).owner == a);
    Outcome existing = m.call(a, Call::CreateMutex, {{"bInitialOwner", I(1)}, {"lpName", S("mx")}});
    CHECK(existing.last_error == ERROR_ALREADY_EXISTS);
    CHECK(std::get<MutexObject>(m.object_of(a, ma).state).recursion == 1);  // bInitialOwner ignored for an existing mutex
    CHECK(m.call(a, Call::ReleaseMutex, {{"hMutex", I(0x700)}}).last_error == ERROR_INVALID_HANDLE);
}

// Semaphores: waits take a unit; ReleaseSemaphore past the maximum fails with ERROR_TOO_MANY_POSTS (Microsoft Learn).
TEST_CASE("semaphores count down on waits and refuse releases past the maximum") {
    Machine m;
    Pid a = m.process("A");
    Outcome bad = m.call(a, Call::CreateSemaphore, {{"lInitialCount", I(3)}, {"lMaximumCount", I(2)}});
    CHECK(bad.result.number == 0);
    CHECK(bad.last_error == ERROR_INVALID_PARAMETER);
    Value s = m.call(a, Call::CreateSemaphore, {{"lInitialCount", I(1)}, {"lMaximumCount", I(2)}, {"lpName", S("sem")}}).result;
    CHECK(m.call(a, Call::WaitForSingleObject, {{"hHandle", H(s)}, {"dwMilliseconds", I(0)}}).result.number == WAIT_OBJECT_0);
    CHECK(m.call(a, Call::WaitForSingleObject, {{"hHandle", H(s)}, {"dwMilliseconds", I(0)}}).result.number == WAIT_TIMEOUT);
    Outcome rel = m.call(a, Call::ReleaseSemaphore, {{"hSemaphore", H(s)}, {"lReleaseCount", I(2)}});
    REQUIRE(ok(rel));
    CHECK(output(rel, Call::ReleaseSemaphore, "lpPreviousCount").number == 0);
    Outcome over = m.call(a, Call::ReleaseSemaphore, {{"hSemaphore", H(s)}, {"lReleaseCount", I(1)}});
    CHECK(over.result.number == 0);
    CHECK(over.last_error == ERROR_TOO_MANY_POSTS);
    CHECK(output(over, Call::ReleaseSemaphore, "lpPreviousCount").is_none());
    CHECK(std::get<SemaphoreObject>(m.object_of(a, s).state).count == 2);
    CHECK(m.call(a, Call::ReleaseSemaphore, {{"hSemaphore", H(s)}, {"lReleaseCount", I(0)}}).last_error == ERROR_INVALID_PARAMETER);
    Outcome opened = m.call(a, Call::OpenSemaphore, {{"dwDesiredAccess", I(SEMAPHORE_ALL_ACCESS)}, {"bInheritHandle", I(1)}, {"lpName", S("sem")}});
    CHECK(m.world.entry(a, opened.result.as_handle())->inherit);
}
