// Pipe rules of issue 8: the Get* queries, the named pipe state machine, PIPE_NOWAIT, and writes
// bounded by the buffer for anonymous and named pipes. Each rule's source is at its model code.
#include "helpers.h"

using namespace kosim;
using namespace kosim::model;
using namespace kosim::model::test;

namespace {
const std::string pipe_name = "\\\\.\\pipe\\rules";

Value create_server(Machine& m, Pid p, std::uint32_t pipe_mode = PIPE_TYPE_BYTE, std::uint32_t out_size = 512, std::uint32_t in_size = 512,
                    std::uint32_t instances = 1, Outcome* out = nullptr) {
    Outcome o = m.call(p, Call::CreateNamedPipe, {{"lpName", S(pipe_name)}, {"dwOpenMode", I(PIPE_ACCESS_DUPLEX)}, {"dwPipeMode", I(pipe_mode)},
                                                  {"nMaxInstances", I(instances)}, {"nOutBufferSize", I(out_size)}, {"nInBufferSize", I(in_size)}});
    if (out) *out = o;
    return o.result;
}
Value open_client(Machine& m, Pid p, Outcome* out = nullptr) {
    Outcome o = m.call(p, Call::CreateFile, {{"lpFileName", S(pipe_name)}, {"dwDesiredAccess", I(GENERIC_READ | GENERIC_WRITE)},
                                             {"dwCreationDisposition", I(OPEN_EXISTING)}});
    if (out) *out = o;
    return o.result;
}
Outcome peek(Machine& m, Pid p, const Value& h, std::uint64_t n) {
    return m.call(p, Call::PeekNamedPipe, {{"hNamedPipe", H(h)}, {"nBufferSize", I(n)}});
}
std::uint64_t out_number(const Outcome& o, Call call, std::string_view param) { return output(o, call, param).number; }
std::uint64_t written_of(const Outcome& o) { return out_number(o, Call::WriteFile, "lpNumberOfBytesWritten"); }
std::uint64_t avail_of(const Outcome& o) { return out_number(o, Call::PeekNamedPipe, "lpTotalBytesAvail"); }
}  // namespace

TEST_CASE("GetNamedPipeInfo: ends, types, buffer sizes and instances, anonymous pipes included") {
    Machine m;
    Pid s = m.process("Server");
    Pid c = m.process("Client");
    Value srv = create_server(m, s, PIPE_TYPE_MESSAGE | PIPE_NOWAIT, 5000, 6000, 3);
    Outcome info = m.call(s, Call::GetNamedPipeInfo, {{"hNamedPipe", H(srv)}});
    REQUIRE(ok(info));
    CHECK(out_number(info, Call::GetNamedPipeInfo, "lpFlags") == (PIPE_SERVER_END | PIPE_TYPE_MESSAGE));
    CHECK(out_number(info, Call::GetNamedPipeInfo, "lpOutBufferSize") == 5000);
    CHECK(out_number(info, Call::GetNamedPipeInfo, "lpInBufferSize") == 6000);
    CHECK(out_number(info, Call::GetNamedPipeInfo, "lpMaxInstances") == 3);
    Value cli = open_client(m, c);
    Outcome client_info = m.call(c, Call::GetNamedPipeInfo, {{"hNamedPipe", H(cli)}});
    CHECK(out_number(client_info, Call::GetNamedPipeInfo, "lpFlags") == (PIPE_CLIENT_END | PIPE_TYPE_MESSAGE));
    // Anonymous: the read end is the server end; nSize 0 is 4096, nSize 1 is 1.
    Outcome cp = m.call(s, Call::CreatePipe);
    Value r = output(cp, Call::CreatePipe, "hReadPipe"), w = output(cp, Call::CreatePipe, "hWritePipe");
    Outcome ri = m.call(s, Call::GetNamedPipeInfo, {{"hNamedPipe", H(r)}});
    CHECK(out_number(ri, Call::GetNamedPipeInfo, "lpFlags") == PIPE_SERVER_END);
    CHECK(out_number(ri, Call::GetNamedPipeInfo, "lpInBufferSize") == 4096);
    CHECK(out_number(ri, Call::GetNamedPipeInfo, "lpMaxInstances") == 1);
    CHECK(out_number(m.call(s, Call::GetNamedPipeInfo, {{"hNamedPipe", H(w)}}), Call::GetNamedPipeInfo, "lpFlags") == PIPE_CLIENT_END);
    Outcome cp1 = m.call(s, Call::CreatePipe, {{"nSize", I(1)}});
    Outcome one = m.call(s, Call::GetNamedPipeInfo, {{"hNamedPipe", H(output(cp1, Call::CreatePipe, "hWritePipe"))}});
    CHECK(out_number(one, Call::GetNamedPipeInfo, "lpOutBufferSize") == 1);
    // Not a pipe.
    Value ev = m.call(s, Call::CreateEvent, {{"bManualReset", I(1)}, {"bInitialState", I(0)}}).result;
    CHECK(m.call(s, Call::GetNamedPipeInfo, {{"hNamedPipe", H(ev)}}).last_error == ERROR_INVALID_HANDLE);
}

