// WriteFile on each kind of object: a file writes at its position; a mailslot writer queues one
// message (zero-length messages too); an anonymous pipe appends to the read end's buffer, waits
// while it is full, and fails with ERROR_NO_DATA once every read end is gone (Microsoft Learn
// WriteFile, "Anonymous Pipe Operations"). nNumberOfBytesToWrite ~0 means all of lpBuffer.
#include "model/internal.h"

namespace kosim::model {

using P = Params<Call::WriteFile>;

static Outcome written(Outcome out, std::uint64_t n) { return std::move(out).write<P::lpNumberOfBytesWritten>(Value::integer(n)); }

static Outcome write_failure(Process& p, std::uint32_t error) {
    return written(WorldAccess::fail(p, bool_value(false), error), 0);
}

template <> Outcome WorldAccess::operation<Call::WriteFile>(Process& p, CallArgs<Call::WriteFile> a, Attempt) {
    Resolved r = resolve(p, a.handle<P::hFile>());
    if (!r.object) return write_failure(p, win32::ERROR_INVALID_HANDLE);
    const std::string* buffer = a.string<P::lpBuffer>();
    std::string_view all = buffer ? std::string_view(*buffer) : std::string_view();
    std::uint64_t n = a.number<P::nNumberOfBytesToWrite>();
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
        if (!reader) return write_failure(p, win32::ERROR_NO_DATA);
        std::uint64_t capacity = end.capacity ? end.capacity : 4096;
        // A write that does not fit waits until the reader makes room; one larger than the whole
        // buffer goes in once the buffer is empty (simplification: never split).
        if (!reader->buffer.empty() && reader->buffer.size() + data.size() > capacity)
            return block(PendingWait{WaitReason::WriteFull, o.id, {}, std::nullopt});
        reader->buffer.append(data);
        note_state(end.peer, Change::Event::BytesWritten, data.size(), p.pid);
        return written(done(p, bool_value(true)), data.size());
    }
    case ObjectKind::NamedPipeServer:
    case ObjectKind::NamedPipeClient:
        return write_named_pipe(p, r, data);
    // A mailslot's server end and a pipe's read end cannot write (Wine kernel32/tests/mailslot.c).
    case ObjectKind::Mailslot:
    case ObjectKind::PipeReadEnd:
        return write_failure(p, win32::ERROR_ACCESS_DENIED);
    default:
        return write_failure(p, win32::ERROR_INVALID_HANDLE);
    }
}

}  // namespace kosim::model
