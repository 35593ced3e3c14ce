// kosim run / check / list / explain: the scenario runner on the command line.
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <sstream>

#include "cli/arguments.h"
#include "cli/commands.h"
#include "cli/memory_budget.h"
#include "describe/describe.h"
#include "scenario/builtin.h"
#include "timeline/timeline.h"
#include "trace/model_trace.h"
#include "win32/constants.h"

namespace kosim::cli {

namespace {

// Loads and parses; prints diagnostics to stderr. Null when the scenario is invalid.
std::shared_ptr<const Program> load_or_report(const std::string& name, bool print_warnings = true) {
    LoadedScenario loaded = load_scenario(name);
    if (!loaded.error.empty()) {
        std::cerr << "kosim: " << loaded.error << "\n";
        return nullptr;
    }
    for (const Diagnostic& d : loaded.parsed.diagnostics)
        if (print_warnings || d.severity == Diagnostic::Severity::Error)
            std::cerr << format_diagnostic(d, loaded.source, loaded.file_name);
    return loaded.parsed.program;
}

std::string pad(std::string text, std::size_t width) {
    // Pads by display columns: a UTF-8 sequence is one column, a Hangul syllable or jamo two (East Asian wide).
    std::size_t columns = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(text[i]);
        if ((c & 0xC0) == 0x80) continue;
        const bool wide = (c == 0xEA && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) >= 0xB0) ||
                          (c >= 0xEB && c <= 0xEC) || (c == 0xED && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) < 0x9F) ||
                          c == 0xE3;   // U+AC00..U+D7A3 (syllables), U+3000..U+3FFF (compatibility jamo, CJK punctuation)
        columns += wide ? 2 : 1;
    }
    text.append(columns < width ? width - columns : 1, ' ');   // a too-long cell still ends with a space
    return text;
}

void print_tables(const RunState& state, std::size_t position, Language l) {
    const model::World& world = state.world;
    std::cout << "\n" << fmt(tr(l, "Handle tables after step {0}:"), {std::to_string(position)}) << "\n";
    for (const model::Process& process : world.processes()) {
        std::cout << "  " << process.name << " (pid " << describe::pid_text(process.pid) << ", "
                  << describe::process_state_text(process, world, l) << ")\n";
        if (process.handles.size() == 0) {
            std::cout << "    " << tr(l, "(empty handle table)") << "\n";
            continue;
        }
        std::cout << "    " << pad(tr(l, "Handle"), 8) << pad(tr(l, "Object"), 38) << pad(tr(l, "Access"), 30)
                  << pad(tr(l, "Flags"), 18) << tr(l, "Origin") << "\n";
        process.handles.for_each([&](const model::HandleEntry& entry) {
            std::vector<std::string> flags;
            if (entry.inherit) flags.emplace_back(tr(l, "inherit"));
            if (entry.protect_from_close) flags.emplace_back(tr(l, "protect"));
            std::string flag_text;
            for (const auto& flag : flags) flag_text += (flag_text.empty() ? "" : ", ") + flag;
            std::cout << "    " << pad(to_hex(entry.value), 8)
                      << pad(describe::label_text(describe::label_of(world, entry.object), l), 38)
                      << pad(describe::join_flags(describe::access_names(entry.access, world.object(entry.object) ? world.object(entry.object)->kind : model::ObjectKind::File)), 30) << pad(flag_text.empty() ? "-" : flag_text, 18)
                      << describe::origin_text(entry.origin, world, l) << "\n";
        });
    }
    std::cout << "\n" << tr(l, "Kernel objects:") << "\n  " << pad("id", 6) << pad(tr(l, "Type"), 26) << pad(tr(l, "Name"), 28)
              << pad("handle_count", 14) << pad("usage_count", 13) << tr(l, "State") << "\n";
    for (const model::KernelObject* object : world.objects()) {
        const describe::ObjectLabel label = describe::label_of(world, *object);
        std::string name = label.process.empty() && label.name.empty() ? "" : describe::label_name_text(label);
        std::cout << "  " << pad("#" + std::to_string(object->id), 6) << pad(describe::kind_text(object->kind, l), 26)
                  << pad(name, 28) << pad(std::to_string(object->handle_count), 14)
                  << pad(std::to_string(object->usage_count), 13) << describe::object_state_line(*object, world, l) << "\n";
    }
    if (!world.files().empty()) {
        std::cout << "\n" << tr(l, "Files:") << "\n";
        for (const auto& [path, contents] : world.files())
            std::cout << "  " << path << ": " << to_display(Value::string(contents)) << "\n";
    }
}

void print_narration(const Narration& narration, Language l, const char* indent) {
    const std::string& text = describe::pick_language(narration, l);
    if (text.empty()) return;
    std::istringstream lines(text);
    std::string line;
    while (std::getline(lines, line)) std::cout << indent << "say: " << line << "\n";
}