TEST_CASE("GetNamedPipeHandleState: the handle's modes and the pipe's current instances") {
    Machine m;
    Pid s = m.process("Server");
    Pid c = m.process("Client");
    Value first = create_server(m, s, PIPE_TYPE_MESSAGE, 512, 512, 3);
    Outcome st = m.call(s, Call::GetNamedPipeHandleState, {{"hNamedPipe", H(first)}});
    REQUIRE(ok(st));
    CHECK(out_number(st, Call::GetNamedPipeHandleState, "lpState") == 0);
    CHECK(out_number(st, Call::GetNamedPipeHandleState, "lpCurInstances") == 1);
    create_server(m, s, PIPE_TYPE_MESSAGE, 512, 512, 3);
    CHECK(out_number(m.call(s, Call::GetNamedPipeHandleState, {{"hNamedPipe", H(first)}}), Call::GetNamedPipeHandleState, "lpCurInstances") == 2);
    REQUIRE(ok(m.call(s, Call::SetNamedPipeHandleState, {{"hNamedPipe", H(first)}, {"lpMode", I(PIPE_READMODE_MESSAGE | PIPE_NOWAIT)}})));
    CHECK(out_number(m.call(s, Call::GetNamedPipeHandleState, {{"hNamedPipe", H(first)}}), Call::GetNamedPipeHandleState, "lpState") ==
          (PIPE_READMODE_MESSAGE | PIPE_NOWAIT));
    // Bits other than the read and wait modes are refused.
    CHECK(m.call(s, Call::SetNamedPipeHandleState, {{"hNamedPipe", H(first)}, {"lpMode", I(PIPE_TYPE_MESSAGE)}}).last_error ==
          ERROR_INVALID_PARAMETER);
    // A client whose server closed still answers, and may still switch to message read mode.
    Value cli = open_client(m, c);
    REQUIRE(cli.number != invalid_handle_value.raw);
    m.call(s, Call::CloseHandle, {{"hObject", H(first)}});
    CHECK(ok(m.call(c, Call::GetNamedPipeHandleState, {{"hNamedPipe", H(cli)}})));
    CHECK(ok(m.call(c, Call::SetNamedPipeHandleState, {{"hNamedPipe", H(cli)}, {"lpMode", I(PIPE_READMODE_MESSAGE)}})));
}

