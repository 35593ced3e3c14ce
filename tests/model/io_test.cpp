// Files, mailslots, anonymous pipes and named pipes.
#include "helpers.h"

using namespace kosim;
using namespace kosim::model;
using namespace kosim::model::test;

namespace {
Value open_file(Machine& m, Pid p, std::string name, std::uint32_t access, std::uint32_t share, std::uint32_t disposition,
                Outcome* out = nullptr) {
    Outcome o = m.call(p, Call::CreateFile, {{"lpFileName", S(std::move(name))}, {"dwDesiredAccess", I(access)}, {"dwShareMode", I(share)},
                                             {"dwCreationDisposition", I(disposition)}});
    if (out) *out = o;
    return o.result;
}
std::string data_of(const Outcome& o) { return output(o, Call::ReadFile, "lpBuffer").text; }
}  // namespace

// File contents outlive handles; each file object has its own position (Microsoft Learn CreateFileA / ReadFile).
TEST_CASE("files keep their contents after the last handle closes; positions are per open") {
    Machine m;
    Pid a = m.process("A");
    Outcome created;
    Value h = open_file(m, a, "data.txt", GENERIC_READ | GENERIC_WRITE, 0, CREATE_NEW, &created);
    REQUIRE(h.number != invalid_handle_value.raw);
    CHECK(created.last_error == 0);
    CHECK(output(write_file(m, a, h, "0x4"), Call::WriteFile, "lpNumberOfBytesWritten").number == 3);
    m.call(a, Call::CloseHandle, {{"hObject", H(h)}});
    CHECK(m.world.files().at("DATA.TXT") == "0x4");
    Value r = open_file(m, a, "DATA.txt", GENERIC_READ, FILE_SHARE_READ, OPEN_EXISTING);
    Outcome first = read_file(m, a, r, 2);
    CHECK(data_of(first) == "0x");
    CHECK(data_of(read_file(m, a, r, 10)) == "4");
    Outcome eof = read_file(m, a, r, 10);
    CHECK(eof.result.number == 1);
    CHECK(output(eof, Call::ReadFile, "lpNumberOfBytesRead").number == 0);
    // Writing needs GENERIC_WRITE.
    CHECK(write_file(m, a, r, "x").last_error == ERROR_ACCESS_DENIED);
}

// Dispositions: CREATE_NEW on an existing file fails with ERROR_FILE_EXISTS; OPEN_EXISTING on a missing one with
// ERROR_FILE_NOT_FOUND; CREATE_ALWAYS / OPEN_ALWAYS on an existing file succeed with ERROR_ALREADY_EXISTS.
TEST_CASE("CreateFile dispositions and their last errors") {
    Machine m;
    Pid a = m.process("A");
    Outcome o;
    CHECK(open_file(m, a, "f", GENERIC_READ, 0, OPEN_EXISTING, &o).number == invalid_handle_value.raw);
    CHECK(o.last_error == ERROR_FILE_NOT_FOUND);
    CHECK(open_file(m, a, "f", GENERIC_READ, 0, TRUNCATE_EXISTING, &o).number == invalid_handle_value.raw);
    Value h = open_file(m, a, "f", GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE, OPEN_ALWAYS, &o);
    CHECK(o.last_error == 0);
    write_file(m, a, h, "abc");
    open_file(m, a, "f", GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE, OPEN_ALWAYS, &o);
    CHECK(o.last_error == ERROR_ALREADY_EXISTS);
    CHECK(open_file(m, a, "F", GENERIC_WRITE, FILE_SHARE_WRITE | FILE_SHARE_READ, CREATE_NEW, &o).number == invalid_handle_value.raw);
    CHECK(o.last_error == ERROR_FILE_EXISTS);
    open_file(m, a, "f", GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE, CREATE_ALWAYS, &o);
    CHECK(o.last_error == ERROR_ALREADY_EXISTS);
    CHECK(m.world.files().at("F").empty());
    open_file(m, a, "f", GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE, TRUNCATE_EXISTING, &o);
    CHECK(o.last_error == ERROR_INVALID_PARAMETER);
    open_file(m, a, "f", GENERIC_READ, 0, 9, &o);
    CHECK(o.last_error == ERROR_INVALID_PARAMETER);
    open_file(m, a, "", GENERIC_READ, 0, OPEN_EXISTING, &o);
    CHECK(o.last_error == ERROR_PATH_NOT_FOUND);
}

