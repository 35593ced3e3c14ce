// Regression tests for the trace reader and writer, each named after the crash it fixes (issue 12):
// hostile or careless traces get a located error, and any bytes round-trip.
#include <doctest/doctest.h>

#include <string>

#include "scenario/parser.h"
#include "timeline/timeline.h"
#include "trace/model_trace.h"
#include "trace/trace.h"

using namespace kosim;
using nlohmann::json;

namespace {

// A valid one-step trace as JSON, to break one field at a time.
json minimal_trace() {
    return json::parse(R"({"format":"kosim-trace","version":1,"producer":"kosim","platform":"model",
        "scenario":"s.kos","title":"t","passed":true,"deadlock":false,"steps":[
        {"index":1,"kind":"statement","completions":[],"handles":[],"processes":[],"expectations":[],
         "waits":[],"error":"","time_ms":0,
         "call":{"statement":0,"line":2,"process":"P","call":"CreateEvent","status":"completed",
                 "last_error":0,"outputs":{"h":{"handle":"0x4"}},"result":{"handle":"0x4"}}}]})");
}

std::optional<trace::Trace> read(const json& j, std::string& error) { return trace::from_json(j, error); }

}  // namespace

TEST_CASE("regression: kosim run --json aborted (json error 316) on bytes that are not UTF-8") {
    // CP949 bytes in the title, a string value, the expectation's text, a run-time error and the file name.
    const std::string source =
        "scenario \"\xC7\xD1\xB1\xDB title\"\n"
        "process P\n"
        "P: s = \"\\xDA\\x50\"\n"
        "expect s == \"\\xDA\\x50\"\n"
        "expect s == \"\xDA\x50\"\n"
        "P: h = handle(\"\xDA\x50\")\n";
    const std::string file_name = "\xB9\xAE\xC0\xE5.kos";
    ParseResult parsed = parse_scenario(source, file_name);
    REQUIRE(parsed.ok());
    Timeline timeline(parsed.program);
    trace::Trace trace = trace::make_trace(timeline);
    REQUIRE(trace.steps.size() == 2);
    REQUIRE_FALSE(trace.steps[1].error.empty());

    std::string text;
    REQUIRE_NOTHROW(text = trace::to_json(trace).dump(2));
    std::string error;
    auto back = trace::from_json(json::parse(text), error);
    INFO(error);
    REQUIRE(back.has_value());
    CHECK(back->scenario == file_name);
    CHECK(back->title == trace.title);
    CHECK(back->title.find("\xC7\xD1\xB1\xDB") != std::string::npos);
    REQUIRE(back->steps[0].call.has_value());
    REQUIRE(back->steps[0].call->result.has_value());
    CHECK(back->steps[0].call->result->text == "\xDA\x50");
    REQUIRE(back->steps[0].expectations.size() == 2);
    CHECK(back->steps[0].expectations[0].passed);
    CHECK(back->steps[0].expectations[1].text == "s == \"\xDA\x50\"");
    CHECK(back->steps[0].expectations[1].passed);
    CHECK(back->steps[1].error == trace.steps[1].error);
    CHECK(trace::to_json(*back) == trace::to_json(trace));
}

TEST_CASE("regression: text fields that are not UTF-8 are written as bytes_hex") {
    trace::Trace trace;
    trace.title = "\xFF";
    json j = trace::to_json(trace);
    CHECK(j["title"] == json{{"bytes_hex", "ff"}});
    // Overlong forms and UTF-16 surrogates are not UTF-8 either (nlohmann::json refuses them).
    trace.title = "\xC0\x80 \xED\xA0\x80";
    CHECK_NOTHROW((void)trace::to_json(trace).dump());
    trace.title = "\xED\x9F\xBF \xF4\x8F\xBF\xBF";   // U+D7FF and U+10FFFF are fine
    CHECK(trace::to_json(trace)["title"].is_string());
}

TEST_CASE("regression: kosim compare aborted (json error 302) on {\"format\":1}") {
    std::string error;
    CHECK_FALSE(read(json::parse(R"({"format":1})"), error));
    CHECK(error == "not a kosim trace (the top-level \"format\" must be \"kosim-trace\")");
    CHECK_FALSE(read(json::parse(R"([1,2])"), error));
    CHECK_FALSE(read(json::parse(R"("kosim-trace")"), error));
}

TEST_CASE("regression: kosim compare overflowed the stack on records nested 20,000 deep") {
    std::string deep;
    for (int i = 0; i < 20000; ++i) deep += R"({"record":{"a":)";
    deep += "null";
    for (int i = 0; i < 20000; ++i) deep += "}}";
    json j = minimal_trace();
    j["steps"][0]["call"]["result"] = json::parse(deep);
    std::string error;
    CHECK_FALSE(read(j, error));
    CHECK(error == "steps[0].call.result: records nested deeper than 32 levels");

    // The model's own records (PROCESS_INFORMATION) are one level deep and still read.
    j["steps"][0]["call"]["result"] = json::parse(R"({"record":{"hProcess":{"handle":"0x8"},"dwProcessId":{"int":256}}})");
    auto back = read(j, error);
    INFO(error);
    REQUIRE(back);
    CHECK(back->steps[0].call->result->field("dwProcessId")->number == 256);
}

TEST_CASE("regression: a trace version of 1e300 was undefined behaviour (float-cast-overflow)") {
    json j = minimal_trace();
    j["version"] = 1e300;
    std::string error;
    CHECK_FALSE(read(j, error));
    CHECK(error == "trace.version: wrong type (expected an integer)");
}

TEST_CASE("regression: trace version 1.5 was accepted as 1") {
    json j = minimal_trace();
    j["version"] = 1.5;
    std::string error;
    CHECK_FALSE(read(j, error));
    CHECK(error == "trace.version: wrong type (expected an integer)");
    j["version"] = 1;
    CHECK(read(j, error));
}

TEST_CASE("regression: counts in a trace that are negative, fractional or too large are refused") {
    std::string error;
    json j = minimal_trace();
    j["steps"][0]["call"]["line"] = -1;
    CHECK_FALSE(read(j, error));
    CHECK(error == "steps[0].call.line: wrong type (expected a non-negative integer that fits)");
    j = minimal_trace();
    j["steps"][0]["call"]["last_error"] = 4294967296.0;
    CHECK_FALSE(read(j, error));
    j = minimal_trace();
    j["steps"][0]["call"]["last_error"] = 4294967296;
    CHECK_FALSE(read(j, error));
    CHECK(error == "steps[0].call.last_error: wrong type (expected a non-negative integer that fits)");
}

TEST_CASE("regression: handle values in a trace were read as octal and with trailing text") {
    std::string error;
    json j = minimal_trace();
    j["steps"][0]["call"]["result"] = json{{"handle", "010"}};
    auto back = read(j, error);
    REQUIRE(back);
    CHECK(back->steps[0].call->result->number == 10);
    for (const char* bad : {"0x", "-1", "0x1C zz", "", "99999999999999999999", "0x1FFFFFFFFFFFFFFFF"}) {
        CAPTURE(bad);
        j["steps"][0]["call"]["result"] = json{{"handle", bad}};
        CHECK_FALSE(read(j, error));
    }
}