TEST_CASE("GetNamedPipeClientProcessId: the opener, after its handle closes, and not after a disconnect") {
    Machine m;
    Pid s = m.process("Server");
    Pid c = m.process("Client");
    Value srv = create_server(m, s);
    CHECK(m.call(s, Call::GetNamedPipeClientProcessId, {{"Pipe", H(srv)}}).last_error == ERROR_NOT_FOUND);
    Value cli = open_client(m, c);
    Outcome on_server = m.call(s, Call::GetNamedPipeClientProcessId, {{"Pipe", H(srv)}});
    REQUIRE(ok(on_server));
    CHECK(out_number(on_server, Call::GetNamedPipeClientProcessId, "ClientProcessId") == c);
    CHECK(out_number(m.call(c, Call::GetNamedPipeClientProcessId, {{"Pipe", H(cli)}}), Call::GetNamedPipeClientProcessId, "ClientProcessId") == c);
    m.call(c, Call::CloseHandle, {{"hObject", H(cli)}});
    CHECK(out_number(m.call(s, Call::GetNamedPipeClientProcessId, {{"Pipe", H(srv)}}), Call::GetNamedPipeClientProcessId, "ClientProcessId") == c);
    REQUIRE(ok(m.call(s, Call::DisconnectNamedPipe, {{"hNamedPipe", H(srv)}})));
    CHECK(m.call(s, Call::GetNamedPipeClientProcessId, {{"Pipe", H(srv)}}).last_error == ERROR_NOT_FOUND);
    // A disconnected client end.
    REQUIRE(blocked(m.call(s, Call::ConnectNamedPipe, {{"hNamedPipe", H(srv)}})));
    Value cli2 = open_client(m, c);
    REQUIRE(ok(m.call(s, Call::DisconnectNamedPipe, {{"hNamedPipe", H(srv)}})));
    CHECK(m.call(c, Call::GetNamedPipeClientProcessId, {{"Pipe", H(cli2)}}).last_error == ERROR_PIPE_NOT_CONNECTED);
}

TEST_CASE("named pipe states: ERROR_BAD_PIPE, a disconnected client not signalled, ERROR_ALREADY_EXISTS, busy instances") {
    Machine m;
    Pid s = m.process("Server");
    Pid c = m.process("Client");
    CHECK(m.call(s, Call::CreateNamedPipe, {{"dwOpenMode", I(PIPE_ACCESS_DUPLEX)}}).last_error == ERROR_PATH_NOT_FOUND);  // lpName NULL
    Outcome created;
    Value srv = create_server(m, s, PIPE_TYPE_BYTE, 512, 512, 2, &created);
    CHECK(created.last_error == ERROR_SUCCESS);
    CHECK(m.call(s, Call::WaitForSingleObject, {{"hHandle", H(srv)}, {"dwMilliseconds", I(0)}}).result.number == WAIT_OBJECT_0);
    CHECK(peek(m, s, srv, 0).last_error == ERROR_BAD_PIPE);
    Outcome second;
    Value srv2 = create_server(m, s, PIPE_TYPE_BYTE, 512, 512, 2, &second);
    CHECK(srv2.number != invalid_handle_value.raw);
    CHECK(second.last_error == ERROR_ALREADY_EXISTS);
    m.call(s, Call::CloseHandle, {{"hObject", H(srv2)}});
    Value cli = open_client(m, c);
    REQUIRE(ok(m.call(s, Call::DisconnectNamedPipe, {{"hNamedPipe", H(srv)}})));
    CHECK(peek(m, s, srv, 0).last_error == ERROR_BAD_PIPE);
    CHECK(peek(m, c, cli, 0).last_error == ERROR_PIPE_NOT_CONNECTED);
    CHECK(m.call(c, Call::WaitForSingleObject, {{"hHandle", H(cli)}, {"dwMilliseconds", I(0)}}).result.number == WAIT_TIMEOUT);
    Outcome busy;
    open_client(m, c, &busy);
    CHECK(busy.last_error == ERROR_PIPE_BUSY);
}

TEST_CASE("PeekNamedPipe's bytes left: negated count in byte pipes, rest of the message in message pipes") {
    Machine m;
    Pid s = m.process("Server");
    Pid c = m.process("Client");
    Value srv = create_server(m, s);
    Value cli = open_client(m, c);
    write_file(m, s, srv, "More bits");
    Outcome p = peek(m, c, cli, 4);
    CHECK(out_number(p, Call::PeekNamedPipe, "lpBytesLeftThisMessage") == 0xFFFFFFFCu);
    CHECK(avail_of(p) == 9);
    CHECK(out_number(peek(m, c, cli, 0), Call::PeekNamedPipe, "lpBytesLeftThisMessage") == 0);
    Outcome cp = m.call(s, Call::CreatePipe);
    write_file(m, s, output(cp, Call::CreatePipe, "hWritePipe"), "abcdef");
    CHECK(out_number(peek(m, s, output(cp, Call::CreatePipe, "hReadPipe"), 2), Call::PeekNamedPipe, "lpBytesLeftThisMessage") == 0xFFFFFFFEu);
    Machine m2;
    Pid s2 = m2.process("Server");
    Pid c2 = m2.process("Client");
    Value msrv = create_server(m2, s2, PIPE_TYPE_MESSAGE | PIPE_READMODE_MESSAGE);
    Value mcli = open_client(m2, c2);
    write_file(m2, s2, msrv, "More bits");
    CHECK(out_number(peek(m2, c2, mcli, 4), Call::PeekNamedPipe, "lpBytesLeftThisMessage") == 5);
}

