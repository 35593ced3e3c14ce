// CreatePipe: an anonymous pipe is two objects, a read end holding the buffer and a write end,
// each with usage_count 1; lpPipeAttributes' bInheritHandle applies to both (Microsoft Learn CreatePipe).
#include "model/internal.h"

namespace kosim::model {

template <> Outcome WorldAccess::operation<Call::CreatePipe>(Process& p, CallArgs<Call::CreatePipe> a, Attempt) {
    using P = Params<Call::CreatePipe>;
    bool inherit = a.flag<P::lpPipeAttributes>();
    // nSize 0 means the default, 4096 bytes (Wine kernel32/tests/pipe.c test_CreatePipe: GetNamedPipeInfo reports 4096).
    std::uint32_t size = a.dword<P::nSize>();
    if (size == 0) size = 4096;
    ObjectId read_end = create_object(ObjectKind::PipeReadEnd, "", p.pid, PipeEndObject{0, {}, size});
    ObjectId write_end = create_object(ObjectKind::PipeWriteEnd, "", p.pid, PipeEndObject{read_end, {}, size});
    std::get<PipeEndObject>(live_object(read_end).state).peer = write_end;
    // The read end is opened GENERIC_READ | FILE_WRITE_ATTRIBUTES | SYNCHRONIZE, the write end
    // GENERIC_WRITE | FILE_READ_ATTRIBUTES | SYNCHRONIZE (ReactOS kernel32 client/file/npipe.c CreatePipe).
    std::uint32_t read_access = map_access(ObjectKind::PipeReadEnd, win32::GENERIC_READ) | win32::FILE_WRITE_ATTRIBUTES | win32::SYNCHRONIZE;
    std::uint32_t write_access = map_access(ObjectKind::PipeWriteEnd, win32::GENERIC_WRITE) | win32::FILE_READ_ATTRIBUTES | win32::SYNCHRONIZE;
    HandleValue r = add_entry(p, read_end, read_access, inherit, Origin{Origin::How::Created, 0, {}});
    HandleValue w = add_entry(p, write_end, write_access, inherit, Origin{Origin::How::Created, 0, {}});
    Outcome out = done(p, bool_value(true));
    out.write<P::hReadPipe>(Value::handle(r));
    out.write<P::hWritePipe>(Value::handle(w));
    return out;
}

// PeekNamedPipe: copies without removing; works on anonymous read ends and both named pipe ends.
// A server end with no client (listening or disconnected) is ERROR_BAD_PIPE (Wine kernel32/tests/
// pipe.c test_CreateNamedPipe, test_DisconnectNamedPipe). *lpBytesLeftThisMessage is the front
// message's length minus the bytes copied, and a byte pipe's message length is 0, so it is the
// negated count there (Wine pipe.c test_CreateNamedPipe: "left == -4"; kernelbase PeekNamedPipe).
template <> Outcome WorldAccess::operation<Call::PeekNamedPipe>(Process& p, CallArgs<Call::PeekNamedPipe> a, Attempt) {
    using P = Params<Call::PeekNamedPipe>;
    Resolved r = resolve(p, a.handle<P::hNamedPipe>());
    if (!r.object) return fail(p, bool_value(false), win32::ERROR_INVALID_HANDLE);
    std::uint64_t size = a.number<P::nBufferSize>();
    std::string copy;
    std::uint64_t total = 0, left = 0;
    KernelObject& o = *r.object;
    if (auto* end = std::get_if<PipeEndObject>(&o.state)) {
        if (o.kind == ObjectKind::PipeWriteEnd) return fail(p, bool_value(false), win32::ERROR_ACCESS_DENIED);
        if (end->buffer.empty() && end->peer == 0) return fail(p, bool_value(false), win32::ERROR_BROKEN_PIPE);
        total = end->buffer.size();
        copy = end->buffer.substr(0, std::min<std::uint64_t>(size, total));
        left = static_cast<std::uint32_t>(0u - copy.size());
    } else if (o.kind == ObjectKind::NamedPipeServer || o.kind == ObjectKind::NamedPipeClient) {
        const std::deque<std::string>* queue = nullptr;
        bool message_type = false, peer_gone = false;
        if (auto* server = std::get_if<NamedPipeServerObject>(&o.state)) {
            using S = NamedPipeServerObject::State;
            if (server->state == S::Listening || server->state == S::Disconnected) return fail(p, bool_value(false), win32::ERROR_BAD_PIPE);
            queue = &server->to_server;
            message_type = server->pipe_mode & win32::PIPE_TYPE_MESSAGE;
            peer_gone = server->state == S::Closing;
        } else {
            auto& client = std::get<NamedPipeClientObject>(o.state);
            if (client.disconnected) return fail(p, bool_value(false), win32::ERROR_PIPE_NOT_CONNECTED);
            auto* linked = state_of<NamedPipeServerObject>(client.server);
            queue = linked ? &linked->to_client : &client.unread;
            message_type = client.pipe_type & win32::PIPE_TYPE_MESSAGE;
            peer_gone = !linked;
        }
        for (const std::string& m : *queue) total += m.size();
        if (total == 0 && queue->empty() && peer_gone) return fail(p, bool_value(false), win32::ERROR_BROKEN_PIPE);
        if (message_type && !queue->empty()) {
            copy = queue->front().substr(0, std::min<std::uint64_t>(size, queue->front().size()));
            left = queue->front().size() - copy.size();
        } else {
            for (const std::string& m : *queue) {
                if (copy.size() >= size) break;
                copy.append(m.substr(0, size - copy.size()));
            }
            left = static_cast<std::uint32_t>(0u - copy.size());
        }
    } else {
        return fail(p, bool_value(false), win32::ERROR_INVALID_HANDLE);
    }
    Outcome out = done(p, bool_value(true));
    std::uint64_t n = copy.size();
    if (size > 0) out.write<P::lpBuffer>(Value::string(std::move(copy)));
    out.write<P::lpBytesRead>(Value::integer(n));
    out.write<P::lpTotalBytesAvail>(Value::integer(total));
    out.write<P::lpBytesLeftThisMessage>(Value::integer(left));
    return out;
}

}  // namespace kosim::model
