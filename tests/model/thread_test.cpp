// SuspendThread / ResumeThread / GetExitCodeThread, CREATE_SUSPENDED and GetStartupInfo: a child's
// one thread and what its creator handed it.
#include "helpers.h"

using namespace kosim;
using namespace kosim::model;
using namespace kosim::model::test;

namespace {

struct SuspendableChild {
    Pid pid = 0;
    Value process, thread;
};

SuspendableChild create_child(Machine& m, Pid parent, std::uint64_t creation_flags, std::initializer_list<Arg> more = {}) {
    std::vector<Arg> args{{"lpApplicationName", S("Child")}, {"dwCreationFlags", I(creation_flags)}};
    args.insert(args.end(), more.begin(), more.end());
    auto values = make_args(Call::CreateProcess, {});
    for (const Arg& a : args) values[static_cast<std::size_t>(param_index(call_info(Call::CreateProcess), a.name))] = a.value;
    Outcome out = m.world.invoke(parent, Call::CreateProcess, values);
    require_consistent(m.world);
    REQUIRE(ok(out));
    Value pi = output(out, Call::CreateProcess, "lpProcessInformation");
    REQUIRE(pi.field("hThread") != nullptr);
    return {static_cast<Pid>(pi.field("dwProcessId")->number), *pi.field("hProcess"), *pi.field("hThread")};
}

}  // namespace

// Wine kernel32/tests/process.c test_SuspendFlag: a CREATE_SUSPENDED child starts with suspend count 1.
TEST_CASE("CREATE_SUSPENDED starts the child's thread with suspend count 1, and ResumeThread returns 1 and lets it run") {
    Machine m;
    Pid parent = m.process("Parent");
    SuspendableChild child = create_child(m, parent, CREATE_SUSPENDED);
    CHECK(m.proc(child.pid).suspend_count == 1);
    Outcome resumed = m.call(parent, Call::ResumeThread, {{"hThread", H(child.thread)}});
    CHECK(resumed.result.number == 1);
    CHECK(m.proc(child.pid).suspend_count == 0);
    Outcome again = m.call(parent, Call::ResumeThread, {{"hThread", H(child.thread)}});
    CHECK(again.result.number == 0);   // not suspended: 0, nothing changes
    CHECK(m.proc(child.pid).suspend_count == 0);
}

TEST_CASE("a child created without CREATE_SUSPENDED runs at once") {
    Machine m;
    Pid parent = m.process("Parent");
    SuspendableChild child = create_child(m, parent, 0);
    CHECK(m.proc(child.pid).suspend_count == 0);
}

// Microsoft Learn SuspendThread / ResumeThread: each returns the previous count; the thread runs at 0.
TEST_CASE("SuspendThread and ResumeThread nest and return the previous count") {
    Machine m;
    Pid parent = m.process("Parent");
    SuspendableChild child = create_child(m, parent, CREATE_SUSPENDED);
    CHECK(m.call(parent, Call::SuspendThread, {{"hThread", H(child.thread)}}).result.number == 1);
    CHECK(m.call(parent, Call::SuspendThread, {{"hThread", H(child.thread)}}).result.number == 2);
    CHECK(m.proc(child.pid).suspend_count == 3);
    CHECK(m.call(parent, Call::ResumeThread, {{"hThread", H(child.thread)}}).result.number == 3);
    CHECK(m.call(parent, Call::ResumeThread, {{"hThread", H(child.thread)}}).result.number == 2);
    CHECK(m.proc(child.pid).suspend_count == 1);
}

TEST_CASE("SuspendThread past MAXIMUM_SUSPEND_COUNT fails with ERROR_SIGNAL_REFUSED") {
    Machine m;
    Pid parent = m.process("Parent");
    SuspendableChild child = create_child(m, parent, CREATE_SUSPENDED);
    for (std::uint32_t i = 1; i < MAXIMUM_SUSPEND_COUNT; ++i)
        REQUIRE(m.call(parent, Call::SuspendThread, {{"hThread", H(child.thread)}}).result.number == i);
    Outcome over = m.call(parent, Call::SuspendThread, {{"hThread", H(child.thread)}});
    CHECK(over.result.number == 0xFFFFFFFFu);
    CHECK(over.last_error == ERROR_SIGNAL_REFUSED);
    CHECK(m.proc(child.pid).suspend_count == MAXIMUM_SUSPEND_COUNT);
}

TEST_CASE("ResumeThread and SuspendThread need THREAD_SUSPEND_RESUME and a thread handle") {
    Machine m;
    Pid parent = m.process("Parent");
    SuspendableChild child = create_child(m, parent, CREATE_SUSPENDED);
    Outcome dup = m.call(parent, Call::DuplicateHandle,
                         {{"hSourceProcessHandle", H(current_process_pseudo)}, {"hSourceHandle", H(child.thread)},
                          {"hTargetProcessHandle", H(current_process_pseudo)}, {"dwDesiredAccess", I(SYNCHRONIZE)}});
    REQUIRE(ok(dup));
    Value limited = output(dup, Call::DuplicateHandle, "lpTargetHandle");
    Outcome denied = m.call(parent, Call::ResumeThread, {{"hThread", H(limited)}});
    CHECK(denied.result.number == 0xFFFFFFFFu);
    CHECK(denied.last_error == ERROR_ACCESS_DENIED);
    CHECK(m.proc(child.pid).suspend_count == 1);
    // A process handle is not a thread handle.
    Outcome wrong = m.call(parent, Call::SuspendThread, {{"hThread", H(child.process)}});
    CHECK(wrong.result.number == 0xFFFFFFFFu);
    CHECK(wrong.last_error == ERROR_INVALID_HANDLE);
}

