// Known platform differences, as data: each entry names the call, the field and the values it
// explains, with the reason. An entry never explains a difference it does not name.
#include "compare/compare.h"

namespace kosim::compare {

const std::vector<Profile>& profiles() {
    static const std::vector<Profile> all = {
        {"windows10+",
         "Windows 10 and later (CompareObjectHandles, HandleCount from NtQueryObject).",
         {}},
        {"wine8",
         "Wine 8.0 (Debian wine64): the same program under Wine's server.",
         {{"wine8.thread-handle-at-exit", "", "handle_count", "", "",
           "Wine's server holds one handle of its own to a running thread and releases it when the thread "
           "ends, so the count of a thread object (pi.hThread, or any duplicate of it) drops by one more "
           "than the model's at the child's exit although no scenario handle was closed; the model counts "
           "only handle-table entries (observed: NtQueryObject HandleCount 2 -> 1 on pi.hThread when the "
           "child exits).",
           "", "Thread", -1},
          {"wine8.exited-process-openable", "OpenProcess", "result", "0x0", "",
           "Wine 8's server keeps an exited process's object while it holds internal references, so "
           "OpenProcess by its id still succeeds after every handle to it was closed; on Windows the object "
           "goes with its last handle and OpenProcess fails with ERROR_INVALID_PARAMETER (Microsoft Learn "
           "OpenProcess), which the model follows (observed: tests/native/scenarios/open-exited-process.kos, "
           "where handles(pi.hProcess) is 1 before the close on both sides)."},
          {"wine8.exited-process-openable.last-error", "OpenProcess", "last_error", "87", "",
           "The same difference seen in GetLastError(): Wine's OpenProcess succeeds and leaves the last "
           "error alone where Windows fails with ERROR_INVALID_PARAMETER (see wine8.exited-process-openable)."}}},
    };
    return all;
}

const Profile* find_profile(const std::string& name) {
    for (const Profile& profile : profiles())
        if (profile.name == name) return &profile;
    return nullptr;
}

const Profile* profile_for_platform(const std::string& platform) {
    if (platform.starts_with("wine-8")) return find_profile("wine8");
    if (platform.starts_with("windows-1")) return find_profile("windows10+");
    return nullptr;
}

}  // namespace kosim::compare
