// trustpcf witness: this node as a witness of other nodes' transparency
// logs (C2SP tlog-witness). `serve` handles POST /witness/add-checkpoint
// for the logs listed here; the files live in <home>/witness.

#include <iostream>

#include <unistd.h>

#include <nlohmann/json.hpp>

#include "cli/context.hpp"
#include "tlog/witness_store.hpp"

namespace trustpcf::cli {

namespace {

namespace fs = std::filesystem;

constexpr const char* kWitnessDirName = "witness";

struct WitnessCommandOptions {
  std::string log_key;
  std::string name;
  bool json = false;
};

// The name of a new witness key when --name is not given: "<host name>/trustpcf-witness".
std::string default_witness_name() {
  char host[256] = {};
  if (::gethostname(host, sizeof host - 1) != 0 || host[0] == '\0') return "localhost/trustpcf-witness";
  return std::string(host) + "/trustpcf-witness";
}

util::Result<tlog::NoteSigner> witness_key(Context& context, const WitnessCommandOptions& options) {
  TRUSTPCF_ASSIGN_OR_RETURN(fs::path home, context.home());
  const std::string name = options.name.empty() ? default_witness_name() : options.name;
  TRUSTPCF_ASSIGN_OR_RETURN(tlog::NoteSigner key,
                            tlog::load_or_create_witness_key(home / kWitnessDirName, name));
  if (!options.name.empty() && options.name != key.name()) {
    return util::make_error(util::ErrorCode::kUsage,
                            "--name '{}' differs from the existing witness key's name '{}'; the "
                            "name is fixed when the witness key is created",
                            options.name, key.name());
  }
  return key;
}

util::Status run_add(Context& context, const WitnessCommandOptions& options) {
  TRUSTPCF_ASSIGN_OR_RETURN(fs::path home, context.home());
  util::Result<tlog::NoteVerifier> log_key = tlog::NoteVerifier::parse(options.log_key);
  if (!log_key.ok()) return log_key.error().with_context("LOG-KEY");
  TRUSTPCF_ASSIGN_OR_RETURN(tlog::NoteSigner key, witness_key(context, options));
  TRUSTPCF_ASSIGN_OR_RETURN(bool added, tlog::add_witnessed_log(home / kWitnessDirName, *log_key));

  if (options.json) {
    std::cout << nlohmann::json{{"origin", log_key->name()},
                                {"added", added},
                                {"witness_key", key.verifier_key()}}
                     .dump()
              << "\n";
  } else {
    std::cout << (added ? "witnessing log " : "already witnessing log ") << log_key->name() << "\n"
              << "witness key: " << key.verifier_key() << "\n";
  }
  return {};
}

util::Status run_key(Context& context, const WitnessCommandOptions& options) {
  TRUSTPCF_ASSIGN_OR_RETURN(tlog::NoteSigner key, witness_key(context, options));
  if (options.json) {
    std::cout << nlohmann::json{{"name", key.name()},
                                {"key_id", fmt::format("{:08x}", key.key_id())},
                                {"verifier_key", key.verifier_key()}}
                     .dump()
              << "\n";
  } else {
    std::cout << key.verifier_key() << "\n";
  }
  return {};
}

util::Status run_list(Context& context, const WitnessCommandOptions& options) {
  TRUSTPCF_ASSIGN_OR_RETURN(fs::path home, context.home());
  TRUSTPCF_ASSIGN_OR_RETURN(std::vector<tlog::NoteVerifier> logs,
                            tlog::load_witnessed_logs(home / kWitnessDirName));
  if (options.json) {
    nlohmann::json out = nlohmann::json::array();
    for (const tlog::NoteVerifier& log : logs) out.push_back({{"origin", log.name()}, {"log_key", log.text()}});
    std::cout << out.dump() << "\n";
  } else {
    for (const tlog::NoteVerifier& log : logs) std::cout << log.text() << "\n";
  }
  return {};
}

}  // namespace

void add_witness_commands(CLI::App& app, Context& context) {
  auto options = std::make_shared<WitnessCommandOptions>();
  CLI::App* witness = app.add_subcommand(
      "witness", "Witness other nodes' transparency logs: cosign checkpoints that extend the last one seen");
  witness->require_subcommand(1);
  witness->add_option("--name", options->name,
                      "Name of a new witness key (default: <host name>/trustpcf-witness); fixed once "
                      "the key exists");

  CLI::App* add = witness->add_subcommand(
      "add", "Start witnessing the log with verifier key LOG-KEY (creates the witness key on first use)");
  add->add_option("LOG-KEY", options->log_key, "The log's C2SP verifier key, from `trustpcf log key`")
      ->required();
  add->add_flag("--json", options->json, "Print JSON: origin, added, witness_key");
  add->callback(run(context, [&context, options] { return run_add(context, *options); }));

  CLI::App* key = witness->add_subcommand("key", "Print the witness's verifier key (creates it on first use)");
  key->add_flag("--json", options->json, "Print JSON: name, key_id, verifier_key");
  key->callback(run(context, [&context, options] { return run_key(context, *options); }));

  CLI::App* list = witness->add_subcommand("list", "Print the verifier keys of the witnessed logs");
  list->add_flag("--json", options->json, "Print JSON: an array of {origin, log_key}");
  list->callback(run(context, [&context, options] { return run_list(context, *options); }));
}

}  // namespace trustpcf::cli
