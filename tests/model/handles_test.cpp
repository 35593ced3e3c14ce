// Handle tables, counting, pseudo-handles, DuplicateHandle, handle information, std handles.
#include "helpers.h"

using namespace kosim;
using namespace kosim::model;
using namespace kosim::model::test;

// Handle values are multiples of 4 from 4, lowest free reused (Wine server/handle.c alloc_entry).
TEST_CASE("handle values start at 4, step by 4, and the lowest free value is reused") {
    Machine m;
    Pid a = m.process("A");
    Value e1 = m.call(a, Call::CreateEvent, {{"bManualReset", I(0)}, {"bInitialState", I(0)}}).result;
    Value e2 = m.call(a, Call::CreateEvent, {{"bManualReset", I(0)}, {"bInitialState", I(0)}}).result;
    Value e3 = m.call(a, Call::CreateEvent, {{"bManualReset", I(0)}, {"bInitialState", I(0)}}).result;
    CHECK(e1.number == 4);
    CHECK(e2.number == 8);
    CHECK(e3.number == 12);
    REQUIRE(ok(m.call(a, Call::CloseHandle, {{"hObject", H(e2)}})));
    CHECK(m.call(a, Call::CreateEvent, {{"bManualReset", I(0)}, {"bInitialState", I(0)}}).result.number == 8);
}

// Registering an entry raises handle_count and usage_count by one; CloseHandle lowers both.
TEST_CASE("creating, duplicating and closing move handle_count and usage_count together") {
    Machine m;
    Pid a = m.process("A");
    Value h = m.call(a, Call::CreateEvent, {{"bManualReset", I(1)}, {"bInitialState", I(0)}}).result;
    ObjectId id = m.object_of(a, h).id;
    CHECK(m.world.object(id)->handle_count == 1);
    CHECK(m.world.object(id)->usage_count == 1);
    Outcome d = m.call(a, Call::DuplicateHandle, {{"hSourceProcessHandle", H(current_process_pseudo)}, {"hSourceHandle", H(h)},
                                                  {"hTargetProcessHandle", H(current_process_pseudo)}, {"dwOptions", I(DUPLICATE_SAME_ACCESS)}});
    REQUIRE(ok(d));
    CHECK(m.world.object(id)->handle_count == 2);
    CHECK(m.world.object(id)->usage_count == 2);
    CHECK(m.world.holders(id).size() == 2);
    REQUIRE(ok(m.call(a, Call::CloseHandle, {{"hObject", H(h)}})));
    CHECK(m.world.object(id)->usage_count == 1);
    REQUIRE(ok(m.call(a, Call::CloseHandle, {{"hObject", H(output(d, Call::DuplicateHandle, "lpTargetHandle"))}})));
    CHECK(m.world.object(id) == nullptr);  // destroyed at usage_count 0
}

// CloseHandle of a value not in the table: FALSE, ERROR_INVALID_HANDLE (Microsoft Learn CloseHandle).
TEST_CASE("CloseHandle of an invalid value fails with ERROR_INVALID_HANDLE and keeps the last error otherwise") {
    Machine m;
    Pid a = m.process("A");
    Outcome out = m.call(a, Call::CloseHandle, {{"hObject", I(0x40)}});
    CHECK(out.result.number == 0);
    CHECK(out.last_error == ERROR_INVALID_HANDLE);
    CHECK(m.call(a, Call::CloseHandle, {{"hObject", I(0)}}).last_error == ERROR_INVALID_HANDLE);
    // A successful call leaves the last error as it was.
    Value h = m.call(a, Call::CreatePipe, {}).outputs.at(0).second;
    Outcome closed = m.call(a, Call::CloseHandle, {{"hObject", H(h)}});
    CHECK(closed.result.number == 1);
    CHECK(closed.last_error == ERROR_INVALID_HANDLE);
}

