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
           "", "Thread", -1}}},
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
