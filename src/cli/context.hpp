#pragma once

// State shared by all trustpcf subcommands: the global options and the
// node's home and store, opened on first use.

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include <CLI/CLI.hpp>

#include "store/database.hpp"
#include "util/error.hpp"

namespace trustpcf::cli {

class Context {
 public:
  // Global options, filled by CLI11 before any subcommand runs.
  std::optional<std::filesystem::path> home_option;
  std::string log_level = "warn";
  bool quiet = false;

  // The node's home (see util::resolve_home), created with mode 0700 on
  // first use.
  util::Result<std::filesystem::path> home();

  // The node's SQLite store in its home, opened once and kept open.
  util::Result<store::Database*> store();

  // Result of the subcommand that ran; main() turns it into the exit code.
  util::Status status;

 private:
  std::optional<std::filesystem::path> home_;
  std::unique_ptr<store::Database> store_;
};

// Wraps a subcommand body so that its Status reaches main(). Use as
//   command->callback(run(context, [&] { return do_work(context, options); }));
std::function<void()> run(Context& context, std::function<util::Status()> body);

// Registration of each command group, one file each (cli/<group>_commands.cpp).
void add_db_commands(CLI::App& app, Context& context);
void add_footprint_commands(CLI::App& app, Context& context);
void add_tools_commands(CLI::App& app, Context& context);
void add_keys_commands(CLI::App& app, Context& context);
void add_log_commands(CLI::App& app, Context& context);
void add_serve_commands(CLI::App& app, Context& context);
void add_partner_commands(CLI::App& app, Context& context);
void add_policy_commands(CLI::App& app, Context& context);
void add_contract_commands(CLI::App& app, Context& context);
void add_audit_commands(CLI::App& app, Context& context);
// Adds `import` to the `footprint` group (cli/footprint_import_command.cpp).
void add_footprint_import_command(CLI::App& footprint_group, Context& context);
void add_evidence_commands(CLI::App& app, Context& context);
void add_certify_commands(CLI::App& app, Context& context);
void add_publish_commands(CLI::App& app, Context& context);
void add_verify_commands(CLI::App& app, Context& context);
void add_supplier_commands(CLI::App& app, Context& context);
// Adds `request` (cli/request_command.cpp).
void add_request_commands(CLI::App& app, Context& context);
// Adds `demo` (cli/demo_command.cpp).
void add_demo_commands(CLI::App& app, Context& context);
void add_disclose_commands(CLI::App& app, Context& context);
void add_witness_commands(CLI::App& app, Context& context);

}  // namespace trustpcf::cli