// Microsoft Learn GetExitCodeThread: STILL_ACTIVE while it runs (suspended too), then its exit code.
TEST_CASE("GetExitCodeThread: STILL_ACTIVE while running or suspended, the process's exit code after") {
    Machine m;
    Pid parent = m.process("Parent");
    SuspendableChild child = create_child(m, parent, CREATE_SUSPENDED);
    Outcome before = m.call(parent, Call::GetExitCodeThread, {{"hThread", H(child.thread)}});
    REQUIRE(ok(before));
    CHECK(output(before, Call::GetExitCodeThread, "lpExitCode").number == STILL_ACTIVE);
    REQUIRE(ok(m.call(parent, Call::TerminateProcess, {{"hProcess", H(child.process)}, {"uExitCode", I(42)}})));
    Outcome after = m.call(parent, Call::GetExitCodeThread, {{"hThread", H(child.thread)}});
    REQUIRE(ok(after));
    CHECK(output(after, Call::GetExitCodeThread, "lpExitCode").number == 42);
    // An ended thread cannot be suspended.
    Outcome suspend = m.call(parent, Call::SuspendThread, {{"hThread", H(child.thread)}});
    CHECK(suspend.result.number == 0xFFFFFFFFu);
    CHECK(suspend.last_error == ERROR_ACCESS_DENIED);
    // The caller's own thread through the pseudo-handle.
    Outcome own = m.call(parent, Call::GetExitCodeThread, {{"hThread", H(current_thread_pseudo)}});
    REQUIRE(ok(own));
    CHECK(output(own, Call::GetExitCodeThread, "lpExitCode").number == STILL_ACTIVE);
}

// Wine kernel32/tests/process.c test_Startup: the child reads back its STARTUPINFO.
TEST_CASE("GetStartupInfo gives back dwFlags and, with STARTF_USESTDHANDLES, the std handles passed") {
    Machine m;
    Pid parent = m.process("Parent");
    Outcome event = m.call(parent, Call::CreateEvent, {{"bManualReset", I(1)}, {"bInitialState", I(0)}});
    REQUIRE(ok(event));
    SuspendableChild with = create_child(m, parent, 0, {{"dwFlags", I(STARTF_USESTDHANDLES)}, {"hStdOutput", H(event.result)}});
    Outcome info = m.call(with.pid, Call::GetStartupInfo);
    Value si = output(info, Call::GetStartupInfo, "lpStartupInfo");
    REQUIRE(si.field("dwFlags") != nullptr);
    CHECK(si.field("dwFlags")->number == STARTF_USESTDHANDLES);
    CHECK(si.field("hStdOutput")->as_handle() == event.result.as_handle());
    CHECK(si.field("hStdInput")->as_handle() == null_handle);
    // SetStdHandle changes GetStdHandle, not what the creator passed.
    m.call(with.pid, Call::SetStdHandle, {{"nStdHandle", I(STD_OUTPUT_HANDLE)}, {"hHandle", H(null_handle)}});
    Value again = output(m.call(with.pid, Call::GetStartupInfo), Call::GetStartupInfo, "lpStartupInfo");
    CHECK(again.field("hStdOutput")->as_handle() == event.result.as_handle());

    SuspendableChild without = create_child(m, parent, 0, {{"hStdOutput", H(event.result)}});
    Value plain = output(m.call(without.pid, Call::GetStartupInfo), Call::GetStartupInfo, "lpStartupInfo");
    CHECK(plain.field("dwFlags")->number == 0);
    CHECK(plain.field("hStdOutput")->as_handle() == null_handle);
}

// rprichard's console handle tests (Test_CreateProcess_InheritAllHandles): without
// STARTF_USESTDHANDLES an inheriting child on the parent's console keeps the parent's values.
TEST_CASE("without STARTF_USESTDHANDLES an inheriting child gets the parent's std handle values") {
    Machine m;
    Pid parent = m.process("Parent");
    Outcome event = m.call(parent, Call::CreateEvent, {{"lpEventAttributes", I(1)}, {"bManualReset", I(1)}, {"bInitialState", I(0)}});
    REQUIRE(ok(event));
    m.call(parent, Call::SetStdHandle, {{"nStdHandle", I(STD_ERROR_HANDLE)}, {"hHandle", H(event.result)}});
    SuspendableChild inheriting = create_child(m, parent, 0, {{"bInheritHandles", I(1)}});
    CHECK(m.proc(inheriting.pid).std_error == event.result.as_handle());
    // A console of its own, or no inheritance: NULL in the model.
    SuspendableChild own_console = create_child(m, parent, CREATE_NEW_CONSOLE, {{"bInheritHandles", I(1)}});
    CHECK(m.proc(own_console.pid).std_error == null_handle);
    SuspendableChild plain = create_child(m, parent, 0);
    CHECK(m.proc(plain.pid).std_error == null_handle);
}