// Share modes: a second open must be allowed by the first's dwShareMode and allow its access (ERROR_SHARING_VIOLATION).
TEST_CASE("CreateFile enforces share modes with ERROR_SHARING_VIOLATION") {
    Machine m;
    Pid a = m.process("A");
    Value h = open_file(m, a, "s", GENERIC_WRITE, FILE_SHARE_READ, CREATE_NEW);
    Outcome o;
    CHECK(open_file(m, a, "s", GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE, OPEN_EXISTING, &o).number == invalid_handle_value.raw);
    CHECK(o.last_error == ERROR_SHARING_VIOLATION);
    CHECK(open_file(m, a, "s", GENERIC_READ, FILE_SHARE_READ, OPEN_EXISTING, &o).number == invalid_handle_value.raw);  // must share write
    CHECK(open_file(m, a, "s", GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE, OPEN_EXISTING, &o).number != invalid_handle_value.raw);
    m.call(a, Call::CloseHandle, {{"hObject", H(h)}});
}

// Mailslot and writer are separate objects, each usage_count 1 (the lecture); one WriteFile = one message.
TEST_CASE("a mailslot and its writer are separate objects; messages are whole and ordered") {
    Machine m;
    Pid server = m.process("MailReceiver");
    Pid client = m.process("MailSender");
    Value slot = m.call(server, Call::CreateMailslot, {{"lpName", S("\\\\.\\mailslot\\demo")}, {"lReadTimeout", I(0)}}).result;
    REQUIRE(slot.number == 4);
    Outcome o;
    Value writer = open_file(m, client, "\\\\.\\MAILSLOT\\Demo", GENERIC_WRITE, FILE_SHARE_READ, OPEN_EXISTING, &o);
    REQUIRE(writer.number == 4);
    CHECK(o.last_error == 0);
    CHECK(m.object_of(server, slot).usage_count == 1);
    CHECK(m.object_of(client, writer).usage_count == 1);
    CHECK(m.object_of(client, writer).kind == ObjectKind::MailslotClient);
    REQUIRE(ok(write_file(m, client, writer, "ab")));
    REQUIRE(ok(write_file(m, client, writer, "")));  // zero-length messages are real messages
    Outcome info = m.call(server, Call::GetMailslotInfo, {{"hMailslot", H(slot)}});
    CHECK(output(info, Call::GetMailslotInfo, "lpNextSize").number == 2);
    CHECK(output(info, Call::GetMailslotInfo, "lpMessageCount").number == 2);
    Outcome small = read_file(m, server, slot, 1);
    CHECK(small.result.number == 0);
    CHECK(small.last_error == ERROR_INSUFFICIENT_BUFFER);
    CHECK(data_of(read_file(m, server, slot, 10)) == "ab");
    Outcome empty_message = read_file(m, server, slot, 10);
    CHECK(empty_message.result.number == 1);
    CHECK(output(empty_message, Call::ReadFile, "lpNumberOfBytesRead").number == 0);
    CHECK(output(m.call(server, Call::GetMailslotInfo, {{"hMailslot", H(slot)}}), Call::GetMailslotInfo, "lpNextSize").number ==
          MAILSLOT_NO_MESSAGE);
    Outcome none = read_file(m, server, slot, 10);
    CHECK(none.last_error == ERROR_SEM_TIMEOUT);
    // Direction: the server cannot write, the writer cannot read (Wine mailslot.c).
    CHECK(write_file(m, server, slot, "x").last_error == ERROR_ACCESS_DENIED);
    CHECK(read_file(m, client, writer, 10).last_error == ERROR_ACCESS_DENIED);
}