TEST_CASE("a zero-length message left by a closed server reads as 0 bytes, then the pipe is broken") {
    Machine m;
    Pid s = m.process("Server");
    Pid c = m.process("Client");
    Value srv = create_server(m, s, PIPE_TYPE_MESSAGE | PIPE_READMODE_MESSAGE);
    Value cli = open_client(m, c);
    REQUIRE(ok(write_file(m, s, srv, "")));
    m.call(s, Call::CloseHandle, {{"hObject", H(srv)}});
    Outcome empty = read_file(m, c, cli, 32);
    CHECK(ok(empty));
    CHECK(out_number(empty, Call::ReadFile, "lpNumberOfBytesRead") == 0);
    CHECK(read_file(m, c, cli, 0).last_error == ERROR_BROKEN_PIPE);
}

TEST_CASE("clients take the instance that started listening first") {
    Machine m;
    Pid s0 = m.process("S0");
    Pid s1 = m.process("S1");
    Pid c = m.process("C");
    Value h0 = create_server(m, s0, PIPE_TYPE_BYTE, 512, 512, 2);
    Value h1 = create_server(m, s1, PIPE_TYPE_BYTE, 512, 512, 2);
    Value c1 = open_client(m, c);
    CHECK(m.call(s0, Call::ConnectNamedPipe, {{"hNamedPipe", H(h0)}}).last_error == ERROR_PIPE_CONNECTED);
    m.call(c, Call::CloseHandle, {{"hObject", H(c1)}});
    REQUIRE(ok(m.call(s0, Call::DisconnectNamedPipe, {{"hNamedPipe", H(h0)}})));
    REQUIRE(blocked(m.call(s0, Call::ConnectNamedPipe, {{"hNamedPipe", H(h0)}})));
    open_client(m, c);
    CHECK(m.completed(s0) == nullptr);  // S1's instance has listened longer
    CHECK(m.call(s1, Call::ConnectNamedPipe, {{"hNamedPipe", H(h1)}}).last_error == ERROR_PIPE_CONNECTED);
    open_client(m, c);
    REQUIRE(m.completed(s0));
    CHECK(m.completed(s0)->result.number == 1);
}

TEST_CASE("PIPE_NOWAIT: reads of an empty pipe, ConnectNamedPipe and writes that do not fit return at once") {
    Machine m;
    Pid s = m.process("Server");
    Pid c = m.process("Client");
    Value srv = create_server(m, s, PIPE_TYPE_BYTE | PIPE_NOWAIT);
    Outcome listening = m.call(s, Call::ConnectNamedPipe, {{"hNamedPipe", H(srv)}});
    CHECK(listening.result.number == 0);
    CHECK(listening.last_error == ERROR_PIPE_LISTENING);
    Value cli = open_client(m, c);
    Outcome empty = read_file(m, s, srv, 10);
    CHECK(empty.status == Outcome::Status::Completed);
    CHECK(empty.last_error == ERROR_NO_DATA);
    Outcome too_big = write_file(m, s, srv, std::string(513, 'x'));
    CHECK(ok(too_big));
    CHECK(written_of(too_big) == 0);
    CHECK(avail_of(peek(m, c, cli, 0)) == 0);
    Outcome exact = write_file(m, s, srv, std::string(512, 'x'));
    CHECK(written_of(exact) == 512);
    // The client is in wait mode: its write beyond the 512-byte in buffer waits until the server reads.
    REQUIRE(blocked(write_file(m, c, cli, std::string(600, 'y'))));
    CHECK(out_number(read_file(m, s, srv, 88), Call::ReadFile, "lpNumberOfBytesRead") == 88);
    REQUIRE(m.completed(c));
    CHECK(written_of(*m.completed(c)) == 600);
    // The client's own wait mode: PIPE_NOWAIT through SetNamedPipeHandleState; its empty read fails at once.
    read_file(m, c, cli, 1000);
    REQUIRE(ok(m.call(c, Call::SetNamedPipeHandleState, {{"hNamedPipe", H(cli)}, {"lpMode", I(PIPE_NOWAIT)}})));
    Outcome client_empty = read_file(m, c, cli, 10);
    CHECK(client_empty.status == Outcome::Status::Completed);
    CHECK(client_empty.last_error == ERROR_NO_DATA);
}

