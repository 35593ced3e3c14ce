// CompareObjectHandles, the NUL device, CloseHandle of the STD_*_HANDLE values,
// DUPLICATE_SAME_ATTRIBUTES and NULL names (issue 8's small calls).
#include "helpers.h"

using namespace kosim;
using namespace kosim::model;
using namespace kosim::model::test;

namespace {

Value new_event(Machine& m, Pid p, std::uint64_t inherit = 0) {
    Outcome out = m.call(p, Call::CreateEvent, {{"lpEventAttributes", I(inherit)}, {"bManualReset", I(1)}, {"bInitialState", I(0)}});
    REQUIRE(ok(out));
    return out.result;
}

Value duplicate(Machine& m, Pid p, const Value& source, std::uint64_t inherit, std::uint64_t options) {
    Outcome out = m.call(p, Call::DuplicateHandle,
                         {{"hSourceProcessHandle", H(current_process_pseudo)}, {"hSourceHandle", H(source)},
                          {"hTargetProcessHandle", H(current_process_pseudo)}, {"bInheritHandle", I(inherit)},
                          {"dwOptions", I(options)}});
    REQUIRE(ok(out));
    return output(out, Call::DuplicateHandle, "lpTargetHandle");
}

Outcome compare(Machine& m, Pid p, HandleValue first, HandleValue second) {
    return m.call(p, Call::CompareObjectHandles, {{"hFirstObjectHandle", H(first)}, {"hSecondObjectHandle", H(second)}});
}

}  // namespace

// Wine kernelbase/tests/process.c test_CompareObjectHandles.
TEST_CASE("CompareObjectHandles: same object TRUE, two objects ERROR_NOT_SAME_OBJECT, no entry ERROR_INVALID_HANDLE") {
    Machine m;
    Pid a = m.process("A");
    Value e = new_event(m, a), f = new_event(m, a);
    Value copy = duplicate(m, a, e, 0, DUPLICATE_SAME_ACCESS);
    CHECK(ok(compare(m, a, e.as_handle(), copy.as_handle())));
    Outcome two = compare(m, a, e.as_handle(), f.as_handle());
    CHECK(two.result.number == 0);
    CHECK(two.last_error == ERROR_NOT_SAME_OBJECT);
    Outcome kinds = compare(m, a, current_process_pseudo, current_thread_pseudo);
    CHECK(kinds.last_error == ERROR_NOT_SAME_OBJECT);
    Value self = duplicate(m, a, Value::handle(current_process_pseudo), 0, DUPLICATE_SAME_ACCESS);
    CHECK(ok(compare(m, a, current_process_pseudo, self.as_handle())));
    Outcome bad = compare(m, a, e.as_handle(), HandleValue{0x400});
    CHECK(bad.result.number == 0);
    CHECK(bad.last_error == ERROR_INVALID_HANDLE);
    // Reading the table changes no count.
    CHECK(m.object_of(a, e).handle_count == 2);
}

TEST_CASE("CreateFile of NUL opens the null device: writes vanish, reads give 0 bytes, no file is made") {
    Machine m;
    Pid a = m.process("A");
    for (std::string name : {"NUL", "nul", "\\\\.\\NUL"}) {
        CAPTURE(name);
        Outcome open = m.call(a, Call::CreateFile, {{"lpFileName", S(name)}, {"dwDesiredAccess", I(GENERIC_READ | GENERIC_WRITE)},
                                                     {"dwCreationDisposition", I(OPEN_EXISTING)}});
        REQUIRE(open.result.as_handle() != invalid_handle_value);
        CHECK(open.last_error == ERROR_SUCCESS);
        const KernelObject& o = m.object_of(a, open.result);
        CHECK(o.kind == ObjectKind::File);
        CHECK(std::get<FileObject>(o.state).null_device);
        Outcome wrote = m.call(a, Call::WriteFile, {{"hFile", H(open.result)}, {"lpBuffer", S("hello")}});
        REQUIRE(ok(wrote));
        CHECK(output(wrote, Call::WriteFile, "lpNumberOfBytesWritten").number == 5);
        Outcome read = m.call(a, Call::ReadFile, {{"hFile", H(open.result)}, {"nNumberOfBytesToRead", I(16)}});
        REQUIRE(ok(read));
        CHECK(output(read, Call::ReadFile, "lpNumberOfBytesRead").number == 0);
    }
    CHECK(m.world.files().empty());
    // "NULX" is an ordinary name.
    Outcome other = m.call(a, Call::CreateFile, {{"lpFileName", S("NULX")}, {"dwDesiredAccess", I(GENERIC_WRITE)},
                                                  {"dwCreationDisposition", I(OPEN_EXISTING)}});
    CHECK(other.last_error == ERROR_FILE_NOT_FOUND);
}

