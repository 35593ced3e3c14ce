// Win32 constants the scenarios use, by their real names and numbers (winbase.h, winerror.h,
// winnt.h, namedpipeapi.h). native/ checks every one against windows.h with static_assert.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace kosim::win32 {

// Last-error codes (winerror.h).
inline constexpr std::uint32_t ERROR_SUCCESS = 0;
inline constexpr std::uint32_t ERROR_INVALID_FUNCTION = 1;
inline constexpr std::uint32_t ERROR_FILE_NOT_FOUND = 2;
inline constexpr std::uint32_t ERROR_PATH_NOT_FOUND = 3;
inline constexpr std::uint32_t ERROR_ACCESS_DENIED = 5;
inline constexpr std::uint32_t ERROR_INVALID_HANDLE = 6;
inline constexpr std::uint32_t ERROR_NOT_ENOUGH_MEMORY = 8;
inline constexpr std::uint32_t ERROR_SHARING_VIOLATION = 32;
inline constexpr std::uint32_t ERROR_NOT_SUPPORTED = 50;
inline constexpr std::uint32_t ERROR_FILE_EXISTS = 80;
inline constexpr std::uint32_t ERROR_INVALID_PARAMETER = 87;
inline constexpr std::uint32_t ERROR_BROKEN_PIPE = 109;
inline constexpr std::uint32_t ERROR_SEM_TIMEOUT = 121;
inline constexpr std::uint32_t ERROR_INSUFFICIENT_BUFFER = 122;
inline constexpr std::uint32_t ERROR_INVALID_NAME = 123;
inline constexpr std::uint32_t ERROR_BAD_PATHNAME = 161;
inline constexpr std::uint32_t ERROR_ALREADY_EXISTS = 183;
inline constexpr std::uint32_t ERROR_ENVVAR_NOT_FOUND = 203;
inline constexpr std::uint32_t ERROR_BAD_PIPE = 230;
inline constexpr std::uint32_t ERROR_PIPE_BUSY = 231;
inline constexpr std::uint32_t ERROR_NO_DATA = 232;
inline constexpr std::uint32_t ERROR_PIPE_NOT_CONNECTED = 233;
inline constexpr std::uint32_t ERROR_MORE_DATA = 234;
inline constexpr std::uint32_t WAIT_TIMEOUT_ERROR = 258;  // the error code WAIT_TIMEOUT, as GetLastError reports it
inline constexpr std::uint32_t ERROR_NOT_OWNER = 288;
inline constexpr std::uint32_t ERROR_TOO_MANY_POSTS = 298;
inline constexpr std::uint32_t ERROR_PIPE_CONNECTED = 535;
inline constexpr std::uint32_t ERROR_PIPE_LISTENING = 536;
inline constexpr std::uint32_t ERROR_INVALID_FLAGS = 1004;

// Access rights (winnt.h).
inline constexpr std::uint32_t GENERIC_READ = 0x80000000u;
inline constexpr std::uint32_t GENERIC_WRITE = 0x40000000u;
inline constexpr std::uint32_t GENERIC_EXECUTE = 0x20000000u;
inline constexpr std::uint32_t GENERIC_ALL = 0x10000000u;
inline constexpr std::uint32_t SYNCHRONIZE = 0x00100000u;
inline constexpr std::uint32_t PROCESS_ALL_ACCESS = 0x001FFFFFu;
inline constexpr std::uint32_t PROCESS_DUP_HANDLE = 0x0040u;
inline constexpr std::uint32_t PROCESS_TERMINATE = 0x0001u;
inline constexpr std::uint32_t PROCESS_QUERY_INFORMATION = 0x0400u;
inline constexpr std::uint32_t PROCESS_QUERY_LIMITED_INFORMATION = 0x1000u;
inline constexpr std::uint32_t THREAD_ALL_ACCESS = 0x001FFFFFu;
inline constexpr std::uint32_t EVENT_ALL_ACCESS = 0x001F0003u;
inline constexpr std::uint32_t EVENT_MODIFY_STATE = 0x0002u;
inline constexpr std::uint32_t MUTEX_ALL_ACCESS = 0x001F0001u;
inline constexpr std::uint32_t SEMAPHORE_ALL_ACCESS = 0x001F0003u;
inline constexpr std::uint32_t SEMAPHORE_MODIFY_STATE = 0x0002u;
inline constexpr std::uint32_t FILE_ALL_ACCESS = 0x001F01FFu;

// CreateFile (fileapi.h).
inline constexpr std::uint32_t FILE_SHARE_READ = 0x1;
inline constexpr std::uint32_t FILE_SHARE_WRITE = 0x2;
inline constexpr std::uint32_t FILE_SHARE_DELETE = 0x4;
inline constexpr std::uint32_t CREATE_NEW = 1;
inline constexpr std::uint32_t CREATE_ALWAYS = 2;
inline constexpr std::uint32_t OPEN_EXISTING = 3;
inline constexpr std::uint32_t OPEN_ALWAYS = 4;
inline constexpr std::uint32_t TRUNCATE_EXISTING = 5;
inline constexpr std::uint32_t FILE_ATTRIBUTE_NORMAL = 0x80;

