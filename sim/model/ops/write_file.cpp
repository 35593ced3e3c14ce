// WriteFile on each kind of object: a file writes at its position; a mailslot writer queues one
// message (zero-length messages too); an anonymous pipe appends to the read end's buffer, waits
// while more than nSize bytes are unread (model/ops/pipe_flow.h), and fails with ERROR_NO_DATA once
// every read end is gone (Microsoft Learn WriteFile, "Anonymous Pipe Operations"); a write already
// waiting then fails with ERROR_BROKEN_PIPE (Wine kernel32/tests/pipe.c test_overlapped_transport:
// an anonymous pipe is a named pipe without a name, Wine kernelbase CreatePipe).
// nNumberOfBytesToWrite ~0 means all of lpBuffer.
#include "model/internal.h"
#include "model/ops/pipe_flow.h"

namespace kosim::model {

using WriteParams = Params<Call::WriteFile>;

static Outcome written(Outcome out, std::uint64_t n) { return std::move(out).write<WriteParams::lpNumberOfBytesWritten>(Value::integer(n)); }

static Outcome write_failure(Process& p, std::uint32_t error) {
    return written(WorldAccess::fail(p, bool_value(false), error), 0);
}

template <> Outcome WorldAccess::operation<Call::WriteFile>(Process& p, CallArgs<Call::WriteFile> a, Attempt attempt) {
    Resolved r = resolve(p, a.handle<WriteParams::hFile>());
    if (!r.object) return write_failure(p, win32::ERROR_INVALID_HANDLE);
    const std::string* buffer = a.string<WriteParams::lpBuffer>();
    std::string_view all = buffer ? std::string_view(*buffer) : std::string_view();
    std::uint64_t n = a.number<WriteParams::nNumberOfBytesToWrite>();
    std::string_view data = all.substr(0, std::min<std::uint64_t>(n, all.size()));
    KernelObject& o = *r.object;
    // Files, pipes and mailslots need FILE_WRITE_DATA or FILE_APPEND_DATA (Microsoft Learn WriteFile, hFile).
    if (is_file_kind(o.kind) && !can_write(r.access)) return write_failure(p, win32::ERROR_ACCESS_DENIED);
    switch (o.kind) {
    case ObjectKind::File: {
        auto& f = std::get<FileObject>(o.state);
        // The NUL device takes every byte and keeps none (Microsoft Learn "Naming Files": NUL).
        if (f.null_device) return written(done(p, bool_value(true)), data.size());
        std::string& contents = world.files_[f.path];
        if (contents.size() < f.position) contents.resize(f.position, '\0');
        contents.replace(f.position, std::min<std::uint64_t>(data.size(), contents.size() - f.position), data);
        f.position += data.size();
        note_file(o.name.empty() ? f.path : o.name, contents.size());
        return written(done(p, bool_value(true)), data.size());
    }
    case ObjectKind::MailslotClient: {
        auto& client = std::get<MailslotClientObject>(o.state);
        auto* slot = state_of<MailslotObject>(client.mailslot);
        // The server's handle is closed: the write still succeeds and the message reaches no one. The
        // mailslot driver never asks whether a server is left (ReactOS drivers/filesystems/msfs/rw.c,
        // MsfsWrite), and Wine 8 succeeds too (crosscheck --random seeds 144 and 181).
        if (!slot) return written(done(p, bool_value(true)), data.size());
        // A message longer than nMaxMessageSize is refused (Microsoft Learn CreateMailslotA).
        if (slot->max_message_size != 0 && data.size() > slot->max_message_size)
            return write_failure(p, win32::ERROR_INVALID_PARAMETER);
        slot->messages.emplace_back(data);
        note_state(client.mailslot, Change::Event::MessageQueued, data.size(), p.pid);
        return written(done(p, bool_value(true)), data.size());
    }
    case ObjectKind::PipeWriteEnd: {
        auto& end = std::get<PipeEndObject>(o.state);
        auto* reader = state_of<PipeEndObject>(end.peer);
        if (attempt == Attempt::Retry) {
            PipeWrite* mine = reader ? blocked_write_of(reader->flow, p.pid) : nullptr;
            if (!mine) return write_failure(p, win32::ERROR_BROKEN_PIPE);  // the last read end went
            if (!write_fits(reader->flow, mine->end, reader->capacity)) return block(PendingWait{WaitReason::WriteFull, o.id, {}, std::nullopt});
            std::uint64_t size = mine->size;
            forget_blocked_write(reader->flow, p.pid);
            return written(done(p, bool_value(true)), size);
        }
        if (!reader) return write_failure(p, win32::ERROR_NO_DATA);
        reader->buffer.append(data);
        reader->flow.written += data.size();
        note_state(end.peer, Change::Event::BytesWritten, data.size(), p.pid);
        if (!data.empty() && !write_fits(reader->flow, reader->flow.written, reader->capacity)) {
            reader->flow.blocked.push_back(PipeWrite{p.pid, reader->flow.written, data.size()});
            return block(PendingWait{WaitReason::WriteFull, o.id, {}, std::nullopt});
        }
        return written(done(p, bool_value(true)), data.size());
    }
    case ObjectKind::NamedPipeServer:
    case ObjectKind::NamedPipeClient:
        return write_named_pipe(p, r, data, attempt);
    // A mailslot's server end and a pipe's read end cannot write (Wine kernel32/tests/mailslot.c).
    case ObjectKind::Mailslot:
    case ObjectKind::PipeReadEnd:
        return write_failure(p, win32::ERROR_ACCESS_DENIED);
    default:
        return write_failure(p, win32::ERROR_INVALID_HANDLE);
    }
}

// Removes `count` bytes starting `from` bytes after the front of a queue of messages or byte runs;
// an entry emptied by it goes (a zero-length message that was empty before stays).
static void erase_bytes(std::deque<std::string>& queue, std::uint64_t from, std::uint64_t count) {
    for (auto it = queue.begin(); it != queue.end() && count > 0;) {
        if (from >= it->size()) {
            from -= it->size();
            ++it;
            continue;
        }
        std::uint64_t n = std::min<std::uint64_t>(count, it->size() - from);
        it->erase(from, n);
        count -= n;
        from = 0;
        it = it->empty() ? queue.erase(it) : it + 1;
    }
}

// The part of pid's waiting write the reader has not taken leaves the pipe, and the later writes
// move up (Wine pipe.c test_overlapped_transport: "after terminating process, there is no pending
// write and pipe buffer is empty").
template <typename Erase> static void discard_from(PipeFlow& flow, Pid pid, Erase erase) {
    PipeWrite* mine = blocked_write_of(flow, pid);
    if (!mine) return;
    std::uint64_t start = mine->end - mine->size, from = std::max(start, flow.read);
    std::uint64_t count = mine->end > from ? mine->end - from : 0;
    std::uint64_t end = mine->end;
    forget_blocked_write(flow, pid);
    if (count == 0) return;
    erase(from - flow.read, count);
    flow.written -= count;
    for (PipeWrite& later : flow.blocked)
        if (later.end > end) later.end -= count;
}

void WorldAccess::discard_blocked_writes(Pid pid) {
    // Found by reading (no shared chunk copied), then written: only the pipes the process waits on.
    auto waits_on = [pid](const PipeFlow& flow) {
        return std::any_of(flow.blocked.begin(), flow.blocked.end(), [pid](const PipeWrite& w) { return w.pid == pid; });
    };
    for (const ObjectId id : objects_where([&](const KernelObject& o) {
             if (auto* end = std::get_if<PipeEndObject>(&o.state)) return waits_on(end->flow);
             auto* server = std::get_if<NamedPipeServerObject>(&o.state);
             return server && (waits_on(server->to_server_flow) || waits_on(server->to_client_flow));
         })) {
        KernelObject& o = live_object(id);
        if (auto* end = std::get_if<PipeEndObject>(&o.state)) {
            discard_from(end->flow, pid, [&](std::uint64_t from, std::uint64_t count) { end->buffer.erase(from, count); });
        } else if (auto* server = std::get_if<NamedPipeServerObject>(&o.state)) {
            discard_from(server->to_server_flow, pid, [&](std::uint64_t from, std::uint64_t count) { erase_bytes(server->to_server, from, count); });
            discard_from(server->to_client_flow, pid, [&](std::uint64_t from, std::uint64_t count) { erase_bytes(server->to_client, from, count); });
        }
    }
}

}  // namespace kosim::model
