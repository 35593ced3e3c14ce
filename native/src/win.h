// The Win32 and NT declarations kosim-native uses, in one place: windows.h, winternl.h, and the
// structures some SDKs leave out (ObjectBasicInformation's layout, SystemExtendedHandleInformation).
#pragma once

#include <windows.h>
#include <winternl.h>

#include <cstdint>

// windows.h maps these names to their A/W forms by macro; kosim names its calls the same way
// (Call::CreateFile), so the macros go and native/ calls the A forms explicitly.
#undef WaitNamedPipe
#undef CreateProcess
#undef GetCommandLine
#undef SetEnvironmentVariable
#undef GetEnvironmentVariable
#undef CreateFile
#undef CreateMailslot
#undef CreateNamedPipe
#undef GetNamedPipeHandleState
#undef CreateEvent
#undef OpenEvent
#undef CreateMutex
#undef OpenMutex
#undef CreateSemaphore
#undef OpenSemaphore
#undef GetStartupInfo
#undef GetEnvironmentStrings
#undef SetEnvironmentStrings
#undef ExpandEnvironmentStrings

// Windows SDK names some mingw-w64 headers leave out (winnt.h, winerror.h).
#ifndef DUPLICATE_SAME_ATTRIBUTES
#define DUPLICATE_SAME_ATTRIBUTES 0x00000004
#endif
#ifndef ERROR_NOT_SAME_OBJECT
#define ERROR_NOT_SAME_OBJECT 1656L
#endif
// issue 8's object kinds
#undef CreateFileMapping
#undef OpenFileMapping
#undef CreateWaitableTimer

namespace kosim::native {

// OBJECT_BASIC_INFORMATION (ntifs.h; Wine include/winternl.h): HandleCount is what kosim compares.
struct ObjectBasicInformation {
    ULONG Attributes;
    ACCESS_MASK GrantedAccess;
    ULONG HandleCount;
    ULONG PointerCount;
    ULONG Reserved[10];
};

// SYSTEM_HANDLE_TABLE_ENTRY_INFO_EX and SYSTEM_HANDLE_INFORMATION_EX (class 64).
struct SystemHandleEntryEx {
    PVOID Object;
    ULONG_PTR UniqueProcessId;
    ULONG_PTR HandleValue;
    ULONG GrantedAccess;
    USHORT CreatorBackTraceIndex;
    USHORT ObjectTypeIndex;
    ULONG HandleAttributes;
    ULONG Reserved;
};
struct SystemHandleInformationEx {
    ULONG_PTR NumberOfHandles;
    ULONG_PTR Reserved;
    SystemHandleEntryEx Handles[1];
};
inline constexpr ULONG system_extended_handle_information = 64;
inline constexpr ULONG object_basic_information = 0;
inline constexpr ULONG object_type_information = 2;
inline constexpr ULONG object_name_information = 1;
inline constexpr ULONG obj_protect_close = 0x1;  // OBJ_PROTECT_CLOSE in HandleAttributes
inline constexpr ULONG obj_inherit = 0x2;        // OBJ_INHERIT

}  // namespace kosim::native
