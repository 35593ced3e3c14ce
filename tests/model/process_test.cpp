// Processes: CreateProcess (inheritance, counts, command line, environment, std handles), exit,
// OpenProcess, GetExitCodeProcess, TerminateProcess, waits on processes, Sleep, environment calls.
#include "helpers.h"

using namespace kosim;
using namespace kosim::model;
using namespace kosim::model::test;

namespace {
struct Child {
    Pid pid;
    Value h_process, h_thread;
};
Child spawn(Machine& m, Pid parent, std::initializer_list<Arg> args) {
    Outcome out = m.call(parent, Call::CreateProcess, args);
    REQUIRE(ok(out));
    Value pi = output(out, Call::CreateProcess, "lpProcessInformation");
    REQUIRE(pi.kind == Value::Kind::Record);
    return {static_cast<Pid>(pi.field("dwProcessId")->number), *pi.field("hProcess"), *pi.field("hThread")};
}
}  // namespace

// Right after CreateProcess the child's process object has usage_count 2 (itself + pi.hProcess),
// 1 after it exits, and it is destroyed when the parent closes pi.hProcess (the textbook's count).
TEST_CASE("a child's process object counts the running child and the parent's pi.hProcess") {
    Machine m;
    Pid a = m.process("A");
    Child c = spawn(m, a, {{"lpApplicationName", S("B")}});
    ObjectId id = m.proc(c.pid).process_object;
    CHECK(m.world.object(id)->usage_count == 2);
    CHECK(m.world.object(id)->handle_count == 1);
    CHECK(m.world.holders(id).size() == 2);
    CHECK(m.proc(c.pid).name == "B");
    CHECK(m.proc(c.pid).parent == a);
    m.call(c.pid, Call::ExitProcess, {{"uExitCode", I(7)}});
    CHECK(m.proc(c.pid).state == RunState::Exited);
    CHECK(m.world.object(id)->usage_count == 1);
    CHECK(m.world.object(id)->signalled);
    Outcome code = m.call(a, Call::GetExitCodeProcess, {{"hProcess", H(c.h_process)}});
    CHECK(output(code, Call::GetExitCodeProcess, "lpExitCode").number == 7);
    m.call(a, Call::CloseHandle, {{"hObject", H(c.h_process)}});
    CHECK(m.world.object(id) == nullptr);
}

// Only entries flagged inheritable are copied, at the same value, flag kept (Microsoft Learn "Handle Inheritance").
TEST_CASE("bInheritHandles copies only inheritable entries, at the same value, with the flag") {
    Machine m;
    Pid a = m.process("A");
    Value keep = m.call(a, Call::CreateEvent, {{"lpEventAttributes", I(1)}, {"bManualReset", I(0)}, {"bInitialState", I(0)}}).result;
    Value skip = m.call(a, Call::CreateEvent, {{"bManualReset", I(0)}, {"bInitialState", I(0)}}).result;
    Child c = spawn(m, a, {{"lpApplicationName", S("B")}, {"bInheritHandles", I(1)}});
    const HandleEntry* e = m.world.entry(c.pid, keep.as_handle());
    REQUIRE(e);
    CHECK(e->inherit);
    CHECK(e->origin.how == Origin::How::Inherited);
    CHECK(e->origin.from_pid == a);
    CHECK(e->object == m.world.entry(a, keep.as_handle())->object);
    CHECK(m.world.object(e->object)->usage_count == 2);
    CHECK(m.world.entry(c.pid, skip.as_handle()) == nullptr);
    // Without bInheritHandles nothing is inherited.
    Child d = spawn(m, a, {{"lpApplicationName", S("C")}});
    CHECK(m.proc(d.pid).handles.size() == 0);
}

// lpProcessAttributes / lpThreadAttributes with bInheritHandle TRUE make pi.hProcess / pi.hThread inheritable.
TEST_CASE("pi.hProcess and pi.hThread are inheritable only when their SECURITY_ATTRIBUTES say so") {
    Machine m;
    Pid a = m.process("A");
    Child c = spawn(m, a, {{"lpApplicationName", S("B")}, {"lpProcessAttributes", I(1)}});
    CHECK(m.world.entry(a, c.h_process.as_handle())->inherit);
    CHECK_FALSE(m.world.entry(a, c.h_thread.as_handle())->inherit);
    CHECK(m.object_of(a, c.h_thread).kind == ObjectKind::Thread);
}

