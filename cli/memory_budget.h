// The run's memory budget on the command line (issue 12): `--max-memory SIZE` on every command that
// runs a scenario, and the heap probe the timeline compares it with.
#pragma once

#include <CLI/CLI.hpp>

#include "timeline/timeline.h"

namespace kosim::cli {

// Bytes allocated through operator new and not yet freed, in this process (cli/memory_budget.cpp
// replaces the global operator new and delete to count them).
std::size_t heap_in_use();

// Adds --max-memory SIZE (64M, 2G, 1048576; kb = 1024 bytes) to a command.
void add_max_memory_option(CLI::App& command);

// Timeline options with the budget --max-memory set (default: TimelineOptions' 2 GiB) and the heap probe.
TimelineOptions budgeted_timeline_options();

}  // namespace kosim::cli
