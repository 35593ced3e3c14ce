// kosim: the command line. Exit codes: 0 every expectation held, 1 one failed (or an unexpected
// deadlock or run-time error), 2 an invalid scenario or a usage error.
#include <iostream>

#include "app/platform.h"
#include "cli/commands.h"
#include "scenario/builtin.h"

namespace kosim::cli {

#if !KOSIM_HAVE_GUI
void register_gui_commands(CLI::App&, int&) {}
int run_default(int& exit_code);
#endif
#if !KOSIM_HAVE_NATIVE_COMMANDS
void register_native_commands(CLI::App&, int&) {}
#endif

}  // namespace kosim::cli

int main(int argc, char** argv) {
    kosim::platform::prepare_console();
    CLI::App app{"kosim: watch Windows kernel objects, handle tables and usage counts change, one Win32 call at a time.\n"
                 "With no command, kosim opens the window on the default scenario (" +
                 std::string(kosim::default_scenario_name) + ")."};
    app.set_version_flag("--version", std::string("kosim ") + KOSIM_VERSION);
    app.require_subcommand(0, 1);
    // CLI11 reads "/x" as an option on Windows; kosim's options are "--x" everywhere, and "/path" is a path.
    app.allow_windows_style_options(false);
    app.footer("SCENARIO is a path to a .kos file or a built-in's name (see `kosim list`).\n"
               "Exit codes: 0 every expectation held; 1 an expectation failed, or an unexpected deadlock or error;\n"
               "2 an invalid scenario or a usage error.\n\n"
               "The scenario language (full grammar: docs/scenario-language.md), one line each:\n"
               "  scenario \"Title\"   scenario.ko \"제목\"      the title, in English and Korean\n"
               "  process NAME                               a process that exists at the start\n"
               "  NAME: [var =] Call(args)                   one Win32 call made by NAME; var gets its return value\n"
               "    args: positional in Win32 order, name=value by Win32 parameter name, &var for out parameters\n"
               "    CreateProcess(\"Child\", &pi, bInheritHandles=TRUE) starts a process called Child\n"
               "  NAME: var = expression                     a local value: hex(h), handle(text), word(text, n), a + b\n"
               "  expect LHS == RHS | expect EXPR | expect deadlock\n"
               "    observers: usage(h) handles(h) inherit(h) protect(h) valid(h) [also (P, h)], usage(P),\n"
               "    state(P) exit_code(P) messages(h) bytes(h); result and last_error of the statement above\n"
               "  say \"text\"   say.ko \"텍스트\"                narration for the statement above\n"
               "  # comment; strings take C escapes (\"\\\\\\\\.\\\\mailslot\\\\x\") or are raw (r\"\\\\.\\mailslot\\x\")");
    int exit_code = 0;
    kosim::cli::register_run_commands(app, exit_code);
    kosim::cli::register_gui_commands(app, exit_code);
    kosim::cli::register_native_commands(app, exit_code);
    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        app.exit(e);
        return 2;
    }
    if (app.get_subcommands().empty()) return kosim::cli::run_default(exit_code);
    return exit_code;
}
