// The runner's own rules: scheduling around blocked processes, expectations that can fail,
// run-time errors, unexpected deadlocks and time-outs on the virtual clock.
#include <doctest/doctest.h>

#include "helpers.h"
#include "win32/constants.h"

using namespace kosim;

TEST_CASE("a failed expectation fails the run and says what the model holds") {
    auto program = testing::parse_or_fail(
        "process P\n"
        "P: h = CreateEvent(NULL, TRUE, FALSE, NULL)\n"
        "expect usage(h) == 5\n");
    Timeline timeline(program);
    REQUIRE(timeline.expectations().size() == 1);
    const ExpectationResult& result = timeline.expectations()[0].result;
    CHECK_FALSE(result.passed);
    CHECK(result.observed == "1");
    CHECK(result.message == "expected usage(h) == 5, but usage(h) is 1");
    CHECK_FALSE(timeline.passed());
}

TEST_CASE("a waiting process's later statements wait while other processes go on") {
    auto program = testing::parse_or_fail(
        "process Reader\n"
        "process Writer\n"
        "Reader: CreatePipe(&r, &w, NULL, 0)\n"
        "Reader: ReadFile(r, &first, 10)\n"          // blocks: the pipe is empty
        "Reader: second = GetCurrentProcessId()\n"   // must wait for the read
        "Writer: x = GetCurrentProcessId()\n"        // runs while Reader waits
        "Reader: WriteFile(w, \"late\")\n");
    Timeline timeline(program);
    std::vector<std::uint32_t> lines;
    for (std::size_t s = 1; s <= timeline.step_count(); ++s) {
        const StepSummary& summary = timeline.summary(s);
        if (summary.statement != no_statement) lines.push_back(program->statements[summary.statement].location.line);
    }
    // Line 4 blocks, line 6 (Writer) runs before lines 5 and 7; then nothing wakes the reader.
    CHECK(lines == std::vector<std::uint32_t>{3, 4, 6});
    REQUIRE(timeline.deadlock_step().has_value());
    CHECK_FALSE(timeline.passed());  // no `expect deadlock`
}

TEST_CASE("a blocked call completes in the step of the call that wakes it, and its outputs are set") {
    auto program = testing::parse_or_fail(
        "process Reader\n"
        "process Writer\n"
        "Reader: CreatePipe(&r, &w, inherit=TRUE, 0)\n"
        "Reader: CreateProcess(\"Child\", &pi, bInheritHandles=TRUE)\n"
        "Child: ReadFile(Reader.r, &got, 10)\n"
        "expect state(Child) == \"waiting\"\n"
        "Reader: WriteFile(w, \"abc\")\n"
        "expect Child.got == \"abc\"\n"
        "expect state(Child) == \"running\"\n");
    Timeline timeline(program);
    INFO(testing::failures(timeline));
    CHECK(timeline.passed());
    const StepRecord& write = timeline.record(4);
    REQUIRE(write.completions.size() == 1);
    CHECK(write.completions[0].outcome.result.number == 1);
}

TEST_CASE("time-outs elapse on the virtual clock when every process waits") {
    auto program = testing::parse_or_fail(
        "process P\n"
        "P: h = CreateMailslot(\"\\\\\\\\.\\\\mailslot\\\\t\", 0, 250)\n"
        "P: ok = ReadFile(h, &m, 64)\n"
        "P: done = GetCurrentProcessId()\n"
        "expect ok == FALSE\n"
        "expect last_error == ERROR_SEM_TIMEOUT\n");
    Timeline timeline(program);
    INFO(testing::failures(timeline));
    CHECK(timeline.passed());
    bool saw_clock = false;
    for (std::size_t s = 1; s <= timeline.step_count(); ++s)
        if (timeline.summary(s).kind == StepRecord::Kind::Clock) saw_clock = true;
    CHECK(saw_clock);
    CHECK(timeline.state_at(timeline.step_count()).world.now_ms() == 250);
}

TEST_CASE("a run-time error is reported with its cause and fails the run") {
    auto program = testing::parse_or_fail(
        "process P\n"
        "P: text = \"not a number\"\n"
        "P: h = handle(text)\n");
    Timeline timeline(program);
    REQUIRE(timeline.error_steps().size() == 1);
    CHECK(timeline.record(timeline.error_steps()[0]).error == "handle(\"not a number\"): not a number");
    CHECK_FALSE(timeline.passed());
}

TEST_CASE("a list shorter than its count, or a number where a list belongs, is a run-time error at its line") {
    auto program = testing::parse_or_fail(
        "process P\n"
        "P: e = CreateEvent(NULL, TRUE, TRUE, NULL)\n"
        "P: hs = [e, e]\n"
        "P: r = WaitForMultipleObjects(3, hs, FALSE, 0)\n"
        "P: n = 5\n"
        "P: r2 = WaitForMultipleObjects(1, n, FALSE, 0)\n"
        "P: r3 = WaitForMultipleObjects(MAXIMUM_WAIT_OBJECTS + 1, hs, FALSE, 0)\n"
        "  expect r3 == WAIT_FAILED\n"
        "  expect last_error == ERROR_INVALID_PARAMETER\n"
        "P: r4 = WaitForMultipleObjects(2, hs, FALSE, 0)\n"
        "  expect r4 == WAIT_OBJECT_0\n");
    Timeline timeline(program);
    REQUIRE(timeline.error_steps().size() == 2);
    CHECK(timeline.record(timeline.error_steps()[0]).error ==
          "WaitForMultipleObjects's nCount is 3 but lpHandles holds 2 handles; Windows would read past the end of the array");
    CHECK(timeline.record(timeline.error_steps()[1]).error == "WaitForMultipleObjects's lpHandles takes a list of handles, like [h1, h2], not 5");
    CHECK(timeline.all_expectations_passed());
    CHECK_FALSE(timeline.passed());
}

TEST_CASE("statements of a process that has exited are skipped with an error") {
    auto program = testing::parse_or_fail(
        "process P\n"
        "P: ExitProcess(1)\n"
        "P: x = GetCurrentProcessId()\n");
    Timeline timeline(program);
    REQUIRE(timeline.step_count() == 2);
    CHECK(timeline.summary(2).kind == StepRecord::Kind::Skipped);
    CHECK(timeline.record(2).error.find("P has exited, so line 3") == 0);
}

TEST_CASE("expect deadlock passes only when the run deadlocks") {
    auto program = testing::parse_or_fail(
        "process P\n"
        "P: h = CreateEvent(NULL, TRUE, TRUE, NULL)\n"
        "expect deadlock\n");
    Timeline timeline(program);
    CHECK_FALSE(timeline.deadlock_step().has_value());
    CHECK_FALSE(timeline.passed());
}

TEST_CASE("step_of_statement maps a source line's statement to its first step") {
    auto program = testing::parse_or_fail(
        "process P\n"
        "P: a = GetCurrentProcessId()\n"
        "P: b = GetCurrentProcessId()\n");
    Timeline timeline(program);
    CHECK(timeline.step_of_statement(0) == std::optional<std::size_t>(1));
    CHECK(timeline.step_of_statement(1) == std::optional<std::size_t>(2));
    CHECK_FALSE(timeline.step_of_statement(7).has_value());
}