// Pseudo-handles are constants, never entries: CloseHandle(GetCurrentProcess()) is TRUE and changes nothing.
TEST_CASE("pseudo-handles are not entries and closing them changes nothing") {
    Machine m;
    Pid a = m.process("A");
    CHECK(m.call(a, Call::GetCurrentProcess).result.number == current_process_pseudo.raw);
    CHECK(m.call(a, Call::GetCurrentThread).result.number == current_thread_pseudo.raw);
    CHECK(m.call(a, Call::GetCurrentProcessId).result.number == a);
    CHECK(m.call(a, Call::GetCurrentThreadId).result.number == m.proc(a).tid);
    ObjectId self = m.proc(a).process_object;
    CHECK(m.world.object(self)->usage_count == 1);
    Outcome out = m.call(a, Call::CloseHandle, {{"hObject", H(current_process_pseudo)}});
    CHECK(out.result.number == 1);
    CHECK(m.call(a, Call::CloseHandle, {{"hObject", H(current_thread_pseudo)}}).result.number == 1);
    CHECK(m.world.object(self)->usage_count == 1);
    CHECK(m.proc(a).handles.size() == 0);
}

// DuplicateHandle of the pseudo-handle yields a real entry to the process object (the lecture).
TEST_CASE("DuplicateHandle of a pseudo-handle makes a real entry and raises usage_count") {
    Machine m;
    Pid a = m.process("A");
    Outcome d = m.call(a, Call::DuplicateHandle, {{"hSourceProcessHandle", H(current_process_pseudo)}, {"hSourceHandle", H(current_process_pseudo)},
                                                  {"hTargetProcessHandle", H(current_process_pseudo)}, {"bInheritHandle", I(1)},
                                                  {"dwOptions", I(DUPLICATE_SAME_ACCESS)}});
    REQUIRE(ok(d));
    Value h = output(d, Call::DuplicateHandle, "lpTargetHandle");
    CHECK(h.number == 4);
    const HandleEntry* e = m.world.entry(a, h.as_handle());
    REQUIRE(e);
    CHECK(e->object == m.proc(a).process_object);
    CHECK(e->inherit);
    CHECK(e->access == PROCESS_ALL_ACCESS);
    CHECK(e->origin.how == Origin::How::Duplicated);
    CHECK(m.world.object(e->object)->usage_count == 2);
    CHECK(m.world.object(e->object)->handle_count == 1);
    Outcome t = m.call(a, Call::DuplicateHandle, {{"hSourceProcessHandle", H(current_process_pseudo)}, {"hSourceHandle", H(current_thread_pseudo)},
                                                  {"hTargetProcessHandle", H(current_process_pseudo)}, {"dwOptions", I(DUPLICATE_SAME_ACCESS)}});
    CHECK(m.object_of(a, output(t, Call::DuplicateHandle, "lpTargetHandle")).kind == ObjectKind::Thread);
}

