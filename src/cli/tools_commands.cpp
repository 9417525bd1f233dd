// trustpcf tools: helpers for integrators who check their own
// canonicalization and digests against trustpcf's.

#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/context.hpp"
#include "crypto/digest.hpp"
#include "crypto/jcs.hpp"
#include "util/files.hpp"

namespace trustpcf::cli {
namespace {

struct ToolOptions {
  std::string file;  // empty: standard input
  bool raw = false;
  bool json = false;
};

util::Result<std::string> read_input(const std::string& file) {
  if (file.empty() || file == "-") return util::read_stdin();
  return util::read_file(file);
}

std::string input_name(const std::string& file) {
  return file.empty() || file == "-" ? "standard input" : file;
}

util::Status print_canonical(const ToolOptions& options) {
  TRUSTPCF_ASSIGN_OR_RETURN(std::string text, read_input(options.file));
  auto canonical = crypto::canonicalize_text(text);
  if (!canonical.ok()) return canonical.error().with_context(input_name(options.file));
  std::cout << *canonical;
  return util::Status();
}

util::Status print_digest(const ToolOptions& options) {
  TRUSTPCF_ASSIGN_OR_RETURN(std::string text, read_input(options.file));
  std::string hashed = text;
  if (!options.raw) {
    auto canonical = crypto::canonicalize_text(text);
    if (!canonical.ok()) {
      return canonical.error().with_context(input_name(options.file) +
                                            " (use --raw to hash bytes that are not JSON)");
    }
    hashed = std::move(*canonical);
  }
  std::string hex = crypto::sha256_hex(hashed);
  if (options.json) {
    nlohmann::json output = {{"sha256", hex},
                             {"digest", std::string(crypto::kSha256Prefix) + hex},
                             {"canonical", !options.raw},
                             {"size", hashed.size()}};
    std::cout << output.dump(2) << "\n";
  } else {
    std::cout << hex << "\n";
  }
  return util::Status();
}

}  // namespace

void add_tools_commands(CLI::App& app, Context& context) {
  CLI::App* tools = app.add_subcommand("tools", "Helpers for checking canonical JSON and digests");
  tools->require_subcommand(1);
  auto options = std::make_shared<ToolOptions>();

  CLI::App* jcs = tools->add_subcommand(
      "jcs", "Print the RFC 8785 canonical form of a JSON document, with no final newline");
  jcs->add_option("FILE", options->file, "JSON file to read (default: standard input)");
  jcs->callback(run(context, [options] { return print_canonical(*options); }));

  CLI::App* digest = tools->add_subcommand(
      "digest",
      "Print the SHA-256 (hex) of a JSON document's canonical form, as trustpcf "
      "content-addresses objects");
  digest->add_option("FILE", options->file, "File to read (default: standard input)");
  digest->add_flag("--raw", options->raw, "Hash the bytes as they are, without canonicalization");
  digest->add_flag("--json", options->json,
                   "Print {\"sha256\", \"digest\", \"canonical\", \"size\"} as JSON");
  digest->callback(run(context, [options] { return print_digest(*options); }));
}

}  // namespace trustpcf::cli