// Handle information (handleapi.h) and DuplicateHandle options (winnt.h).
inline constexpr std::uint32_t HANDLE_FLAG_INHERIT = 0x1;
inline constexpr std::uint32_t HANDLE_FLAG_PROTECT_FROM_CLOSE = 0x2;
inline constexpr std::uint32_t DUPLICATE_CLOSE_SOURCE = 0x1;
inline constexpr std::uint32_t DUPLICATE_SAME_ACCESS = 0x2;

// Processes and waits (winbase.h, synchapi.h).
inline constexpr std::uint32_t STILL_ACTIVE = 259;
inline constexpr std::uint32_t INFINITE = 0xFFFFFFFFu;
inline constexpr std::uint32_t WAIT_OBJECT_0 = 0;
inline constexpr std::uint32_t WAIT_ABANDONED = 0x80;
inline constexpr std::uint32_t WAIT_TIMEOUT = 258;
inline constexpr std::uint32_t WAIT_FAILED = 0xFFFFFFFFu;
inline constexpr std::uint32_t STARTF_USESTDHANDLES = 0x100;
inline constexpr std::uint32_t CREATE_NEW_CONSOLE = 0x10;
inline constexpr std::uint32_t CREATE_NO_WINDOW = 0x08000000;
inline constexpr std::uint32_t STD_INPUT_HANDLE = 0xFFFFFFF6u;   // (DWORD)-10
inline constexpr std::uint32_t STD_OUTPUT_HANDLE = 0xFFFFFFF5u;  // (DWORD)-11
inline constexpr std::uint32_t STD_ERROR_HANDLE = 0xFFFFFFF4u;   // (DWORD)-12

// Mailslots (winbase.h).
inline constexpr std::uint32_t MAILSLOT_WAIT_FOREVER = 0xFFFFFFFFu;
inline constexpr std::uint32_t MAILSLOT_NO_MESSAGE = 0xFFFFFFFFu;

// Named pipes (winbase.h).
inline constexpr std::uint32_t PIPE_ACCESS_INBOUND = 0x1;
inline constexpr std::uint32_t PIPE_ACCESS_OUTBOUND = 0x2;
inline constexpr std::uint32_t PIPE_ACCESS_DUPLEX = 0x3;
inline constexpr std::uint32_t PIPE_TYPE_BYTE = 0x0;
inline constexpr std::uint32_t PIPE_TYPE_MESSAGE = 0x4;
inline constexpr std::uint32_t PIPE_READMODE_BYTE = 0x0;
inline constexpr std::uint32_t PIPE_READMODE_MESSAGE = 0x2;
inline constexpr std::uint32_t PIPE_WAIT = 0x0;
inline constexpr std::uint32_t PIPE_NOWAIT = 0x1;
inline constexpr std::uint32_t PIPE_UNLIMITED_INSTANCES = 255;
inline constexpr std::uint32_t NMPWAIT_USE_DEFAULT_WAIT = 0x0;
inline constexpr std::uint32_t NMPWAIT_WAIT_FOREVER = 0xFFFFFFFFu;

// What a named constant is for: the parser uses it to check an argument and to suggest names.
enum class ConstantGroup : std::uint8_t {
    Boolean,       // TRUE, FALSE
    Null,          // NULL
    Error,         // ERROR_*, as last_error values
    Access,        // GENERIC_*, *_ALL_ACCESS, SYNCHRONIZE
    Share,         // FILE_SHARE_*
    Disposition,   // CREATE_NEW ... TRUNCATE_EXISTING
    HandleFlag,    // HANDLE_FLAG_*
    Duplicate,     // DUPLICATE_*
    Wait,          // INFINITE, WAIT_*
    Process,       // STILL_ACTIVE, STARTF_*, CREATE_*, STD_*_HANDLE
    Mailslot,      // MAILSLOT_*
    Pipe,          // PIPE_*, NMPWAIT_*
    Handle,        // INVALID_HANDLE_VALUE
    Other,
};

struct NamedConstant {
    std::string_view name;
    std::uint64_t value;
    ConstantGroup group;
};

// Every named constant the scenario language knows, in a stable order.
std::span<const NamedConstant> all_constants();

// Looks a constant up by its exact (case-sensitive) Win32 name.
std::optional<NamedConstant> find_constant(std::string_view name);

// "ERROR_BROKEN_PIPE" for 109; "ERROR_#1234" for codes the table does not name.
std::string error_name(std::uint32_t code);

}  // namespace kosim::win32
