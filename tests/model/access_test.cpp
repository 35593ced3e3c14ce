// Access masks: the granted access each entry holds, the GENERIC_* mapping per type, and the
// rights each use checks (docs/model.md, "Access masks").
#include "helpers.h"

#include "model/access.h"

using namespace kosim;
using namespace kosim::model;
using namespace kosim::model::test;

static std::uint32_t granted(Machine& m, Pid pid, const Value& h) {
    const HandleEntry* e = m.world.entry(pid, h.as_handle());
    REQUIRE(e != nullptr);
    return e->access;
}

TEST_CASE("GENERIC_* maps to each type's specific rights") {
    CHECK(map_access(ObjectKind::Event, GENERIC_WRITE) == (STANDARD_RIGHTS_WRITE | EVENT_MODIFY_STATE));
    CHECK(map_access(ObjectKind::Mutex, GENERIC_WRITE) == STANDARD_RIGHTS_WRITE);
    CHECK(map_access(ObjectKind::Mutex, GENERIC_EXECUTE) == (STANDARD_RIGHTS_EXECUTE | SYNCHRONIZE));
    CHECK(map_access(ObjectKind::Semaphore, GENERIC_ALL) == SEMAPHORE_ALL_ACCESS);
    CHECK(map_access(ObjectKind::File, GENERIC_READ) == FILE_GENERIC_READ);
    CHECK(map_access(ObjectKind::Process, GENERIC_EXECUTE) ==
          (STANDARD_RIGHTS_EXECUTE | SYNCHRONIZE | PROCESS_QUERY_LIMITED_INFORMATION | PROCESS_TERMINATE));
    // The full query right brings the limited one; the limited one alone stays alone.
    CHECK(map_access(ObjectKind::Process, PROCESS_QUERY_INFORMATION) == (PROCESS_QUERY_INFORMATION | PROCESS_QUERY_LIMITED_INFORMATION));
    CHECK(map_access(ObjectKind::Process, PROCESS_QUERY_LIMITED_INFORMATION) == PROCESS_QUERY_LIMITED_INFORMATION);
}

TEST_CASE("Open by name refuses 0 access and rights the type does not have") {
    CHECK(grant_open_access(ObjectKind::Mutex, 0).error == ERROR_ACCESS_DENIED);
    CHECK(grant_open_access(ObjectKind::Mutex, 0x2).error == ERROR_ACCESS_DENIED);
    CHECK(grant_open_access(ObjectKind::Mutex, ACCESS_SYSTEM_SECURITY).error == ERROR_PRIVILEGE_NOT_HELD);
    // Wine sync.c test_mutex: the single bits that succeed are exactly ~0x0de0fffe.
    std::uint32_t failed = 0;
    for (int i = 0; i < 32; ++i)
        if (grant_open_access(ObjectKind::Mutex, 1u << i).error != ERROR_SUCCESS) failed |= 1u << i;
    CHECK(failed == 0x0de0fffeu);
    AccessGrant sync = grant_open_access(ObjectKind::Event, SYNCHRONIZE);
    CHECK(sync.error == ERROR_SUCCESS);
    CHECK(sync.granted == SYNCHRONIZE);
}

TEST_CASE("Create* grants full access; Open* the mapped request; DuplicateHandle maps or copies") {
    Machine m;
    Pid a = m.process("A");
    Outcome e = m.call(a, Call::CreateEvent, {{"bManualReset", I(1)}, {"bInitialState", I(1)}, {"lpName", S("ev")}});
    REQUIRE(ok(e));
    CHECK(granted(m, a, e.result) == EVENT_ALL_ACCESS);
    Outcome opened = m.call(a, Call::OpenEvent, {{"dwDesiredAccess", I(GENERIC_READ)}, {"bInheritHandle", I(0)}, {"lpName", S("ev")}});
    REQUIRE(ok(opened));
    CHECK(granted(m, a, opened.result) == (STANDARD_RIGHTS_READ | 0x1u));

    SUBCASE("DUPLICATE_SAME_ACCESS copies the source's rights") {
        Outcome d = m.call(a, Call::DuplicateHandle, {{"hSourceProcessHandle", H(current_process_pseudo)}, {"hSourceHandle", H(opened.result)},
                                                      {"hTargetProcessHandle", H(current_process_pseudo)}, {"dwOptions", I(DUPLICATE_SAME_ACCESS)}});
        REQUIRE(ok(d));
        CHECK(granted(m, a, output(d, Call::DuplicateHandle, "lpTargetHandle")) == (STANDARD_RIGHTS_READ | 0x1u));
    }
    SUBCASE("dwDesiredAccess is mapped for the object's type") {
        Outcome d = m.call(a, Call::DuplicateHandle, {{"hSourceProcessHandle", H(current_process_pseudo)}, {"hSourceHandle", H(e.result)},
                                                      {"hTargetProcessHandle", H(current_process_pseudo)}, {"dwDesiredAccess", I(GENERIC_WRITE)}});
        REQUIRE(ok(d));
        CHECK(granted(m, a, output(d, Call::DuplicateHandle, "lpTargetHandle")) == (STANDARD_RIGHTS_WRITE | EVENT_MODIFY_STATE));
    }
}