struct RunOptions {
    std::string scenario;
    std::string json;
    std::string lang = "en";
    std::size_t step = 0;
    bool quiet = false;
};

int run_scenario(const RunOptions& options) {
    auto program = load_or_report(options.scenario);
    if (!program) return 2;
    Timeline timeline(program, budgeted_timeline_options());
    Language l = Language::English;
    parse_language(options.lang, l);
    std::size_t last = timeline.step_count();
    if (options.step > last) {
        std::cerr << "kosim: --step " << options.step << " is past the end: the run has " << last << " steps\n";
        return 2;
    }
    std::size_t stop = options.step ? options.step : last;

    const std::string& title = describe::pick_language(program->title, l);
    std::cout << (title.empty() ? program->file_name : title) << "  (" << program->file_name << ", " << last
              << " steps)\n";
    print_narration(program->introduction, l, "  ");

    std::map<model::Pid, std::uint32_t> last_errors;
    auto print_last_error = [&](model::Pid pid, std::uint32_t error) {
        if (error != last_errors[pid] && error != last_error_sentinel)
            std::cout << "      " << fmt(tr(l, "last error: {0} ({1})"), {win32::error_name(error), std::to_string(error)}) << "\n";
        last_errors[pid] = error;
    };
    for (std::size_t index = 1; index <= stop && !options.quiet; ++index) {
        const StepRecord record = timeline.record(index);
        const RunState& after = timeline.state_at(index);
        std::cout << "\n[" << index << "] ";
        switch (record.kind) {
        case StepRecord::Kind::Statement: {
            const Statement& statement = program->statements[record.statement];
            std::cout << fmt(tr(l, "line {0}  {1}"), {std::to_string(statement.location.line),
                                                      describe::outcome_text(statement, record.outcome, l)}) << "\n";
            if (record.outcome.status == model::Outcome::Status::Completed && !record.error.size())
                print_last_error(record.pid, record.outcome.last_error);
            break;
        }
        case StepRecord::Kind::Clock:
            std::cout << fmt(tr(l, "time passes: the clock is now {0} ms"), {std::to_string(record.time_ms)}) << "\n";
            break;
        case StepRecord::Kind::Deadlock: std::cout << tr(l, "deadlock: no process can make progress") << "\n"; break;
        case StepRecord::Kind::Skipped: std::cout << tr(l, "skipped") << "\n"; break;
        }
        if (!record.error.empty()) std::cout << "      " << fmt(tr(l, "error: {0}"), {record.error}) << "\n";
        for (const StepRecord::Completed& c : record.completions) {
            const Statement& statement = program->statements[c.statement];
            std::cout << "      " << fmt(tr(l, "completes line {0}: {1}"), {std::to_string(statement.location.line),
                                                                            describe::outcome_text(statement, c.outcome, l)}) << "\n";
            print_last_error(c.pid, c.outcome.last_error);
        }
        for (const std::string& sentence : describe::change_sentences(*program, record, after.world, l))
            std::cout << "      " << sentence << "\n";
        for (const WaitReport& wait : record.waits) std::cout << "      " << describe::wait_sentence(after.world, wait, l) << "\n";
        if (record.kind == StepRecord::Kind::Statement) print_narration(program->statements[record.statement].narration, l, "      ");
        for (const ExpectationResult& e : record.expectations) {
            const Expectation& expectation = program->statements[e.statement].expectations[e.index];
            if (e.passed) std::cout << "      ok    expect " << expectation.text << "\n";
            else std::cout << "      FAIL  " << fmt(tr(l, "line {0}: {1}"), {std::to_string(expectation.location.line), e.message}) << "\n";
        }
    }
    if (options.quiet) {
        // --quiet drops the steps, never a failure: every failed expectation and error still shows.
        for (const auto& checked : timeline.expectations())
            if (!checked.result.passed && checked.step <= stop) {
                const ExpectationResult& e = checked.result;
                std::cout << "FAIL  " << fmt(tr(l, "line {0}: {1}"), {std::to_string(program->statements[e.statement].expectations[e.index].location.line), e.message}) << "\n";
            }
        for (std::size_t step : timeline.error_steps()) {
            if (step > stop) continue;
            const StepRecord record = timeline.record(step);
            if (record.statement < program->statements.size())   // where: the statement's line
                std::cout << fmt(tr(l, "error in step {0} (line {1}): {2}"),
                                 {std::to_string(step), std::to_string(program->statements[record.statement].location.line), record.error})
                          << "\n";
            else
                std::cout << fmt(tr(l, "error in step {0}: {1}"), {std::to_string(step), record.error}) << "\n";
        }
    }
    print_tables(timeline.state_at(stop), stop, l);

    std::size_t passed = 0, failed = 0;
    for (const auto& checked : timeline.expectations()) (checked.result.passed ? passed : failed)++;
    std::cout << "\n" << fmt(tr(l, "{0} expectation(s) passed, {1} failed"), {std::to_string(passed), std::to_string(failed)});
    if (timeline.deadlock_step())
        std::cout << (program->expect_deadlock ? tr(l, "; the run ended in a deadlock (as expected)") : tr(l, "; the run ended in a deadlock (NOT expected)"));
    else if (program->expect_deadlock)
        std::cout << tr(l, "; `expect deadlock` but the run did not deadlock");
    if (!timeline.error_steps().empty())
        std::cout << fmt(tr(l, "; {0} step(s) with errors"), {std::to_string(timeline.error_steps().size())});
    std::cout << ".\n";

    if (!options.json.empty()) {
        std::string text = trace::to_json(trace::make_trace(timeline)).dump(2) + "\n";
        std::cout << std::flush;
        std::string error;
        if (!write_text_file(options.json, text, error)) {
            std::cerr << "kosim: " << error << "\n";
            return 2;
        }
    }
    return timeline.passed() ? 0 : 1;
}