// The command line defaults to the application name; an explicit one is kept (GetCommandLine).
TEST_CASE("the child's command line is lpCommandLine, or the application name") {
    Machine m;
    Pid a = m.process("A");
    Child c = spawn(m, a, {{"lpApplicationName", S("B")}, {"lpCommandLine", S("B 0x4")}});
    CHECK(m.call(c.pid, Call::GetCommandLine).result.text == "B 0x4");
    Child d = spawn(m, a, {{"lpApplicationName", S("C")}});
    CHECK(m.call(d.pid, Call::GetCommandLine).result.text == "C");
    Outcome bad = m.call(a, Call::CreateProcess, {{"lpApplicationName", S("")}});
    CHECK(bad.result.number == 0);
    CHECK(bad.last_error == ERROR_PATH_NOT_FOUND);
}

// lpEnvironment NULL: the child gets a copy of the parent's block; a block "A=1\0B=2\0" replaces it.
TEST_CASE("the child's environment is a copy of the parent's or the explicit block") {
    Machine m;
    Pid a = m.process("A");
    REQUIRE(ok(m.call(a, Call::SetEnvironmentVariable, {{"lpName", S("X")}, {"lpValue", S("1")}})));
    Child c = spawn(m, a, {{"lpApplicationName", S("B")}});
    REQUIRE(ok(m.call(a, Call::SetEnvironmentVariable, {{"lpName", S("X")}, {"lpValue", S("2")}})));
    Outcome got = m.call(c.pid, Call::GetEnvironmentVariable, {{"lpName", S("x")}, {"nSize", I(10)}});
    CHECK(got.result.number == 1);
    CHECK(output(got, Call::GetEnvironmentVariable, "lpBuffer").text == "1");
    Child d = spawn(m, a, {{"lpApplicationName", S("C")}, {"lpEnvironment", S(std::string("P=q\0R=st\0\0", 10))}});
    CHECK(m.proc(d.pid).environment.size() == 2);
    CHECK(output(m.call(d.pid, Call::GetEnvironmentVariable, {{"lpName", S("R")}, {"nSize", I(10)}}), Call::GetEnvironmentVariable,
                 "lpBuffer").text == "st");
    CHECK(m.call(d.pid, Call::GetEnvironmentVariable, {{"lpName", S("X")}, {"nSize", I(10)}}).last_error == ERROR_ENVVAR_NOT_FOUND);
}

// STARTF_USESTDHANDLES gives the child the three values; otherwise they are NULL (documented simplification).
TEST_CASE("STARTF_USESTDHANDLES sets the child's std handles") {
    Machine m;
    Pid a = m.process("A");
    Child c = spawn(m, a, {{"lpApplicationName", S("B")}, {"dwFlags", I(STARTF_USESTDHANDLES)}, {"hStdInput", I(4)}, {"hStdOutput", I(8)},
                           {"hStdError", I(8)}});
    CHECK(m.call(c.pid, Call::GetStdHandle, {{"nStdHandle", I(STD_INPUT_HANDLE)}}).result.number == 4);
    CHECK(m.call(c.pid, Call::GetStdHandle, {{"nStdHandle", I(STD_ERROR_HANDLE)}}).result.number == 8);
    Child d = spawn(m, a, {{"lpApplicationName", S("C")}, {"hStdInput", I(4)}});
    CHECK(m.call(d.pid, Call::GetStdHandle, {{"nStdHandle", I(STD_INPUT_HANDLE)}}).result.number == 0);
}