TEST_CASE("Each use checks the entry's rights and fails with ERROR_ACCESS_DENIED") {
    Machine m;
    Pid a = m.process("A");
    Outcome e = m.call(a, Call::CreateEvent, {{"bManualReset", I(1)}, {"bInitialState", I(1)}, {"lpName", S("ev")}});
    REQUIRE(ok(e));
    Outcome sync_only = m.call(a, Call::OpenEvent, {{"dwDesiredAccess", I(SYNCHRONIZE)}, {"bInheritHandle", I(0)}, {"lpName", S("ev")}});
    Outcome modify_only = m.call(a, Call::OpenEvent, {{"dwDesiredAccess", I(EVENT_MODIFY_STATE)}, {"bInheritHandle", I(0)}, {"lpName", S("ev")}});
    REQUIRE(ok(sync_only));
    REQUIRE(ok(modify_only));

    Outcome set = m.call(a, Call::SetEvent, {{"hEvent", H(sync_only.result)}});
    CHECK(set.result.number == 0);
    CHECK(set.last_error == ERROR_ACCESS_DENIED);
    CHECK(m.object_of(a, e.result).signalled);   // nothing changed

    Outcome wait = m.call(a, Call::WaitForSingleObject, {{"hHandle", H(modify_only.result)}, {"dwMilliseconds", I(0)}});
    CHECK(wait.result.number == WAIT_FAILED);
    CHECK(wait.last_error == ERROR_ACCESS_DENIED);
    Outcome waited = m.call(a, Call::WaitForSingleObject, {{"hHandle", H(sync_only.result)}, {"dwMilliseconds", I(0)}});
    CHECK(waited.result.number == WAIT_OBJECT_0);

    Outcome reset = m.call(a, Call::ResetEvent, {{"hEvent", H(modify_only.result)}});
    CHECK(ok(reset));
    CHECK_FALSE(m.object_of(a, e.result).signalled);
}

TEST_CASE("Process rights: GetExitCodeProcess, TerminateProcess, DuplicateHandle") {
    Machine m;
    Pid parent = m.process("Parent");
    Outcome created = m.call(parent, Call::CreateProcess, {{"lpApplicationName", S("Child")}});
    REQUIRE(ok(created));
    Value pi = output(created, Call::CreateProcess, "lpProcessInformation");
    const Value* h_process = pi.field("hProcess");
    const Value* id = pi.field("dwProcessId");
    REQUIRE(h_process != nullptr);
    REQUIRE(id != nullptr);
    CHECK(granted(m, parent, *h_process) == PROCESS_ALL_ACCESS);

    Outcome sync = m.call(parent, Call::OpenProcess, {{"dwDesiredAccess", I(SYNCHRONIZE)}, {"bInheritHandle", I(0)}, {"dwProcessId", *id}});
    REQUIRE(ok(sync));
    Outcome code = m.call(parent, Call::GetExitCodeProcess, {{"hProcess", H(sync.result)}});
    CHECK(code.result.number == 0);
    CHECK(code.last_error == ERROR_ACCESS_DENIED);
    CHECK(output(code, Call::GetExitCodeProcess, "lpExitCode").is_none());

    Outcome terminate = m.call(parent, Call::TerminateProcess, {{"hProcess", H(sync.result)}, {"uExitCode", I(3)}});
    CHECK(terminate.result.number == 0);
    CHECK(terminate.last_error == ERROR_ACCESS_DENIED);
    CHECK(m.world.find_process("Child")->state == RunState::Running);

    Outcome e = m.call(parent, Call::CreateEvent, {{"bManualReset", I(1)}, {"bInitialState", I(0)}});
    Outcome dup = m.call(parent, Call::DuplicateHandle, {{"hSourceProcessHandle", H(current_process_pseudo)}, {"hSourceHandle", H(e.result)},
                                                         {"hTargetProcessHandle", H(sync.result)}, {"dwOptions", I(DUPLICATE_SAME_ACCESS)}});
    CHECK(dup.result.number == 0);
    CHECK(dup.last_error == ERROR_ACCESS_DENIED);
    Outcome dup_ok = m.call(parent, Call::DuplicateHandle, {{"hSourceProcessHandle", H(current_process_pseudo)}, {"hSourceHandle", H(e.result)},
                                                            {"hTargetProcessHandle", *h_process}, {"dwOptions", I(DUPLICATE_SAME_ACCESS)}});
    CHECK(ok(dup_ok));
}