// CreateMailslot errors (Wine mailslot.c): bad name ERROR_INVALID_NAME, duplicate ERROR_ALREADY_EXISTS; a missing mailslot
// cannot be opened (ERROR_FILE_NOT_FOUND); nMaxMessageSize limits a message.
TEST_CASE("mailslot names, duplicates, missing mailslots and the maximum message size") {
    Machine m;
    Pid a = m.process("A");
    Outcome bad = m.call(a, Call::CreateMailslot, {{"lpName", S("blah")}});
    CHECK(bad.result.number == invalid_handle_value.raw);
    CHECK(bad.last_error == ERROR_INVALID_NAME);
    Value slot = m.call(a, Call::CreateMailslot, {{"lpName", S("\\\\.\\mailslot\\m")}, {"nMaxMessageSize", I(3)}}).result;
    Outcome dup = m.call(a, Call::CreateMailslot, {{"lpName", S("\\\\.\\mailslot\\M")}});
    CHECK(dup.result.number == invalid_handle_value.raw);
    CHECK(dup.last_error == ERROR_ALREADY_EXISTS);
    Outcome o;
    open_file(m, a, "\\\\.\\mailslot\\none", GENERIC_WRITE, FILE_SHARE_READ, OPEN_EXISTING, &o);
    CHECK(o.last_error == ERROR_FILE_NOT_FOUND);
    Value w = open_file(m, a, "\\\\.\\mailslot\\m", GENERIC_WRITE, FILE_SHARE_READ, OPEN_EXISTING);
    CHECK(write_file(m, a, w, "abcd").last_error == ERROR_INVALID_PARAMETER);
    CHECK(ok(write_file(m, a, w, "abc")));
    REQUIRE(ok(m.call(a, Call::SetMailslotInfo, {{"hMailslot", H(slot)}, {"lReadTimeout", I(5)}})));
    CHECK(output(m.call(a, Call::GetMailslotInfo, {{"hMailslot", H(slot)}}), Call::GetMailslotInfo, "lpReadTimeout").number == 5);
    CHECK(m.call(a, Call::GetMailslotInfo, {{"hMailslot", H(w)}}).last_error == ERROR_INVALID_PARAMETER);
    CHECK(m.call(a, Call::SetMailslotInfo, {{"hMailslot", I(0x500)}, {"lReadTimeout", I(5)}}).last_error == ERROR_INVALID_HANDLE);
    // Destroying the mailslot unlinks its writers and frees its name.
    m.call(a, Call::CloseHandle, {{"hObject", H(slot)}});
    CHECK(std::get<MailslotClientObject>(m.object_of(a, w).state).mailslot == 0);
    CHECK(m.world.find_named("\\\\.\\mailslot\\m") == nullptr);
    // A writer whose server is gone still writes; the message reaches no one (ReactOS msfs MsfsWrite
    // never checks for a server; Wine 8 agrees: crosscheck --random seeds 144 and 181).
    const Outcome late = write_file(m, a, w, "a");
    CHECK(ok(late));
    CHECK(output(late, Call::WriteFile, "lpNumberOfBytesWritten").number == 1);
}

// ReadFile on an empty mailslot waits per lReadTimeout: finite -> ERROR_SEM_TIMEOUT later; forever -> until a message.
TEST_CASE("mailslot reads wait for a message or time out") {
    Machine m;
    Pid a = m.process("A");
    Pid b = m.process("B");
    Value slot = m.call(a, Call::CreateMailslot, {{"lpName", S("\\\\.\\mailslot\\t")}, {"lReadTimeout", I(30)}}).result;
    REQUIRE(blocked(read_file(m, a, slot, 10)));
    auto done = m.advance(30);
    REQUIRE(done.size() == 1);
    CHECK(done[0].outcome.result.number == 0);
    CHECK(done[0].outcome.last_error == ERROR_SEM_TIMEOUT);
    REQUIRE(ok(m.call(a, Call::SetMailslotInfo, {{"hMailslot", H(slot)}, {"lReadTimeout", I(MAILSLOT_WAIT_FOREVER)}})));
    REQUIRE(blocked(read_file(m, a, slot, 10)));
    CHECK_FALSE(m.world.next_deadline().has_value());
    Value w = open_file(m, b, "\\\\.\\mailslot\\t", GENERIC_WRITE, FILE_SHARE_READ, OPEN_EXISTING);
    write_file(m, b, w, "hi");
    REQUIRE(m.completed(a));
    CHECK(data_of(*m.completed(a)) == "hi");
}