// DUPLICATE_CLOSE_SOURCE closes the source in the source process, even when duplication fails (Microsoft Learn).
TEST_CASE("DuplicateHandle with DUPLICATE_CLOSE_SOURCE moves an entry into another process, even on failure") {
    Machine m;
    Pid a = m.process("A");
    Outcome cp = m.call(a, Call::CreateProcess, {{"lpApplicationName", S("B")}});
    Value pi = output(cp, Call::CreateProcess, "lpProcessInformation");
    Pid b = static_cast<Pid>(pi.field("dwProcessId")->number);
    Value ev = m.call(a, Call::CreateEvent, {{"bManualReset", I(0)}, {"bInitialState", I(0)}}).result;
    ObjectId id = m.object_of(a, ev).id;
    Outcome d = m.call(a, Call::DuplicateHandle, {{"hSourceProcessHandle", H(current_process_pseudo)}, {"hSourceHandle", H(ev)},
                                                  {"hTargetProcessHandle", H(*pi.field("hProcess"))},
                                                  {"dwOptions", I(DUPLICATE_SAME_ACCESS | DUPLICATE_CLOSE_SOURCE)}});
    REQUIRE(ok(d));
    Value in_b = output(d, Call::DuplicateHandle, "lpTargetHandle");
    CHECK(m.world.entry(a, ev.as_handle()) == nullptr);
    REQUIRE(m.world.entry(b, in_b.as_handle()));
    CHECK(m.world.entry(b, in_b.as_handle())->origin.from_pid == a);
    CHECK(m.world.object(id)->usage_count == 1);
    // Failure: the target process handle is invalid, yet the source is closed.
    Value ev2 = m.call(a, Call::CreateEvent, {{"bManualReset", I(0)}, {"bInitialState", I(0)}}).result;
    Outcome bad = m.call(a, Call::DuplicateHandle, {{"hSourceProcessHandle", H(current_process_pseudo)}, {"hSourceHandle", H(ev2)},
                                                    {"hTargetProcessHandle", I(0x400)}, {"dwOptions", I(DUPLICATE_CLOSE_SOURCE)}});
    CHECK(bad.result.number == 0);
    CHECK(bad.last_error == ERROR_INVALID_HANDLE);
    CHECK(output(bad, Call::DuplicateHandle, "lpTargetHandle").is_none());
    CHECK(m.world.entry(a, ev2.as_handle()) == nullptr);
}

// A handle used in a process whose table lacks it is invalid there: the lecture's "not inherited" lesson.
TEST_CASE("a handle value from another process's table is invalid in this one") {
    Machine m;
    Pid a = m.process("A");
    Pid b = m.process("B");
    Value ev = m.call(a, Call::CreateEvent, {{"bManualReset", I(0)}, {"bInitialState", I(0)}}).result;
    Outcome out = m.call(b, Call::SetEvent, {{"hEvent", H(ev)}});
    CHECK(out.result.number == 0);
    CHECK(out.last_error == ERROR_INVALID_HANDLE);
    Outcome src = m.call(a, Call::DuplicateHandle, {{"hSourceProcessHandle", H(current_process_pseudo)}, {"hSourceHandle", I(0x100)},
                                                    {"hTargetProcessHandle", H(current_process_pseudo)}});
    CHECK(src.last_error == ERROR_INVALID_HANDLE);
    Outcome not_process = m.call(a, Call::DuplicateHandle, {{"hSourceProcessHandle", H(ev)}, {"hSourceHandle", H(ev)},
                                                            {"hTargetProcessHandle", H(current_process_pseudo)}});
    CHECK(not_process.last_error == ERROR_INVALID_HANDLE);
}

// DuplicateHandle into a process that has exited fails (STATUS_PROCESS_IS_TERMINATING -> ERROR_ACCESS_DENIED).
TEST_CASE("DuplicateHandle into an exited process fails with ERROR_ACCESS_DENIED") {
    Machine m;
    Pid a = m.process("A");
    Value pi = output(m.call(a, Call::CreateProcess, {{"lpApplicationName", S("B")}}), Call::CreateProcess, "lpProcessInformation");
    Pid b = static_cast<Pid>(pi.field("dwProcessId")->number);
    m.call(b, Call::ExitProcess, {{"uExitCode", I(0)}});
    Value ev = m.call(a, Call::CreateEvent, {{"bManualReset", I(0)}, {"bInitialState", I(0)}}).result;
    Outcome out = m.call(a, Call::DuplicateHandle, {{"hSourceProcessHandle", H(current_process_pseudo)}, {"hSourceHandle", H(ev)},
                                                    {"hTargetProcessHandle", H(*pi.field("hProcess"))}});
    CHECK(out.result.number == 0);
    CHECK(out.last_error == ERROR_ACCESS_DENIED);
}

