// kosim run / check / list / explain: the scenario runner on the command line.
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <sstream>

#include "cli/arguments.h"
#include "cli/commands.h"
#include "runner/describe.h"
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
    // Pads by display columns, counting a UTF-8 sequence as one column.
    std::size_t columns = 0;
    for (unsigned char c : text)
        if ((c & 0xC0) != 0x80) ++columns;
    if (columns < width) text.append(width - columns, ' ');
    return text;
}

std::string object_state(const model::World& world, const model::KernelObject& object) {
    std::ostringstream out;
    std::visit(
        [&](const auto& s) {
            using T = std::decay_t<decltype(s)>;
            if constexpr (std::is_same_v<T, model::ProcessObject> || std::is_same_v<T, model::ThreadObject>) {
                if (const model::Process* p = world.process(s.pid)) {
                    out << model::to_string(p->state);
                    if (p->state == model::RunState::Exited) out << " (exit code " << p->exit_code << ")";
                }
            } else if constexpr (std::is_same_v<T, model::MailslotObject>) {
                out << s.messages.size() << " message(s) waiting";
            } else if constexpr (std::is_same_v<T, model::PipeEndObject>) {
                if (object.kind == model::ObjectKind::PipeReadEnd) out << s.buffer.size() << " byte(s) in the pipe";
                out << (s.peer ? "" : (object.kind == model::ObjectKind::PipeReadEnd ? "; write end gone" : "read end gone"));
            } else if constexpr (std::is_same_v<T, model::NamedPipeServerObject>) {
                static const char* names[] = {"listening", "connected", "disconnected", "closing"};
                out << names[static_cast<int>(s.state)];
            } else if constexpr (std::is_same_v<T, model::FileObject>) {
                out << "position " << s.position;
            } else if constexpr (std::is_same_v<T, model::MutexObject>) {
                if (const model::Process* p = world.process(s.owner)) out << "owned by " << p->name;
                else out << "not owned";
            } else if constexpr (std::is_same_v<T, model::SemaphoreObject>) {
                out << "count " << s.count << " of " << s.maximum;
            } else if constexpr (std::is_same_v<T, model::EventObject>) {
                out << (s.manual_reset ? "manual-reset, " : "auto-reset, ") << (object.signalled ? "signalled" : "not signalled");
            }
        },
        object.state);
    return out.str();
}

void print_tables(const RunState& state, std::size_t position) {
    const model::World& world = state.world;
    std::cout << "\nHandle tables after step " << position << ":\n";
    for (const model::Process& process : world.processes()) {
        std::cout << "  " << process.name << " (pid " << process.pid << ", " << model::to_string(process.state);
        if (process.state == model::RunState::Exited) std::cout << ", exit code " << process.exit_code;
        std::cout << ")\n";
        if (process.handles.size() == 0) {
            std::cout << "    (empty)\n";
            continue;
        }
        std::cout << "    " << pad("handle", 8) << pad("object", 38) << pad("access", 12) << pad("inherit", 9)
                  << pad("protect", 9) << "origin\n";
        process.handles.for_each([&](const model::HandleEntry& entry) {
            std::ostringstream access;
            access << "0x" << std::hex << std::uppercase << entry.access;
            std::cout << "    " << pad(to_hex(entry.value), 8) << pad(describe_object(world, entry.object), 38)
                      << pad(access.str(), 12) << pad(entry.inherit ? "yes" : "no", 9)
                      << pad(entry.protect_from_close ? "yes" : "no", 9) << trace::describe_origin(world, entry.origin)
                      << "\n";
        });
    }
    std::cout << "\nKernel objects:\n  " << pad("id", 6) << pad("type", 18) << pad("name", 28) << pad("handle_count", 14)
              << pad("usage_count", 13) << "state\n";
    for (const model::KernelObject* object : world.objects()) {
        std::string name = object->name;
        if (name.empty()) {
            std::string full = describe_object(world, object->id);
            std::string kind(model::kind_name(object->kind));
            name = full.size() > kind.size() ? full.substr(kind.size() + 1) : "";
        }
        std::cout << "  " << pad("#" + std::to_string(object->id), 6) << pad(std::string(model::kind_name(object->kind)), 18)
                  << pad(name, 28) << pad(std::to_string(object->handle_count), 14)
                  << pad(std::to_string(object->usage_count), 13) << object_state(world, *object) << "\n";
    }
    if (!world.files().empty()) {
        std::cout << "\nFiles:\n";
        for (const auto& [path, contents] : world.files())
            std::cout << "  " << path << ": " << to_display(Value::string(contents)) << "\n";
    }
}

