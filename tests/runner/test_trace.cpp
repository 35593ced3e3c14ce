// The trace's JSON form: what `kosim run --json` writes reads back to the same trace, and a
// malformed trace is refused with a message that says where.
#include <doctest/doctest.h>

#include "helpers.h"
#include "trace/model_trace.h"

using namespace kosim;

TEST_CASE("a model trace survives a JSON round trip") {
    auto program = testing::parse_or_fail(std::string(find_builtin_scenario(default_scenario_name)->source),
                                          "builtin:03-worked-example");
    Timeline timeline(program);
    trace::Trace trace = trace::make_trace(timeline);
    REQUIRE(trace.steps.size() == timeline.step_count());
    nlohmann::json json = trace::to_json(trace);
    std::string error;
    auto back = trace::from_json(nlohmann::json::parse(json.dump()), error);
    INFO(error);
    REQUIRE(back.has_value());
    CHECK(trace::to_json(*back) == json);
    CHECK(back->producer == "kosim");
    CHECK(back->passed);
}

TEST_CASE("handle observations carry validity, flags and both counts") {
    auto program = testing::parse_or_fail(
        "process P\n"
        "P: h = CreateEvent(inherit=TRUE, TRUE, FALSE, NULL)\n"
        "P: DuplicateHandle(GetCurrentProcess(), h, GetCurrentProcess(), &d, 0, FALSE, DUPLICATE_SAME_ACCESS)\n");
    Timeline timeline(program);
    trace::Trace trace = trace::make_trace(timeline);
    const trace::Step& last = trace.steps.back();
    REQUIRE(last.handles.size() == 2);
    for (const trace::HandleObservation& h : last.handles) {
        CHECK(h.valid);
        CHECK(h.handle_count == 2);
        CHECK(h.usage_count == std::optional<std::uint32_t>(2));
        CHECK(h.type == "Event");
        CHECK(h.inherit == (h.variable == "h"));
    }
    CHECK(last.handles[0].object == last.handles[1].object);
}

TEST_CASE("a malformed trace is refused with its path") {
    std::string error;
    CHECK_FALSE(trace::from_json(nlohmann::json::parse(R"({"format":"other"})"), error));
    CHECK(error == "not a kosim trace (the top-level \"format\" must be \"kosim-trace\")");
    CHECK_FALSE(trace::from_json(nlohmann::json::parse(
        R"({"format":"kosim-trace","version":1,"producer":"x","platform":"y","scenario":"s","passed":true,"deadlock":false,"steps":[{"index":"one","kind":"statement"}]})"), error));
    CHECK(error == "steps[0].index: wrong type (expected a non-negative integer that fits)");
    CHECK_FALSE(trace::from_json(nlohmann::json::parse(R"({"format":"kosim-trace","version":9})"), error));
    CHECK(error == "trace version 9 is not supported (this kosim reads version 1)");
}

TEST_CASE("a recording's fields (arguments, export, pid, access, unmodelled calls) survive a JSON round trip") {
    trace::Trace t;
    t.producer = "kosim-record";
    t.platform = "wine-8.0";
    trace::Step s;
    s.index = 1;
    s.kind = "statement";
    trace::CallOutcome c;
    c.process = "inherit_parent";
    c.call = "CreateFile";
    c.function = "CreateFileA";
    c.status = "completed";
    c.result = Value::handle(HandleValue{0x38});
    c.arguments = {{"lpFileName", Value::string("handle.txt")},
                   {"lpSecurityAttributes", Value::record({{"bInheritHandle", Value::integer(1)}})}};
    s.call = c;
    trace::ProcessObservation p;
    p.name = "inherit_parent";
    p.pid = 1234;
    p.program = "inherit_parent.exe";
    trace::TableEntry e;
    e.value = 0x38;
    e.type = "Event";
    e.object = "#2";
    e.origin = "inherited from parent 0x38";
    e.name = "\\BaseNamedObjects\\ready";
    e.access = 0x1F0003;
    e.handle_count = 2;
    p.table.push_back(e);
    s.processes.push_back(p);
    t.steps.push_back(s);
    trace::Step timeout;
    timeout.index = 2;
    timeout.kind = "timeout";
    timeout.error = "time-out after 4000 ms";
    t.steps.push_back(timeout);
    t.unmodelled_calls.push_back({"inherit_parent", "GetModuleFileNameA", 1});

    std::string error;
    auto back = trace::from_json(nlohmann::json::parse(trace::to_json(t).dump()), error);
    REQUIRE_MESSAGE(back, error);
    const trace::CallOutcome& bc = *back->steps[0].call;
    CHECK(bc.function == "CreateFileA");
    REQUIRE(bc.arguments.size() == 2);
    CHECK(bc.arguments[0].second == Value::string("handle.txt"));
    CHECK(bc.arguments[1].second.field("bInheritHandle")->number == 1);
    const trace::ProcessObservation& bp = back->steps[0].processes[0];
    CHECK(bp.pid == 1234u);
    CHECK(bp.program == "inherit_parent.exe");
    CHECK(bp.table[0].name == "\\BaseNamedObjects\\ready");
    CHECK(bp.table[0].access == 0x1F0003u);
    CHECK(bp.table[0].handle_count == 2u);
    CHECK(back->steps[1].kind == "timeout");
    REQUIRE(back->unmodelled_calls.size() == 1);
    CHECK(back->unmodelled_calls[0].function == "GetModuleFileNameA");
    CHECK(back->unmodelled_calls[0].count == 1u);

    // A model trace has none of them, and writes none.
    nlohmann::json plain = trace::to_json(trace::Trace{});
    CHECK_FALSE(plain.contains("unmodelled_calls"));
    nlohmann::json broken = trace::to_json(t);
    broken["unmodelled_calls"][0]["count"] = -1;
    CHECK_FALSE(trace::from_json(broken, error));
    CHECK(error.find("unmodelled_calls[0].count") != std::string::npos);
}
