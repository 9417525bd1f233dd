#include "cli/usage_errors.hpp"

#include <algorithm>
#include <vector>

#include <fmt/format.h>

namespace trustpcf::cli {
namespace {

// Returns the Levenshtein distance between two short option names.
std::size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t above = row[j];
      std::size_t substitution = diagonal + (a[i - 1] == b[j - 1] ? 0 : 1);
      row[j] = std::min({above + 1, row[j - 1] + 1, substitution});
      diagonal = above;
    }
  }
  return row[b.size()];
}

// Returns the long option of `command` or a parent nearest to `typed`
// ("--trusted"), or "" when none is within two edits.
std::string nearest_option(const CLI::App& command, const std::string& typed) {
  const std::size_t start = typed.find_first_not_of('-');
  if (start == std::string::npos) return "";
  const std::string name = typed.substr(start);
  std::string best;
  std::size_t best_distance = 3;
  for (const CLI::App* app = &command; app != nullptr; app = app->get_parent()) {
    for (const CLI::Option* option : app->get_options()) {
      for (const std::string& candidate : option->get_lnames()) {
        std::size_t distance = edit_distance(name, candidate);
        if (distance < best_distance) {
          best_distance = distance;
          best = "--" + candidate;
        }
      }
    }
  }
  return best;
}

}  // namespace

std::string describe_usage_error(const CLI::App& app, const CLI::ParseError& error) {
  // The innermost command that was recognized, and the words left over.
  const CLI::App* command = &app;
  // CLI11 names the top command after argv[0], which is a path. Users type
  // trustpcf.
  std::string path = "trustpcf";
  while (!command->get_subcommands().empty()) {
    command = command->get_subcommands().front();
    path += " " + command->get_name();
  }
  const std::vector<std::string> extras = command->remaining();
  const std::string help = fmt::format("run '{} --help'", path);

  if (command->get_require_subcommand_min() > 0 && command->get_subcommands().empty()) {
    if (!extras.empty() && !extras.front().starts_with("-")) {
      return fmt::format("unknown command '{}' for '{}'; {} to list its commands", extras.front(), path, help);
    }
    return fmt::format("'{}' needs a command; {} to list them", path, help);
  }
  for (const std::string& extra : extras) {
    if (!extra.starts_with("--")) continue;
    const std::string name = extra.substr(0, extra.find('='));
    const std::string nearest = nearest_option(*command, name);
    if (!nearest.empty()) {
      return fmt::format("unknown option '{}' for '{}'; did you mean '{}'? {} for its options", name, path, nearest,
                         help);
    }
    return fmt::format("unknown option '{}' for '{}'; {} for its options", name, path, help);
  }
  return fmt::format("{}; {}", error.what(), help);
}

}  // namespace trustpcf::cli