// Anonymous pipes: ReadFile returns what is there, waits while a writer remains, then ERROR_BROKEN_PIPE;
// WriteFile with no reader fails with ERROR_NO_DATA (Microsoft Learn "Anonymous Pipe Operations").
TEST_CASE("anonymous pipe reads wait for data and break once every write end is closed") {
    Machine m;
    Pid a = m.process("A");
    Outcome cp = m.call(a, Call::CreatePipe, {{"lpPipeAttributes", I(1)}});
    Value r = output(cp, Call::CreatePipe, "hReadPipe"), w = output(cp, Call::CreatePipe, "hWritePipe");
    CHECK(m.world.entry(a, r.as_handle())->inherit);
    CHECK(m.object_of(a, r).usage_count == 1);
    CHECK(m.object_of(a, w).kind == ObjectKind::PipeWriteEnd);
    Value pi = output(m.call(a, Call::CreateProcess, {{"lpApplicationName", S("child")}, {"bInheritHandles", I(1)}}), Call::CreateProcess,
                      "lpProcessInformation");
    Pid c = static_cast<Pid>(pi.field("dwProcessId")->number);
    write_file(m, a, w, "hello");
    CHECK(data_of(read_file(m, c, r, 3)) == "hel");
    CHECK(data_of(read_file(m, c, r, 10)) == "lo");
    REQUIRE(blocked(read_file(m, c, r, 10)));
    // The classic bug: the child still holds its inherited write end, so closing the parent's does not wake it.
    m.call(a, Call::CloseHandle, {{"hObject", H(w)}});
    CHECK(m.completed(c) == nullptr);
    REQUIRE(ok(m.call(a, Call::TerminateProcess, {{"hProcess", H(*pi.field("hProcess"))}, {"uExitCode", I(0)}})));
    // Now no write end is left: the parent's read breaks.
    Outcome broken = read_file(m, a, r, 10);
    CHECK(broken.result.number == 0);
    CHECK(broken.last_error == ERROR_BROKEN_PIPE);
    Outcome cp2 = m.call(a, Call::CreatePipe);
    Value r2 = output(cp2, Call::CreatePipe, "hReadPipe"), w2 = output(cp2, Call::CreatePipe, "hWritePipe");
    m.call(a, Call::CloseHandle, {{"hObject", H(r2)}});
    CHECK(write_file(m, a, w2, "x").last_error == ERROR_NO_DATA);
    CHECK(read_file(m, a, w2, 1).last_error == ERROR_ACCESS_DENIED);
}

