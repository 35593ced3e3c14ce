// Named pipes: each CreateNamedPipe makes one server instance; a client CreateFile connects to a
// listening instance at once (even before ConnectNamedPipe), else fails with ERROR_PIPE_BUSY.
// Data flows both ways as byte runs or messages. Errors follow Wine's kernel32/tests/pipe.c, which
// passes on Windows: ERROR_PIPE_LISTENING before a client, ERROR_PIPE_NOT_CONNECTED after
// DisconnectNamedPipe, ERROR_BROKEN_PIPE / ERROR_NO_DATA once the other end closed. PIPE_NOWAIT
// makes ReadFile, WriteFile and ConnectNamedPipe return at once (Microsoft Learn CreateNamedPipeA;
// Wine pipe.c test_nowait).
#include "model/internal.h"
#include "model/ops/pipe_flow.h"

namespace kosim::model {

using PipeState = NamedPipeServerObject::State;

// Listening starts get increasing numbers, across all pipes: a client takes the instance that
// started listening first, not the oldest one (Wine pipe.c test_multiple_instances).
std::uint64_t WorldAccess::next_listen_order() const {
    std::uint64_t last = 0;
    for (const KernelObject& o : world.objects_)
        if (auto* server = std::get_if<NamedPipeServerObject>(&o.state)) last = std::max(last, server->listen_order);
    return last + 1;
}

// The live server instances of a pipe name (case-insensitive), oldest first.
std::vector<ObjectId> WorldAccess::pipe_instances(std::string_view name) {
    std::vector<ObjectId> out;
    for (const KernelObject& o : world.objects_)
        if (auto* server = std::get_if<NamedPipeServerObject>(&o.state);
            server && server->pipe_name.size() == name.size() && iequals_prefix(server->pipe_name, name))
            out.push_back(o.id);
    return out;
}

// The server end asks for the directions of its open mode and SYNCHRONIZE (ReactOS kernel32
// CreateNamedPipeW), mapped as a file's.
static std::uint32_t server_access(std::uint32_t open_mode) {
    std::uint32_t desired = ((open_mode & win32::PIPE_ACCESS_INBOUND) ? win32::GENERIC_READ : 0) |
                            ((open_mode & win32::PIPE_ACCESS_OUTBOUND) ? win32::GENERIC_WRITE : 0);
    return map_access(ObjectKind::NamedPipeServer, desired) | win32::SYNCHRONIZE;
}

template <> Outcome WorldAccess::operation<Call::CreateNamedPipe>(Process& p, CallArgs<Call::CreateNamedPipe> a, Attempt) {
    using P = Params<Call::CreateNamedPipe>;
    const std::string* name = a.string<P::lpName>();
    // A NULL name fails with ERROR_PATH_NOT_FOUND, one outside \\.\pipe\ with ERROR_INVALID_NAME
    // (Wine kernel32/tests/pipe.c test_CreateNamedPipe: "CreateNamedPipe should fail if name is NULL").
    if (!name) return fail(p, invalid_handle(), win32::ERROR_PATH_NOT_FOUND);
    if (!iequals_prefix(*name, pipe_prefix) || name->size() == pipe_prefix.size())
        return fail(p, invalid_handle(), win32::ERROR_INVALID_NAME);
    std::uint32_t open_mode = a.dword<P::dwOpenMode>(), pipe_mode = a.dword<P::dwPipeMode>();
    std::uint64_t max_instances = a.number<P::nMaxInstances>();
    // nMaxInstances 1..PIPE_UNLIMITED_INSTANCES; message read mode needs a message-type pipe
    // (Microsoft Learn CreateNamedPipeA: ERROR_INVALID_PARAMETER).
    if ((open_mode & win32::PIPE_ACCESS_DUPLEX) == 0 || max_instances == 0 || max_instances > win32::PIPE_UNLIMITED_INSTANCES ||
        ((pipe_mode & win32::PIPE_READMODE_MESSAGE) && !(pipe_mode & win32::PIPE_TYPE_MESSAGE)))
        return fail(p, invalid_handle(), win32::ERROR_INVALID_PARAMETER);
    std::vector<ObjectId> instances = pipe_instances(*name);
    if (!instances.empty()) {
        auto& first = std::get<NamedPipeServerObject>(live_object(instances.front()).state);
        // Another instance must use the same PIPE_ACCESS_* (ERROR_ACCESS_DENIED) and stay within
        // the first instance's nMaxInstances (ERROR_PIPE_BUSY) (Wine pipe.c test_CreateNamedPipe_instances_must_match).
        if ((first.open_mode & win32::PIPE_ACCESS_DUPLEX) != (open_mode & win32::PIPE_ACCESS_DUPLEX))
            return fail(p, invalid_handle(), win32::ERROR_ACCESS_DENIED);
        if (first.max_instances != win32::PIPE_UNLIMITED_INSTANCES && instances.size() >= first.max_instances)
            return fail(p, invalid_handle(), win32::ERROR_PIPE_BUSY);
    }
    NamedPipeServerObject state;
    state.pipe_name = *name;
    state.open_mode = open_mode;
    state.pipe_mode = pipe_mode;
    state.max_instances = static_cast<std::uint32_t>(max_instances);
    state.default_timeout = a.dword<P::nDefaultTimeOut>();
    state.out_buffer_size = a.dword<P::nOutBufferSize>();
    state.in_buffer_size = a.dword<P::nInBufferSize>();
    state.listen_order = next_listen_order();
    ObjectId id = create_object(ObjectKind::NamedPipeServer, *name, p.pid, std::move(state));
    HandleValue h = add_entry(p, id, server_access(open_mode), a.flag<P::lpSecurityAttributes>(), Origin{Origin::How::Created, 0, {}});
    // A further instance of an existing pipe succeeds with ERROR_ALREADY_EXISTS, the first with
    // ERROR_SUCCESS (Wine kernelbase CreateNamedPipeW: FILE_OPEN_IF, then iosb.Information).
    return fail(p, Value::handle(h), instances.empty() ? win32::ERROR_SUCCESS : win32::ERROR_ALREADY_EXISTS);
}

// The client end: connects to the instance that has listened longest (Wine pipe.c
// test_multiple_instances: a re-listening instance queues behind the others).
Outcome WorldAccess::open_named_pipe_client(Process& p, std::string_view name, std::uint32_t access, bool inherit) {
    std::vector<ObjectId> instances = pipe_instances(name);
    if (instances.empty()) return fail(p, invalid_handle(), win32::ERROR_FILE_NOT_FOUND);
    ObjectId server_id = 0;
    std::uint64_t earliest = 0;
    for (ObjectId id : instances) {
        const auto& instance = std::get<NamedPipeServerObject>(live_object(id).state);
        if (instance.state == PipeState::Listening && (!server_id || instance.listen_order < earliest)) {
            server_id = id;
            earliest = instance.listen_order;
        }
    }
    if (!server_id) return fail(p, invalid_handle(), win32::ERROR_PIPE_BUSY);
    // The client may only ask for the directions the server's open mode allows.
    std::uint32_t open_mode = std::get<NamedPipeServerObject>(live_object(server_id).state).open_mode;
    if ((can_read(access) && !(open_mode & win32::PIPE_ACCESS_OUTBOUND)) ||
        (can_write(access) && !(open_mode & win32::PIPE_ACCESS_INBOUND)))
        return fail(p, invalid_handle(), win32::ERROR_ACCESS_DENIED);
    NamedPipeClientObject client{server_id};
    client.pipe_type = std::get<NamedPipeServerObject>(live_object(server_id).state).pipe_mode & win32::PIPE_TYPE_MESSAGE;
    ObjectId client_id = create_object(ObjectKind::NamedPipeClient, std::string(name), p.pid, std::move(client));
    auto& server = std::get<NamedPipeServerObject>(live_object(server_id).state);
    server.state = PipeState::Connected;
    server.client = client_id;
    server.client_pid = p.pid;
    note_state(server_id, Change::Event::Connected, 0);
    HandleValue h = add_entry(p, client_id, create_file_access(access), inherit, Origin{Origin::How::Created, 0, {}});
    return fail(p, Value::handle(h), win32::ERROR_SUCCESS);
}

// ConnectNamedPipe: waits for a client; FALSE with ERROR_PIPE_CONNECTED when one connected
// first, ERROR_NO_DATA when that client already left (Microsoft Learn ConnectNamedPipe).
template <> Outcome WorldAccess::operation<Call::ConnectNamedPipe>(Process& p, CallArgs<Call::ConnectNamedPipe> a, Attempt attempt) {
    Resolved r = resolve(p, a.handle<Params<Call::ConnectNamedPipe>::hNamedPipe>());
    if (!r.object) return fail(p, bool_value(false), win32::ERROR_INVALID_HANDLE);
    auto* server = std::get_if<NamedPipeServerObject>(&r.object->state);
    // Only the server end listens: FSCTL_PIPE_LISTEN elsewhere is STATUS_ILLEGAL_FUNCTION.
    if (!server) return fail(p, bool_value(false), win32::ERROR_INVALID_FUNCTION);
    if (attempt == Attempt::Retry) {
        if (server->state == PipeState::Connected || server->state == PipeState::Closing) return done(p, bool_value(true));
        if (server->state == PipeState::Disconnected) return fail(p, bool_value(false), win32::ERROR_PIPE_NOT_CONNECTED);
        return block(PendingWait{WaitReason::Connect, r.object->id, {}, std::nullopt});
    }
    if (server->state == PipeState::Connected) return fail(p, bool_value(false), win32::ERROR_PIPE_CONNECTED);
    if (server->state == PipeState::Closing) return fail(p, bool_value(false), win32::ERROR_NO_DATA);
    if (server->state == PipeState::Disconnected) {
        server->state = PipeState::Listening;
        server->listen_order = next_listen_order();
        note_state(r.object->id, Change::Event::None, 0);
    }
    // PIPE_NOWAIT: the instance listens, and the call says so instead of waiting (Wine pipe.c test_nowait).
    if (server->pipe_mode & win32::PIPE_NOWAIT) return fail(p, bool_value(false), win32::ERROR_PIPE_LISTENING);
    return block(PendingWait{WaitReason::Connect, r.object->id, {}, std::nullopt});
}

// DisconnectNamedPipe: drops the client's link and any unread data; the client's I/O then fails
// with ERROR_PIPE_NOT_CONNECTED (Wine pipe.c test_DisconnectNamedPipe).
template <> Outcome WorldAccess::operation<Call::DisconnectNamedPipe>(Process& p, CallArgs<Call::DisconnectNamedPipe> a, Attempt) {
    Resolved r = resolve(p, a.handle<Params<Call::DisconnectNamedPipe>::hNamedPipe>());
    if (!r.object) return fail(p, bool_value(false), win32::ERROR_INVALID_HANDLE);
    auto* server = std::get_if<NamedPipeServerObject>(&r.object->state);
    if (!server) return fail(p, bool_value(false), win32::ERROR_INVALID_FUNCTION);
    if (server->state == PipeState::Listening) return fail(p, bool_value(false), win32::ERROR_PIPE_LISTENING);
    if (server->state == PipeState::Disconnected) return fail(p, bool_value(false), win32::ERROR_PIPE_NOT_CONNECTED);
    if (auto* client = state_of<NamedPipeClientObject>(server->client)) {
        client->server = 0;
        client->disconnected = true;
    }
    server->client = 0;
    server->client_pid = 0;
    server->to_client.clear();
    server->to_server.clear();
    // Writes waiting for room fail with ERROR_PIPE_NOT_CONNECTED when retried (Wine pipe.c test_overlapped_transport).
    server->to_client_flow = {};
    server->to_server_flow = {};
    server->state = PipeState::Disconnected;
    note_state(r.object->id, Change::Event::Disconnected, 0);
    return done(p, bool_value(true));
}

// WaitNamedPipe: TRUE once an instance listens (it does not connect); ERROR_FILE_NOT_FOUND with
// no such pipe; ERROR_SEM_TIMEOUT at the time-out, where NMPWAIT_USE_DEFAULT_WAIT (0) means the
// server's nDefaultTimeOut, itself 50 ms when 0 (Microsoft Learn WaitNamedPipeA, CreateNamedPipeA).
template <> Outcome WorldAccess::operation<Call::WaitNamedPipe>(Process& p, CallArgs<Call::WaitNamedPipe> a, Attempt) {
    using P = Params<Call::WaitNamedPipe>;
    const std::string* name = a.string<P::lpNamedPipeName>();
    if (!name || !iequals_prefix(*name, pipe_prefix)) return fail(p, bool_value(false), win32::ERROR_BAD_PATHNAME);
    std::vector<ObjectId> instances = pipe_instances(*name);
    if (instances.empty()) return fail(p, bool_value(false), win32::ERROR_FILE_NOT_FOUND);
    for (ObjectId id : instances)
        if (std::get<NamedPipeServerObject>(live_object(id).state).state == PipeState::Listening) return done(p, bool_value(true));
    std::uint64_t ms = a.number<P::nTimeOut>();
    if (ms == win32::NMPWAIT_USE_DEFAULT_WAIT) {
        ms = std::get<NamedPipeServerObject>(live_object(instances.front()).state).default_timeout;
        if (ms == 0) ms = 50;
    }
    PendingWait wait{WaitReason::PipeInstance, 0, *name, std::nullopt};
    if (!is_infinite(ms)) wait.timeout_ms = ms;
    return block(std::move(wait));
}

// SetNamedPipeHandleState(lpMode): PIPE_READMODE_MESSAGE needs a message-type pipe; PIPE_NOWAIT
// sets the handle's wait mode; other bits are ERROR_INVALID_PARAMETER (Wine kernelbase
// SetNamedPipeHandleState). A client whose server closed keeps its pipe's type, so message mode is
// still accepted (Wine pipe.c test_CloseHandle).
template <> Outcome WorldAccess::operation<Call::SetNamedPipeHandleState>(Process& p, CallArgs<Call::SetNamedPipeHandleState> a, Attempt) {
    using P = Params<Call::SetNamedPipeHandleState>;
    Resolved r = resolve(p, a.handle<P::hNamedPipe>());
    if (!r.object) return fail(p, bool_value(false), win32::ERROR_INVALID_HANDLE);
    std::uint32_t mode = a.dword<P::lpMode>();
    constexpr std::uint32_t handle_bits = win32::PIPE_READMODE_MESSAGE | win32::PIPE_NOWAIT;
    if (mode & ~handle_bits) return fail(p, bool_value(false), win32::ERROR_INVALID_PARAMETER);
    std::uint32_t read_mode = mode & win32::PIPE_READMODE_MESSAGE;
    if (auto* server = std::get_if<NamedPipeServerObject>(&r.object->state)) {
        if (read_mode && !(server->pipe_mode & win32::PIPE_TYPE_MESSAGE)) return fail(p, bool_value(false), win32::ERROR_INVALID_PARAMETER);
        server->pipe_mode = (server->pipe_mode & ~handle_bits) | mode;
        return done(p, bool_value(true));
    }
    if (auto* client = std::get_if<NamedPipeClientObject>(&r.object->state)) {
        if (read_mode && !(client->pipe_type & win32::PIPE_TYPE_MESSAGE)) return fail(p, bool_value(false), win32::ERROR_INVALID_PARAMETER);
        client->read_mode = mode;
        return done(p, bool_value(true));
    }
    if (r.object->kind == ObjectKind::PipeReadEnd || r.object->kind == ObjectKind::PipeWriteEnd) {
        // Anonymous pipes are byte pipes: only byte read mode is accepted.
        if (read_mode) return fail(p, bool_value(false), win32::ERROR_INVALID_PARAMETER);
        return done(p, bool_value(true));
    }
    return fail(p, bool_value(false), win32::ERROR_INVALID_HANDLE);
}

// Takes up to `want` bytes from a queue: a whole message, or FALSE/ERROR_MORE_DATA with its
// first part (message read mode); or a byte run across entries (byte read mode), where a
// zero-length message at the front is taken on its own as a read of 0 bytes (Wine pipe.c
// test_CloseHandle, test_blocking_rw).
static std::pair<std::string, bool> take(std::deque<std::string>& queue, std::uint64_t want, bool message_read) {
    if (message_read) {
        std::string& front = queue.front();
        if (front.size() <= want) {
            std::string m = std::move(front);
            queue.pop_front();
            return {std::move(m), false};
        }
        std::string part = front.substr(0, want);
        front.erase(0, want);
        return {std::move(part), true};
    }
    if (queue.front().empty()) {
        queue.pop_front();
        return {std::string(), false};
    }
    std::string out;
    while (!queue.empty() && out.size() < want && !queue.front().empty()) {
        std::string& front = queue.front();
        std::size_t n = std::min<std::uint64_t>(want - out.size(), front.size());
        out.append(front, 0, n);
        front.erase(0, n);
        if (front.empty()) queue.pop_front();
    }
    return {std::move(out), false};
}

// ReadFile on either end of a named pipe; `want` is nNumberOfBytesToRead.
Outcome WorldAccess::read_named_pipe(Process& p, Resolved r, std::uint64_t want) {
    using P = Params<Call::ReadFile>;
    auto failure = [&](std::uint32_t error) {
        return fail(p, bool_value(false), error).write<P::lpNumberOfBytesRead>(Value::integer(0));
    };
    if (!can_read(r.access)) return failure(win32::ERROR_ACCESS_DENIED);
    std::deque<std::string>* queue = nullptr;
    PipeFlow* flow = nullptr;
    bool message_read = false, peer_gone = false, nowait = false;
    ObjectId queue_owner = r.object->id;
    if (auto* server = std::get_if<NamedPipeServerObject>(&r.object->state)) {
        if (server->state == PipeState::Listening) return failure(win32::ERROR_PIPE_LISTENING);
        if (server->state == PipeState::Disconnected) return failure(win32::ERROR_PIPE_NOT_CONNECTED);
        queue = &server->to_server;
        flow = &server->to_server_flow;
        message_read = server->pipe_mode & win32::PIPE_READMODE_MESSAGE;
        nowait = server->pipe_mode & win32::PIPE_NOWAIT;
        peer_gone = server->state == PipeState::Closing;
    } else {
        auto& client = std::get<NamedPipeClientObject>(r.object->state);
        if (client.disconnected) return failure(win32::ERROR_PIPE_NOT_CONNECTED);
        auto* linked = state_of<NamedPipeServerObject>(client.server);
        queue = linked ? &linked->to_client : &client.unread;
        if (linked) {
            queue_owner = client.server;
            flow = &linked->to_client_flow;
        }
        message_read = (client.pipe_type & win32::PIPE_TYPE_MESSAGE) && (client.read_mode & win32::PIPE_READMODE_MESSAGE);
        nowait = client.read_mode & win32::PIPE_NOWAIT;
        peer_gone = !linked;
    }
    if (queue->empty()) {
        if (peer_gone) return failure(win32::ERROR_BROKEN_PIPE);
        // PIPE_NOWAIT: an empty pipe fails at once with ERROR_NO_DATA (Wine pipe.c test_nowait).
        if (nowait) return failure(win32::ERROR_NO_DATA);
        return block(PendingWait{WaitReason::ReadEmpty, r.object->id, {}, std::nullopt});
    }
    auto [data, more] = take(*queue, want, message_read);
    if (flow) flow->read += data.size();  // may give a waiting writer room
    note_state(queue_owner, message_read ? Change::Event::MessageRead : Change::Event::BytesRead, data.size(), p.pid);
    std::uint64_t n = data.size();
    // A message longer than the buffer: FALSE, ERROR_MORE_DATA, the first part read, the rest kept.
    Outcome out = more ? fail(p, bool_value(false), win32::ERROR_MORE_DATA) : done(p, bool_value(true));
    out.write<P::lpBuffer>(Value::string(std::move(data)));
    out.write<P::lpNumberOfBytesRead>(Value::integer(n));
    return out;
}

// WriteFile on either end of a named pipe; `data` is the part of lpBuffer to write. The server's
// writes are bounded by nOutBufferSize, the client's by nInBufferSize (Wine pipe.c
// test_overlapped_transport: 5000 out, 6000 in). A write waiting for room fails with
// ERROR_BROKEN_PIPE when the other end closes and ERROR_PIPE_NOT_CONNECTED on DisconnectNamedPipe.
Outcome WorldAccess::write_named_pipe(Process& p, Resolved r, std::string_view data, Attempt attempt) {
    using P = Params<Call::WriteFile>;
    auto failure = [&](std::uint32_t error) {
        return fail(p, bool_value(false), error).write<P::lpNumberOfBytesWritten>(Value::integer(0));
    };
    // The open mode fixes the directions: a server of an inbound pipe cannot write.
    if (!can_write(r.access)) return failure(win32::ERROR_ACCESS_DENIED);
    std::deque<std::string>* queue = nullptr;
    PipeFlow* flow = nullptr;
    bool message_type = false, nowait = false;
    std::uint64_t capacity = 0;
    ObjectId queue_owner = 0;
    bool waiting = attempt == Attempt::Retry;
    if (auto* server = std::get_if<NamedPipeServerObject>(&r.object->state)) {
        if (server->state == PipeState::Listening) return failure(waiting ? win32::ERROR_PIPE_NOT_CONNECTED : win32::ERROR_PIPE_LISTENING);
        if (server->state == PipeState::Disconnected) return failure(win32::ERROR_PIPE_NOT_CONNECTED);
        if (server->state == PipeState::Closing) {
            forget_blocked_write(server->to_client_flow, p.pid);
            return failure(waiting ? win32::ERROR_BROKEN_PIPE : win32::ERROR_NO_DATA);
        }
        queue = &server->to_client;
        flow = &server->to_client_flow;
        message_type = server->pipe_mode & win32::PIPE_TYPE_MESSAGE;
        nowait = server->pipe_mode & win32::PIPE_NOWAIT;
        capacity = server->out_buffer_size;
        queue_owner = r.object->id;
    } else {
        auto& client = std::get<NamedPipeClientObject>(r.object->state);
        if (client.disconnected) return failure(win32::ERROR_PIPE_NOT_CONNECTED);
        auto* linked = state_of<NamedPipeServerObject>(client.server);
        if (!linked) return failure(waiting ? win32::ERROR_BROKEN_PIPE : win32::ERROR_NO_DATA);
        queue = &linked->to_server;
        flow = &linked->to_server_flow;
        message_type = linked->pipe_mode & win32::PIPE_TYPE_MESSAGE;
        nowait = client.read_mode & win32::PIPE_NOWAIT;
        capacity = linked->in_buffer_size;
        queue_owner = client.server;
    }
    if (waiting) {
        PipeWrite* mine = blocked_write_of(*flow, p.pid);
        if (!mine) return failure(win32::ERROR_BROKEN_PIPE);
        if (!write_fits(*flow, mine->end, capacity)) return block(PendingWait{WaitReason::WriteFull, r.object->id, {}, std::nullopt});
        std::uint64_t n = mine->size;
        forget_blocked_write(*flow, p.pid);
        return done(p, bool_value(true)).write<P::lpNumberOfBytesWritten>(Value::integer(n));
    }
    // PIPE_NOWAIT: a write that does not fit writes nothing and still succeeds (Wine pipe.c
    // test_nowait: "Windows doesn't seem to do partial writes").
    if (nowait && !data.empty() && queued_bytes(*flow) + data.size() > capacity)
        return done(p, bool_value(true)).write<P::lpNumberOfBytesWritten>(Value::integer(0));
    // Message pipes keep each write as one message (even an empty one); byte pipes one run.
    if (message_type) queue->emplace_back(data);
    else if (!data.empty()) {
        if (queue->empty()) queue->emplace_back();
        queue->back().append(data);
    }
    flow->written += data.size();
    note_state(queue_owner, message_type ? Change::Event::MessageQueued : Change::Event::BytesWritten, data.size(), p.pid);
    if (!data.empty() && !write_fits(*flow, flow->written, capacity)) {
        flow->blocked.push_back(PipeWrite{p.pid, flow->written, data.size()});
        return block(PendingWait{WaitReason::WriteFull, r.object->id, {}, std::nullopt});
    }
    return done(p, bool_value(true)).write<P::lpNumberOfBytesWritten>(Value::integer(data.size()));
}

}  // namespace kosim::model