void print_narration(const Narration& narration, bool korean, const char* indent) {
    const std::string& text = pick_language(narration, korean);
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
    Timeline timeline(program);
    bool korean = options.lang == "ko";
    std::size_t last = timeline.step_count();
    if (options.step > last) {
        std::cerr << "kosim: --step " << options.step << " is past the end: the run has " << last << " steps\n";
        return 2;
    }
    std::size_t stop = options.step ? options.step : last;

    const std::string& title = pick_language(program->title, korean);
    std::cout << (title.empty() ? program->file_name : title) << "  (" << program->file_name << ", " << last
              << " steps)\n";
    print_narration(program->introduction, korean, "  ");

    std::map<model::Pid, std::uint32_t> last_errors;
    for (std::size_t index = 1; index <= stop && !options.quiet; ++index) {
        model::World before = timeline.state_at(index - 1).world;
        const StepRecord record = timeline.record(index);
        const RunState& after = timeline.state_at(index);
        std::cout << "\n[" << index << "] ";
        switch (record.kind) {
        case StepRecord::Kind::Statement: {
            const Statement& statement = program->statements[record.statement];
            std::cout << "line " << statement.location.line << "  " << describe_outcome(statement, record.outcome) << "\n";
            if (record.outcome.status == model::Outcome::Status::Completed && !record.error.size()) {
                std::uint32_t error = record.outcome.last_error;
                if (error != last_errors[record.pid] && error != last_error_sentinel)
                    std::cout << "      last error: " << win32::error_name(error) << " (" << error << ")\n";
                last_errors[record.pid] = error;
            }
            break;
        }
        case StepRecord::Kind::Clock: std::cout << "time passes: the clock is now " << record.time_ms << " ms\n"; break;
        case StepRecord::Kind::Deadlock: std::cout << "deadlock: no process can make progress\n"; break;
        case StepRecord::Kind::Skipped: std::cout << "skipped\n"; break;
        }
        if (!record.error.empty()) std::cout << "      error: " << record.error << "\n";
        for (const StepRecord::Completed& c : record.completions) {
            const Statement& statement = program->statements[c.statement];
            std::cout << "      completes line " << statement.location.line << ": " << describe_outcome(statement, c.outcome) << "\n";
            if (c.outcome.last_error != last_errors[c.pid] && c.outcome.last_error != last_error_sentinel)
                std::cout << "      last error: " << win32::error_name(c.outcome.last_error) << " (" << c.outcome.last_error << ")\n";
            last_errors[c.pid] = c.outcome.last_error;
        }
        for (const model::Change& change : record.changes)
            std::cout << "      " << describe_change(before, after.world, change) << "\n";
        for (const WaitReport& wait : record.waits) std::cout << "      " << (korean ? wait.description_ko : wait.description) << "\n";
        if (record.kind == StepRecord::Kind::Statement) print_narration(program->statements[record.statement].narration, korean, "      ");
        for (const ExpectationResult& e : record.expectations) {
            const Expectation& expectation = program->statements[e.statement].expectations[e.index];
            if (e.passed) std::cout << "      ok    expect " << expectation.text << "\n";
            else std::cout << "      FAIL  line " << expectation.location.line << ": " << e.message << "\n";
        }
    }
    if (options.quiet) {
        // --quiet drops the steps, never a failure: every failed expectation and error still shows.
        for (const auto& checked : timeline.expectations())
            if (!checked.result.passed && checked.step <= stop) {
                const ExpectationResult& e = checked.result;
                std::cout << "FAIL  line " << program->statements[e.statement].expectations[e.index].location.line << ": "
                          << e.message << "\n";
            }
        for (std::size_t step : timeline.error_steps())
            if (step <= stop) std::cout << "error in step " << step << ": " << timeline.record(step).error << "\n";
    }
    print_tables(timeline.state_at(stop), stop);

    std::size_t passed = 0, failed = 0;
    for (const auto& checked : timeline.expectations()) (checked.result.passed ? passed : failed)++;
    std::cout << "\n" << passed << " expectation(s) passed, " << failed << " failed";
    if (timeline.deadlock_step())
        std::cout << "; the run ended in a deadlock" << (program->expect_deadlock ? " (as expected)" : " (NOT expected)");
    else if (program->expect_deadlock)
        std::cout << "; `expect deadlock` but the run did not deadlock";
    if (!timeline.error_steps().empty()) std::cout << "; " << timeline.error_steps().size() << " step(s) with errors";
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
    Timeline timeline(program);
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
            std::string described = describe_object(world, object->id);
            if (object->name == object_name || "#" + std::to_string(object->id) == object_name ||
                described == object_name || described.substr(described.find(' ') + 1) == object_name) {
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
    std::cout << describe_object(world, id) << " after step " << position << ": handle_count " << object->handle_count
              << ", usage_count " << object->usage_count << "\n";
    std::cout << "It is held by:\n";
    for (const model::Holder& holder : world.holders(id)) {
        const model::Process* p = world.process(holder.pid);
        std::string name = p ? p->name : "?";
        switch (holder.kind) {
        case model::Holder::Kind::Entry:
            std::cout << "  - " << name << "'s handle " << to_hex(holder.handle) << " ("
                      << trace::describe_origin(world, holder.origin) << "): +1 handle_count, +1 usage_count\n";
            break;
        case model::Holder::Kind::RunningProcess:
            std::cout << "  - " << name << " itself, while it runs (a running process holds its own process object): +1 usage_count\n";
            break;
        case model::Holder::Kind::RunningThread:
            std::cout << "  - " << name << "'s main thread, while it runs: +1 usage_count\n";
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
    run->add_option("--lang", options->lang, "narration language")->check(CLI::IsMember({"en", "ko"}));
    run->add_option("--step", options->step, "stop printing at step N and show the tables after it")->check(step_number());
    run->add_flag("--quiet", options->quiet, "print only the final tables and the summary");
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
            std::string title = parsed.ok() ? pick_language(parsed.program->title, *list_lang == "ko") : "(invalid!)";
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