// A write that does not fit the buffer (nSize) waits until the reader makes room.
TEST_CASE("an anonymous pipe write waits while the buffer is full") {
    Machine m;
    Pid a = m.process("A");
    Pid b = m.process("B");
    Outcome cp = m.call(a, Call::CreatePipe, {{"nSize", I(4)}});
    Value r = output(cp, Call::CreatePipe, "hReadPipe"), w = output(cp, Call::CreatePipe, "hWritePipe");
    REQUIRE(ok(write_file(m, a, w, "abc")));
    REQUIRE(blocked(write_file(m, a, w, "de")));
    CHECK(m.proc(a).wait->reason == WaitReason::WriteFull);
    // B reads through a duplicate of the read end.
    Outcome d = m.call(a, Call::DuplicateHandle, {{"hSourceProcessHandle", H(current_process_pseudo)}, {"hSourceHandle", H(r)},
                                                  {"hTargetProcessHandle", H(current_process_pseudo)}, {"dwOptions", I(DUPLICATE_SAME_ACCESS)}});
    (void)d;
    Value in_b = m.call(b, Call::OpenProcess, {{"dwDesiredAccess", I(PROCESS_ALL_ACCESS)}, {"bInheritHandle", I(0)}, {"dwProcessId", I(a)}}).result;
    Outcome moved = m.call(b, Call::DuplicateHandle, {{"hSourceProcessHandle", H(in_b)}, {"hSourceHandle", H(r)},
                                                      {"hTargetProcessHandle", H(current_process_pseudo)}, {"dwOptions", I(DUPLICATE_SAME_ACCESS)}});
    Value rb = output(moved, Call::DuplicateHandle, "lpTargetHandle");
    CHECK(data_of(read_file(m, b, rb, 2)) == "ab");
    REQUIRE(m.completed(a));
    CHECK(m.completed(a)->result.number == 1);
    CHECK(data_of(read_file(m, b, rb, 10)) == "cde");
}

// PeekNamedPipe copies without removing.
TEST_CASE("PeekNamedPipe reports buffered data without taking it") {
    Machine m;
    Pid a = m.process("A");
    Outcome cp = m.call(a, Call::CreatePipe);
    Value r = output(cp, Call::CreatePipe, "hReadPipe"), w = output(cp, Call::CreatePipe, "hWritePipe");
    write_file(m, a, w, "abc");
    Outcome peek = m.call(a, Call::PeekNamedPipe, {{"hNamedPipe", H(r)}, {"nBufferSize", I(2)}});
    CHECK(output(peek, Call::PeekNamedPipe, "lpBuffer").text == "ab");
    CHECK(output(peek, Call::PeekNamedPipe, "lpTotalBytesAvail").number == 3);
    CHECK(data_of(read_file(m, a, r, 10)) == "abc");
    CHECK(m.call(a, Call::PeekNamedPipe, {{"hNamedPipe", H(w)}}).last_error == ERROR_ACCESS_DENIED);
    CHECK(m.call(a, Call::SetNamedPipeHandleState, {{"hNamedPipe", H(r)}, {"lpMode", I(PIPE_READMODE_MESSAGE)}}).last_error ==
          ERROR_INVALID_PARAMETER);
}