// "Parent:0x1C" -> (Parent, 0x1C).
bool parse_handle_ref(const std::string& text, std::string& process, HandleValue& handle) {
    std::size_t colon = text.rfind(':');
    if (colon == std::string::npos || colon == 0) return false;
    process = text.substr(0, colon);
    auto value = parse_handle_value(std::string_view(text).substr(colon + 1));
    if (value) handle = *value;
    return value.has_value();
}

int explain(const std::string& scenario, std::size_t step, const std::string& handle_ref, const std::string& object_name) {
    auto program = load_or_report(scenario, false);
    if (!program) return 2;
    Timeline timeline(program, budgeted_timeline_options());
    if (step > timeline.step_count()) {
        std::cerr << "kosim: --step " << step << " is past the end: the run has " << timeline.step_count() << " steps\n";
        return 2;
    }
    std::size_t position = step ? step : timeline.step_count();
    const RunState& state = timeline.state_at(position);
    const model::World& world = state.world;
    model::ObjectId id = 0;
    if (!handle_ref.empty()) {
        std::string process;
        HandleValue handle;
        if (!parse_handle_ref(handle_ref, process, handle)) {
            std::cerr << "kosim: --handle takes PROCESS:VALUE, for example Parent:0x1C\n";
            return 2;
        }
        const model::Process* p = world.find_process(process);
        if (!p) {
            // Like a handle or an object that is not there: nothing to explain (exit 1), not a usage error.
            std::cerr << "kosim: there is no process '" << process << "' after step " << position << "\n";
            return 1;
        }
        const model::HandleEntry* entry = world.entry(p->pid, handle);
        if (!entry) {
            std::cerr << "kosim: " << to_hex(handle) << " is not a handle in " << process << "'s table after step "
                      << position << "\n";
            return 1;
        }
        id = entry->object;
    } else {
        for (const model::KernelObject* object : world.objects()) {
            const describe::ObjectLabel label = describe::label_of(world, *object);
            if (label.name == object_name || label.process == object_name || "#" + std::to_string(object->id) == object_name ||
                describe::label_text(label, Language::English) == object_name) {
                id = object->id;
                break;
            }
        }
        if (!id) {
            std::cerr << "kosim: no live object named '" << object_name << "' after step " << position
                      << " (names, process names and #ids work)\n";
            return 1;
        }
    }
    const model::KernelObject* object = world.object(id);
    std::cout << describe::label_text(describe::label_of(world, id), Language::English) << " after step " << position << ": handle_count " << object->handle_count
              << ", usage_count " << object->usage_count << "\n";
    std::cout << "It is held by:\n";
    for (const model::Holder& holder : world.holders(id)) {
        const model::Process* p = world.process(holder.pid);
        std::string name = p ? p->name : "?";
        switch (holder.kind) {
        case model::Holder::Kind::Entry:
            std::cout << "  - " << name << "'s handle " << to_hex(holder.handle) << " ("
                      << describe::origin_text(holder.origin, world, Language::English) << "): +1 handle_count, +1 usage_count\n";
            break;
        case model::Holder::Kind::RunningProcess:
            std::cout << "  - " << name << " itself, while it runs (a running process holds its own process object): +1 usage_count\n";
            break;
        case model::Holder::Kind::RunningThread:
            std::cout << "  - " << name << "'s main thread, while it runs: +1 usage_count\n";
            break;
        case model::Holder::Kind::MappedView:
            std::cout << "  - " << name << "'s mapped view at " << to_hex(HandleValue{holder.address})
                      << " (a view holds its file mapping, with no handle): +1 usage_count\n";
            break;
        case model::Holder::Kind::MappingFile:
            std::cout << "  - " << describe::label_text(describe::label_of(world, holder.mapping), Language::English)
                      << ", which maps this file: +1 usage_count\n";
            break;
        }
    }
    return 0;
}

}  // namespace

