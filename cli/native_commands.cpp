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
};

int crosscheck(const CrosscheckOptions& o) {
    fs::path exe = o.native_exe.empty() ? platform::native_runner() : platform::path_from_utf8(o.native_exe);
    if (exe.empty() || !fs::exists(exe)) {
        std::cerr << "kosim crosscheck: " << (exe.empty() ? std::string("kosim-native.exe") : platform::utf8_of(exe))
                  << " not found (build it with mingw-w64: g++-mingw-w64-x86-64-posix)\n";
        return 2;
    }
    std::string why;
    const std::optional<std::vector<std::string>> launcher = platform::native_launcher(&why);
    if (!launcher) {
        std::cerr << "kosim crosscheck: " << why << "\n";
        return 2;
    }
    std::vector<std::string> names = o.scenarios;
    if (o.all || names.empty())
        for (const BuiltinScenario& b : builtin_scenarios()) names.emplace_back(b.name);
    fs::path folder = o.keep.empty() ? fs::temp_directory_path() / ("kosim-crosscheck-" + std::to_string(platform::process_id()))
                                     : platform::path_from_utf8(o.keep);
    fs::create_directories(folder);

    int failures = 0;
    std::vector<std::pair<std::string, std::string>> verdicts;
    for (const std::string& name : names) {
        LoadedScenario loaded = load_scenario(name);
        if (!loaded.ok()) {
            std::cerr << "kosim crosscheck: " << name << ": " << (loaded.error.empty() ? "invalid scenario" : loaded.error) << "\n";
            ++failures;
            verdicts.emplace_back(name, "INVALID");
            continue;
        }
        std::string stem = platform::utf8_of(platform::path_from_utf8(name).stem());
        Timeline timeline(loaded.parsed.program, budgeted_timeline_options());
        trace::Trace model = trace::make_trace(timeline);
        if (std::string error; !write_text_file(platform::utf8_of(folder / platform::path_from_utf8(stem + ".model.json")),
                                                trace::to_json(model).dump(2) + "\n", error)) {
            std::cerr << "kosim crosscheck: " << error << "\n";
            return 2;
        }
        fs::path native_path = folder / platform::path_from_utf8(stem + ".native.json");
        std::vector<std::string> argv = *launcher;
        argv.push_back(platform::utf8_of(exe));
        argv.push_back(name);
        argv.push_back("--json");
        argv.push_back(platform::utf8_of(native_path));
        std::cout << "== " << name << "\n" << std::flush;
        int status = platform::run_process(argv);
        std::optional<trace::Trace> native;
        if (status == 0) native = read_trace(platform::utf8_of(native_path));
        if (!native) {
            std::cerr << "kosim crosscheck: " << name << ": kosim-native failed (exit " << status << ")\n";
            ++failures;
            verdicts.emplace_back(name, "NATIVE RUN FAILED");
            continue;
        }
        const compare::Profile* profile = nullptr;
        if (!pick_profile(o.profile, native->platform, profile)) return 2;
        compare::Report report = compare::compare_traces(model, *native, profile, loaded.parsed.program.get());
        std::cout << compare::format_report(report, o.verbose) << "\n";
        if (!report.passed()) ++failures;
        verdicts.emplace_back(name, report.passed() ? "PASS" : "FAIL (" + std::to_string(report.unexplained) + " unexplained)");
    }
    std::cout << "Cross-check summary:\n";
    for (const auto& [name, verdict] : verdicts) std::cout << "  " << name << ": " << verdict << "\n";
    if (o.keep.empty()) {
        std::error_code ec;
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
