// Named synchronisation objects: Create* of an existing name opens the existing object and sets
// ERROR_ALREADY_EXISTS; a name held by another type fails with ERROR_INVALID_HANDLE; Open* of a
// missing name fails with ERROR_FILE_NOT_FOUND (Microsoft Learn CreateEventA, OpenEventA).
// Event, mutex and semaphore names share one case-sensitive namespace (Microsoft Learn "Object Names").
#include "model/internal.h"

namespace kosim::model {

// A name of more than MAX_PATH (260) characters fails with ERROR_FILENAME_EXCED_RANGE. The limit is
// the ANSI calls' (the ones kosim-native makes): CreateEventA and OpenEventA convert the name into
// the thread's static Unicode buffer (TEB StaticUnicodeBuffer, MAX_PATH + 1 WCHARs with the NUL), and
// an overflow (STATUS_BUFFER_OVERFLOW) becomes ERROR_FILENAME_EXCED_RANGE: ReactOS kernel32
// Basep8BitStringToStaticUnicodeString; Microsoft Learn CreateEventA, lpName: "The name is limited to
// MAX_PATH characters". Wine converts into a WCHAR[MAX_PATH] instead, so it already fails at 260
// characters (kernelbase CreateEventExA): a Wine difference. Characters, not bytes: one UTF-8 code
// point is one WCHAR for the BMP (Hangul included).
static constexpr std::size_t max_object_name = 260;  // MAX_PATH
static bool name_too_long(const std::string* name) {
    if (!name) return false;
    std::size_t characters = 0;
    for (unsigned char c : *name) characters += (c & 0xC0) != 0x80;   // count lead bytes only
    return characters > max_object_name;
}

// Creates or opens; on success the last error is ERROR_ALREADY_EXISTS or 0 (Wine kernelbase
// sets it either way: kernel32/tests/sync.c checks GetLastError() == 0 after a fresh create).
Outcome WorldAccess::create_named_sync(Process& p, ObjectKind kind, bool inherit, const std::string* name, ObjectState state,
                                       bool* existed) {
    *existed = false;
    // Create* asks for the type's *_ALL_ACCESS (Wine kernelbase CreateEventExA and friends pass
    // EVENT_ALL_ACCESS etc.; Microsoft Learn CreateEventA: "full access").
    std::uint32_t access = full_access(kind);
    if (name_too_long(name)) return fail(p, null_handle_value(), win32::ERROR_FILENAME_EXCED_RANGE);
    if (name && !name->empty()) {
        std::string key = sync_key(*name);
        if (ObjectId id = find_name(key)) {
            if (live_object(id).kind != kind) return fail(p, null_handle_value(), win32::ERROR_INVALID_HANDLE);
            *existed = true;
            HandleValue h = add_entry(p, id, access, inherit, Origin{Origin::How::Opened, 0, {}});
            return fail(p, Value::handle(h), win32::ERROR_ALREADY_EXISTS);
        }
        ObjectId id = create_object(kind, *name, p.pid, std::move(state));
        bind_name(key, id);
        HandleValue h = add_entry(p, id, access, inherit, Origin{Origin::How::Created, 0, {}});
        return fail(p, Value::handle(h), win32::ERROR_SUCCESS);
    }
    ObjectId id = create_object(kind, "", p.pid, std::move(state));
    HandleValue h = add_entry(p, id, access, inherit, Origin{Origin::How::Created, 0, {}});
    return fail(p, Value::handle(h), win32::ERROR_SUCCESS);
}

// OpenEvent / OpenMutex / OpenSemaphore: a new entry to an existing named object of that type.
// A NULL name fails with ERROR_INVALID_PARAMETER (Wine kernel32/tests/sync.c test_event:
// OpenEventA(EVENT_ALL_ACCESS, FALSE, NULL); the same check serves OpenMutex and OpenSemaphore).
Outcome WorldAccess::open_named(Process& p, ObjectKind kind, std::uint32_t access, bool inherit, const std::string* name) {
    if (!name || name->empty()) return fail(p, null_handle_value(), win32::ERROR_INVALID_PARAMETER);
    if (name_too_long(name)) return fail(p, null_handle_value(), win32::ERROR_FILENAME_EXCED_RANGE);
    ObjectId id = find_name(sync_key(*name));
    if (!id) return fail(p, null_handle_value(), win32::ERROR_FILE_NOT_FOUND);
    if (live_object(id).kind != kind) return fail(p, null_handle_value(), win32::ERROR_INVALID_HANDLE);
    // The name is found first, then the rights are checked (0 access and foreign bits refused).
    AccessGrant grant = grant_open_access(kind, access);
    if (grant.error != win32::ERROR_SUCCESS) return fail(p, null_handle_value(), grant.error);
    HandleValue h = add_entry(p, id, grant.granted, inherit, Origin{Origin::How::Opened, 0, {}});
    return done(p, Value::handle(h));
}

}  // namespace kosim::model
