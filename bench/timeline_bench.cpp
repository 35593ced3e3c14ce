// Timeline cost against the run's length and the world's size (issue 12): 100,000 CreateEvent
// steps and 100,000 CreateProcess steps (the world grows with every step), bytes per recorded step
// with the program included at 1,000,000 steps, and seeking in a large world. Heap bytes come from
// glibc's mallinfo2 (in use after minus before); figures in docs/benchmarks.md.
#include <benchmark/benchmark.h>

#include <malloc.h>

#include <random>
#include <stdexcept>
#include <string>

#include "scenario/parser.h"
#include "timeline/timeline.h"

using namespace kosim;

namespace {

std::string repeat_scenario(const std::string& header, const std::string& line, std::size_t count) {
    std::string text = header;
    text.reserve(header.size() + line.size() * count);
    for (std::size_t i = 0; i < count; ++i) text += line;
    return text;
}

std::string create_event_scenario(std::size_t steps) {
    return repeat_scenario("process P\n", "P: h = CreateEvent(NULL, TRUE, FALSE, NULL)\n", steps);
}

// Every child has a name of its own (a scenario starts each name once).
std::string create_process_scenario(std::size_t steps) {
    std::string text = "process P\n";
    for (std::size_t i = 0; i < steps; ++i) text += "P: CreateProcess(\"C" + std::to_string(i) + "\", &pi)\n";
    return text;
}

// One cycle = 4 steps: CreateEvent, DuplicateHandle, CloseHandle, CloseHandle (a small world).
std::string mix_scenario(std::size_t steps) {
    std::string text = "process P\n";
    for (std::size_t i = 0; i < steps / 4; ++i) {
        text += "P: h = CreateEvent(NULL, TRUE, FALSE, NULL)\n";
        text += "P: DuplicateHandle(GetCurrentProcess(), h, GetCurrentProcess(), &d, 0, FALSE, DUPLICATE_SAME_ACCESS)\n";
        text += "P: CloseHandle(d)\n";
        text += "P: CloseHandle(h)\n";
    }
    return text;
}

std::size_t heap_in_use() { return mallinfo2().uordblks; }

// What `kosim run --quiet` does: parse the text, run and record every step. Reports the heap the
// program and the timeline hold afterwards, in total and per step.
void run_and_measure(benchmark::State& state, const std::string& text) {
    double bytes = 0, steps = 0, checkpoints = 0;
    for (auto _ : state) {
        const std::size_t before = heap_in_use();
        ParseResult parsed = parse_scenario(text, "bench.kos");
        if (!parsed.ok()) throw std::runtime_error("benchmark scenario does not parse");
        Timeline timeline(parsed.program);
        bytes = static_cast<double>(heap_in_use() - before);
        steps = static_cast<double>(timeline.step_count());
        checkpoints = static_cast<double>(timeline.checkpoint_count());
        benchmark::DoNotOptimize(timeline.step_count());
    }
    state.counters["steps"] = steps;
    state.counters["checkpoints"] = checkpoints;
    state.counters["heap_MB"] = bytes / 1e6;
    state.counters["bytes_per_step"] = bytes / steps;
}

void timeline_create_event(benchmark::State& state) {
    run_and_measure(state, create_event_scenario(static_cast<std::size_t>(state.range(0))));
}
BENCHMARK(timeline_create_event)->Arg(10'000)->Arg(100'000)->Unit(benchmark::kMillisecond)->Iterations(1)->Repetitions(3);

void timeline_create_process(benchmark::State& state) {
    run_and_measure(state, create_process_scenario(static_cast<std::size_t>(state.range(0))));
}
BENCHMARK(timeline_create_process)->Arg(10'000)->Arg(100'000)->Unit(benchmark::kMillisecond)->Iterations(1)->Repetitions(3);

void timeline_mix_bytes_per_step(benchmark::State& state) {
    run_and_measure(state, mix_scenario(static_cast<std::size_t>(state.range(0))));
}
BENCHMARK(timeline_mix_bytes_per_step)->Arg(1'000'000)->Unit(benchmark::kMillisecond)->Iterations(1);

// The timeline alone (the program parsed beforehand): the heap it adds per step.
void timeline_only_bytes_per_step(benchmark::State& state) {
    ParseResult parsed = parse_scenario(mix_scenario(static_cast<std::size_t>(state.range(0))), "bench.kos");
    double bytes = 0, steps = 0;
    for (auto _ : state) {
        const std::size_t before = heap_in_use();
        Timeline timeline(parsed.program);
        bytes = static_cast<double>(heap_in_use() - before);
        steps = static_cast<double>(timeline.step_count());
    }
    state.counters["bytes_per_step"] = bytes / steps;
}
BENCHMARK(timeline_only_bytes_per_step)->Arg(1'000'000)->Unit(benchmark::kMillisecond)->Iterations(1);

// Seeking to random steps of a 100,000-step run whose world ends with 100,000 events.
void timeline_seek_large_world(benchmark::State& state) {
    static std::shared_ptr<const Program> program = parse_scenario(create_event_scenario(100'000), "bench.kos").program;
    static Timeline timeline(program);
    std::mt19937_64 random(7);
    std::uniform_int_distribution<std::size_t> pick(0, timeline.step_count());
    for (auto _ : state) {
        const RunState at = timeline.state_at(pick(random));
        benchmark::DoNotOptimize(&at);
    }
}
BENCHMARK(timeline_seek_large_world)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
