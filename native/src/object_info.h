// What a handle says about its object, for kosim-native's observer and kosim-record's snapshots:
// NtQueryObject's type name, and whether two handles name the same object.
#pragma once

#include <string>

#include "win.h"

namespace kosim::native {

// CompareObjectHandles (kernelbase, Windows 10 and Wine), or null where it is missing.
using CompareObjectHandlesFn = BOOL(WINAPI*)(HANDLE, HANDLE);
CompareObjectHandlesFn compare_object_handles();

// NtQueryObject(ObjectTypeInformation)'s name: "File", "Process", "Event", ...; "" when it fails.
std::string object_type_name(HANDLE h);

// NtQueryObject(ObjectNameInformation)'s name: "\\Sessions\\1\\BaseNamedObjects\\x", "\\Device\\Null", ...;
// "" for an unnamed object or when it fails.
std::string object_name(HANDLE h);

// A counted UTF-16 string as UTF-8.
std::string utf8_of(const UNICODE_STRING& s);

}  // namespace kosim::native
