// Known platform differences, as data: each entry names the call, the field and the values it
// explains, with the reason. An entry never explains a difference it does not name.
#include "compare/compare.h"

namespace kosim::compare {

namespace {

// A WaitForMultipleObjects that Windows fails (WAIT_FAILED and an error) but Wine completes, seen in
// every field a conformance file compares: the result, the last error (Wine leaves the runner's
// sentinel 0xDEADBEEF alone), the variable the result is assigned to and the expectations on both.
std::vector<ProfileEntry> wine_completes_wait(const std::string& id, const std::string& model_error,
                                              const std::string& native_result, const std::string& why) {
    const std::string failed = "4294967295", untouched = "3735928559", call = "WaitForMultipleObjects";
    return {{id, call, "result", failed, native_result, why},
            {id + ".last-error", call, "last_error", model_error, untouched, "The same difference in GetLastError(): " + why},
            {id + ".output", call, "output:*", failed, native_result, "The same difference in the result variable: " + why},
            {id + ".expect-result", call, "expectation", "passes (" + failed + ")", "fails (" + native_result + ")",
             "The expectation on the result, which follows Windows: " + why},
            {id + ".expect-last-error", call, "expectation", "passes (" + model_error + ")", "fails (" + untouched + ")",
             "The expectation on the last error, which follows Windows: " + why}};
}

// An OpenMutex that Windows refuses for its dwDesiredAccess but Wine's server grants: the handle Wine
// returns, the sentinel it leaves in GetLastError(), the variable, the mutex's extra handle and both
// expectations. `model_error` is the refusal's code as displayed ("5", "1314").
std::vector<ProfileEntry> wine_grants_open(const std::string& id, const std::string& model_error, const std::string& why) {
    const std::string call = "OpenMutex", untouched = "3735928559";
    return {{id, call, "result", "0x0", "", why},
            {id + ".last-error", call, "last_error", model_error, untouched, "The same difference in GetLastError(): " + why},
            {id + ".output", call, "output:h", "0x0", "", "The same difference in the result variable: " + why},
            {id + ".handle-count", call, "handle_count", "", "",
             "The handle Wine grants is one more entry to the mutex: " + why, "", "Mutant", 1},
            {id + ".expect-result", call, "expectation", "passes (0x0)", "", "The expectation on the result, which follows Windows: " + why},
            {id + ".expect-last-error", call, "expectation", "passes (" + model_error + ")", "fails (" + untouched + ")",
             "The expectation on the last error, which follows Windows: " + why}};
}

// A call Windows fails that Wine 8 lets succeed (issue 8's timers), seen in the result, the last error,
// the variable `output` the result went to and the expectations on both. An empty native value
// matches any (a handle number).
std::vector<ProfileEntry> wine_succeeds(const std::string& id, const std::string& call, const std::string& output,
                                        const std::string& model_result, const std::string& native_result,
                                        const std::string& model_error, const std::string& native_error, const std::string& why) {
    return {{id, call, "result", model_result, native_result, why},
            {id + ".last-error", call, "last_error", model_error, native_error, "The same difference in GetLastError(): " + why},
            {id + ".output", call, "output:" + output, model_result, native_result, "The same difference in the result variable: " + why},
            {id + ".expect-result", call, "expectation", "passes (" + model_result + ")", native_result.empty() ? "" : "fails (" + native_result + ")",
             "The expectation on the result, which follows Windows: " + why},
            {id + ".expect-last-error", call, "expectation", "passes (" + model_error + ")", "fails (" + native_error + ")",
             "The expectation on the last error, which follows Windows: " + why}};
}

std::vector<ProfileEntry> wine8_entries() {
    std::vector<ProfileEntry> entries = {
         {"wine8.thread-handle-at-exit", "", "handle_count", "", "",
           "Wine's server holds one handle of its own to a running thread and releases it when the thread "
           "ends, so the count of a thread object (pi.hThread, or any duplicate of it) drops by one more "
           "than the model's at the child's exit although no scenario handle was closed; the model counts "
           "only handle-table entries (observed: NtQueryObject HandleCount 2 -> 1 on pi.hThread when the "
           "child exits).",
           "", "Thread", -1},
          // ---- issue 8: process, environment and small calls (procenv) ----
          {"wine8.thread-handle-at-start", "", "handle_count", "", "",
           "Wine's server takes its handle to a thread when the thread first runs (see "
           "wine8.thread-handle-at-exit), so a child created with CREATE_SUSPENDED gains one on its thread "
           "object when ResumeThread lets it run; Windows counts only handle-table entries, as the model does "
           "(observed: tests/conformance/process-suspended-child-waits.kos, pi.hThread HandleCount 1 -> 2 at "
           "the ResumeThread under Wine 8.0).",
           "", "Thread", 1},
          {"wine8.duplicate-same-attributes-ignored", "DuplicateHandle", "inherit", "", "",
           "DUPLICATE_SAME_ATTRIBUTES copies the source handle's attributes instead of bInheritHandle "
           "(Microsoft Learn ZwDuplicateObject, Options: \"Instead of using the HandleAttributes parameter, "
           "copy the attributes from the source handle to the target handle\"; kernelbase passes dwOptions "
           "through to NtDuplicateObject); Wine 8's server ignores the option and uses bInheritHandle "
           "(observed: tests/conformance/duplicate-same-attributes-*.kos). Only copies named *attributes_copy.",
           "attributes_copy"},
          {"wine8.duplicate-same-attributes-ignored.expect-true", "DuplicateHandle", "expectation", "passes (1)", "fails (0)",
           "The expectation on the copy's inherit flag, which follows Windows (see wine8.duplicate-same-attributes-ignored)."},
          {"wine8.duplicate-same-attributes-ignored.expect-false", "DuplicateHandle", "expectation", "passes (0)", "fails (1)",
           "The expectation on the copy's inherit flag, which follows Windows (see wine8.duplicate-same-attributes-ignored)."},
          {"wine8.expand-environment-strings-a-size", "ExpandEnvironmentStrings", "result", "17", "16",
           "ExpandEnvironmentStringsA wants room for two characters more than the expanded text: \"Long long "
           "value\" with nSize 16 returns 17 and copies nothing (Wine dlls/kernel32/tests/environ.c "
           "test_ExpandEnvironmentStringsA, its table of cases, which newer Wine passes); Wine 8.0 needs only "
           "one more and returns 16 (observed: tests/conformance/env-expand-buffer-too-small.kos)."},
          {"wine8.expand-environment-strings-a-size.output", "ExpandEnvironmentStrings", "output:*", "17", "16",
           "The same difference in the result variable (see wine8.expand-environment-strings-a-size)."},
          {"wine8.expand-environment-strings-a-size.expect", "ExpandEnvironmentStrings", "expectation", "passes (17)", "fails (16)",
           "The expectation on the result, which follows Windows (see wine8.expand-environment-strings-a-size)."},
          {"wine8.nul-device-unix-name", "CreateFile", "expectation", "passes (\"\\\\Device\\\\Null\")", "",
           "CreateFile(\"NUL\") opens \\Device\\Null on Windows, so NtQueryObject(ObjectNameInformation) names "
           "it so (Microsoft Learn \"Naming Files, Paths, and Namespaces\": NUL is a reserved device name); Wine "
           "8.0 opens the Unix /dev/null and names it \\??\\Z:\\dev\\null (observed: "
           "tests/conformance/nul-device-no-sharing-conflict.kos)."},
          {"wine8.exited-process-openable", "OpenProcess", "result", "0x0", "",
           "Wine 8's server keeps an exited process's object while it holds internal references, so "
           "OpenProcess by its id still succeeds after every handle to it was closed; on Windows the object "
           "goes with its last handle and OpenProcess fails with ERROR_INVALID_PARAMETER (Microsoft Learn "
           "OpenProcess), which the model follows (observed: tests/native/scenarios/open-exited-process.kos, "
           "where handles(pi.hProcess) is 1 before the close on both sides)."},
          {"wine8.exited-process-openable.last-error", "OpenProcess", "last_error", "87", "",
           "The same difference seen in GetLastError(): Wine's OpenProcess succeeds and leaves the last "
           "error alone where Windows fails with ERROR_INVALID_PARAMETER (see wine8.exited-process-openable)."}};
    for (auto& e : wine_completes_wait(
             "wine8.wfmo-pseudo-handle", "6", "258",
             "Windows refuses GetCurrentProcess() and GetCurrentThread() in WaitForMultipleObjects with WAIT_FAILED "
             "and ERROR_INVALID_HANDLE, although WaitForSingleObject takes them; Wine waits on the process "
             "(Wine dlls/kernel32/tests/sync.c test_WaitForMultipleObjects marks the check todo_wine; observed: "
             "tests/conformance/wfmo-pseudo-handle-refused.kos gives WAIT_TIMEOUT under Wine 8.0)."))
        entries.push_back(std::move(e));
    for (auto& e : wine_completes_wait(
             "wine8.wfmo-duplicate-wait-all", "87", "0",
             "Windows refuses a wait-all that names one object twice (STATUS_INVALID_PARAMETER_MIX, reported as "
             "ERROR_INVALID_PARAMETER: ReactOS ntoskrnl/ob/obwait.c NtWaitForMultipleObjects); Wine's server does "
             "not check and completes the wait (observed: tests/conformance/wfmo-all-same-object-twice.kos gives "
             "WAIT_OBJECT_0 under Wine 8.0)."))
        entries.push_back(std::move(e));
    for (auto& e : wine_grants_open(
             "wine8.open-access-unchecked", "5",
             "Windows refuses an open that asks for no access (OpenMutexA(0, ...)) or for a right the mutex type "
             "does not have (each single bit of 0x0de0fffe) with ERROR_ACCESS_DENIED; Wine's server grants the "
             "handle (Wine dlls/kernel32/tests/sync.c test_mutex marks both checks todo_wine; observed: "
             "tests/conformance/access-mutex-open-zero.kos and access-mutex-open-foreign-bit.kos return a handle "
             "under Wine 8.0)."))
        entries.push_back(std::move(e));
    for (auto& e : wine_grants_open(
             "wine8.open-access-system-security", "1314",
             "Windows refuses OpenMutexA(ACCESS_SYSTEM_SECURITY, ...) from a process without SeSecurityPrivilege "
             "with ERROR_PRIVILEGE_NOT_HELD; Wine's server grants the handle (Wine dlls/kernel32/tests/sync.c "
             "test_mutex, todo_wine; observed: tests/conformance/access-mutex-open-system-security.kos returns a "
             "handle under Wine 8.0)."))
        entries.push_back(std::move(e));
    entries.push_back(
        {"wine8.named-pipe-instance-exists", "CreateNamedPipe", "expectation", "passes (183)", "fails (0)",
         "A further instance of an existing pipe name succeeds with GetLastError() ERROR_ALREADY_EXISTS on Windows "
         "(NtCreateNamedPipeFile with FILE_OPEN_IF reports FILE_OPENED; later Wine kernelbase CreateNamedPipeW sets "
         "ERROR_ALREADY_EXISTS for it, which the model follows); Wine 8.0's CreateNamedPipeW leaves ERROR_SUCCESS "
         "(observed: tests/conformance/named-pipe-second-instance-already-exists.kos)."});
    // A file object's wait state (issue 8, named pipes). Matched by call and values only: a
    // WaitForSingleObject the model times out and Wine 8 finds signalled is explained, so a scenario
    // that waits on an event or a process in that way would be hidden too; the corpus has no such case.
    const std::string signalled_why =
        "Windows waits on a file object's own event, which CreateFile leaves unsignalled and only a "
        "completed I/O sets (ReactOS ntoskrnl/io/iomgr/file.c IopParseDevice: KeInitializeEvent(&FileObject->Event, "
        "NotificationEvent, FALSE)); Wine dlls/kernel32/tests/pipe.c test_DisconnectNamedPipe asserts WAIT_TIMEOUT on "
        "a disconnected client end. Wine 8.0's server creates every fd signalled, so a pipe end that has completed no "
        "I/O satisfies the wait (observed: tests/conformance/named-pipe-disconnected-client-not-signalled.kos).";
    for (ProfileEntry e : std::vector<ProfileEntry>{
             {"wine8.file-signalled-before-io", "WaitForSingleObject", "result", "258", "0", signalled_why},
             {"wine8.file-signalled-before-io.output", "WaitForSingleObject", "output:*", "258", "0",
              "The same difference in the result variable: " + signalled_why},
             {"wine8.file-signalled-before-io.expect", "WaitForSingleObject", "expectation", "passes (258)", "fails (0)",
              "The expectation on the result, which follows Windows: " + signalled_why}})
        entries.push_back(std::move(e));
    const std::string pid_why =
        "After DisconnectNamedPipe, Windows fails GetNamedPipeClientProcessId with ERROR_NOT_FOUND on the server end and "
        "ERROR_PIPE_NOT_CONNECTED on the client end (Wine dlls/kernel32/tests/pipe.c test_namedpipe_process_id, todo_wine), "
        "which the model follows; Wine 8.0 still reports the former client's process id (observed: "
        "tests/conformance/named-pipe-client-process-id-after-disconnect.kos).";
    const std::string pid_call = "GetNamedPipeClientProcessId", untouched = "3735928559";
    for (ProfileEntry e : std::vector<ProfileEntry>{
             {"wine8.pipe-client-pid-after-disconnect", pid_call, "result", "0", "1", pid_why},
             {"wine8.pipe-client-pid-after-disconnect.last-error", pid_call, "last_error", "", untouched,
              "The same difference in GetLastError(): " + pid_why},
             {"wine8.pipe-client-pid-after-disconnect.output", pid_call, "output:*", "0", "1",
              "The same difference in the result variable: " + pid_why},
             {"wine8.pipe-client-pid-after-disconnect.expect-result", pid_call, "expectation", "passes (0)", "fails (1)",
              "The expectation on the result, which follows Windows: " + pid_why},
             {"wine8.pipe-client-pid-after-disconnect.expect-not-found", pid_call, "expectation", "passes (1168)",
              "fails (" + untouched + ")", "The expectation on the last error, which follows Windows: " + pid_why},
             {"wine8.pipe-client-pid-after-disconnect.expect-not-connected", pid_call, "expectation", "passes (233)",
              "fails (" + untouched + ")", "The expectation on the last error, which follows Windows: " + pid_why}})
        entries.push_back(std::move(e));
    // Waitable timers (issue 8).
    for (auto& e : wine_succeeds(
             "wine8.timer-negative-period", "SetWaitableTimer", "ok", "0", "1", "87", "3735928559",
             "Windows fails SetWaitableTimer with a negative lPeriod (Microsoft Learn SetWaitableTimer, lPeriod: "
             "\"If lPeriod is less than zero, the function fails\"); Wine 8 sets the timer and returns TRUE "
             "(observed: tests/conformance/timer-negative-period.kos under Wine 8.0)."))
        entries.push_back(std::move(e));
    for (auto& e : wine_succeeds(
             "wine8.timer-name-of-other-type", "CreateWaitableTimer", "hTimer", "0x0", "", "6", "0",
             "Windows fails CreateWaitableTimer with a name an event already holds (Microsoft Learn "
             "CreateWaitableTimerW: \"If lpTimerName matches the name of an existing event, semaphore, mutex, job, "
             "or file-mapping object, the function fails and GetLastError returns ERROR_INVALID_HANDLE\"); Wine 8 "
             "returns a new timer handle (observed: tests/conformance/timer-name-of-event.kos under Wine 8.0)."))
        entries.push_back(std::move(e));
    return entries;
}

}  // namespace

const std::vector<Profile>& profiles() {
    static const std::vector<Profile> all = {
        {"windows10+",
         "Windows 10 and later (CompareObjectHandles, HandleCount from NtQueryObject).",
         {}},
        {"wine8",
         "Wine 8.0 (Debian wine64): the same program under Wine's server.",
         wine8_entries()},
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
