// kosim compare SIM.json NATIVE.json and kosim crosscheck SCENARIO...: the model against real Win32
// (Windows directly, or Wine on Linux), per step, with named platform profiles (docs/crosscheck.md).
#include <cstdio>
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "app/platform.h"
#include "cli/arguments.h"
#include "cli/memory_budget.h"
#include "cli/commands.h"
#include "compare/compare.h"
#include "compare/random_scenario.h"
#include "compare/recording.h"
#include "scenario/builtin.h"
#include "timeline/timeline.h"
#include "trace/model_trace.h"

namespace kosim::cli {

namespace {

namespace fs = std::filesystem;

std::optional<trace::Trace> read_trace(const std::string& path) {
    std::ifstream in(platform::path_from_utf8(path), std::ios::binary);
    if (!in) {
        std::cerr << "kosim: cannot open '" << path << "'\n";
        return std::nullopt;
    }
    auto json = nlohmann::json::parse(in, nullptr, false);
    if (json.is_discarded()) {
        std::cerr << "kosim: '" << path << "' is not JSON\n";
        return std::nullopt;
    }
    std::string error;
    auto trace = trace::from_json(json, error);
    if (!trace) std::cerr << "kosim: '" << path << "': " << error << "\n";
    return trace;
}

// The profile: --profile NAME, "none", or the one for the native trace's platform.
bool pick_profile(const std::string& requested, const std::string& platform, const compare::Profile*& profile) {
    if (requested == "none") {
        profile = nullptr;
        return true;
    }
    if (!requested.empty() && requested != "auto") {
        profile = compare::find_profile(requested);
        if (!profile) {
            std::cerr << "kosim: no profile '" << requested << "' (profiles:";
            for (const auto& p : compare::profiles()) std::cerr << " " << p.name;
            std::cerr << ")\n";
            return false;
        }
        return true;
    }
    profile = compare::profile_for_platform(platform);
    return true;
}

struct CompareOptions {
    std::string model_path, native_path, profile, scenario;
    bool verbose = false;
};

int compare_files(const CompareOptions& o) {
    auto model = read_trace(o.model_path);
    auto native = read_trace(o.native_path);
    if (!model || !native) return 2;
    const compare::Profile* profile = nullptr;
    if (!pick_profile(o.profile, native->platform, profile)) return 2;
    if (native->producer == trace::recording_producer) {
        // A recording: the model ran the scenario --kos wrote, whose statements follow it call by call.
        compare::Report report = compare::compare_recording(*model, *native, compare::scenario_from_recording(*native), profile);
        std::cout << compare::format_report(report, o.verbose);
        return report.passed() ? 0 : 1;
    }
    std::shared_ptr<const Program> program;
    LoadedScenario loaded = load_scenario(o.scenario.empty() ? model->scenario.substr(model->scenario.starts_with("builtin:") ? 8 : 0)
                                                             : o.scenario);
    if (loaded.ok()) program = loaded.parsed.program;
    compare::Report report = compare::compare_traces(*model, *native, profile, program.get());
    std::cout << compare::format_report(report, o.verbose);
    return report.passed() ? 0 : 1;
}

struct CrosscheckOptions {
    std::vector<std::string> scenarios;
    std::string profile, native_exe, keep;
    bool all = false, verbose = false;
    std::size_t random = 0;           // --random N: N generated scenarios instead of named ones
    std::uint64_t seed = 1;           // the first one's seed; scenario i has seed + i
    std::size_t statements = 30;
    std::size_t shrink_tries = 60;
};

// One scenario through the model and kosim-native.exe, compared.
struct CheckResult {
    enum class Verdict : std::uint8_t { Pass, Fail, Invalid, NativeFailed } verdict = Verdict::Pass;
    compare::Report report;
    std::string error;
};

class Crosschecker {
public:
    Crosschecker(const CrosscheckOptions& o, fs::path exe, std::vector<std::string> launcher, fs::path folder)
        : o_(o), exe_(std::move(exe)), launcher_(std::move(launcher)), folder_(std::move(folder)) {}