void register_run_commands(CLI::App& app, int& exit_code) {
    auto options = std::make_shared<RunOptions>();
    CLI::App* run = app.add_subcommand("run", "Run a scenario and print each step, then every handle table and object");
    run->add_option("scenario", options->scenario, "a .kos file or a built-in's name")->default_str(std::string(default_scenario_name));
    run->add_option("--json", options->json, "also write the per-step trace as JSON to FILE (- for standard output)")
        ->check(non_empty_path());
    run->add_option("--lang", options->lang, "the language of everything it prints: en or ko")->check(CLI::IsMember({"en", "ko"}));
    run->add_option("--step", options->step, "stop printing at step N and show the tables after it")->check(step_number());
    run->add_flag("--quiet", options->quiet, "print only the final tables and the summary");
    add_max_memory_option(*run);
    run->callback([options, &exit_code] {
        if (options->scenario.empty()) options->scenario = std::string(default_scenario_name);
        exit_code = run_scenario(*options);
    });

    auto files = std::make_shared<std::vector<std::string>>();
    CLI::App* check = app.add_subcommand("check", "Check scenarios for errors without running them");
    check->add_option("scenario", *files, "one or more .kos files or built-in names")->required();
    check->callback([files, &exit_code] {
        exit_code = 0;
        for (const std::string& file : *files) {
            LoadedScenario loaded = load_scenario(file);
            if (!loaded.error.empty()) {
                std::cerr << "kosim: " << loaded.error << "\n";
                exit_code = 2;
                continue;
            }
            for (const Diagnostic& d : loaded.parsed.diagnostics)
                std::cerr << format_diagnostic(d, loaded.source, loaded.file_name);
            if (loaded.parsed.ok())
                std::cout << loaded.file_name << ": ok (" << loaded.parsed.program->statements.size() << " statements)\n";
            else
                exit_code = 2;
        }
    });

    auto list_lang = std::make_shared<std::string>("en");
    CLI::App* list = app.add_subcommand("list", "List the built-in scenarios");
    list->add_option("--lang", *list_lang, "title language")->check(CLI::IsMember({"en", "ko"}));
    list->callback([list_lang, &exit_code] {
        for (const BuiltinScenario& builtin : builtin_scenarios()) {
            ParseResult parsed = parse_scenario(builtin.source, "builtin:" + std::string(builtin.name));
            std::string title = parsed.ok() ? describe::pick_language(parsed.program->title, *list_lang == "ko" ? Language::Korean : Language::English) : "(invalid!)";
            std::cout << pad(std::string(builtin.name), 34) << title << "\n";
        }
        exit_code = 0;
    });

    struct ExplainOptions {
        std::string scenario, handle, object;
        std::size_t step = 0;
    };
    auto explain_options = std::make_shared<ExplainOptions>();
    CLI::App* explain_cmd = app.add_subcommand("explain", "Say why an object's usage_count is what it is: every holder, with its origin\n"
                                                        "(exit 1 when no such process, handle or object exists after that step)");
    explain_cmd->add_option("scenario", explain_options->scenario, "a .kos file or a built-in's name")->required();
    explain_cmd->add_option("--step", explain_options->step, "after step N (default: the end)")->check(step_number());
    auto* by_handle = explain_cmd->add_option("--handle", explain_options->handle, "PROCESS:VALUE, e.g. Parent:0x1C (hex with 0x, else decimal)");
    auto* by_object = explain_cmd->add_option("--object", explain_options->object, "an object's name, a process name, or #id")
                          ->check(CLI::Validator([](std::string& text) { return text.empty() ? std::string("needs a name, not an empty string") : std::string(); },
                                                 "NAME", "non-empty name"));
    by_handle->excludes(by_object);
    add_max_memory_option(*explain_cmd);
    explain_cmd->callback([explain_options, by_handle, by_object, &exit_code] {
        if (!*by_handle && !*by_object) {
            std::cerr << "kosim explain: give --handle PROCESS:VALUE or --object NAME\n";
            exit_code = 2;
            return;
        }
        exit_code = explain(explain_options->scenario, explain_options->step, explain_options->handle, explain_options->object);
    });
}

#if !KOSIM_HAVE_GUI
int run_default(int& exit_code) {
    RunOptions options;
    options.scenario = std::string(default_scenario_name);
    exit_code = run_scenario(options);
    return exit_code;
}
#endif

}  // namespace kosim::cli