// HANDLE_FLAG_PROTECT_FROM_CLOSE: CloseHandle fails with ERROR_INVALID_HANDLE and the entry stays.
TEST_CASE("SetHandleInformation sets the entry flags; a protected entry cannot be closed") {
    Machine m;
    Pid a = m.process("A");
    Value ev = m.call(a, Call::CreateEvent, {{"bManualReset", I(0)}, {"bInitialState", I(0)}}).result;
    Outcome g = m.call(a, Call::GetHandleInformation, {{"hObject", H(ev)}});
    CHECK(output(g, Call::GetHandleInformation, "lpdwFlags").number == 0);
    REQUIRE(ok(m.call(a, Call::SetHandleInformation, {{"hObject", H(ev)}, {"dwMask", I(3)}, {"dwFlags", I(3)}})));
    CHECK(output(m.call(a, Call::GetHandleInformation, {{"hObject", H(ev)}}), Call::GetHandleInformation, "lpdwFlags").number == 3);
    Outcome c = m.call(a, Call::CloseHandle, {{"hObject", H(ev)}});
    CHECK(c.result.number == 0);
    CHECK(c.last_error == ERROR_INVALID_HANDLE);
    CHECK(m.world.entry(a, ev.as_handle()) != nullptr);
    // Only the bits in dwMask change.
    REQUIRE(ok(m.call(a, Call::SetHandleInformation, {{"hObject", H(ev)}, {"dwMask", I(HANDLE_FLAG_PROTECT_FROM_CLOSE)}, {"dwFlags", I(0)}})));
    CHECK(m.world.entry(a, ev.as_handle())->inherit);
    CHECK(ok(m.call(a, Call::CloseHandle, {{"hObject", H(ev)}})));
    CHECK(m.call(a, Call::GetHandleInformation, {{"hObject", H(ev)}}).last_error == ERROR_INVALID_HANDLE);
    CHECK(m.call(a, Call::SetHandleInformation, {{"hObject", H(ev)}, {"dwMask", I(1)}, {"dwFlags", I(1)}}).last_error == ERROR_INVALID_HANDLE);
}

// GetStdHandle / SetStdHandle keep values, not entries: no count changes (Microsoft Learn GetStdHandle).
TEST_CASE("std handles are values: SetStdHandle changes no count, an invalid nStdHandle fails") {
    Machine m;
    Pid a = m.process("A");
    CHECK(m.call(a, Call::GetStdHandle, {{"nStdHandle", I(STD_OUTPUT_HANDLE)}}).result.number == 0);
    Value w = m.call(a, Call::CreatePipe).outputs.at(1).second;
    ObjectId id = m.object_of(a, w).id;
    REQUIRE(ok(m.call(a, Call::SetStdHandle, {{"nStdHandle", I(STD_OUTPUT_HANDLE)}, {"hHandle", H(w)}})));
    CHECK(m.call(a, Call::GetStdHandle, {{"nStdHandle", I(STD_OUTPUT_HANDLE)}}).result.number == w.number);
    CHECK(m.world.object(id)->usage_count == 1);
    Outcome bad = m.call(a, Call::GetStdHandle, {{"nStdHandle", I(7)}});
    CHECK(bad.result.number == invalid_handle_value.raw);
    CHECK(bad.last_error == ERROR_INVALID_HANDLE);
    CHECK(m.call(a, Call::SetStdHandle, {{"nStdHandle", I(7)}, {"hHandle", H(w)}}).last_error == ERROR_INVALID_HANDLE);
}

