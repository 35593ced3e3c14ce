// A recording (kosim record) turned into a scenario, and that scenario's model run set against it.
#include <doctest/doctest.h>

#include "compare/recording.h"
#include "scenario/parser.h"
#include "timeline/timeline.h"
#include "trace/model_trace.h"

using namespace kosim;
using namespace kosim::compare;

namespace {

trace::TableEntry entry(std::uint64_t value, std::string type, std::string object, std::string origin, bool inherit = false) {
    trace::TableEntry e;
    e.value = value;
    e.type = std::move(type);
    e.object = std::move(object);
    e.origin = std::move(origin);
    e.inherit = inherit;
    return e;
}

trace::ProcessObservation process(std::string name, std::uint32_t pid, std::vector<trace::TableEntry> table,
                                  std::string state = "running", std::uint32_t exit_code = 259) {
    trace::ProcessObservation p;
    p.name = std::move(name);
    p.pid = pid;
    p.table = std::move(table);
    p.state = std::move(state);
    p.exit_code = exit_code;
    return p;
}

trace::Step call(std::string process_name, std::string call_name, std::vector<std::pair<std::string, Value>> arguments,
                 Value result, std::vector<trace::ProcessObservation> processes,
                 std::vector<std::pair<std::string, Value>> outputs = {}, std::uint32_t last_error = 0) {
    trace::Step s;
    s.kind = "statement";
    trace::CallOutcome c;
    c.process = std::move(process_name);
    c.call = std::move(call_name);
    c.function = c.call + "A";
    c.status = "completed";
    c.result = std::move(result);
    c.last_error = last_error;
    c.arguments = std::move(arguments);
    c.outputs = std::move(outputs);
    s.call = std::move(c);
    s.processes = std::move(processes);
    return s;
}

Value inherit_attributes() { return Value::record({{"bInheritHandle", Value::integer(1)}}); }

// The lecture's hand-off, as kosim-record writes it: the parent opens an inheritable write handle
// to its mailslot, starts the child, and the child writes through the same value.
trace::Trace inherit_recording(bool child_write_fails = false) {
    const auto console = entry(0x8, "File", "#9", "preexisting", true);
    const auto slot = entry(0x34, "File", "#1", "created");
    const auto writer = entry(0x38, "File", "#2", "opened by name", true);
    const auto child_process = entry(0x44, "Process", "#3", "created");
    const auto child_thread = entry(0x48, "Thread", "#4", "created");
    trace::Trace t;
    t.producer = "kosim-record";
    t.platform = "wine-8.0";
    t.title = "Recording of parent.exe";
    t.steps.push_back(call("parent", "CreateMailslot", {{"lpName", Value::string("\\\\.\\mailslot\\x")}, {"lReadTimeout", Value::integer(0)}},
                           Value::handle(HandleValue{0x34}), {process("parent", 100, {console, slot})}));
    t.steps.push_back(call("parent", "CreateFile",
                           {{"lpFileName", Value::string("\\\\.\\mailslot\\x")}, {"dwDesiredAccess", Value::integer(0x40000000)},
                            {"dwShareMode", Value::integer(1)}, {"lpSecurityAttributes", inherit_attributes()},
                            {"dwCreationDisposition", Value::integer(3)}},
                           Value::handle(HandleValue{0x38}), {process("parent", 100, {console, slot, writer})}));
    const Value pi = Value::record({{"hProcess", Value::handle(HandleValue{0x44})}, {"hThread", Value::handle(HandleValue{0x48})},
                                    {"dwProcessId", Value::integer(200)}, {"dwThreadId", Value::integer(201)}});
    const std::vector<trace::TableEntry> child_table{entry(0x8, "File", "#9", "inherited from parent 0x8", true),
                                                     entry(0x38, "File", "#2", "inherited from parent 0x38", true)};
    t.steps.push_back(call("parent", "CreateProcess",
                           {{"lpApplicationName", Value::none()}, {"lpCommandLine", Value::string("child.exe")},
                            {"bInheritHandles", Value::integer(1)}},
                           Value::integer(1),
                           {process("parent", 100, {console, slot, writer, child_process, child_thread}), process("child", 200, child_table)},
                           {{"lpProcessInformation", pi}}));
    t.steps.push_back(call("child", "WriteFile", {{"hFile", Value::handle(HandleValue{0x38})}, {"lpBuffer", Value::string("hi")},
                                                  {"nNumberOfBytesToWrite", Value::integer(2)}},
                           Value::integer(child_write_fails ? 0 : 1),
                           {process("parent", 100, {console, slot, writer, child_process, child_thread}), process("child", 200, child_table)},
                           {{"lpNumberOfBytesWritten", Value::integer(child_write_fails ? 0 : 2)}}, child_write_fails ? 6 : 0));
    trace::Step exit;
    exit.kind = "exit";
    exit.processes = {process("parent", 100, {console, slot, writer, child_process, child_thread}),
                      process("child", 200, {}, "exited", 0)};
    t.steps.push_back(exit);
    for (std::size_t i = 0; i < t.steps.size(); ++i) {
        t.steps[i].index = i + 1;
        if (t.steps[i].call) t.steps[i].call->statement = i;
    }
    return t;
}

Report model_against(const trace::Trace& recording, RecordedScenario& scenario) {
    scenario = scenario_from_recording(recording);
    ParseResult parsed = parse_scenario(scenario.text, "recorded.kos");
    REQUIRE_MESSAGE(parsed.ok(), scenario.text);
    Timeline timeline(parsed.program);
    trace::Trace model = trace::make_trace(timeline);
    return compare_recording(model, recording, scenario, nullptr);
}

}  // namespace