// Named pipes: a client connects to a listening instance even before ConnectNamedPipe, which then fails with
// ERROR_PIPE_CONNECTED; with none listening CreateFile fails with ERROR_PIPE_BUSY (Microsoft Learn ConnectNamedPipe).
TEST_CASE("named pipe connection: before and after ConnectNamedPipe, busy and missing pipes") {
    Machine m;
    Pid s = m.process("Server");
    Pid c = m.process("Client");
    const std::string name = "\\\\.\\pipe\\p";
    Outcome o;
    open_file(m, c, name, GENERIC_READ | GENERIC_WRITE, 0, OPEN_EXISTING, &o);
    CHECK(o.last_error == ERROR_FILE_NOT_FOUND);
    Value srv = m.call(s, Call::CreateNamedPipe, {{"lpName", S(name)}, {"dwOpenMode", I(PIPE_ACCESS_DUPLEX)}}).result;
    REQUIRE(srv.number == 4);
    CHECK(write_file(m, s, srv, "x").last_error == ERROR_PIPE_LISTENING);
    CHECK(read_file(m, s, srv, 1).last_error == ERROR_PIPE_LISTENING);
    Value cli = open_file(m, c, "\\\\.\\PIPE\\P", GENERIC_READ | GENERIC_WRITE, 0, OPEN_EXISTING);
    REQUIRE(cli.number == 4);
    Outcome connect = m.call(s, Call::ConnectNamedPipe, {{"hNamedPipe", H(srv)}});
    CHECK(connect.result.number == 0);
    CHECK(connect.last_error == ERROR_PIPE_CONNECTED);
    open_file(m, c, name, GENERIC_READ | GENERIC_WRITE, 0, OPEN_EXISTING, &o);
    CHECK(o.last_error == ERROR_PIPE_BUSY);
    // More instances than nMaxInstances: ERROR_PIPE_BUSY; another PIPE_ACCESS_*: ERROR_ACCESS_DENIED (Wine pipe.c).
    CHECK(m.call(s, Call::CreateNamedPipe, {{"lpName", S(name)}, {"dwOpenMode", I(PIPE_ACCESS_DUPLEX)}}).last_error == ERROR_PIPE_BUSY);
    CHECK(m.call(s, Call::CreateNamedPipe, {{"lpName", S(name)}, {"dwOpenMode", I(PIPE_ACCESS_INBOUND)}}).last_error == ERROR_ACCESS_DENIED);
    CHECK(m.call(s, Call::CreateNamedPipe, {{"lpName", S("pipe")}, {"dwOpenMode", I(PIPE_ACCESS_DUPLEX)}}).last_error == ERROR_INVALID_NAME);
    CHECK(m.call(s, Call::CreateNamedPipe, {{"lpName", S(name + "2")}, {"dwOpenMode", I(PIPE_ACCESS_DUPLEX)}, {"nMaxInstances", I(0)}})
              .last_error == ERROR_INVALID_PARAMETER);
    // Bidirectional data.
    REQUIRE(ok(write_file(m, c, cli, "ping")));
    CHECK(data_of(read_file(m, s, srv, 10)) == "ping");
    REQUIRE(ok(write_file(m, s, srv, "pong")));
    CHECK(data_of(read_file(m, c, cli, 10)) == "pong");
}

// ConnectNamedPipe waits until a client arrives; the client's CreateFile completes it with TRUE.
TEST_CASE("ConnectNamedPipe waits for a client and WaitNamedPipe waits for an instance") {
    Machine m;
    Pid s = m.process("Server");
    Pid c = m.process("Client");
    const std::string name = "\\\\.\\pipe\\w";
    Outcome none = m.call(c, Call::WaitNamedPipe, {{"lpNamedPipeName", S(name)}, {"nTimeOut", I(10)}});
    CHECK(none.last_error == ERROR_FILE_NOT_FOUND);
    Value srv = m.call(s, Call::CreateNamedPipe, {{"lpName", S(name)}, {"dwOpenMode", I(PIPE_ACCESS_DUPLEX)}}).result;
    CHECK(ok(m.call(c, Call::WaitNamedPipe, {{"lpNamedPipeName", S(name)}, {"nTimeOut", I(10)}})));
    REQUIRE(blocked(m.call(s, Call::ConnectNamedPipe, {{"hNamedPipe", H(srv)}})));
    CHECK(m.proc(s).wait->reason == WaitReason::Connect);
    Value cli = open_file(m, c, name, GENERIC_READ | GENERIC_WRITE, 0, OPEN_EXISTING);
    REQUIRE(m.completed(s));
    CHECK(m.completed(s)->result.number == 1);
    // Now busy: WaitNamedPipe times out with ERROR_SEM_TIMEOUT (default wait 0 -> 50 ms).
    REQUIRE(blocked(m.call(c, Call::WaitNamedPipe, {{"lpNamedPipeName", S(name)}})));
    CHECK(m.world.next_deadline() == std::optional<std::uint64_t>(50));
    auto done = m.advance(50);
    REQUIRE(done.size() == 1);
    CHECK(done[0].outcome.last_error == ERROR_SEM_TIMEOUT);
    // A waiting WaitNamedPipe completes once an instance listens again.
    REQUIRE(blocked(m.call(c, Call::WaitNamedPipe, {{"lpNamedPipeName", S(name)}, {"nTimeOut", I(NMPWAIT_WAIT_FOREVER)}})));
    REQUIRE(ok(m.call(s, Call::DisconnectNamedPipe, {{"hNamedPipe", H(srv)}})));
    CHECK(m.completed(c) == nullptr);  // disconnected is not listening
    REQUIRE(blocked(m.call(s, Call::ConnectNamedPipe, {{"hNamedPipe", H(srv)}})));
    REQUIRE(m.completed(c));
    CHECK(m.completed(c)->result.number == 1);
    CHECK(m.call(c, Call::ConnectNamedPipe, {{"hNamedPipe", H(cli)}}).last_error == ERROR_INVALID_FUNCTION);
}