    // `name`: a .kos path or a built-in; the traces go to the folder as STEM.model.json / .native.json.
    CheckResult check(const std::string& name, const std::string& stem) const {
        CheckResult result;
        LoadedScenario loaded = load_scenario(name);
        if (!loaded.ok()) {
            result.verdict = CheckResult::Verdict::Invalid;
            result.error = loaded.error.empty() ? "invalid scenario" : loaded.error;
            return result;
        }
        Timeline timeline(loaded.parsed.program, budgeted_timeline_options());
        trace::Trace model = trace::make_trace(timeline);
        if (std::string error; !write_text_file(platform::utf8_of(folder_ / platform::path_from_utf8(stem + ".model.json")),
                                                trace::to_json(model).dump(2) + "\n", error)) {
            result.verdict = CheckResult::Verdict::NativeFailed;
            result.error = error;
            return result;
        }
        fs::path native_path = folder_ / platform::path_from_utf8(stem + ".native.json");
        std::vector<std::string> argv = launcher_;
        argv.push_back(platform::utf8_of(exe_));
        argv.push_back(name);
        argv.push_back("--json");
        argv.push_back(platform::utf8_of(native_path));
        const int status = platform::run_process(argv);
        std::optional<trace::Trace> native;
        if (status == 0) native = read_trace(platform::utf8_of(native_path));
        if (!native) {
            result.verdict = CheckResult::Verdict::NativeFailed;
            result.error = "kosim-native failed (exit " + std::to_string(status) + ")";
            return result;
        }
        const compare::Profile* profile = nullptr;
        if (!pick_profile(o_.profile, native->platform, profile)) {
            result.verdict = CheckResult::Verdict::Invalid;
            result.error = "no such profile";
            return result;
        }
        result.report = compare::compare_traces(model, *native, profile, loaded.parsed.program.get());
        result.verdict = result.report.passed() ? CheckResult::Verdict::Pass : CheckResult::Verdict::Fail;
        return result;
    }

