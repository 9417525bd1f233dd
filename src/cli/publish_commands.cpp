// trustpcf publish: discloses a footprint (and its certificate) in the
// node's transparency log and adds the inclusion proofs to the bundle.

#include <unistd.h>

#include <iostream>
#include <optional>

#include "cli/context.hpp"
#include "cli/log_witnessing.hpp"
#include "server/node_log_client.hpp"
#include "tlog/origin.hpp"
#include "crypto/did_key.hpp"
#include "crypto/keystore.hpp"
#include "proof/publish.hpp"
#include "tlog/log.hpp"

namespace trustpcf::cli {
namespace {

struct PublishOptions {
  std::string bundle;
  std::string key_name;
  std::string out;
  std::vector<std::string> witness_urls;
  std::string witness_ca;
  bool json = false;
};

util::Status publish_bundle(Context& context, const PublishOptions& options) {
  TRUSTPCF_ASSIGN_OR_RETURN(std::filesystem::path home, context.home());
  crypto::KeyStore keys(home);
  TRUSTPCF_ASSIGN_OR_RETURN(crypto::StoredKeyInfo participant, keys.info(options.key_name));
  TRUSTPCF_ASSIGN_OR_RETURN(proof::Bundle bundle, proof::read_bundle(options.bundle));

  // Same folder and default origin as `trustpcf log`, so both use one log.
  const std::filesystem::path dir = home / kLogDirName;
  TRUSTPCF_ASSIGN_OR_RETURN(tlog::NoteSigner log_key,
                            tlog::load_or_create_log_key(dir, tlog::default_log_origin()));
  TRUSTPCF_ASSIGN_OR_RETURN(std::unique_ptr<tlog::LogAccess> log,
                            server::open_owner_log(home, std::move(log_key)));
  TRUSTPCF_RETURN_IF_ERROR(proof::publish(bundle, *log, crypto::did_key_of(participant.public_key),
                                          util::Clock::now()));

  std::optional<std::uint64_t> cosigned_size;  // set when witnesses cosigned the checkpoint
  if (!options.witness_urls.empty()) {
    // The latest checkpoint contains the new entries, and the bundle's proofs are
    // rebuilt against it once the witnesses have cosigned it.
    std::vector<server::WitnessTarget> targets;
    for (const std::string& url : options.witness_urls) targets.push_back({url, options.witness_ca, std::nullopt});
    TRUSTPCF_ASSIGN_OR_RETURN(tlog::SignedCheckpoint latest, log->checkpoint());
    TRUSTPCF_ASSIGN_OR_RETURN(tlog::SignedCheckpoint cosigned, witness_checkpoint(home, *log, latest, targets));
    TRUSTPCF_RETURN_IF_ERROR(proof::prove_disclosure(bundle, *log, cosigned));
    cosigned_size = cosigned.checkpoint.size;
  }

  const std::string out = options.out.empty() ? options.bundle : options.out;
  TRUSTPCF_RETURN_IF_ERROR(proof::write_bundle(out, bundle));
  const proof::LogDisclosure& disclosure = *bundle.disclosure;
  if (options.json) {
    nlohmann::json indices = nlohmann::json::array();
    for (const auto& entry : disclosure.entries) indices.push_back(entry.index);
    std::cout << nlohmann::json{{"bundle", out},
                                {"logKey", disclosure.log_key},
                                {"indices", indices},
                                {"checkpoint", disclosure.checkpoint},
                                {"witnesses", cosigned_size ? options.witness_urls.size() : 0}}
                     .dump(2)
              << "\n";
    return util::Status();
  }
  for (const auto& entry : disclosure.entries) {
    std::cout << "appended log entry " << entry.index << "\n";
  }
  if (cosigned_size) {
    std::cout << "checkpoint at size " << *cosigned_size << " cosigned by " << options.witness_urls.size()
              << (options.witness_urls.size() == 1 ? " witness\n" : " witnesses\n");
  }
  std::cout << "log key: " << disclosure.log_key << "\n"
            << "bundle written to " << out << "\n";
  return util::Status();
}

}  // namespace

void add_publish_commands(CLI::App& app, Context& context) {
  auto options = std::make_shared<PublishOptions>();
  CLI::App* publish = app.add_subcommand(
      "publish", "Disclose a footprint and its certificate in the node's transparency log");
  publish->add_option("BUNDLE", options->bundle, "Proof bundle file")->required();
  publish->add_option("--as", options->key_name, "Key name of the publishing participant")
      ->required();
  publish->add_option("--out", options->out, "Write the bundle here instead of over BUNDLE");
  publish->add_option("--witness", options->witness_urls,
                      "Have the checkpoint cosigned by the witness at this submission prefix "
                      "(https://host:port/witness); repeatable");
  publish->add_option("--witness-ca", options->witness_ca,
                      "PEM certificate to trust for the witnesses' TLS (default: the system's CAs)");
  publish->add_flag("--json", options->json, "Print JSON: bundle, logKey, indices, checkpoint");
  publish->callback(run(context, [&context, options] { return publish_bundle(context, *options); }));
}

}  // namespace trustpcf::cli
