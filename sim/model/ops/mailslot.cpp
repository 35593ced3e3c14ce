// Mailslots: CreateMailslot makes the server end (read only); CreateFile("\\.\mailslot\name")
// makes a writer, a separate object linked to it, so each holds its own usage_count (the lecture's
// MailReceiver/MailSender both see 1). Names are unique and case-insensitive (Wine kernel32/tests/mailslot.c).
#include "model/internal.h"

namespace kosim::model {

template <> Outcome WorldAccess::operation<Call::CreateMailslot>(Process& p, CallArgs<Call::CreateMailslot> a, Attempt) {
    using P = Params<Call::CreateMailslot>;
    const std::string* name = a.string<P::lpName>();
    // A NULL name gives ERROR_PATH_NOT_FOUND, a name outside \\.\mailslot\ ERROR_INVALID_NAME (Wine mailslot.c).
    if (!name) return fail(p, invalid_handle(), win32::ERROR_PATH_NOT_FOUND);
    if (!iequals_prefix(*name, mailslot_prefix) || name->size() == mailslot_prefix.size())
        return fail(p, invalid_handle(), win32::ERROR_INVALID_NAME);
    std::string key = mailslot_key(*name);
    if (find_name(key)) return fail(p, invalid_handle(), win32::ERROR_ALREADY_EXISTS);
    MailslotObject state;
    state.max_message_size = a.dword<P::nMaxMessageSize>();
    state.read_timeout = a.dword<P::lReadTimeout>();
    ObjectId id = create_object(ObjectKind::Mailslot, *name, p.pid, std::move(state));
    bind_name(key, id);
    // The server end is opened GENERIC_READ | SYNCHRONIZE | WRITE_DAC (ReactOS kernel32 CreateMailslotW).
    std::uint32_t access = map_access(ObjectKind::Mailslot, win32::GENERIC_READ) | win32::SYNCHRONIZE | win32::WRITE_DAC;
    HandleValue h = add_entry(p, id, access, a.flag<P::lpSecurityAttributes>(), Origin{Origin::How::Created, 0, {}});
    return done(p, Value::handle(h));
}

// The writer side: OPEN_EXISTING on the name; a missing mailslot is ERROR_FILE_NOT_FOUND.
// Windows Vista and later accept any share mode here (Wine mailslot.c marks the XP sharing check "vista").
Outcome WorldAccess::open_mailslot_client(Process& p, std::string_view name, std::uint32_t access, bool inherit) {
    ObjectId slot = find_name(mailslot_key(name));
    if (!slot) return fail(p, invalid_handle(), win32::ERROR_FILE_NOT_FOUND);
    ObjectId id = create_object(ObjectKind::MailslotClient, std::string(name), p.pid, MailslotClientObject{slot});
    HandleValue h = add_entry(p, id, create_file_access(access), inherit, Origin{Origin::How::Created, 0, {}});
    return fail(p, Value::handle(h), win32::ERROR_SUCCESS);
}

// GetMailslotInfo: max size, next message size (MAILSLOT_NO_MESSAGE when empty), count, time-out.
template <> Outcome WorldAccess::operation<Call::GetMailslotInfo>(Process& p, CallArgs<Call::GetMailslotInfo> a, Attempt) {
    using P = Params<Call::GetMailslotInfo>;
    Resolved r = resolve(p, a.handle<P::hMailslot>());
    if (!r.object) return fail(p, bool_value(false), win32::ERROR_INVALID_HANDLE);
    auto* slot = std::get_if<MailslotObject>(&r.object->state);
    if (!slot) return fail(p, bool_value(false), win32::ERROR_INVALID_PARAMETER);
    Outcome out = done(p, bool_value(true));
    out.write<P::lpMaxMessageSize>(Value::integer(slot->max_message_size));
    out.write<P::lpNextSize>(Value::integer(slot->messages.empty() ? win32::MAILSLOT_NO_MESSAGE : slot->messages.front().size()));
    out.write<P::lpMessageCount>(Value::integer(slot->messages.size()));
    out.write<P::lpReadTimeout>(Value::integer(slot->read_timeout));
    return out;
}

template <> Outcome WorldAccess::operation<Call::SetMailslotInfo>(Process& p, CallArgs<Call::SetMailslotInfo> a, Attempt) {
    using P = Params<Call::SetMailslotInfo>;
    Resolved r = resolve(p, a.handle<P::hMailslot>());
    if (!r.object) return fail(p, bool_value(false), win32::ERROR_INVALID_HANDLE);
    auto* slot = std::get_if<MailslotObject>(&r.object->state);
    if (!slot) return fail(p, bool_value(false), win32::ERROR_INVALID_PARAMETER);
    slot->read_timeout = a.dword<P::lReadTimeout>();
    return done(p, bool_value(true));
}

}  // namespace kosim::model