TEST_CASE("a recording becomes a scenario that makes the same calls, with variables for the handle values") {
    RecordedScenario s = scenario_from_recording(inherit_recording());
    INFO(s.text);
    CHECK(s.text.find("process parent\n") != std::string::npos);
    CHECK(s.text.find("process child") == std::string::npos);   // CreateProcess makes it
    CHECK(s.text.find("parent: hMailslot = CreateMailslot(lpName=\"\\\\\\\\.\\\\mailslot\\\\x\", lReadTimeout=0)") != std::string::npos);
    CHECK(s.text.find("lpSecurityAttributes=TRUE") != std::string::npos);
    CHECK(s.text.find("parent: CreateProcess(lpApplicationName=\"child\", lpCommandLine=\"child.exe\", bInheritHandles=TRUE, "
                      "lpProcessInformation=&pi)") != std::string::npos);
    // The child never bound 0x38 itself: it uses the value it inherited, by the parent's name for it.
    CHECK(s.text.find("child: WriteFile(hFile=parent.hFile, lpBuffer=\"hi\")") != std::string::npos);
    CHECK(s.text.find("child: ExitProcess(uExitCode=0)") != std::string::npos);
    REQUIRE(s.steps.size() == 5);
    CHECK(s.steps[4] == 4);   // the exit step
}

TEST_CASE("the model's run of a recorded scenario agrees with the recording it came from") {
    RecordedScenario scenario;
    Report report = model_against(inherit_recording(), scenario);
    INFO(format_report(report, true));
    CHECK(report.steps.size() == 5);
    CHECK(report.passed());
}

TEST_CASE("a recorded call the model does not reproduce is a mismatch, located at its statement") {
    RecordedScenario scenario;
    Report report = model_against(inherit_recording(true), scenario);
    INFO(format_report(report, true));
    CHECK_FALSE(report.passed());
    REQUIRE(report.steps.size() >= 4);
    bool found = false;
    for (const Difference& d : report.steps[3].differences) found = found || (d.field == "result" && d.process == "child");
    CHECK(found);
}

TEST_CASE("objects the processes had before their first instruction are not counted as the program's") {
    trace::Trace recording = inherit_recording();
    // A console handle the child got from its parent is there in reality, never in the model.
    RecordedScenario scenario;
    Report report = model_against(recording, scenario);
    for (const StepComparison& row : report.steps)
        for (const Difference& d : row.differences) CHECK_MESSAGE(d.field != "table", d.subject);
}
