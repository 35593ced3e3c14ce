// CreateFile on the machine's in-memory file system, plus the two special namespaces it opens:
// "\\.\mailslot\name" (a mailslot writer) and "\\.\pipe\name" (a named pipe client). On success
// the last error is ERROR_ALREADY_EXISTS (CREATE_ALWAYS / OPEN_ALWAYS on an existing file) or 0
// (Microsoft Learn CreateFileA, "Return value").
#include "model/internal.h"

namespace kosim::model {

// The sharing rule: every open must allow the others' access, both ways
// (Microsoft Learn "Creating and Opening Files", its sharing table).
static bool shares_with(const FileObject& open, std::uint32_t access, std::uint32_t share) {
    if (can_read(access) && !(open.share_mode & win32::FILE_SHARE_READ)) return false;
    if (can_write(access) && !(open.share_mode & win32::FILE_SHARE_WRITE)) return false;
    if (can_read(open.access) && !(share & win32::FILE_SHARE_READ)) return false;
    if (can_write(open.access) && !(share & win32::FILE_SHARE_WRITE)) return false;
    return true;
}

// "NUL" (any case), also as "\\.\NUL": a reserved device name, not a file (Microsoft Learn
// "Naming Files, Paths, and Namespaces": "Do not use the following reserved names ... NUL").
static bool is_null_device(std::string_view name) {
    if (iequals_prefix(name, "\\\\.\\")) name.remove_prefix(4);
    return upper(name) == "NUL";
}

// Every open is a File object of its own on \Device\Null: no file is made, sharing is not
// checked (one device, no contents to protect), the last error is 0.
static Outcome open_null_device(WorldAccess& w, Process& p, std::uint32_t access, std::uint32_t share, bool inherit) {
    ObjectId id = w.create_object(ObjectKind::File, "", p.pid, FileObject{"NUL", 0, access, share, true});
    HandleValue h = w.add_entry(p, id, create_file_access(access), inherit, Origin{Origin::How::Created, 0, {}});
    return WorldAccess::fail(p, Value::handle(h), win32::ERROR_SUCCESS);
}

template <> Outcome WorldAccess::operation<Call::CreateFile>(Process& p, CallArgs<Call::CreateFile> a, Attempt) {
    using P = Params<Call::CreateFile>;
    const std::string* name = a.string<P::lpFileName>();
    if (!name || name->empty()) return fail(p, invalid_handle(), win32::ERROR_PATH_NOT_FOUND);
    std::uint32_t access = a.dword<P::dwDesiredAccess>(), share = a.dword<P::dwShareMode>();
    std::uint32_t disposition = a.dword<P::dwCreationDisposition>();
    bool inherit = a.flag<P::lpSecurityAttributes>();
    if (iequals_prefix(*name, mailslot_prefix)) return open_mailslot_client(p, *name, access, inherit);
    if (iequals_prefix(*name, pipe_prefix)) return open_named_pipe_client(p, *name, access, inherit);

    if (disposition < win32::CREATE_NEW || disposition > win32::TRUNCATE_EXISTING)
        return fail(p, invalid_handle(), win32::ERROR_INVALID_PARAMETER);
    if (is_null_device(*name)) return open_null_device(*this, p, access, share, inherit);
    std::string key = upper(*name);
    auto file = world.files_.find(key);
    bool exists = file != world.files_.end();
    if (disposition == win32::CREATE_NEW && exists) return fail(p, invalid_handle(), win32::ERROR_FILE_EXISTS);
    if ((disposition == win32::OPEN_EXISTING || disposition == win32::TRUNCATE_EXISTING) && !exists)
        return fail(p, invalid_handle(), win32::ERROR_FILE_NOT_FOUND);
    // TRUNCATE_EXISTING needs GENERIC_WRITE (Microsoft Learn CreateFileA, dwCreationDisposition).
    if (disposition == win32::TRUNCATE_EXISTING && !can_write(access))
        return fail(p, invalid_handle(), win32::ERROR_INVALID_PARAMETER);
    // Share access is given up when the last handle closes (the file system's cleanup), so a file
    // object kept only by a file mapping does not count (issue 8; Microsoft Learn "Creating and
    // Opening Files": sharing applies to open handles).
    if (exists)
        for (const KernelObject& o : world.objects_)
            if (auto* open = std::get_if<FileObject>(&o.state);
                open && o.handle_count > 0 && open->path == key && !shares_with(*open, access, share))
                return fail(p, invalid_handle(), win32::ERROR_SHARING_VIOLATION);

    bool truncate = exists && (disposition == win32::CREATE_ALWAYS || disposition == win32::TRUNCATE_EXISTING);
    if (!exists) {
        world.files_.emplace(key, std::string());
        note_file(*name, 0);
    } else if (truncate) {
        file->second.clear();
        note_file(*name, 0);
    }
    ObjectId id = create_object(ObjectKind::File, *name, p.pid, FileObject{key, 0, access, share});
    HandleValue h = add_entry(p, id, create_file_access(access), inherit, Origin{Origin::How::Created, 0, {}});
    bool already = exists && (disposition == win32::CREATE_ALWAYS || disposition == win32::OPEN_ALWAYS);
    return fail(p, Value::handle(h), already ? win32::ERROR_ALREADY_EXISTS : win32::ERROR_SUCCESS);
}

}  // namespace kosim::model
