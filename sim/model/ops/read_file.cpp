// ReadFile on each kind of object: a file reads from its position; a mailslot returns one whole
// message or waits for one; an anonymous pipe returns what is buffered, waits while a writer
// remains, and fails with ERROR_BROKEN_PIPE once every write end is gone (Microsoft Learn ReadFile,
// "Pipes"). *lpNumberOfBytesRead is zeroed before any check, so it is always written.
#include "model/internal.h"

namespace kosim::model {

using ReadParams = Params<Call::ReadFile>;

static Outcome read_result(Outcome out, std::string data) {
    std::uint64_t n = data.size();
    out.write<ReadParams::lpBuffer>(Value::string(std::move(data)));
    out.write<ReadParams::lpNumberOfBytesRead>(Value::integer(n));
    return out;
}

static Outcome read_failure(Process& p, std::uint32_t error) {
    return WorldAccess::fail(p, bool_value(false), error).write<ReadParams::lpNumberOfBytesRead>(Value::integer(0));
}

template <> Outcome WorldAccess::operation<Call::ReadFile>(Process& p, CallArgs<Call::ReadFile> a, Attempt attempt) {
    Resolved r = resolve(p, a.handle<ReadParams::hFile>());
    if (!r.object) return read_failure(p, win32::ERROR_INVALID_HANDLE);
    std::uint64_t want = a.number<ReadParams::nNumberOfBytesToRead>();
    KernelObject& o = *r.object;
    // Files, pipes and mailslots need FILE_READ_DATA in the entry (Microsoft Learn ReadFile, hFile);
    // a pipe's write end and a mailslot writer never have it (Wine kernel32/tests/pipe.c, mailslot.c).
    if (is_file_kind(o.kind) && !can_read(r.access)) return read_failure(p, win32::ERROR_ACCESS_DENIED);
    switch (o.kind) {
    case ObjectKind::File: {
        auto& f = std::get<FileObject>(o.state);
        // The NUL device has nothing to read: TRUE with 0 bytes, as at the end of a file
        // (\Device\Null completes reads with STATUS_END_OF_FILE).
        if (f.null_device) return read_result(done(p, bool_value(true)), std::string());
        const std::string& contents = world.files_[f.path];
        std::uint64_t start = std::min<std::uint64_t>(f.position, contents.size());
        std::string data = contents.substr(start, std::min<std::uint64_t>(want, contents.size() - start));
        f.position = start + data.size();
        // At the end of the file ReadFile succeeds with 0 bytes read.
        return read_result(done(p, bool_value(true)), std::move(data));
    }
    case ObjectKind::Mailslot: {
        auto& slot = std::get<MailslotObject>(o.state);
        if (!slot.messages.empty()) {
            // A buffer smaller than the next message fails and leaves it queued
            // (Wine kernel32/tests/mailslot.c: STATUS_BUFFER_TOO_SMALL -> ERROR_INSUFFICIENT_BUFFER).
            if (slot.messages.front().size() > want) return read_failure(p, win32::ERROR_INSUFFICIENT_BUFFER);
            std::string message = std::move(slot.messages.front());
            slot.messages.pop_front();
            note_state(o.id, Change::Event::MessageRead, message.size(), p.pid);
            return read_result(done(p, bool_value(true)), std::move(message));
        }
        // Empty: lReadTimeout 0 fails at once with ERROR_SEM_TIMEOUT; otherwise wait (Microsoft Learn CreateMailslotA).
        if (attempt == Attempt::First && slot.read_timeout == 0) return read_failure(p, win32::ERROR_SEM_TIMEOUT);
        PendingWait wait{WaitReason::ReadEmpty, o.id, {}, std::nullopt};
        if (slot.read_timeout != win32::MAILSLOT_WAIT_FOREVER) wait.timeout_ms = slot.read_timeout;
        return block(std::move(wait));
    }
    case ObjectKind::PipeReadEnd: {
        auto& end = std::get<PipeEndObject>(o.state);
        if (!end.buffer.empty()) {
            std::string data = end.buffer.substr(0, std::min<std::uint64_t>(want, end.buffer.size()));
            end.buffer.erase(0, data.size());
            end.flow.read += data.size();  // may give a waiting writer room
            note_state(o.id, Change::Event::BytesRead, data.size(), p.pid);
            return read_result(done(p, bool_value(true)), std::move(data));
        }
        if (end.peer == 0) return read_failure(p, win32::ERROR_BROKEN_PIPE);
        return block(PendingWait{WaitReason::ReadEmpty, o.id, {}, std::nullopt});
    }
    case ObjectKind::NamedPipeServer:
    case ObjectKind::NamedPipeClient:
        return read_named_pipe(p, r, want);
    // Writers of mailslots and pipes cannot read (Wine kernel32/tests/mailslot.c, pipe.c).
    case ObjectKind::MailslotClient:
    case ObjectKind::PipeWriteEnd:
        return read_failure(p, win32::ERROR_ACCESS_DENIED);
    default:
        return read_failure(p, win32::ERROR_INVALID_HANDLE);
    }
}

}  // namespace kosim::model
