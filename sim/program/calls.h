// The Win32 calls a scenario can make, with their parameters in Win32 order and by their Win32
// names, all generated from the one list in calls.def. The parser binds arguments with this table;
// the model and native/ read them by name through call_params.h; docs/scenario-language.md's call
// table is generated from it (call_reference.h) and a test fails when the doc drifts.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>


namespace kosim {

enum class Call : std::uint8_t {
#define KOSIM_CALL(name, returns, kind, doc) name,
#define KOSIM_PARAM(name, type, direction, required, default_value, alias)
#define KOSIM_END()
#include "program/calls.def"
};

inline constexpr std::size_t call_count = 0
#define KOSIM_CALL(name, returns, kind, doc) + 1
#define KOSIM_PARAM(name, type, direction, required, default_value, alias)
#define KOSIM_END()
#include "program/calls.def"
    ;

// What Win32 returns: BOOL, HANDLE (NULL or INVALID_HANDLE_VALUE on failure, per call), DWORD,
// a string (GetCommandLine), or nothing (ExitProcess, Sleep, SetLastError).
// Address: a pointer into the caller's address space (MapViewOfFile's view), a number but not a handle.
enum class Returns : std::uint8_t { Bool, Handle, Dword, String, Void, Address };

// What an argument must be. SecurityAttributes stands for LPSECURITY_ATTRIBUTES: NULL, or
// TRUE/FALSE meaning a SECURITY_ATTRIBUTES whose bInheritHandle is that value. HandleList stands
// for a const HANDLE* array (WaitForMultipleObjects' lpHandles), written [h1, h2] in a scenario.
enum class ParamType : std::uint8_t { Handle, Dword, Bool, String, OptionalString, SecurityAttributes, HandleList, Address };

enum class Direction : std::uint8_t { In, Out };

// Effect: changes the world; Pure: no effect, usable inside expressions; MayBlock: can put the
// calling process into a waiting state.
enum class CallKind : std::uint8_t { Effect, Pure, MayBlock };

// WriteFile's nNumberOfBytesToWrite when absent: the whole of lpBuffer.
inline constexpr std::uint64_t whole_buffer = ~std::uint64_t{0};

struct Param {
    std::string_view name;                 // the Win32 parameter name, e.g. "bInheritHandles"
    ParamType type = ParamType::Dword;
    Direction direction = Direction::In;
    bool required = true;                  // In: must be given; Out: never required (NULL if absent)
    std::uint64_t default_value = 0;       // In, when not required and not given (strings: NULL)
    std::string_view alias = {};           // a short name accepted too, e.g. "inherit"
};

struct CallInfo {
    Call call;
    std::string_view name;                 // "CreateMailslot" (the A/W suffix is not written)
    Returns returns;
    std::span<const Param> params;
    bool may_block;                        // can put the calling process into a waiting state
    bool pure;                             // no effect on the world: usable inside expressions
    std::string_view doc;                  // the Microsoft Learn page, relative to learn_api_base
};

inline constexpr std::string_view learn_api_base = "https://learn.microsoft.com/en-us/windows/win32/api/";

std::span<const CallInfo> all_calls();
const CallInfo& call_info(Call call);
std::optional<Call> find_call(std::string_view name);  // exact name; also accepts an A/W suffix

// Index of a parameter by Win32 name or alias, or -1 (for text; code uses call_params.h).
int param_index(const CallInfo& info, std::string_view name);

}  // namespace kosim
