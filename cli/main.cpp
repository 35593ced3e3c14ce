// kosim: the command line. Exit codes: 0 every expectation held, 1 one failed (or an unexpected
// deadlock or run-time error), 2 an invalid scenario or a usage error.
#include <iostream>

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
    CLI::App app{"kosim: watch Windows kernel objects, handle tables and usage counts change, one Win32 call at a time.\n"
                 "With no command, kosim opens the window on the default scenario (" +
                 std::string(kosim::default_scenario_name) + ")."};
    app.set_version_flag("--version", std::string("kosim ") + KOSIM_VERSION);
    app.require_subcommand(0, 1);
    app.footer("SCENARIO is a path to a .kos file or a built-in's name (see `kosim list`).\n"
               "Exit codes: 0 every expectation held; 1 an expectation failed, or an unexpected deadlock or error;\n"
               "2 an invalid scenario or a usage error. The language: docs/scenario-language.md.");
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
