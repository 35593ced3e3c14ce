// Model and timeline speed: calls per second for a create/duplicate/close mix (the model alone
// with change recording, and the whole runner + timeline), and the time to seek to a random step
// of a 1,000,000-step run. Figures: docs/benchmarks.md.
#include <benchmark/benchmark.h>

#include <random>
#include <string>

#include "model/world.h"
#include "program/call_params.h"
#include "scenario/parser.h"
#include "timeline/timeline.h"
#include "win32/constants.h"

using namespace kosim;

namespace {

// One cycle = 4 calls: CreateEvent, DuplicateHandle, CloseHandle, CloseHandle.
std::string mix_scenario(std::size_t cycles) {
    std::string text = "process P\n";
    text.reserve(cycles * 200);
    for (std::size_t i = 0; i < cycles; ++i) {
        text += "P: h = CreateEvent(NULL, TRUE, FALSE, NULL)\n";
        text += "P: DuplicateHandle(GetCurrentProcess(), h, GetCurrentProcess(), &d, 0, FALSE, DUPLICATE_SAME_ACCESS)\n";
        text += "P: CloseHandle(d)\n";
        text += "P: CloseHandle(h)\n";
    }
    return text;
}

std::shared_ptr<const Program> parse(const std::string& text) {
    ParseResult parsed = parse_scenario(text, "bench.kos");
    if (!parsed.ok()) throw std::runtime_error("benchmark scenario does not parse");
    return parsed.program;
}

// The model alone: invoke() with a change log, as the runner drives it. Arguments are placed by
// parameter name (the index each tag names), as the runner places them.
void model_create_duplicate_close(benchmark::State& state) {
    model::World world;
    model::Pid pid = world.add_process("P");
    model::ChangeLog log;
    world.set_change_log(&log);
    const Value self = Value::handle(current_process_pseudo);
    using E = Params<Call::CreateEvent>;
    using D = Params<Call::DuplicateHandle>;
    using C = Params<Call::CloseHandle>;
    std::vector<Value> create(E::count);
    create[E::lpEventAttributes::index] = Value::integer(0);
    create[E::bManualReset::index] = Value::boolean(true);
    create[E::bInitialState::index] = Value::boolean(false);
    std::vector<Value> duplicate(D::count);
    duplicate[D::hSourceProcessHandle::index] = self;
    duplicate[D::hTargetProcessHandle::index] = self;
    duplicate[D::dwDesiredAccess::index] = Value::integer(0);
    duplicate[D::bInheritHandle::index] = Value::boolean(false);
    duplicate[D::dwOptions::index] = Value::integer(win32::DUPLICATE_SAME_ACCESS);
    std::vector<Value> close(C::count);
    std::size_t calls = 0;
    for (auto _ : state) {
        model::Outcome created = world.invoke(pid, Call::CreateEvent, create);
        duplicate[D::hSourceHandle::index] = created.result;
        model::Outcome duplicated = world.invoke(pid, Call::DuplicateHandle, duplicate);
        close[C::hObject::index] = duplicated.outputs.empty() ? Value::none() : duplicated.outputs.front().second;
        world.invoke(pid, Call::CloseHandle, close);
        close[C::hObject::index] = created.result;
        world.invoke(pid, Call::CloseHandle, close);
        log.coalesce();
        benchmark::DoNotOptimize(log.changes.data());
        log.clear();
        calls += 4;
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(calls));
    state.counters["calls_per_second"] = benchmark::Counter(static_cast<double>(calls), benchmark::Counter::kIsRate);
}
BENCHMARK(model_create_duplicate_close);

// The whole pipeline: the runner evaluating statements and the timeline recording every step.
void timeline_create_duplicate_close(benchmark::State& state) {
    auto program = parse(mix_scenario(static_cast<std::size_t>(state.range(0)) / 4));
    std::size_t steps = 0;
    for (auto _ : state) {
        Timeline timeline(program);
        steps += timeline.step_count();
        benchmark::DoNotOptimize(timeline.step_count());
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(steps));
    state.counters["calls_per_second"] = benchmark::Counter(static_cast<double>(steps), benchmark::Counter::kIsRate);
}
BENCHMARK(timeline_create_duplicate_close)->Arg(100'000)->Unit(benchmark::kMillisecond);

// Seeking to a random step of a 1,000,000-step run: restore a checkpoint, replay the rest.
void timeline_seek_random_step(benchmark::State& state) {
    static std::shared_ptr<const Program> program = parse(mix_scenario(250'000));
    static Timeline timeline(program);
    std::mt19937_64 random(7);
    std::uniform_int_distribution<std::size_t> pick(0, timeline.step_count());
    for (auto _ : state) {
        const RunState& at = timeline.state_at(pick(random));
        benchmark::DoNotOptimize(&at);
    }
    state.counters["steps_in_run"] = static_cast<double>(timeline.step_count());
}
BENCHMARK(timeline_seek_random_step)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
