// The one scheduler over its two backends: the model (ModelBackend) and the native agents
// (AgentBackend) through a fake link that answers from a World the way agents answer from Win32.
// The same .kos must mean the same calls, steps and verdicts on both; the regression tests for the
// cross-check defects of issue 13 that the runner owns are here, named after the defect.
#include <doctest/doctest.h>

#include "compare/compare.h"
#include "fake_agents.h"
#include "helpers.h"
#include "trace/model_trace.h"
#include "win32/constants.h"

using namespace kosim;

namespace {

struct BothRuns {
    trace::Trace model;
    trace::Trace native;
    testing::FakeAgentLink link;
};

// Runs `program` on the model (the timeline, as `kosim run --json`) and on the fake agents (as
// kosim-native does), with `suffix` added to object names on the native side.
void run_both(const std::shared_ptr<const Program>& program, BothRuns& runs, const std::string& suffix = "",
              std::size_t max_steps = default_max_steps) {
    Timeline timeline(program, TimelineOptions{512, max_steps});
    runs.model = trace::make_trace(timeline);
    std::string error;
    runs.native = native::run_on_agents(*program, runs.link, {500, 150, 20000, suffix}, error, max_steps);
    REQUIRE(error.empty());
    runs.native.platform = "fake";
}

std::string mismatches(const compare::Report& report) {
    std::string text;
    for (const compare::StepComparison& step : report.steps)
        for (const compare::Difference& d : step.differences)
            if (d.explained_by.empty())
                text += "step " + std::to_string(step.index) + ": " + d.subject + " " + d.field + ": model " + d.model +
                        ", native " + d.native + "\n";
    return text;
}

const trace::Step* step_of_line(const trace::Trace& t, std::uint32_t line) {
    for (const trace::Step& s : t.steps)
        if (s.call && s.call->line == line) return &s;
    return nullptr;
}

const trace::CallOutcome* completion_of_line(const trace::Trace& t, std::uint32_t line, std::size_t* step = nullptr) {
    for (const trace::Step& s : t.steps)
        for (const trace::CallOutcome& c : s.completions)
            if (c.line == line) {
                if (step) *step = s.index;
                return &c;
            }
    return nullptr;
}

}  // namespace

TEST_CASE("every built-in scenario makes the same steps and verdicts on the model and on fake native agents") {
    for (const BuiltinScenario& builtin : builtin_scenarios()) {
        CAPTURE(builtin.name);
        auto program = testing::parse_or_fail(std::string(builtin.source), "builtin:" + std::string(builtin.name));
        BothRuns runs;
        run_both(program, runs, "-run1");
        REQUIRE(runs.model.steps.size() == runs.native.steps.size());
        for (std::size_t i = 0; i < runs.model.steps.size(); ++i) {
            CAPTURE(i + 1);
            CHECK(runs.model.steps[i].kind == runs.native.steps[i].kind);
            CHECK(runs.model.steps[i].error == runs.native.steps[i].error);
            CHECK(runs.model.steps[i].time_ms == runs.native.steps[i].time_ms);
            CHECK(runs.model.steps[i].completions.size() == runs.native.steps[i].completions.size());
        }
        compare::Report report = compare::compare_traces(runs.model, runs.native, nullptr, program.get());
        INFO(mismatches(report));
        CHECK(report.passed());
        CHECK(runs.native.passed == runs.model.passed);
        CHECK(runs.native.deadlock == runs.model.deadlock);
        CHECK(runs.link.ops["call"] > 0);
        CHECK(runs.link.ops["observe"] > 0);
    }
}

