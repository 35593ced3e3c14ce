// What a pipe handle says about its pipe: GetNamedPipeInfo (end, type, buffer sizes, maximum
// instances), GetNamedPipeHandleState (the handle's read and wait modes, the current instances) and
// GetNamedPipeClientProcessId. An anonymous pipe is a one-instance byte pipe whose read end is the
// server end (Wine kernel32/tests/pipe.c test_CreatePipe; kernelbase CreatePipe). The model checks
// no access right for these queries.
#include "model/internal.h"

namespace kosim::model {

namespace {

using PipeState = NamedPipeServerObject::State;

// The server instance a pipe handle belongs to (nullptr for an anonymous pipe, or a client whose
// server end is gone).
const NamedPipeServerObject* server_of(WorldAccess& w, const KernelObject& o) {
    if (auto* server = std::get_if<NamedPipeServerObject>(&o.state)) return server;
    if (auto* client = std::get_if<NamedPipeClientObject>(&o.state)) return w.state_of<NamedPipeServerObject>(client->server);
    return nullptr;
}

bool is_pipe(ObjectKind kind) {
    return kind == ObjectKind::PipeReadEnd || kind == ObjectKind::PipeWriteEnd || kind == ObjectKind::NamedPipeServer ||
           kind == ObjectKind::NamedPipeClient;
}

// Not a pipe: another kind of file is ERROR_INVALID_PARAMETER (FilePipeLocalInformation is a pipe
// class), anything else ERROR_INVALID_HANDLE.
std::uint32_t not_a_pipe_error(ObjectKind kind) {
    return is_file_kind(kind) ? win32::ERROR_INVALID_PARAMETER : win32::ERROR_INVALID_HANDLE;
}

}  // namespace

// GetNamedPipeInfo: PIPE_SERVER_END or PIPE_CLIENT_END with the pipe's type, nOutBufferSize and
// nInBufferSize as the server gave them, and nMaxInstances (PIPE_UNLIMITED_INSTANCES as 255)
// (Wine pipe.c test_GetNamedPipeInfo; test_CreatePipe: both ends report nSize, 4096 for 0, and 1 instance).
template <> Outcome WorldAccess::operation<Call::GetNamedPipeInfo>(Process& p, CallArgs<Call::GetNamedPipeInfo> a, Attempt) {
    using P = Params<Call::GetNamedPipeInfo>;
    Resolved r = resolve(p, a.handle<P::hNamedPipe>());
    if (!r.object) return fail(p, bool_value(false), win32::ERROR_INVALID_HANDLE);
    if (!is_pipe(r.object->kind)) return fail(p, bool_value(false), not_a_pipe_error(r.object->kind));
    std::uint32_t flags = 0, out_size = 0, in_size = 0, max_instances = 1;
    if (auto* end = std::get_if<PipeEndObject>(&r.object->state)) {
        flags = r.object->kind == ObjectKind::PipeReadEnd ? win32::PIPE_SERVER_END : win32::PIPE_CLIENT_END;
        out_size = in_size = end->capacity;
    } else if (const NamedPipeServerObject* server = server_of(*this, *r.object)) {
        flags = (r.object->kind == ObjectKind::NamedPipeServer ? win32::PIPE_SERVER_END : win32::PIPE_CLIENT_END) |
                (server->pipe_mode & win32::PIPE_TYPE_MESSAGE);
        out_size = server->out_buffer_size;
        in_size = server->in_buffer_size;
        max_instances = server->max_instances;
    } else {
        // A client whose server end is gone: the pipe is broken (FilePipeLocalInformation fails).
        return fail(p, bool_value(false), win32::ERROR_BROKEN_PIPE);
    }
    Outcome out = done(p, bool_value(true));
    out.write<P::lpFlags>(Value::integer(flags));
    out.write<P::lpOutBufferSize>(Value::integer(out_size));
    out.write<P::lpInBufferSize>(Value::integer(in_size));
    out.write<P::lpMaxInstances>(Value::integer(max_instances));
    return out;
}

// GetNamedPipeHandleState: lpState is this handle's PIPE_READMODE_MESSAGE and PIPE_NOWAIT (0 for a
// new server of PIPE_WAIT without message read mode; a client starts in byte read mode and wait
// mode); lpCurInstances counts the pipe's instances (Wine pipe.c test_NamedPipeHandleState). It
// still succeeds on a client whose server closed (Wine pipe.c test_CloseHandle).
template <> Outcome WorldAccess::operation<Call::GetNamedPipeHandleState>(Process& p, CallArgs<Call::GetNamedPipeHandleState> a, Attempt) {
    using P = Params<Call::GetNamedPipeHandleState>;
    Resolved r = resolve(p, a.handle<P::hNamedPipe>());
    if (!r.object) return fail(p, bool_value(false), win32::ERROR_INVALID_HANDLE);
    if (!is_pipe(r.object->kind)) return fail(p, bool_value(false), not_a_pipe_error(r.object->kind));
    constexpr std::uint32_t handle_bits = win32::PIPE_READMODE_MESSAGE | win32::PIPE_NOWAIT;
    std::uint32_t state = 0, instances = 1;
    if (auto* server = std::get_if<NamedPipeServerObject>(&r.object->state)) {
        state = server->pipe_mode & handle_bits;
        instances = static_cast<std::uint32_t>(pipe_instances(server->pipe_name).size());
    } else if (auto* client = std::get_if<NamedPipeClientObject>(&r.object->state)) {
        state = client->read_mode & handle_bits;
        instances = static_cast<std::uint32_t>(pipe_instances(r.object->name).size());
    }
    Outcome out = done(p, bool_value(true));
    out.write<P::lpState>(Value::integer(state));
    out.write<P::lpCurInstances>(Value::integer(instances));
    return out;
}

// GetNamedPipeClientProcessId: the process whose CreateFile opened the client end, asked on either
// end, still known after the client's handle is closed (Wine pipe.c test_namedpipe_process_id).
// After DisconnectNamedPipe Windows fails: ERROR_NOT_FOUND on the server, ERROR_PIPE_NOT_CONNECTED
// on the client (the same test, todo_wine: Wine 8 succeeds). Anonymous pipes have no client process.
template <> Outcome WorldAccess::operation<Call::GetNamedPipeClientProcessId>(Process& p, CallArgs<Call::GetNamedPipeClientProcessId> a, Attempt) {
    using P = Params<Call::GetNamedPipeClientProcessId>;
    Resolved r = resolve(p, a.handle<P::Pipe>());
    if (!r.object) return fail(p, bool_value(false), win32::ERROR_INVALID_HANDLE);
    if (!is_pipe(r.object->kind)) return fail(p, bool_value(false), not_a_pipe_error(r.object->kind));
    Pid pid = 0;
    if (auto* server = std::get_if<NamedPipeServerObject>(&r.object->state)) {
        if (server->state == PipeState::Listening || server->state == PipeState::Disconnected || !server->client_pid)
            return fail(p, bool_value(false), win32::ERROR_NOT_FOUND);
        pid = server->client_pid;
    } else if (auto* client = std::get_if<NamedPipeClientObject>(&r.object->state)) {
        if (client->disconnected) return fail(p, bool_value(false), win32::ERROR_PIPE_NOT_CONNECTED);
        pid = r.object->creator;
    } else {
        return fail(p, bool_value(false), win32::ERROR_NOT_FOUND);
    }
    return done(p, bool_value(true)).write<P::ClientProcessId>(Value::integer(pid));
}

}  // namespace kosim::model
