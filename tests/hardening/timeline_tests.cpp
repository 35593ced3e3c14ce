// The timeline's cost and its const seek (issues 12 and 13): checkpoints are spaced by the state's
// size, so their memory stays linear in the run; state_at is const and returns a state of its own.
#include <doctest/doctest.h>

#include <random>
#include <string>

#include "scenario/parser.h"
#include "timeline/timeline.h"

using namespace kosim;

namespace {

std::shared_ptr<const Program> parse(const std::string& text) {
    ParseResult parsed = parse_scenario(text, "t.kos");
    REQUIRE(parsed.ok());
    return parsed.program;
}

std::string events(std::size_t count) {
    std::string text = "process P\n";
    for (std::size_t i = 0; i < count; ++i) text += "P: h = CreateEvent(NULL, TRUE, FALSE, NULL)\n";
    return text;
}

// Enough of a state to tell two apart: every process's handle count, and the object count.
std::string fingerprint(const RunState& state) {
    std::string out = std::to_string(state.world.objects().size()) + ":";
    for (const model::Process& p : state.world.processes()) out += std::to_string(p.handles.size()) + ",";
    return out + std::to_string(state.steps);
}

}  // namespace

TEST_CASE("regression: Timeline::state_at invalidated the state an earlier call returned") {
    const Timeline timeline(parse(events(40)));   // const: a seek is a query
    const RunState& early = timeline.state_at(3);
    const RunState late = timeline.state_at(37);
    CHECK(early.world.processes()[0].handles.size() == 3);
    CHECK(late.world.processes()[0].handles.size() == 37);
    CHECK(fingerprint(early) == fingerprint(timeline.state_at(3)));
}

TEST_CASE("regression: checkpoints every 512 steps copied the whole world (quadratic memory)") {
    const std::size_t steps = 20'000;
    const std::size_t copied_before = model::cow_slots_copied;
    const Timeline growing(parse(events(steps)));
    REQUIRE(growing.step_count() == steps);
    // Checkpoints share the chunks of handle entries and objects a step did not touch: the run
    // copies a chunk of each table once per checkpoint (the one it appends to), not the world.
    // The spacing rule bounds the copies by the steps between checkpoints.
    const std::size_t copied = model::cow_slots_copied - copied_before;
    CAPTURE(copied);
    CAPTURE(growing.checkpoint_count());
    CHECK(copied <= steps);
    CHECK(copied <= growing.checkpoint_count() * 2 * 64);
    // At least checkpoint_interval (512) steps apart, and a world of 20,000 entries and objects
    // (about 630 chunks at the end) keeps them about as far apart: short replays.
    CHECK(growing.checkpoint_count() <= steps / 512 + 1);
    CHECK(growing.checkpoint_count() >= steps / 1024);

    // Seeks still land on the recorded states: compare with a straight run.
    std::mt19937 random(3);
    std::uniform_int_distribution<std::size_t> pick(0, steps);
    for (int i = 0; i < 20; ++i) {
        const std::size_t position = pick(random);
        CAPTURE(position);
        CHECK(growing.state_at(position).world.processes()[0].handles.size() == position);
    }
}

TEST_CASE("a small world keeps a checkpoint every 512 steps, so seeks stay short") {
    std::string text = "process P\n";
    for (int i = 0; i < 1500; ++i) text += "P: h = CreateEvent(NULL, TRUE, FALSE, NULL)\nP: CloseHandle(h)\n";
    const Timeline timeline(parse(text));
    REQUIRE(timeline.step_count() == 3000);
    CHECK(timeline.checkpoint_count() == 6);   // at 0, 512, ..., 2560
    CHECK(timeline.state_at(2999).world.processes()[0].handles.size() == 1);
    CHECK(timeline.state_at(1000).world.processes()[0].handles.size() == 0);
}

TEST_CASE("regression: a 556-byte scenario doubling a string 42 times exhausted memory (bad_alloc)") {
    std::string text = "process P\nP: s = \"ab\"\n";
    for (int i = 0; i < 42; ++i) text += "P: s = s + s\n";
    const Timeline timeline(parse(text));
    REQUIRE_FALSE(timeline.passed());
    REQUIRE_FALSE(timeline.error_steps().empty());
    // 2 bytes doubled 19 times is 1 MiB, the limit; the 20th doubling is the located error.
    const std::size_t step = timeline.error_steps().front();
    const StepRecord record = timeline.record(step);
    CHECK(record.statement == 20);   // 0-based: statement 0 sets "ab", 20 is the 20th "s = s + s"
    CHECK(record.error.find("'+' would make a string of 2097152 bytes; kosim's strings hold at most 1048576 bytes") !=
          std::string::npos);
    CHECK(timeline.state_at(step - 1).variables.at("P").at("s").text.size() == std::size_t{1} << 20);
}

// The memory budget (--max-memory): the timeline compares what the probe reports, less its value
// at the start, with the budget after every step, and cuts the run with a located error step.
TEST_CASE("a run that grows past its memory budget ends with an error step naming the budget and the line") {
    std::size_t probe_calls = 0;
    TimelineOptions options;
    options.max_memory = 1000;
    options.memory_in_use = [&probe_calls] { return 5000 + 100 * probe_calls++; };   // 5000 at the start, +100 a step
    const Timeline timeline(parse(events(40)), options);
    // Checks after 0..10 steps see growth 100..1,100: the eleventh check (1,100 > 1,000) cuts the run after 10 steps.
    REQUIRE(timeline.step_count() == 11);
    CHECK_FALSE(timeline.passed());
    REQUIRE(timeline.error_steps() == std::vector<std::size_t>{11});
    const StepRecord cut = timeline.record(11);
    CHECK(cut.kind == StepRecord::Kind::Skipped);
    CHECK(cut.error == "the run went over its memory budget of 1000 bytes after 10 steps (at line 11); a larger budget: --max-memory");
    CHECK(timeline.state_at(10).world.processes()[0].handles.size() == 10);   // the steps before the cut are kept
}

TEST_CASE("without a memory probe there is no budget, and a run under its budget is not cut") {
    TimelineOptions options;
    options.max_memory = 1;
    CHECK(Timeline(parse(events(40)), options).step_count() == 40);
    options.memory_in_use = [] { return std::size_t{7}; };   // no growth
    CHECK(Timeline(parse(events(40)), options).passed());
}
