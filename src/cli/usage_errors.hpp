#pragma once

// One-line messages for command-line parse failures, in the `error: MESSAGE`
// form of every other failure (docs/cli.md, "Exit codes").

#include <string>

#include <CLI/CLI.hpp>

namespace trustpcf::cli {

// Describes `error`, thrown while parsing into `app`: the unknown command or
// option and the command it was given to, the nearest option name of that
// command when one is close, and the --help to run.
std::string describe_usage_error(const CLI::App& app, const CLI::ParseError& error);

}  // namespace trustpcf::cli