TEST_CASE("the native backend learns that a blocked call completed by polling its agent") {
    auto program = testing::parse_or_fail(
        "process Reader\n"
        "process Writer\n"
        "Reader: CreatePipe(&r, &w, inherit=TRUE, 0)\n"
        "Reader: CreateProcess(\"Child\", &pi, bInheritHandles=TRUE)\n"
        "Child: ReadFile(Reader.r, &got, 10)\n"
        "expect state(Child) == \"waiting\"\n"
        "Reader: WriteFile(w, \"abc\")\n"
        "expect Child.got == \"abc\"\n");
    BothRuns runs;
    run_both(program, runs);
    CHECK(runs.link.ops["poll"] > 0);
    std::size_t model_step = 0, native_step = 0;
    REQUIRE(completion_of_line(runs.model, 5, &model_step));
    REQUIRE(completion_of_line(runs.native, 5, &native_step));
    CHECK(native_step == model_step);
    CHECK(runs.native.passed);
}

TEST_CASE("a timed wait that another process satisfies completes, on both sides, without expiring") {
    // Issue 13: a timed wait the model completes expired in real time during the driver's grace.
    auto program = testing::parse_or_fail(
        "process A\n"
        "process B\n"
        "A: e = CreateEvent(NULL, TRUE, FALSE, \"go\")\n"
        "A: r = WaitForSingleObject(e, 100)\n"
        "B: e2 = OpenEvent(EVENT_ALL_ACCESS, FALSE, \"go\")\n"
        "B: SetEvent(e2)\n"
        "A: expired = WaitForSingleObject(e, 0)\n"
        "expect expired == WAIT_OBJECT_0\n"
        "expect A.r == WAIT_OBJECT_0\n");
    BothRuns runs;
    run_both(program, runs);
    for (const trace::Trace* t : {&runs.model, &runs.native}) {
        CAPTURE(t->producer);
        const trace::CallOutcome* wait = completion_of_line(*t, 4);
        REQUIRE(wait);
        CHECK(wait->result->number == win32::WAIT_OBJECT_0);
        CHECK(t->passed);
        CHECK(t->steps.back().time_ms == 0);   // no time-out was reached
    }
    CHECK(runs.link.ops["expire"] == 0);
}

TEST_CASE("a timed wait nobody satisfies ends at its virtual time-out on both sides") {
    auto program = testing::parse_or_fail(
        "process A\n"
        "A: e = CreateEvent(NULL, TRUE, FALSE, NULL)\n"
        "A: r = WaitForSingleObject(e, 250)\n"
        "A: after = GetCurrentProcessId()\n");
    BothRuns runs;
    run_both(program, runs);
    for (const trace::Trace* t : {&runs.model, &runs.native}) {
        CAPTURE(t->producer);
        std::size_t step = 0;
        const trace::CallOutcome* wait = completion_of_line(*t, 3, &step);
        REQUIRE(wait);
        CHECK(wait->result->number == win32::WAIT_TIMEOUT);
        CHECK(t->steps[step - 1].kind == "clock");
        CHECK(t->steps[step - 1].time_ms == 250);
    }
    CHECK(runs.link.ops["expire"] == 1);
}

TEST_CASE("NMPWAIT_USE_DEFAULT_WAIT waits for the pipe's nDefaultTimeOut on both sides") {
    // Issue 13: the native side took nTimeOut 0 literally.
    auto program = testing::parse_or_fail(
        "process Server\n"
        "process Client\n"
        "Server: p = CreateNamedPipe(\"\\\\\\\\.\\\\pipe\\\\busy\", PIPE_ACCESS_DUPLEX, PIPE_TYPE_BYTE, 1, 0, 0, 300, NULL)\n"
        "Client: c = CreateFile(\"\\\\\\\\.\\\\pipe\\\\busy\", GENERIC_READ | GENERIC_WRITE, 0, NULL, OPEN_EXISTING, 0, NULL)\n"
        "Client: ok = WaitNamedPipe(\"\\\\\\\\.\\\\pipe\\\\busy\", NMPWAIT_USE_DEFAULT_WAIT)\n"
        "expect ok == FALSE\n"
        "expect last_error == ERROR_SEM_TIMEOUT\n");
    BothRuns runs;
    run_both(program, runs, "-run2");
    for (const trace::Trace* t : {&runs.model, &runs.native}) {
        CAPTURE(t->producer);
        std::size_t step = 0;
        REQUIRE(completion_of_line(*t, 5, &step));
        CHECK(t->steps[step - 1].time_ms == 300);
    }
}

