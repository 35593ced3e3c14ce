// Each group of kosim's subcommands registers itself on the CLI11 app; main.cpp dispatches.
// A registered command's callback stores its exit code in `exit_code`.
#pragma once

#include <CLI/CLI.hpp>

namespace kosim::cli {

void register_run_commands(CLI::App& app, int& exit_code);     // run, check, list, explain (cli/run_commands.cpp)
void register_gui_commands(CLI::App& app, int& exit_code);     // gui, screenshot (cli/gui_commands.cpp; GUI issue)
void register_native_commands(CLI::App& app, int& exit_code);  // compare, crosscheck (cli/native_commands.cpp; native issue)
// What `kosim` with no subcommand does: the GUI on the default scenario when built, else `kosim run`.
int run_default(int& exit_code);

}  // namespace kosim::cli
