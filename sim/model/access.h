// Access masks: each object type's GENERIC_* mapping and valid rights, as one table, and the
// rights each use of a handle needs. Windows keeps the mapped (specific) rights in the handle entry
// and checks them at every use (Microsoft Learn "Access Rights and Access Masks", "Generic Access Rights").
#pragma once

#include <cstdint>
#include <optional>

#include "model/world.h"

namespace kosim::model {

// One object type's rights: what GENERIC_READ/WRITE/EXECUTE/ALL stand for, and every right it has.
struct AccessRules {
    std::uint32_t generic_read = 0;
    std::uint32_t generic_write = 0;
    std::uint32_t generic_execute = 0;
    std::uint32_t generic_all = 0;
    std::uint32_t valid = 0;             // the type's ValidAccessMask (its *_ALL_ACCESS)
};
const AccessRules& access_rules(ObjectKind kind);

// dwDesiredAccess with GENERIC_* replaced by the type's specific rights (and the implied rights
// Windows adds, e.g. PROCESS_QUERY_LIMITED_INFORMATION with PROCESS_QUERY_INFORMATION).
std::uint32_t map_access(ObjectKind kind, std::uint32_t desired);

// What an Open* by name grants, or the error it fails with: 0 access and rights the type does not
// have are refused (ERROR_ACCESS_DENIED; ACCESS_SYSTEM_SECURITY: ERROR_PRIVILEGE_NOT_HELD).
struct AccessGrant {
    std::uint32_t granted = 0;
    std::uint32_t error = 0;             // ERROR_SUCCESS when granted
};
AccessGrant grant_open_access(ObjectKind kind, std::uint32_t desired);

// The rights every entry of a kind gets from the call that creates the object.
std::uint32_t full_access(ObjectKind kind);

// The rights a pseudo-handle carries (GetCurrentProcess / GetCurrentThread: all of them).
inline constexpr std::uint32_t pseudo_handle_access = 0x001FFFFFu;

// Whether granted rights include `needed` (any one of the bits when any_of).
inline bool has_access(std::uint32_t granted, std::uint32_t needed) { return (granted & needed) == needed; }
inline bool has_any_access(std::uint32_t granted, std::uint32_t any_of) { return (granted & any_of) != 0; }

}  // namespace kosim::model