// After DisconnectNamedPipe the client's I/O fails with ERROR_PIPE_NOT_CONNECTED (Wine pipe.c test_DisconnectNamedPipe);
// after the peer closes: reads drain then ERROR_BROKEN_PIPE, writes ERROR_NO_DATA.
TEST_CASE("named pipe errors after disconnect and after the other end closes") {
    Machine m;
    Pid s = m.process("Server");
    Pid c = m.process("Client");
    const std::string name = "\\\\.\\pipe\\d";
    Value srv = m.call(s, Call::CreateNamedPipe, {{"lpName", S(name)}, {"dwOpenMode", I(PIPE_ACCESS_DUPLEX)}}).result;
    Value cli = open_file(m, c, name, GENERIC_READ | GENERIC_WRITE, 0, OPEN_EXISTING);
    write_file(m, c, cli, "bytes");
    REQUIRE(ok(m.call(s, Call::DisconnectNamedPipe, {{"hNamedPipe", H(srv)}})));
    CHECK(write_file(m, c, cli, "x").last_error == ERROR_PIPE_NOT_CONNECTED);
    CHECK(read_file(m, s, srv, 10).last_error == ERROR_PIPE_NOT_CONNECTED);
    CHECK(read_file(m, c, cli, 10).last_error == ERROR_PIPE_NOT_CONNECTED);
    CHECK(m.call(s, Call::DisconnectNamedPipe, {{"hNamedPipe", H(srv)}}).last_error == ERROR_PIPE_NOT_CONNECTED);
    m.call(c, Call::CloseHandle, {{"hObject", H(cli)}});
    // Reconnect a new client, then the client closes: server reads drain then break, writes fail.
    REQUIRE(blocked(m.call(s, Call::ConnectNamedPipe, {{"hNamedPipe", H(srv)}})));
    Value cli2 = open_file(m, c, name, GENERIC_READ | GENERIC_WRITE, 0, OPEN_EXISTING);
    write_file(m, c, cli2, "last");
    m.call(c, Call::CloseHandle, {{"hObject", H(cli2)}});
    CHECK(data_of(read_file(m, s, srv, 10)) == "last");
    CHECK(read_file(m, s, srv, 10).last_error == ERROR_BROKEN_PIPE);
    CHECK(write_file(m, s, srv, "x").last_error == ERROR_NO_DATA);
    CHECK(m.call(s, Call::ConnectNamedPipe, {{"hNamedPipe", H(srv)}}).last_error == ERROR_NO_DATA);
    REQUIRE(ok(m.call(s, Call::DisconnectNamedPipe, {{"hNamedPipe", H(srv)}})));
    // The server closes: the client still reads what was written, then ERROR_BROKEN_PIPE (Wine pipe.c test_CloseHandle).
    REQUIRE(blocked(m.call(s, Call::ConnectNamedPipe, {{"hNamedPipe", H(srv)}})));
    Value cli3 = open_file(m, c, name, GENERIC_READ | GENERIC_WRITE, 0, OPEN_EXISTING);
    write_file(m, s, srv, "bye");
    m.call(s, Call::CloseHandle, {{"hObject", H(srv)}});
    CHECK(data_of(read_file(m, c, cli3, 10)) == "bye");
    CHECK(read_file(m, c, cli3, 10).last_error == ERROR_BROKEN_PIPE);
    CHECK(write_file(m, c, cli3, "x").last_error == ERROR_NO_DATA);
}

