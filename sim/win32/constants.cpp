#include "win32/constants.h"

#include <algorithm>

namespace kosim::win32 {

namespace {

constexpr NamedConstant table[] = {
    {"TRUE", 1, ConstantGroup::Boolean},
    {"FALSE", 0, ConstantGroup::Boolean},
    {"NULL", 0, ConstantGroup::Null},
    {"INVALID_HANDLE_VALUE", ~std::uint64_t{0}, ConstantGroup::Handle},
    {"ERROR_SUCCESS", ERROR_SUCCESS, ConstantGroup::Error},
    {"ERROR_INVALID_FUNCTION", ERROR_INVALID_FUNCTION, ConstantGroup::Error},
    {"ERROR_FILE_NOT_FOUND", ERROR_FILE_NOT_FOUND, ConstantGroup::Error},
    {"ERROR_PATH_NOT_FOUND", ERROR_PATH_NOT_FOUND, ConstantGroup::Error},
    {"ERROR_ACCESS_DENIED", ERROR_ACCESS_DENIED, ConstantGroup::Error},
    {"ERROR_INVALID_HANDLE", ERROR_INVALID_HANDLE, ConstantGroup::Error},
    {"ERROR_NOT_ENOUGH_MEMORY", ERROR_NOT_ENOUGH_MEMORY, ConstantGroup::Error},
    {"ERROR_SHARING_VIOLATION", ERROR_SHARING_VIOLATION, ConstantGroup::Error},
    {"ERROR_NOT_SUPPORTED", ERROR_NOT_SUPPORTED, ConstantGroup::Error},
    {"ERROR_FILE_EXISTS", ERROR_FILE_EXISTS, ConstantGroup::Error},
    {"ERROR_INVALID_PARAMETER", ERROR_INVALID_PARAMETER, ConstantGroup::Error},
    {"ERROR_BROKEN_PIPE", ERROR_BROKEN_PIPE, ConstantGroup::Error},
    {"ERROR_SEM_TIMEOUT", ERROR_SEM_TIMEOUT, ConstantGroup::Error},
    {"ERROR_INSUFFICIENT_BUFFER", ERROR_INSUFFICIENT_BUFFER, ConstantGroup::Error},
    {"ERROR_INVALID_NAME", ERROR_INVALID_NAME, ConstantGroup::Error},
    {"ERROR_BAD_PATHNAME", ERROR_BAD_PATHNAME, ConstantGroup::Error},
    {"ERROR_ALREADY_EXISTS", ERROR_ALREADY_EXISTS, ConstantGroup::Error},
    {"ERROR_ENVVAR_NOT_FOUND", ERROR_ENVVAR_NOT_FOUND, ConstantGroup::Error},
    {"ERROR_BAD_PIPE", ERROR_BAD_PIPE, ConstantGroup::Error},
    {"ERROR_PIPE_BUSY", ERROR_PIPE_BUSY, ConstantGroup::Error},
    {"ERROR_NO_DATA", ERROR_NO_DATA, ConstantGroup::Error},
    {"ERROR_PIPE_NOT_CONNECTED", ERROR_PIPE_NOT_CONNECTED, ConstantGroup::Error},
    {"ERROR_MORE_DATA", ERROR_MORE_DATA, ConstantGroup::Error},
    {"ERROR_NOT_OWNER", ERROR_NOT_OWNER, ConstantGroup::Error},
    {"ERROR_TOO_MANY_POSTS", ERROR_TOO_MANY_POSTS, ConstantGroup::Error},
    {"ERROR_PIPE_CONNECTED", ERROR_PIPE_CONNECTED, ConstantGroup::Error},
    {"ERROR_PIPE_LISTENING", ERROR_PIPE_LISTENING, ConstantGroup::Error},
    {"ERROR_INVALID_FLAGS", ERROR_INVALID_FLAGS, ConstantGroup::Error},
    {"GENERIC_READ", GENERIC_READ, ConstantGroup::Access},
    {"GENERIC_WRITE", GENERIC_WRITE, ConstantGroup::Access},
    {"GENERIC_EXECUTE", GENERIC_EXECUTE, ConstantGroup::Access},
    {"GENERIC_ALL", GENERIC_ALL, ConstantGroup::Access},
    {"SYNCHRONIZE", SYNCHRONIZE, ConstantGroup::Access},
    {"PROCESS_ALL_ACCESS", PROCESS_ALL_ACCESS, ConstantGroup::Access},
    {"PROCESS_DUP_HANDLE", PROCESS_DUP_HANDLE, ConstantGroup::Access},
    {"PROCESS_TERMINATE", PROCESS_TERMINATE, ConstantGroup::Access},
    {"PROCESS_QUERY_INFORMATION", PROCESS_QUERY_INFORMATION, ConstantGroup::Access},
    {"PROCESS_QUERY_LIMITED_INFORMATION", PROCESS_QUERY_LIMITED_INFORMATION, ConstantGroup::Access},
    {"THREAD_ALL_ACCESS", THREAD_ALL_ACCESS, ConstantGroup::Access},
    {"EVENT_ALL_ACCESS", EVENT_ALL_ACCESS, ConstantGroup::Access},
    {"EVENT_MODIFY_STATE", EVENT_MODIFY_STATE, ConstantGroup::Access},
    {"MUTEX_ALL_ACCESS", MUTEX_ALL_ACCESS, ConstantGroup::Access},
    {"SEMAPHORE_ALL_ACCESS", SEMAPHORE_ALL_ACCESS, ConstantGroup::Access},
    {"SEMAPHORE_MODIFY_STATE", SEMAPHORE_MODIFY_STATE, ConstantGroup::Access},
    {"FILE_ALL_ACCESS", FILE_ALL_ACCESS, ConstantGroup::Access},
    {"FILE_SHARE_READ", FILE_SHARE_READ, ConstantGroup::Share},
    {"FILE_SHARE_WRITE", FILE_SHARE_WRITE, ConstantGroup::Share},
    {"FILE_SHARE_DELETE", FILE_SHARE_DELETE, ConstantGroup::Share},
    {"CREATE_NEW", CREATE_NEW, ConstantGroup::Disposition},
    {"CREATE_ALWAYS", CREATE_ALWAYS, ConstantGroup::Disposition},
    {"OPEN_EXISTING", OPEN_EXISTING, ConstantGroup::Disposition},
    {"OPEN_ALWAYS", OPEN_ALWAYS, ConstantGroup::Disposition},
    {"TRUNCATE_EXISTING", TRUNCATE_EXISTING, ConstantGroup::Disposition},
    {"FILE_ATTRIBUTE_NORMAL", FILE_ATTRIBUTE_NORMAL, ConstantGroup::Disposition},
    {"HANDLE_FLAG_INHERIT", HANDLE_FLAG_INHERIT, ConstantGroup::HandleFlag},
    {"HANDLE_FLAG_PROTECT_FROM_CLOSE", HANDLE_FLAG_PROTECT_FROM_CLOSE, ConstantGroup::HandleFlag},
    {"DUPLICATE_CLOSE_SOURCE", DUPLICATE_CLOSE_SOURCE, ConstantGroup::Duplicate},
    {"DUPLICATE_SAME_ACCESS", DUPLICATE_SAME_ACCESS, ConstantGroup::Access},
    {"STILL_ACTIVE", STILL_ACTIVE, ConstantGroup::Process},
    {"INFINITE", INFINITE, ConstantGroup::Wait},
    {"WAIT_OBJECT_0", WAIT_OBJECT_0, ConstantGroup::Wait},
    {"WAIT_ABANDONED", WAIT_ABANDONED, ConstantGroup::Wait},
    {"WAIT_TIMEOUT", WAIT_TIMEOUT, ConstantGroup::Wait},
    {"WAIT_FAILED", WAIT_FAILED, ConstantGroup::Wait},
    {"STARTF_USESTDHANDLES", STARTF_USESTDHANDLES, ConstantGroup::Process},
    {"CREATE_NEW_CONSOLE", CREATE_NEW_CONSOLE, ConstantGroup::Process},
    {"CREATE_NO_WINDOW", CREATE_NO_WINDOW, ConstantGroup::Process},
    {"STD_INPUT_HANDLE", STD_INPUT_HANDLE, ConstantGroup::Process},
    {"STD_OUTPUT_HANDLE", STD_OUTPUT_HANDLE, ConstantGroup::Process},
    {"STD_ERROR_HANDLE", STD_ERROR_HANDLE, ConstantGroup::Process},
    {"MAILSLOT_WAIT_FOREVER", MAILSLOT_WAIT_FOREVER, ConstantGroup::Mailslot},
    {"MAILSLOT_NO_MESSAGE", MAILSLOT_NO_MESSAGE, ConstantGroup::Mailslot},
    {"PIPE_ACCESS_INBOUND", PIPE_ACCESS_INBOUND, ConstantGroup::Pipe},
    {"PIPE_ACCESS_OUTBOUND", PIPE_ACCESS_OUTBOUND, ConstantGroup::Pipe},
    {"PIPE_ACCESS_DUPLEX", PIPE_ACCESS_DUPLEX, ConstantGroup::Pipe},
    {"PIPE_TYPE_BYTE", PIPE_TYPE_BYTE, ConstantGroup::Pipe},
    {"PIPE_TYPE_MESSAGE", PIPE_TYPE_MESSAGE, ConstantGroup::Pipe},
    {"PIPE_READMODE_BYTE", PIPE_READMODE_BYTE, ConstantGroup::Pipe},
    {"PIPE_READMODE_MESSAGE", PIPE_READMODE_MESSAGE, ConstantGroup::Pipe},
    {"PIPE_WAIT", PIPE_WAIT, ConstantGroup::Pipe},
    {"PIPE_NOWAIT", PIPE_NOWAIT, ConstantGroup::Pipe},
    {"PIPE_UNLIMITED_INSTANCES", PIPE_UNLIMITED_INSTANCES, ConstantGroup::Pipe},
    {"NMPWAIT_USE_DEFAULT_WAIT", NMPWAIT_USE_DEFAULT_WAIT, ConstantGroup::Pipe},
    {"NMPWAIT_WAIT_FOREVER", NMPWAIT_WAIT_FOREVER, ConstantGroup::Pipe},
};

}  // namespace

std::span<const NamedConstant> all_constants() { return table; }

std::optional<NamedConstant> find_constant(std::string_view name) {
    auto it = std::find_if(std::begin(table), std::end(table), [&](const NamedConstant& c) { return c.name == name; });
    if (it == std::end(table)) return std::nullopt;
    return *it;
}

std::string error_name(std::uint32_t code) {
    if (code == WAIT_TIMEOUT_ERROR) return "WAIT_TIMEOUT";
    for (const NamedConstant& c : table)
        if (c.group == ConstantGroup::Error && c.value == code) return std::string(c.name);
    return "ERROR_#" + std::to_string(code);
}

}  // namespace kosim::win32