// Exit closes every entry, drops the running references, signals process and thread (Microsoft Learn "Terminating a Process").
TEST_CASE("process exit closes the whole table and wakes a waiter on the process") {
    Machine m;
    Pid a = m.process("A");
    Child c = spawn(m, a, {{"lpApplicationName", S("B")}});
    Value ev = m.call(c.pid, Call::CreateEvent, {{"bManualReset", I(0)}, {"bInitialState", I(0)}}).result;
    ObjectId ev_id = m.object_of(c.pid, ev).id;
    Outcome w = m.call(a, Call::WaitForSingleObject, {{"hHandle", H(c.h_process)}});
    REQUIRE(blocked(w));
    CHECK(m.proc(a).state == RunState::Waiting);
    CHECK(m.proc(a).wait->reason == WaitReason::Object);
    CHECK(m.call(a, Call::GetExitCodeProcess, {{"hProcess", H(c.h_process)}}).last_error == ERROR_INVALID_PARAMETER);  // a waiting process makes no calls
    m.call(c.pid, Call::ExitProcess, {{"uExitCode", I(3)}});
    CHECK(m.world.object(ev_id) == nullptr);
    const Outcome* done = m.completed(a);
    REQUIRE(done);
    CHECK(done->result.number == WAIT_OBJECT_0);
    CHECK(m.proc(a).state == RunState::Running);
    CHECK(m.world.object(m.proc(c.pid).thread_object)->usage_count == 1);
}

// TerminateProcess ends another process; on an ended one it fails with ERROR_ACCESS_DENIED; on itself it ends the caller.
TEST_CASE("TerminateProcess ends the target, fails on an exited one, and may end the caller") {
    Machine m;
    Pid a = m.process("A");
    Child c = spawn(m, a, {{"lpApplicationName", S("B")}});
    CHECK(output(m.call(a, Call::GetExitCodeProcess, {{"hProcess", H(c.h_process)}}), Call::GetExitCodeProcess, "lpExitCode").number ==
          STILL_ACTIVE);
    // A waiting child is terminated too, and its wait goes.
    REQUIRE(blocked(m.call(c.pid, Call::Sleep, {{"dwMilliseconds", I(INFINITE)}})));
    REQUIRE(ok(m.call(a, Call::TerminateProcess, {{"hProcess", H(c.h_process)}, {"uExitCode", I(9)}})));
    CHECK(m.proc(c.pid).state == RunState::Exited);
    CHECK(m.proc(c.pid).exit_code == 9);
    Outcome again = m.call(a, Call::TerminateProcess, {{"hProcess", H(c.h_process)}, {"uExitCode", I(1)}});
    CHECK(again.result.number == 0);
    CHECK(again.last_error == ERROR_ACCESS_DENIED);
    CHECK(m.call(a, Call::TerminateProcess, {{"hProcess", I(0x44)}, {"uExitCode", I(1)}}).last_error == ERROR_INVALID_HANDLE);
    m.call(a, Call::TerminateProcess, {{"hProcess", H(current_process_pseudo)}, {"uExitCode", I(5)}});
    CHECK(m.proc(a).state == RunState::Exited);
    CHECK(m.proc(a).handles.size() == 0);
    CHECK(m.world.object(m.proc(c.pid).process_object) == nullptr);  // the last reference was A's pi.hProcess
}

// OpenProcess: a new entry to a live (or zombie) process object; unknown pids fail with ERROR_INVALID_PARAMETER.
TEST_CASE("OpenProcess opens a process by id and fails for unknown ids") {
    Machine m;
    Pid a = m.process("A");
    Pid b = m.process("B");
    Outcome o = m.call(a, Call::OpenProcess, {{"dwDesiredAccess", I(PROCESS_ALL_ACCESS)}, {"bInheritHandle", I(0)}, {"dwProcessId", I(b)}});
    REQUIRE(o.result.number != 0);
    CHECK(m.world.entry(a, o.result.as_handle())->origin.how == Origin::How::Opened);
    CHECK(m.world.object(m.proc(b).process_object)->usage_count == 2);
    m.call(b, Call::ExitProcess, {{"uExitCode", I(0)}});
    Outcome zombie = m.call(a, Call::OpenProcess, {{"dwDesiredAccess", I(PROCESS_ALL_ACCESS)}, {"bInheritHandle", I(0)}, {"dwProcessId", I(b)}});
    CHECK(zombie.result.number != 0);
    Outcome bad = m.call(a, Call::OpenProcess, {{"dwDesiredAccess", I(PROCESS_ALL_ACCESS)}, {"bInheritHandle", I(0)}, {"dwProcessId", I(12345)}});
    CHECK(bad.result.number == 0);
    CHECK(bad.last_error == ERROR_INVALID_PARAMETER);
    CHECK(m.call(a, Call::GetExitCodeProcess, {{"hProcess", I(0x300)}}).last_error == ERROR_INVALID_HANDLE);
}