TEST_CASE("named pipe writes wait while more than the buffer is unread; the waiting bytes are readable") {
    Machine m;
    Pid s = m.process("Server");
    Pid c = m.process("Client");
    Value srv = create_server(m, s, PIPE_TYPE_BYTE, 512, 8192);
    Value cli = open_client(m, c);
    // Server to client: nOutBufferSize (512) bounds it.
    REQUIRE(blocked(write_file(m, s, srv, std::string(640, 'a'))));
    CHECK(m.proc(s).wait->reason == WaitReason::WriteFull);
    CHECK(avail_of(peek(m, c, cli, 0)) == 640);
    // The other direction is bounded by nInBufferSize (8192): 600 bytes fit.
    REQUIRE(ok(write_file(m, c, cli, std::string(600, 'b'))));
    read_file(m, c, cli, 100);
    CHECK(m.completed(s) == nullptr);  // 540 unread > 512
    read_file(m, c, cli, 28);
    REQUIRE(m.completed(s));
    CHECK(ok(*m.completed(s)));
    CHECK(written_of(*m.completed(s)) == 640);
    CHECK(avail_of(peek(m, c, cli, 0)) == 512);
    REQUIRE(ok(write_file(m, s, srv, "")));  // 512 unread: a zero-length write does not wait
}

TEST_CASE("a waiting named pipe write fails when the other end closes or disconnects") {
    Machine m;
    Pid s = m.process("Server");
    Pid c = m.process("Client");
    Value srv = create_server(m, s);
    Value cli = open_client(m, c);
    REQUIRE(blocked(write_file(m, s, srv, std::string(640, 'a'))));
    m.call(c, Call::CloseHandle, {{"hObject", H(cli)}});
    REQUIRE(m.completed(s));
    CHECK(m.completed(s)->result.number == 0);
    CHECK(m.completed(s)->last_error == ERROR_BROKEN_PIPE);
    CHECK(written_of(*m.completed(s)) == 0);
    // A new write after the client closed: ERROR_NO_DATA at once.
    CHECK(write_file(m, s, srv, "x").last_error == ERROR_NO_DATA);
    REQUIRE(ok(m.call(s, Call::DisconnectNamedPipe, {{"hNamedPipe", H(srv)}})));
    REQUIRE(blocked(m.call(s, Call::ConnectNamedPipe, {{"hNamedPipe", H(srv)}})));
    Value cli2 = open_client(m, c);
    REQUIRE(blocked(write_file(m, c, cli2, std::string(600, 'b'))));
    REQUIRE(ok(m.call(s, Call::DisconnectNamedPipe, {{"hNamedPipe", H(srv)}})));
    REQUIRE(m.completed(c));
    CHECK(m.completed(c)->last_error == ERROR_PIPE_NOT_CONNECTED);
    REQUIRE(blocked(m.call(s, Call::ConnectNamedPipe, {{"hNamedPipe", H(srv)}})));
    Value cli3 = open_client(m, c);
    REQUIRE(blocked(write_file(m, c, cli3, std::string(600, 'c'))));
    m.call(s, Call::CloseHandle, {{"hObject", H(srv)}});
    REQUIRE(m.completed(c));
    CHECK(m.completed(c)->last_error == ERROR_BROKEN_PIPE);
}

