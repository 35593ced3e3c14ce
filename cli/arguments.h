// Checks and helpers shared by kosim's subcommands: what a step number or an output path must
// look like, and writing an output file with the system's reason when it fails.
#pragma once

#include <CLI/CLI.hpp>

#include <string>

namespace kosim::cli {

// --step N: decimal digits only, 1 or more (a "-1" would otherwise wrap to 2^64 - 1).
const CLI::Validator& step_number();
// --json FILE, --out FILE: a non-empty path ("-" for standard output where the option says so).
const CLI::Validator& non_empty_path();

// Writes `text` to `path` ("-": standard output). On failure returns false and sets `error` to
// "cannot write 'x.json': No space left on device".
bool write_text_file(const std::string& path, const std::string& text, std::string& error);

}  // namespace kosim::cli