// Message mode: each write is a message; a small buffer gives FALSE/ERROR_MORE_DATA with the first part (Microsoft Learn ReadFile).
TEST_CASE("message-mode named pipes keep message boundaries and report ERROR_MORE_DATA") {
    Machine m;
    Pid s = m.process("Server");
    Pid c = m.process("Client");
    const std::string name = "\\\\.\\pipe\\msg";
    Value srv = m.call(s, Call::CreateNamedPipe, {{"lpName", S(name)}, {"dwOpenMode", I(PIPE_ACCESS_DUPLEX)},
                                                 {"dwPipeMode", I(PIPE_TYPE_MESSAGE | PIPE_READMODE_MESSAGE)}}).result;
    Value cli = open_file(m, c, name, GENERIC_READ | GENERIC_WRITE, 0, OPEN_EXISTING);
    write_file(m, c, cli, "hello");
    write_file(m, c, cli, "world");
    Outcome part = read_file(m, s, srv, 3);
    CHECK(part.result.number == 0);
    CHECK(part.last_error == ERROR_MORE_DATA);
    CHECK(data_of(part) == "hel");
    CHECK(data_of(read_file(m, s, srv, 10)) == "lo");
    CHECK(data_of(read_file(m, s, srv, 10)) == "world");
    // The client starts in byte read mode; SetNamedPipeHandleState switches it.
    write_file(m, s, srv, "ab");
    write_file(m, s, srv, "cd");
    Outcome peek = m.call(c, Call::PeekNamedPipe, {{"hNamedPipe", H(cli)}, {"nBufferSize", I(10)}});
    CHECK(output(peek, Call::PeekNamedPipe, "lpTotalBytesAvail").number == 4);
    CHECK(output(peek, Call::PeekNamedPipe, "lpBytesLeftThisMessage").number == 0);
    REQUIRE(ok(m.call(c, Call::SetNamedPipeHandleState, {{"hNamedPipe", H(cli)}, {"lpMode", I(PIPE_READMODE_MESSAGE)}})));
    CHECK(data_of(read_file(m, c, cli, 10)) == "ab");
    REQUIRE(ok(m.call(c, Call::SetNamedPipeHandleState, {{"hNamedPipe", H(cli)}, {"lpMode", I(PIPE_READMODE_BYTE)}})));
    CHECK(data_of(read_file(m, c, cli, 10)) == "cd");
    CHECK(m.call(s, Call::CreateNamedPipe, {{"lpName", S(name + "x")}, {"dwOpenMode", I(PIPE_ACCESS_DUPLEX)},
                                           {"dwPipeMode", I(PIPE_READMODE_MESSAGE)}}).last_error == ERROR_INVALID_PARAMETER);
}

// The open mode fixes directions: an inbound pipe's server cannot write; the client must not ask to read.
TEST_CASE("named pipe open modes restrict directions with ERROR_ACCESS_DENIED") {
    Machine m;
    Pid s = m.process("Server");
    Pid c = m.process("Client");
    const std::string name = "\\\\.\\pipe\\in";
    Value srv = m.call(s, Call::CreateNamedPipe, {{"lpName", S(name)}, {"dwOpenMode", I(PIPE_ACCESS_INBOUND)}}).result;
    Outcome o;
    open_file(m, c, name, GENERIC_READ | GENERIC_WRITE, 0, OPEN_EXISTING, &o);
    CHECK(o.last_error == ERROR_ACCESS_DENIED);
    Value cli = open_file(m, c, name, GENERIC_WRITE, 0, OPEN_EXISTING);
    REQUIRE(cli.number != invalid_handle_value.raw);
    CHECK(write_file(m, s, srv, "x").last_error == ERROR_ACCESS_DENIED);
    CHECK(read_file(m, c, cli, 1).last_error == ERROR_ACCESS_DENIED);
    REQUIRE(blocked(read_file(m, s, srv, 10)));
    write_file(m, c, cli, "up");
    REQUIRE(m.completed(s));
    CHECK(data_of(*m.completed(s)) == "up");
}
