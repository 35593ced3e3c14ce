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
