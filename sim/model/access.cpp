// The access table: per object type, GENERIC_* mapping and valid rights, with their sources.
#include "model/access.h"

#include "win32/constants.h"

namespace kosim::model {

namespace {

using namespace win32;

// Events and semaphores share one shape: QUERY_STATE 0x1, MODIFY_STATE 0x2 (winnt.h has no
// EVENT_QUERY_STATE / SEMAPHORE_QUERY_STATE, so they stay unnamed here). Wine server/event.c and
// server/semaphore.c type_descr; Windows Research Kernel ex/event.c ExpEventMapping.
constexpr std::uint32_t query_state = 0x0001u;
constexpr AccessRules event_rules{STANDARD_RIGHTS_READ | query_state, STANDARD_RIGHTS_WRITE | EVENT_MODIFY_STATE,
                                  STANDARD_RIGHTS_EXECUTE | SYNCHRONIZE, EVENT_ALL_ACCESS, EVENT_ALL_ACCESS};
constexpr AccessRules timer_rules{STANDARD_RIGHTS_READ | TIMER_QUERY_STATE, STANDARD_RIGHTS_WRITE | TIMER_MODIFY_STATE,
                                  STANDARD_RIGHTS_EXECUTE | SYNCHRONIZE, TIMER_ALL_ACCESS, TIMER_ALL_ACCESS};  // Wine server/timer.c
constexpr AccessRules semaphore_rules{STANDARD_RIGHTS_READ | query_state, STANDARD_RIGHTS_WRITE | SEMAPHORE_MODIFY_STATE,
                                      STANDARD_RIGHTS_EXECUTE | SYNCHRONIZE, SEMAPHORE_ALL_ACCESS, SEMAPHORE_ALL_ACCESS};
// A mutex's GENERIC_WRITE gives no specific right (Wine server/mutex.c type_descr), so a handle
// opened with GENERIC_READ | GENERIC_WRITE cannot wait (Wine kernel32/tests/sync.c test_mutex).
constexpr AccessRules mutex_rules{STANDARD_RIGHTS_READ | MUTANT_QUERY_STATE, STANDARD_RIGHTS_WRITE,
                                  STANDARD_RIGHTS_EXECUTE | SYNCHRONIZE, MUTEX_ALL_ACCESS, MUTEX_ALL_ACCESS};
// Wine server/process.c process_map_access (the Vista+ mapping, with PROCESS_QUERY_LIMITED_INFORMATION
// and PROCESS_TERMINATE under GENERIC_EXECUTE); Microsoft Learn "Process Security and Access Rights".
constexpr AccessRules process_rules{
    STANDARD_RIGHTS_READ | PROCESS_QUERY_INFORMATION | PROCESS_VM_READ,
    STANDARD_RIGHTS_WRITE | PROCESS_SET_QUOTA | PROCESS_SET_INFORMATION | PROCESS_SUSPEND_RESUME | PROCESS_VM_WRITE |
        PROCESS_DUP_HANDLE | PROCESS_CREATE_PROCESS | PROCESS_CREATE_THREAD | PROCESS_VM_OPERATION,
    STANDARD_RIGHTS_EXECUTE | SYNCHRONIZE | PROCESS_QUERY_LIMITED_INFORMATION | PROCESS_TERMINATE,
    PROCESS_ALL_ACCESS, PROCESS_ALL_ACCESS};
// Wine server/thread.c type_descr; Microsoft Learn "Thread Security and Access Rights".
constexpr AccessRules thread_rules{
    STANDARD_RIGHTS_READ | THREAD_QUERY_INFORMATION | THREAD_GET_CONTEXT,
    STANDARD_RIGHTS_WRITE | THREAD_SET_INFORMATION | THREAD_SET_CONTEXT | THREAD_SUSPEND_RESUME | THREAD_TERMINATE | 0x0004u,
    STANDARD_RIGHTS_EXECUTE | SYNCHRONIZE | THREAD_QUERY_LIMITED_INFORMATION, THREAD_ALL_ACCESS, THREAD_ALL_ACCESS};
// Files, pipes and mailslots are File objects: FILE_GENERIC_* (Microsoft Learn "File Security and
// Access Rights"; Wine server/file.c file_map_access).
constexpr AccessRules file_rules{FILE_GENERIC_READ, FILE_GENERIC_WRITE, FILE_GENERIC_EXECUTE, FILE_ALL_ACCESS, FILE_ALL_ACCESS};

// File mappings are Section objects: GENERIC_READ gives SECTION_QUERY | SECTION_MAP_READ, GENERIC_WRITE
// SECTION_MAP_WRITE, GENERIC_EXECUTE SECTION_MAP_EXECUTE (Wine server/mapping.c mapping_type
// generic mapping; Microsoft Learn "File Mapping Security and Access Rights"). Sections are not
// waitable: SECTION_ALL_ACCESS has no SYNCHRONIZE.
constexpr AccessRules section_rules{STANDARD_RIGHTS_READ | SECTION_QUERY | SECTION_MAP_READ, STANDARD_RIGHTS_WRITE | SECTION_MAP_WRITE,
                                    STANDARD_RIGHTS_EXECUTE | SECTION_MAP_EXECUTE, SECTION_ALL_ACCESS, SECTION_ALL_ACCESS};

constexpr std::uint32_t generic_bits = GENERIC_READ | GENERIC_WRITE | GENERIC_EXECUTE | GENERIC_ALL;

}  // namespace

const AccessRules& access_rules(ObjectKind kind) {
    switch (kind) {
    case ObjectKind::Event: return event_rules;
    case ObjectKind::Semaphore: return semaphore_rules;
    case ObjectKind::Mutex: return mutex_rules;
    case ObjectKind::Process: return process_rules;
    case ObjectKind::Thread: return thread_rules;
    case ObjectKind::FileMapping: return section_rules;
    case ObjectKind::Timer: return timer_rules;
    default: return file_rules;
    }
}

std::uint32_t map_access(ObjectKind kind, std::uint32_t desired) {
    const AccessRules& rules = access_rules(kind);
    std::uint32_t access = desired & ~generic_bits;
    if (desired & GENERIC_READ) access |= rules.generic_read;
    if (desired & GENERIC_WRITE) access |= rules.generic_write;
    if (desired & GENERIC_EXECUTE) access |= rules.generic_execute;
    if (desired & GENERIC_ALL) access |= rules.generic_all;
    // MAXIMUM_ALLOWED: everything the object's security allows; the model's objects have the default
    // security, which gives their creator's user every right (model choice).
    if (access & MAXIMUM_ALLOWED) access = (access & ~MAXIMUM_ALLOWED) | rules.valid;
    // Vista+: the full query right implies the limited one (Wine server/process.c process_map_access;
    // Microsoft Learn "Process Security and Access Rights", PROCESS_QUERY_LIMITED_INFORMATION).
    if (kind == ObjectKind::Process && (access & PROCESS_QUERY_INFORMATION)) access |= PROCESS_QUERY_LIMITED_INFORMATION;
    return access;
}

AccessGrant grant_open_access(ObjectKind kind, std::uint32_t desired) {
    // Windows refuses an open that asks for nothing, and one that asks for a right the type does
    // not have (OpenMutex with each single bit: every bit outside MUTEX_ALL_ACCESS, GENERIC_* and
    // MAXIMUM_ALLOWED fails with ERROR_ACCESS_DENIED, ACCESS_SYSTEM_SECURITY with
    // ERROR_PRIVILEGE_NOT_HELD: Wine kernel32/tests/sync.c test_mutex, todo_wine: Wine grants them).
    if (desired & ACCESS_SYSTEM_SECURITY) return {0, ERROR_PRIVILEGE_NOT_HELD};
    std::uint32_t granted = map_access(kind, desired);
    if (granted == 0 || (granted & ~access_rules(kind).valid)) return {0, ERROR_ACCESS_DENIED};
    return {granted, ERROR_SUCCESS};
}

std::uint32_t full_access(ObjectKind kind) { return access_rules(kind).valid; }

}  // namespace kosim::model