// WaitForSingleObject: time-out 0 never blocks; a finite time-out ends with WAIT_TIMEOUT on the virtual clock.
TEST_CASE("WaitForSingleObject times out on the virtual clock and Sleep completes at its deadline") {
    Machine m;
    Pid a = m.process("A");
    Value ev = m.call(a, Call::CreateEvent, {{"bManualReset", I(0)}, {"bInitialState", I(0)}}).result;
    CHECK(m.call(a, Call::WaitForSingleObject, {{"hHandle", H(ev)}, {"dwMilliseconds", I(0)}}).result.number == WAIT_TIMEOUT);
    REQUIRE(blocked(m.call(a, Call::WaitForSingleObject, {{"hHandle", H(ev)}, {"dwMilliseconds", I(100)}})));
    CHECK(m.world.next_deadline() == std::optional<std::uint64_t>(100));
    CHECK(m.advance(50).empty());
    auto done = m.advance(100);
    REQUIRE(done.size() == 1);
    CHECK(done[0].outcome.result.number == WAIT_TIMEOUT);
    CHECK(m.world.now_ms() == 100);
    REQUIRE(blocked(m.call(a, Call::Sleep, {{"dwMilliseconds", I(20)}})));
    auto slept = m.advance(*m.world.next_deadline());
    REQUIRE(slept.size() == 1);
    CHECK(slept[0].outcome.result.is_none());
    CHECK(m.call(a, Call::Sleep, {{"dwMilliseconds", I(0)}}).status == Outcome::Status::Completed);
    Outcome bad = m.call(a, Call::WaitForSingleObject, {{"hHandle", I(0x200)}});
    CHECK(bad.result.number == WAIT_FAILED);
    CHECK(bad.last_error == ERROR_INVALID_HANDLE);
    // File-type objects (here a pipe end) count as signalled.
    Value r = m.call(a, Call::CreatePipe).outputs.at(0).second;
    CHECK(m.call(a, Call::WaitForSingleObject, {{"hHandle", H(r)}}).result.number == WAIT_OBJECT_0);
}

// GetEnvironmentVariable's return values (Microsoft Learn): length without the terminator when it fits,
// the size needed including it when nSize is too small, 0 + ERROR_ENVVAR_NOT_FOUND when missing.
TEST_CASE("GetEnvironmentVariable returns the length, or the size needed, or 0 when missing") {
    Machine m;
    Pid a = m.process("A");
    REQUIRE(ok(m.call(a, Call::SetEnvironmentVariable, {{"lpName", S("Name")}, {"lpValue", S("hello")}})));
    Outcome fits = m.call(a, Call::GetEnvironmentVariable, {{"lpName", S("NAME")}, {"nSize", I(6)}});
    CHECK(fits.result.number == 5);
    CHECK(output(fits, Call::GetEnvironmentVariable, "lpBuffer").text == "hello");
    Outcome small = m.call(a, Call::GetEnvironmentVariable, {{"lpName", S("name")}, {"nSize", I(5)}});
    CHECK(small.result.number == 6);
    CHECK(output(small, Call::GetEnvironmentVariable, "lpBuffer").is_none());
    REQUIRE(ok(m.call(a, Call::SetEnvironmentVariable, {{"lpName", S("name")}, {"lpValue", S("x")}})));
    CHECK(m.proc(a).environment.size() == 1);
    REQUIRE(ok(m.call(a, Call::SetEnvironmentVariable, {{"lpName", S("NAME")}})));  // NULL value deletes
    Outcome gone = m.call(a, Call::GetEnvironmentVariable, {{"lpName", S("name")}, {"nSize", I(6)}});
    CHECK(gone.result.number == 0);
    CHECK(gone.last_error == ERROR_ENVVAR_NOT_FOUND);
    CHECK(m.call(a, Call::SetEnvironmentVariable, {{"lpName", S("A=B")}, {"lpValue", S("x")}}).last_error == ERROR_INVALID_PARAMETER);
}
