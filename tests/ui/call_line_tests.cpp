// The call line: the statement, its result and GetLastError in both languages; a call that leaves
// the last error unchanged (the runner's sentinel) shows no error.
#include <doctest/doctest.h>

#include "ui_fixture.h"
#include "view_models/call_line.h"

using namespace kosim;
using namespace kosim::ui;

TEST_CASE("the call line shows the call, its result and the last error it set") {
    Timeline timeline(ui_test::parse_or_fail(
        "process P\n"
        "P: h = OpenEvent(EVENT_ALL_ACCESS, FALSE, \"nothing\")\n"
        "P: e = CreateEvent(FALSE, FALSE, FALSE, NULL)\n"));
    const std::size_t steps = timeline.step_count();
    REQUIRE(steps == 2);

    const CallLine start = build_call_line(timeline.program(), 0, steps, nullptr, Language::English);
    CHECK(start.call == "Step 0 of 2   the start");
    CHECK(start.result.empty());

    const StepRecord open = timeline.record(1);
    const CallLine failed = build_call_line(timeline.program(), 1, steps, &open, Language::English);
    CHECK(failed.call.find("Step 1 of 2") == 0);
    CHECK(failed.call.find("OpenEvent(") != std::string::npos);
    CHECK(failed.failed);
    CHECK(failed.result == "-> 0x0   GetLastError() = ERROR_FILE_NOT_FOUND (2)");

    const StepRecord create = timeline.record(2);
    const CallLine ok = build_call_line(timeline.program(), 2, steps, &create, Language::English);
    CHECK_FALSE(ok.failed);
    CHECK(ok.result.find("GetLastError") == std::string::npos);   // the sentinel is not an error

    // A failed CreateFile reads INVALID_HANDLE_VALUE, as the describer words it, not 0xFFFFFFFFFFFFFFFF.
    Timeline busy(ui_test::parse_or_fail(R"(process P
P: h = CreateFile("\\\\.\\pipe\\none", GENERIC_READ, 0, NULL, OPEN_EXISTING, 0, NULL)
)"));
    const StepRecord missing = busy.record(1);
    CHECK(build_call_line(busy.program(), 1, busy.step_count(), &missing, Language::English).result.find("-> INVALID_HANDLE_VALUE   GetLastError() = ") == 0);

    const CallLine korean = build_call_line(timeline.program(), 1, steps, &open, Language::Korean);
    CHECK(korean.call.find("단계 1 / 2") == 0);
}

TEST_CASE("the call line of a blocked call says it waits, in the window's language") {
    Timeline timeline(ui_test::parse_or_fail(
        "process P\n"
        "P: e = CreateEvent(TRUE, FALSE, FALSE, NULL)\n"
        "P: WaitForSingleObject(e, INFINITE)\n"));
    REQUIRE(timeline.step_count() >= 2);
    const StepRecord wait = timeline.record(2);
    REQUIRE(wait.outcome.status == model::Outcome::Status::Blocked);
    CHECK(build_call_line(timeline.program(), 2, timeline.step_count(), &wait, Language::English).result == "-> (waits)");
    CHECK(build_call_line(timeline.program(), 2, timeline.step_count(), &wait, Language::Korean).result == "-> (대기)");
}
