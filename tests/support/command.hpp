#pragma once

// Runs the built trustpcf binary with a node home, for tests of the command
// line. Needs TRUSTPCF_BINARY (set for tests/cli by tests/CMakeLists.txt).

#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>

namespace trustpcf::testing {

struct CommandResult {
  int exit_code = -1;
  std::string output;  // standard output
  std::string errors;  // standard error
};

// Runs `trustpcf --home HOME ARGUMENTS` through the shell; `arguments` is
// shell text, so quote paths with spaces. `input`, when given, is what the
// command reads on standard input.
inline CommandResult run_trustpcf(const std::filesystem::path& home, const std::string& arguments,
                                  const std::optional<std::string>& input = std::nullopt) {
  std::filesystem::path errors_file = home / ".stderr";
  std::string command = std::string(TRUSTPCF_BINARY) + " --home '" + home.string() + "' " + arguments + " 2>'" +
                        errors_file.string() + "'";
  if (input) {
    std::filesystem::path input_file = home / ".stdin";
    std::ofstream(input_file, std::ios::binary) << *input;
    command += " <'" + input_file.string() + "'";
  }
  CommandResult result;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return result;
  char buffer[4096];
  size_t read = 0;
  while ((read = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) result.output.append(buffer, read);
  int status = ::pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;

  if (FILE* errors = std::fopen(errors_file.c_str(), "r")) {
    while ((read = std::fread(buffer, 1, sizeof buffer, errors)) > 0) result.errors.append(buffer, read);
    std::fclose(errors);
  }
  return result;
}

}  // namespace trustpcf::testing