TEST_CASE("GetEnvironmentVariable of an empty value returns 0 and leaves the last error") {
    Machine m;
    Pid a = m.process("A");
    REQUIRE(ok(m.call(a, Call::SetEnvironmentVariable, {{"lpName", S("E")}, {"lpValue", S("")}})));
    m.world.set_last_error(a, 0xDEADBEEF);
    Outcome got = m.call(a, Call::GetEnvironmentVariable, {{"lpName", S("E")}, {"nSize", I(64)}});
    CHECK(got.result.number == 0);
    CHECK(got.last_error == 0xDEADBEEF);
    CHECK(output(got, Call::GetEnvironmentVariable, "lpBuffer").text == "");
    m.world.set_last_error(a, 0xDEADBEEF);
    Outcome size = m.call(a, Call::GetEnvironmentVariable, {{"lpName", S("E")}, {"nSize", I(0)}});
    CHECK(size.result.number == 1);
    CHECK(size.last_error == 0xDEADBEEF);
}

TEST_CASE("Inheritance copies the entry's access; pipe ends carry their direction's rights") {
    Machine m;
    Pid parent = m.process("Parent");
    Outcome e = m.call(parent, Call::CreateEvent, {{"bManualReset", I(1)}, {"bInitialState", I(0)}, {"lpName", S("ev")}});
    Outcome opened = m.call(parent, Call::OpenEvent, {{"dwDesiredAccess", I(SYNCHRONIZE)}, {"bInheritHandle", I(1)}, {"lpName", S("ev")}});
    REQUIRE(ok(e));
    REQUIRE(ok(opened));
    REQUIRE(ok(m.call(parent, Call::CreateProcess, {{"lpApplicationName", S("Child")}, {"bInheritHandles", I(1)}})));
    const Process* child = m.world.find_process("Child");
    REQUIRE(child != nullptr);
    const HandleEntry* inherited = m.world.entry(child->pid, opened.result.as_handle());
    REQUIRE(inherited != nullptr);
    CHECK(inherited->access == SYNCHRONIZE);

    Outcome pipe = m.call(parent, Call::CreatePipe, {});
    REQUIRE(ok(pipe));
    Value read_end = output(pipe, Call::CreatePipe, "hReadPipe"), write_end = output(pipe, Call::CreatePipe, "hWritePipe");
    CHECK(granted(m, parent, read_end) == (FILE_GENERIC_READ | FILE_WRITE_ATTRIBUTES));
    CHECK(granted(m, parent, write_end) == (FILE_GENERIC_WRITE | FILE_READ_ATTRIBUTES));
    Outcome read = m.call(parent, Call::ReadFile, {{"hFile", H(write_end)}, {"nNumberOfBytesToRead", I(4)}});
    CHECK(read.result.number == 0);
    CHECK(read.last_error == ERROR_ACCESS_DENIED);
    Outcome write = m.call(parent, Call::WriteFile, {{"hFile", H(read_end)}, {"lpBuffer", S("x")}});
    CHECK(write.result.number == 0);
    CHECK(write.last_error == ERROR_ACCESS_DENIED);
}

TEST_CASE("WaitForMultipleObjects checks SYNCHRONIZE handle by handle, after the handle itself") {
    Machine m;
    Pid a = m.process("A");
    Outcome e = m.call(a, Call::CreateEvent, {{"bManualReset", I(1)}, {"bInitialState", I(1)}, {"lpName", S("ev")}});
    Outcome modify = m.call(a, Call::OpenEvent, {{"dwDesiredAccess", I(EVENT_MODIFY_STATE)}, {"bInheritHandle", I(0)}, {"lpName", S("ev")}});
    REQUIRE(ok(modify));
    Outcome denied = m.call(a, Call::WaitForMultipleObjects, {{"nCount", I(2)}, {"lpHandles", Value::list({H(e.result), H(modify.result)})},
                                                              {"bWaitAll", I(0)}, {"dwMilliseconds", I(0)}});
    CHECK(denied.result.number == WAIT_FAILED);
    CHECK(denied.last_error == ERROR_ACCESS_DENIED);
    // An invalid handle before it is reported as invalid, not as denied.
    Outcome invalid = m.call(a, Call::WaitForMultipleObjects, {{"nCount", I(2)}, {"lpHandles", Value::list({H(HandleValue{0x1234}), H(modify.result)})},
                                                               {"bWaitAll", I(0)}, {"dwMilliseconds", I(0)}});
    CHECK(invalid.result.number == WAIT_FAILED);
    CHECK(invalid.last_error == ERROR_INVALID_HANDLE);
}