TEST_CASE("environment variable names are not given the run's object-name suffix") {
    // Issue 13: the driver suffixed every lpName, so an explicit environment block was never found.
    auto program = testing::parse_or_fail(
        "process Parent\n"
        "Parent: SetEnvironmentVariable(\"MINE\", \"1\")\n"
        "Parent: CreateProcess(\"Child\", &pi, lpEnvironment=\"COLOR=red\\0SIZE=2\\0\")\n"
        "Child: n = GetEnvironmentVariable(\"COLOR\", &value, 32)\n"
        "expect value == \"red\"\n"
        "Parent: m = GetEnvironmentVariable(\"MINE\", &mine, 32)\n"
        "expect mine == \"1\"\n");
    BothRuns runs;
    run_both(program, runs, "-suffix");
    CHECK(runs.model.passed);
    CHECK(runs.native.passed);
    native::AgentBackend backend(runs.link, {500, 150, 20000, "-suffix"});
    CHECK(backend.suffixed(Call::GetEnvironmentVariable, 0, "COLOR") == "COLOR");
    CHECK(backend.suffixed(Call::SetEnvironmentVariable, 0, "COLOR") == "COLOR");
    CHECK(backend.suffixed(Call::CreateEvent, 3, "ready") == "ready-suffix");
}

TEST_CASE("a call that leaves the last error alone shows the sentinel on both sides") {
    // Issue 13: the native runner cleared the last error to 0 before every call.
    auto program = testing::parse_or_fail(
        "process P\n"
        "P: e = CreateEvent(NULL, TRUE, FALSE, NULL)\n"
        "P: SetEvent(e)\n"
        "expect last_error == 0xDEADBEEF\n"
        "P: CloseHandle(e)\n"
        "P: CloseHandle(e)\n"
        "expect last_error == ERROR_INVALID_HANDLE\n");
    BothRuns runs;
    run_both(program, runs);
    CHECK(runs.model.passed);
    CHECK(runs.native.passed);
    CHECK(step_of_line(runs.native, 3)->call->last_error == last_error_sentinel);
}

TEST_CASE("a leftover ERROR_ALREADY_EXISTS does not follow into the next call") {
    // Issue 13: 183 left over from a CreateEvent showed after a later successful Create* call.
    auto program = testing::parse_or_fail(
        "process P\n"
        "P: a = CreateEvent(NULL, TRUE, FALSE, \"same\")\n"
        "P: b = CreateEvent(NULL, TRUE, FALSE, \"same\")\n"
        "expect last_error == ERROR_ALREADY_EXISTS\n"
        "P: CreatePipe(&r, &w, NULL, 0)\n"
        "expect last_error != ERROR_ALREADY_EXISTS\n");
    BothRuns runs;
    run_both(program, runs);
    CHECK(runs.model.passed);
    CHECK(runs.native.passed);
}

TEST_CASE("a mailslot read with time-out 0 fails at once on both sides, it does not block") {
    // Issue 13: it was reported as blocked natively.
    auto program = testing::parse_or_fail(
        "process P\n"
        "P: s = CreateMailslot(\"\\\\\\\\.\\\\mailslot\\\\empty\", 0, 0, NULL)\n"
        "P: ok = ReadFile(s, &got, 100)\n"
        "expect ok == FALSE\n"
        "expect last_error == ERROR_SEM_TIMEOUT\n");
    BothRuns runs;
    run_both(program, runs, "-run3");
    for (const trace::Trace* t : {&runs.model, &runs.native}) {
        CAPTURE(t->producer);
        const trace::Step* read = step_of_line(*t, 3);
        REQUIRE(read);
        CHECK(read->call->status == "completed");
        CHECK(t->passed);
    }
}