// ntdef.h OBJ_HANDLE_TAGBITS: "Low order two bits of a handle are ignored by the system"
// (https://devblogs.microsoft.com/oldnewthing/20050121-00/?p=36633): h | 1 .. h | 3 name h's entry.
TEST_CASE("the two low tag bits of a handle value are ignored: h + 3 closes h, h + 1 signals it") {
    Machine m;
    Pid a = m.process("A");
    Value h = m.call(a, Call::CreateEvent, {{"bManualReset", I(1)}, {"bInitialState", I(0)}}).result;
    REQUIRE(h.number == 4);
    REQUIRE(ok(m.call(a, Call::SetEvent, {{"hEvent", H(HandleValue{h.number + 1})}})));
    CHECK(m.call(a, Call::WaitForSingleObject, {{"hHandle", H(HandleValue{h.number + 2})}, {"dwMilliseconds", I(0)}}).result.number == WAIT_OBJECT_0);
    Value g = m.call(a, Call::CreateEvent, {{"bManualReset", I(1)}, {"bInitialState", I(0)}}).result;
    REQUIRE(ok(m.call(a, Call::CloseHandle, {{"hObject", H(HandleValue{h.number + 3})}})));
    CHECK(m.world.entry(a, h.as_handle()) == nullptr);
    CHECK(m.world.entry(a, g.as_handle()) != nullptr);   // the neighbour at 8 is untouched
    // 1..3 are tag bits on value 0: no entry.
    Outcome bad = m.call(a, Call::CloseHandle, {{"hObject", H(HandleValue{3})}});
    CHECK(bad.result.number == 0);
    CHECK(bad.last_error == ERROR_INVALID_HANDLE);
}

// dlls/kernel32/tests/process.c test_DuplicateHandle: within one process, DUPLICATE_CLOSE_SOURCE gives
// back the source's value ("f == out"), even with a lower value free; a protected source stays and
// the copy gets a new value ("f != out").
TEST_CASE("DuplicateHandle with DUPLICATE_CLOSE_SOURCE within one process gives back the source's value") {
    Machine m;
    Pid a = m.process("A");
    Value low = m.call(a, Call::CreateEvent, {{"bManualReset", I(1)}, {"bInitialState", I(0)}}).result;
    Value f = m.call(a, Call::CreateEvent, {{"bManualReset", I(1)}, {"bInitialState", I(0)}}).result;
    ObjectId id = m.object_of(a, f).id;
    REQUIRE(ok(m.call(a, Call::CloseHandle, {{"hObject", H(low)}})));   // value 4 is free now
    Outcome d = m.call(a, Call::DuplicateHandle, {{"hSourceProcessHandle", H(current_process_pseudo)}, {"hSourceHandle", H(f)},
                                                  {"hTargetProcessHandle", H(current_process_pseudo)}, {"bInheritHandle", I(1)},
                                                  {"dwOptions", I(DUPLICATE_SAME_ACCESS | DUPLICATE_CLOSE_SOURCE)}});
    REQUIRE(ok(d));
    Value out = output(d, Call::DuplicateHandle, "lpTargetHandle");
    CHECK(out.number == f.number);
    REQUIRE(m.world.entry(a, f.as_handle()));
    CHECK(m.world.entry(a, f.as_handle())->inherit);   // the copy's flags, not the source's
    CHECK(m.world.object(id)->handle_count == 1);
    CHECK(m.world.object(id)->usage_count == 1);
    // A protected source is not closed, so the copy takes the lowest free value.
    REQUIRE(ok(m.call(a, Call::SetHandleInformation, {{"hObject", H(f)}, {"dwMask", I(HANDLE_FLAG_PROTECT_FROM_CLOSE)},
                                                      {"dwFlags", I(HANDLE_FLAG_PROTECT_FROM_CLOSE)}})));
    Outcome p = m.call(a, Call::DuplicateHandle, {{"hSourceProcessHandle", H(current_process_pseudo)}, {"hSourceHandle", H(f)},
                                                  {"hTargetProcessHandle", H(current_process_pseudo)},
                                                  {"dwOptions", I(DUPLICATE_SAME_ACCESS | DUPLICATE_CLOSE_SOURCE)}});
    REQUIRE(ok(p));
    CHECK(output(p, Call::DuplicateHandle, "lpTargetHandle").number == 4);
    CHECK(m.world.object(id)->usage_count == 2);
}
