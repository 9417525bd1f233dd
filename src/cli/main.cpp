// The trustpcf command: one program for every node operation. Exit codes are
// the util::ErrorCode values and are listed in docs/cli.md.

#include <cstdio>
#include <iostream>

#include <CLI/CLI.hpp>

#include "cli/context.hpp"
#include "cli/usage_errors.hpp"
#include "util/log.hpp"
#include "util/version.hpp"

int main(int argc, char** argv) {
  using namespace trustpcf;

  CLI::App app{"trustpcf: credible product carbon footprints on a data space"};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string(util::kVersion) + " (" + util::kGitCommit + ")");

  cli::Context context;
  app.add_option("--home", context.home_option,
                 "Node home directory (default: $TRUSTPCF_HOME, else ~/.trustpcf)");
  app.add_option("--log-level", context.log_level,
                 "Log level on standard error: trace, debug, info, warn, error, off")
      ->capture_default_str();
  app.add_flag("-q,--quiet", context.quiet, "Print no progress bars");

  cli::add_db_commands(app, context);
  cli::add_footprint_commands(app, context);
  cli::add_tools_commands(app, context);
  cli::add_keys_commands(app, context);
  cli::add_log_commands(app, context);
  cli::add_serve_commands(app, context);
  cli::add_partner_commands(app, context);
  cli::add_policy_commands(app, context);
  cli::add_contract_commands(app, context);
  cli::add_audit_commands(app, context);
  // `footprint import` joins the footprint group when add_footprint_commands
  // made one, else it gets a group of its own.
  CLI::App* footprint_group = nullptr;
  for (CLI::App* subcommand : app.get_subcommands({})) {
    if (subcommand->get_name() == "footprint") footprint_group = subcommand;
  }
  if (footprint_group == nullptr) {
    footprint_group = app.add_subcommand("footprint", "Product footprints");
    footprint_group->require_subcommand(1);
  }
  cli::add_footprint_import_command(*footprint_group, context);
  cli::add_evidence_commands(app, context);
  cli::add_certify_commands(app, context);
  cli::add_publish_commands(app, context);
  cli::add_verify_commands(app, context);
  cli::add_supplier_commands(app, context);
  cli::add_request_commands(app, context);
  cli::add_demo_commands(app, context);
  cli::add_disclose_commands(app, context);
  cli::add_witness_commands(app, context);

  app.parse_complete_callback([&] { util::init_logging(context.log_level); });

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // CLI11 signals --help and --version with exit code 0, and prints them.
    if (e.get_exit_code() == 0) return app.exit(e);
    std::cerr << "error: " << cli::describe_usage_error(app, e) << "\n";
    return static_cast<int>(util::ErrorCode::kUsage);
  }

  if (!context.status.ok()) {
    const util::Error& error = context.status.error();
    std::cerr << "error: " << error.message() << "\n";
    return static_cast<int>(error.code());
  }
  return 0;
}