    const fs::path& folder() const { return folder_; }

private:
    const CrosscheckOptions& o_;
    fs::path exe_;
    std::vector<std::string> launcher_;
    fs::path folder_;
};

std::string verdict_text(const CheckResult& r) {
    switch (r.verdict) {
    case CheckResult::Verdict::Pass: return "PASS";
    case CheckResult::Verdict::Fail: return "FAIL (" + std::to_string(r.report.unexplained) + " unexplained)";
    case CheckResult::Verdict::Invalid: return "INVALID";
    case CheckResult::Verdict::NativeFailed: return "NATIVE RUN FAILED";
    }
    return "";
}

// What a mismatch is about, to shrink towards the same one: the first unexplained difference's call and field.
std::string mismatch_signature(const compare::Report& report) {
    for (const auto& step : report.steps)
        for (const auto& d : step.differences)
            if (d.explained_by.empty()) return d.call + " " + d.field;
    return "";
}

int crosscheck_named(const CrosscheckOptions& o, const Crosschecker& checker) {
    std::vector<std::string> names = o.scenarios;
    if (o.all || names.empty())
        for (const BuiltinScenario& b : builtin_scenarios()) names.emplace_back(b.name);
    int failures = 0;
    std::vector<std::pair<std::string, std::string>> verdicts;
    for (const std::string& name : names) {
        std::cout << "== " << name << "\n" << std::flush;
        const CheckResult r = checker.check(name, platform::utf8_of(platform::path_from_utf8(name).stem()));
        if (!r.error.empty()) std::cerr << "kosim crosscheck: " << name << ": " << r.error << "\n";
        if (r.verdict == CheckResult::Verdict::Pass || r.verdict == CheckResult::Verdict::Fail)
            std::cout << compare::format_report(r.report, o.verbose) << "\n";
        if (r.verdict != CheckResult::Verdict::Pass) ++failures;
        verdicts.emplace_back(name, verdict_text(r));
    }
    std::cout << "Cross-check summary:\n";
    for (const auto& [name, verdict] : verdicts) std::cout << "  " << name << ": " << verdict << "\n";
    return failures;
}

// --random N: generated scenarios (sim/compare/random_scenario.h); each failing one is shrunk to the
// fewest statements that still show its first unexplained mismatch, and printed.
int crosscheck_random(const CrosscheckOptions& o, const Crosschecker& checker) {
    int failures = 0;
    for (std::size_t i = 0; i < o.random; ++i) {
        const std::uint64_t seed = o.seed + i;
        const compare::RandomScenario scenario = compare::random_scenario({seed, o.statements});
        const std::string stem = "random-" + std::to_string(seed);
        const std::string path = platform::utf8_of(checker.folder() / platform::path_from_utf8(stem + ".kos"));
        if (std::string error; !write_text_file(path, scenario.text(), error)) {
            std::cerr << "kosim crosscheck: " << error << "\n";
            return failures + 1;
        }
        const CheckResult r = checker.check(path, stem);
        std::cout << "random " << seed << " (" << scenario.statements.size() << " statements): " << verdict_text(r) << "\n" << std::flush;
        if (r.verdict == CheckResult::Verdict::Pass) continue;
        ++failures;
        if (r.verdict != CheckResult::Verdict::Fail) {
            std::cerr << "kosim crosscheck: " << path << ": " << r.error << "\n";
            continue;
        }
        const std::string signature = mismatch_signature(r.report);
        const std::string trial_path = platform::utf8_of(checker.folder() / platform::path_from_utf8(stem + ".shrink.kos"));
        const compare::RandomScenario smallest = compare::shrink_scenario(
            scenario,
            [&](const compare::RandomScenario& candidate) {
                std::string error;
                if (!write_text_file(trial_path, candidate.text(), error)) return false;
                const CheckResult t = checker.check(trial_path, stem + ".shrink");
                return t.verdict == CheckResult::Verdict::Fail && mismatch_signature(t.report) == signature;
            },
            o.shrink_tries);
        const std::string smallest_path = platform::utf8_of(checker.folder() / platform::path_from_utf8(stem + ".min.kos"));
        std::string error;
        write_text_file(smallest_path, smallest.text(), error);
        const CheckResult again = checker.check(smallest_path, stem + ".min");
        std::cout << "  smallest scenario showing it (" << smallest.statements.size() << " of " << scenario.statements.size()
                  << " statements):\n\n" << smallest.text() << "\n" << compare::format_report(again.report, o.verbose) << "\n";
    }
    std::cout << "Cross-check summary: " << o.random << " random scenarios (seeds " << o.seed << " to " << o.seed + o.random - 1
              << "), " << o.random - static_cast<std::size_t>(failures) << " passed, " << failures << " failed\n";
    return failures;
}

int crosscheck(const CrosscheckOptions& o) {
    fs::path exe = o.native_exe.empty() ? platform::native_runner() : platform::path_from_utf8(o.native_exe);
    if (exe.empty() || !fs::exists(exe)) {
        std::cerr << "kosim crosscheck: " << (exe.empty() ? std::string("kosim-native.exe") : platform::utf8_of(exe))
                  << " not found (build it with mingw-w64: g++-mingw-w64-x86-64-posix)\n";
        return 2;
    }
    if (o.random && (!o.scenarios.empty() || o.all)) {
        std::cerr << "kosim crosscheck: --random makes its own scenarios; name no scenario and no --all with it\n";
        return 2;
    }
    if (o.profile != "" && o.profile != "auto" && o.profile != "none" && !compare::find_profile(o.profile)) {
        const compare::Profile* unused = nullptr;
        pick_profile(o.profile, "", unused);   // says which profiles exist
        return 2;
    }
    std::string why;
    const std::optional<std::vector<std::string>> launcher = platform::native_launcher(&why);
    if (!launcher) {
        std::cerr << "kosim crosscheck: " << why << "\n";
        return 2;
    }
    fs::path folder = o.keep.empty() ? fs::temp_directory_path() / ("kosim-crosscheck-" + std::to_string(platform::process_id()))
                                     : platform::path_from_utf8(o.keep);
    std::error_code ec;
    fs::create_directories(folder, ec);
    if (ec) {
        std::cerr << "kosim crosscheck: cannot create '" << platform::utf8_of(folder) << "': " << ec.message() << "\n";
        return 2;
    }
    const Crosschecker checker(o, exe, *launcher, folder);
    const int failures = o.random ? crosscheck_random(o, checker) : crosscheck_named(o, checker);
    if (o.keep.empty()) {
        fs::remove_all(folder, ec);
    } else {
        std::cout << "traces kept in " << platform::utf8_of(folder) << "\n";
    }
    return failures ? 1 : 0;
}

struct RecordOptions {
    std::vector<std::string> command;      // PROGRAM ARGS... [--then -- PROGRAM ARGS...]
    std::string out, kos, profile, record_exe;
    double timeout_seconds = 30;
    bool verbose = false;
};

// kosim record: kosim-record.exe (through Wine on Linux) runs the programs and writes the trace;
// --kos turns it into a scenario, runs that in the model and compares (docs/record.md).
int record(const RecordOptions& o) {
    std::vector<std::vector<std::string>> programs;
    for (const std::string& word : o.command) {
        if (word == "--then") {
            programs.emplace_back();
            continue;
        }
        if (programs.empty()) programs.emplace_back();
        if (word == "--" && programs.back().empty()) continue;
        programs.back().push_back(word);
    }
    if (programs.empty() || std::any_of(programs.begin(), programs.end(), [](const auto& p) { return p.empty(); })) {
        std::cerr << "kosim record: name a program after --: kosim record -- PROGRAM.exe [ARGS...] [--then -- OTHER.exe ...]\n";
        return 2;
    }
    for (const auto& program : programs) {
        std::error_code ec;
        if (!fs::is_regular_file(platform::path_from_utf8(program.front()), ec)) {
            std::cerr << "kosim record: '" << program.front() << "': no such program\n";
            return 2;
        }
    }
    fs::path exe = o.record_exe.empty() ? platform::native_runner("kosim-record.exe") : platform::path_from_utf8(o.record_exe);
    if (exe.empty() || !fs::exists(exe)) {
        std::cerr << "kosim record: kosim-record.exe not found (it is built with mingw-w64: g++-mingw-w64-x86-64-posix)\n";
        return 2;
    }
    std::string why;
    const std::optional<std::vector<std::string>> launcher = platform::native_launcher(&why);
    if (!launcher) {
        std::cerr << "kosim record: " << why << "\n";
        return 2;
    }
    const std::string out = !o.out.empty() ? o.out
                                           : platform::utf8_of(platform::path_from_utf8(programs.front().front()).stem()) + ".record.json";
    std::vector<std::string> argv = *launcher;
    argv.push_back(platform::utf8_of(exe));
    argv.insert(argv.end(), {"--out", platform::path_for_native(platform::path_from_utf8(out)), "--timeout-ms",
                             std::to_string(static_cast<long long>(o.timeout_seconds * 1000))});
    for (std::size_t i = 0; i < programs.size(); ++i) {
        if (i) argv.push_back("--then");
        argv.push_back("--");
        argv.push_back(platform::path_for_native(platform::path_from_utf8(programs[i].front())));
        argv.insert(argv.end(), programs[i].begin() + 1, programs[i].end());
    }
    std::error_code ec;
    fs::remove(platform::path_from_utf8(out), ec);
    const int status = platform::run_process(argv);
    std::error_code exists_ec;
    if (!fs::exists(platform::path_from_utf8(out), exists_ec)) {
        std::cerr << "kosim record: kosim-record.exe wrote no recording (exit " << status << ")\n";
        return 2;
    }
    std::optional<trace::Trace> recording = read_trace(out);
    if (!recording) return 2;
    std::size_t calls = 0;
    std::vector<std::string> processes;
    for (const trace::Step& s : recording->steps) {
        if (s.kind == "statement") ++calls;
        for (const trace::ProcessObservation& p : s.processes)
            if (std::find(processes.begin(), processes.end(), p.name) == processes.end()) processes.push_back(p.name);
    }
    std::cout << "kosim record: " << calls << " calls in " << processes.size() << " process" << (processes.size() == 1 ? "" : "es");
    for (std::size_t i = 0; i < processes.size(); ++i) std::cout << (i ? ", " : " (") << processes[i] << (i + 1 == processes.size() ? ")" : "");
    std::cout << " -> " << out << "\n";
    if (!recording->unmodelled_calls.empty()) {
        std::cout << "calls outside kosim's table:";
        for (const trace::UnmodelledCalls& u : recording->unmodelled_calls) std::cout << " " << u.process << ":" << u.function << " x" << u.count;
        std::cout << "\n";
    }
    for (const trace::Step& s : recording->steps)
        if (!s.error.empty()) std::cout << "step " << s.index << ": " << s.error << "\n";
    if (status != 0) return 2;   // kosim-record said why; the recording so far is kept
    if (o.kos.empty()) return 0;

    compare::RecordedScenario scenario = compare::scenario_from_recording(*recording);
    if (std::string error; !write_text_file(o.kos, scenario.text, error)) {
        std::cerr << "kosim record: " << error << "\n";
        return 2;
    }
    LoadedScenario loaded = load_scenario(o.kos);
    if (!loaded.ok()) {
        std::cerr << "kosim record: the scenario written to " << o.kos << " does not parse (a kosim bug, please report it):\n"
                  << loaded.error << "\n";
        return 2;
    }
    std::cout << "scenario -> " << o.kos << "\n";
    Timeline timeline(loaded.parsed.program, budgeted_timeline_options());
    trace::Trace model = trace::make_trace(timeline);
    const compare::Profile* profile = nullptr;
    if (!pick_profile(o.profile, recording->platform, profile)) return 2;
    compare::Report report = compare::compare_recording(model, *recording, scenario, profile);
    std::cout << compare::format_report(report, o.verbose);
    return report.passed() ? 0 : 1;
}

}  // namespace

void register_native_commands(CLI::App& app, int& exit_code) {
    auto compare_options = std::make_shared<CompareOptions>();
    CLI::App* cmp = app.add_subcommand("compare", "Compare a model trace with a native one (kosim-native.exe), step by step");
    cmp->add_option("model", compare_options->model_path, "the model's trace (kosim run --json)")->required();
    cmp->add_option("native", compare_options->native_path, "the native trace (kosim-native.exe --json)")->required();
    cmp->add_option("--profile", compare_options->profile, "platform profile: auto (from the native trace), none, wine8, windows10+");
    cmp->add_option("--scenario", compare_options->scenario, "the scenario both ran (default: the one the trace names)");
    cmp->add_flag("--verbose,-v", compare_options->verbose, "show explained differences with their justification");
    cmp->callback([compare_options, &exit_code] { exit_code = compare_files(*compare_options); });

    auto cross_options = std::make_shared<CrosscheckOptions>();
    CLI::App* cross = app.add_subcommand("crosscheck", "Run scenarios in the model and on real Win32 (Wine on Linux) and compare");
    cross->add_option("scenario", cross_options->scenarios, "scenarios (.kos files or built-in names); none = every built-in");
    cross->add_flag("--all", cross_options->all, "every built-in scenario");
    cross->add_option("--profile", cross_options->profile, "platform profile: auto, none, wine8, windows10+");
    cross->add_option("--native", cross_options->native_exe, "kosim-native.exe (default: next to kosim)");
    cross->add_option("--keep", cross_options->keep, "keep both traces of every scenario in this folder");
    cross->add_flag("--verbose,-v", cross_options->verbose, "show explained differences with their justification");
    cross->add_option("--random", cross_options->random, "run N generated scenarios instead, shrinking each that fails")
        ->check(CLI::Range(1, 1'000'000));
    cross->add_option("--seed", cross_options->seed, "--random: the first scenario's seed (default 1; scenario i has SEED + i)");
    cross->add_option("--statements", cross_options->statements, "--random: statements per scenario (default 30)")
        ->check(CLI::Range(1, 10'000));
    cross->add_option("--shrink-tries", cross_options->shrink_tries, "--random: native runs spent shrinking each failure (default 60)")
        ->check(CLI::Range(0, 100'000));
    add_max_memory_option(*cross);
    cross->callback([cross_options, &exit_code] { exit_code = crosscheck(*cross_options); });

    auto record_options = std::make_shared<RecordOptions>();
    CLI::App* rec = app.add_subcommand("record", "Record a real Win32 program's calls and handle tables (Wine on Linux), "
                                                 "optionally beside the model (--kos)");
    rec->add_option("--out", record_options->out, "the recording (default: PROGRAM.record.json)");
    rec->add_option("--kos", record_options->kos, "also write a scenario making the same calls, run it in the model and compare");
    rec->add_option("--timeout", record_options->timeout_seconds, "seconds before the programs are ended (default 30)")
        ->check(CLI::Range(0.1, 3600.0));
    rec->add_option("--profile", record_options->profile, "platform profile for --kos: auto, none, wine8, windows10+");
    rec->add_option("--record-exe", record_options->record_exe, "kosim-record.exe (default: next to kosim)");
    rec->add_flag("--verbose,-v", record_options->verbose, "show explained differences with their justification");
    rec->add_option("command", record_options->command, "-- PROGRAM.exe [ARGS...] [--then -- OTHER.exe [ARGS...]]")->required();
    rec->callback([record_options, &exit_code] { exit_code = record(*record_options); });
}

}  // namespace kosim::cli