TEST_CASE("a statement that cannot run is skipped with its text on both sides, and its expectations fail") {
    // Issue 13: the driver's skip message dropped the statement's text. Issue 12 item 4: the
    // expectations of a statement that never ran were skipped silently.
    auto program = testing::parse_or_fail(
        "process P\n"
        "process Q\n"
        "P: ExitProcess(3)\n"
        "P: x = GetCurrentProcessId()\n"
        "expect x != 0\n"
        "Q: y = GetCurrentProcessId()\n");
    BothRuns runs;
    run_both(program, runs);
    for (const trace::Trace* t : {&runs.model, &runs.native}) {
        CAPTURE(t->producer);
        const trace::Step* skipped = nullptr;
        for (const trace::Step& s : t->steps)
            if (s.kind == "skipped") skipped = &s;
        REQUIRE(skipped);
        CHECK(skipped->error == "P has exited, so line 4 (P: x = GetCurrentProcessId()) cannot run");
        REQUIRE(skipped->expectations.size() == 1);
        CHECK_FALSE(skipped->expectations[0].passed);
        CHECK(skipped->expectations[0].observed ==
              "not run: expect x != 0 was not checked: P has exited, so line 4 (P: x = GetCurrentProcessId()) cannot run");
        CHECK_FALSE(t->passed);
    }
}

TEST_CASE("expectations after an expected deadlock fail, saying their statement never ran") {
    auto program = testing::parse_or_fail(
        "expect deadlock\n"
        "process R\n"
        "R: CreatePipe(&r, &w, NULL, 0)\n"
        "R: ReadFile(r, &got, 10)\n"
        "R: CloseHandle(w)\n"
        "expect valid(w) == FALSE\n");
    Timeline timeline(program);
    REQUIRE(timeline.deadlock_step());
    CHECK_FALSE(timeline.passed());
    REQUIRE(timeline.expectations().size() == 1);
    const ExpectationResult& result = timeline.expectations()[0].result;
    CHECK(result.kind == ExpectationResult::Kind::NotRun);
    CHECK(result.message == "expect valid(w) == FALSE was not checked: the run ended in a deadlock before line 5 could run");
    BothRuns runs;
    run_both(program, runs);
    CHECK(runs.native.deadlock);
    CHECK_FALSE(runs.native.passed);
    CHECK(runs.native.steps.back().expectations.size() == 1);
}

TEST_CASE("both sides stop at the step limit with the same error step") {
    // Issue 13: the driver stopped silently after 10,000 steps.
    auto program = testing::parse_or_fail(
        "process P\n"
        "P: a = GetCurrentProcessId()\n"
        "P: b = GetCurrentProcessId()\n"
        "P: c = GetCurrentProcessId()\n"
        "P: d = GetCurrentProcessId()\n");
    BothRuns runs;
    run_both(program, runs, "", 2);
    for (const trace::Trace* t : {&runs.model, &runs.native}) {
        CAPTURE(t->producer);
        REQUIRE(t->steps.size() == 3);
        CHECK(t->steps.back().error == "the run was stopped after 2 steps");
        CHECK_FALSE(t->passed);
    }
}

TEST_CASE("a CREATE_SUSPENDED child is running with STILL_ACTIVE, not exited, on the native side") {
    // Issue 13: it showed as exited with code 259.
    auto program = testing::parse_or_fail(
        "process Parent\n"
        "Parent: CreateProcess(\"Child\", &pi, dwCreationFlags=0x4)\n"   // CREATE_SUSPENDED
       
        "expect exit_code(Child) == STILL_ACTIVE\n"
        "expect state(Child) == \"running\"\n"
        "Parent: TerminateProcess(pi.hProcess, 7)\n"
        "expect exit_code(Child) == 7\n");
    BothRuns runs;
    run_both(program, runs);
    CHECK(runs.native.passed);
    const trace::Step* created = step_of_line(runs.native, 2);
    REQUIRE(created);
    REQUIRE(created->processes.size() == 2);
    CHECK(created->processes[1].state == "running");
    CHECK(created->processes[1].exit_code == win32::STILL_ACTIVE);
}