// Wine kernel32/tests/process.c test_Handles.
TEST_CASE("CloseHandle of STD_ERROR_HANDLE closes the std handle and empties its slot") {
    Machine m;
    Pid a = m.process("A");
    Value e = new_event(m, a);
    REQUIRE(ok(m.call(a, Call::SetStdHandle, {{"nStdHandle", I(STD_ERROR_HANDLE)}, {"hHandle", H(e)}})));
    Outcome closed = m.call(a, Call::CloseHandle, {{"hObject", H(HandleValue{STD_ERROR_HANDLE})}});
    CHECK(ok(closed));
    CHECK(m.proc(a).std_error == null_handle);
    CHECK(m.world.entry(a, e.as_handle()) == nullptr);
    // Now the slot is NULL: CloseHandle(NULL) fails.
    Outcome again = m.call(a, Call::CloseHandle, {{"hObject", H(HandleValue{STD_ERROR_HANDLE})}});
    CHECK(again.result.number == 0);
    CHECK(again.last_error == ERROR_INVALID_HANDLE);
}

TEST_CASE("DUPLICATE_SAME_ATTRIBUTES copies the source's inherit and protect flags, not bInheritHandle") {
    Machine m;
    Pid a = m.process("A");
    Value inheritable = new_event(m, a, 1);
    Value copy = duplicate(m, a, inheritable, 0, DUPLICATE_SAME_ACCESS | DUPLICATE_SAME_ATTRIBUTES);
    CHECK(m.world.entry(a, copy.as_handle())->inherit);
    Value plain = new_event(m, a, 0);
    Value copy2 = duplicate(m, a, plain, 1, DUPLICATE_SAME_ACCESS | DUPLICATE_SAME_ATTRIBUTES);
    CHECK_FALSE(m.world.entry(a, copy2.as_handle())->inherit);
    REQUIRE(ok(m.call(a, Call::SetHandleInformation, {{"hObject", H(plain)}, {"dwMask", I(HANDLE_FLAG_PROTECT_FROM_CLOSE)},
                                                      {"dwFlags", I(HANDLE_FLAG_PROTECT_FROM_CLOSE)}})));
    Value copy3 = duplicate(m, a, plain, 0, DUPLICATE_SAME_ACCESS | DUPLICATE_SAME_ATTRIBUTES);
    CHECK(m.world.entry(a, copy3.as_handle())->protect_from_close);
    // Without the option bInheritHandle decides and the protect flag is not copied.
    Value copy4 = duplicate(m, a, plain, 1, DUPLICATE_SAME_ACCESS);
    CHECK(m.world.entry(a, copy4.as_handle())->inherit);
    CHECK_FALSE(m.world.entry(a, copy4.as_handle())->protect_from_close);
}

TEST_CASE("NULL names: Open* ERROR_INVALID_PARAMETER, CreateNamedPipe and CreateMailslot ERROR_PATH_NOT_FOUND") {
    Machine m;
    Pid a = m.process("A");
    for (Call open : {Call::OpenEvent, Call::OpenMutex, Call::OpenSemaphore}) {
        CAPTURE(call_info(open).name);
        Outcome out = m.call(a, open, {{"dwDesiredAccess", I(SYNCHRONIZE)}, {"bInheritHandle", I(0)}, {"lpName", I(0)}});
        CHECK(out.result.as_handle() == null_handle);
        CHECK(out.last_error == ERROR_INVALID_PARAMETER);
    }
    Outcome pipe = m.call(a, Call::CreateNamedPipe, {{"lpName", I(0)}, {"dwOpenMode", I(PIPE_ACCESS_DUPLEX)}});
    CHECK(pipe.result.as_handle() == invalid_handle_value);
    CHECK(pipe.last_error == ERROR_PATH_NOT_FOUND);
    Outcome slot = m.call(a, Call::CreateMailslot, {{"lpName", I(0)}});
    CHECK(slot.result.as_handle() == invalid_handle_value);
    CHECK(slot.last_error == ERROR_PATH_NOT_FOUND);
    Outcome env = m.call(a, Call::GetEnvironmentVariable, {{"lpName", I(0)}, {"nSize", I(0)}});
    CHECK(env.result.number == 0);
    CHECK(env.last_error == ERROR_ENVVAR_NOT_FOUND);
}