TEST_CASE("a terminated writer's waiting write leaves the pipe; later writes move up") {
    Machine m;
    Pid s = m.process("Server");
    Pid other = m.process("Other");
    Value srv = create_server(m, s);
    Outcome opened = m.call(s, Call::CreateFile, {{"lpFileName", S(pipe_name)}, {"dwDesiredAccess", I(GENERIC_READ | GENERIC_WRITE)},
                                                  {"lpSecurityAttributes", I(1)}, {"dwCreationDisposition", I(OPEN_EXISTING)}});
    Value cli = opened.result;
    Value pi = output(m.call(s, Call::CreateProcess, {{"lpApplicationName", S("child")}, {"bInheritHandles", I(1)}}), Call::CreateProcess,
                      "lpProcessInformation");
    Pid child = static_cast<Pid>(pi.field("dwProcessId")->number);
    REQUIRE(blocked(write_file(m, child, cli, std::string(800, 'c'))));
    // Another writer queues behind it through a duplicate of the client end.
    Value in_other = m.call(other, Call::OpenProcess, {{"dwDesiredAccess", I(PROCESS_ALL_ACCESS)}, {"bInheritHandle", I(0)}, {"dwProcessId", I(s)}}).result;
    Outcome dup = m.call(other, Call::DuplicateHandle, {{"hSourceProcessHandle", H(in_other)}, {"hSourceHandle", H(cli)},
                                                        {"hTargetProcessHandle", H(current_process_pseudo)}, {"dwOptions", I(DUPLICATE_SAME_ACCESS)}});
    Value cli_other = output(dup, Call::DuplicateHandle, "lpTargetHandle");
    REQUIRE(blocked(write_file(m, other, cli_other, "tail")));
    CHECK(out_number(read_file(m, s, srv, 10), Call::ReadFile, "lpNumberOfBytesRead") == 10);
    REQUIRE(ok(m.call(s, Call::TerminateProcess, {{"hProcess", H(*pi.field("hProcess"))}, {"uExitCode", I(0)}})));
    // The child's 790 unread bytes went; the other writer's 4 bytes now fit, so its write completes.
    REQUIRE(m.completed(other));
    CHECK(written_of(*m.completed(other)) == 4);
    Outcome rest = read_file(m, s, srv, 100);
    CHECK(output(rest, Call::ReadFile, "lpBuffer").text == "tail");
}

TEST_CASE("an anonymous pipe write queues its bytes, waits for room, and breaks when the last reader goes") {
    Machine m;
    Pid a = m.process("A");
    Outcome cp = m.call(a, Call::CreatePipe, {{"lpPipeAttributes", I(1)}, {"nSize", I(512)}});
    Value r = output(cp, Call::CreatePipe, "hReadPipe"), w = output(cp, Call::CreatePipe, "hWritePipe");
    Value pi = output(m.call(a, Call::CreateProcess, {{"lpApplicationName", S("child")}, {"bInheritHandles", I(1)}}), Call::CreateProcess,
                      "lpProcessInformation");
    Pid c = static_cast<Pid>(pi.field("dwProcessId")->number);
    m.call(c, Call::CloseHandle, {{"hObject", H(r)}});  // the child's inherited read end: the parent's is the last
    REQUIRE(blocked(write_file(m, c, w, std::string(600, 'x'))));
    CHECK(avail_of(peek(m, a, r, 0)) == 600);
    read_file(m, a, r, 87);
    CHECK(m.completed(c) == nullptr);  // 513 unread
    read_file(m, a, r, 1);
    REQUIRE(m.completed(c));
    CHECK(written_of(*m.completed(c)) == 600);
    REQUIRE(blocked(write_file(m, c, w, std::string(600, 'y'))));
    m.call(a, Call::CloseHandle, {{"hObject", H(r)}});
    REQUIRE(m.completed(c));
    CHECK(m.completed(c)->result.number == 0);
    CHECK(m.completed(c)->last_error == ERROR_BROKEN_PIPE);
    CHECK(written_of(*m.completed(c)) == 0);
    // Not waiting: a write with no reader is ERROR_NO_DATA.
    CHECK(write_file(m, c, w, "z").last_error == ERROR_NO_DATA);
}
