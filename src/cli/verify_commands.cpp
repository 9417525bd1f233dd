// trustpcf verify: offline verification of a proof bundle, link by link.

#include <iostream>

#include "cli/context.hpp"
#include "cli/trust_keys.hpp"
#include "cli/verify_output.hpp"
#include "proof/engine_link.hpp"
#include "crypto/jcs.hpp"
#include "proof/verify.hpp"
#include "util/files.hpp"

namespace trustpcf::cli {
namespace {

// Exit code of a failed verification: 10 plus the index of the first link
// that failed (10 original data, 11 calculation, 12 certification, 13
// disclosure). They follow the util::ErrorCode values, which stop at 9.
constexpr int kFirstLinkExitCode = 10;

struct VerifyCommandOptions {
  std::string bundle;
  std::vector<std::string> trust;
  std::string status_list;
  std::vector<std::string> checkpoints;
  std::vector<std::string> witnesses;
  size_t witnesses_required = 0;
  bool recompute = false;
  bool json = false;
};

util::Status verify_command(Context& context, const VerifyCommandOptions& options) {
  TRUSTPCF_ASSIGN_OR_RETURN(proof::Bundle bundle, proof::read_bundle(options.bundle));

  proof::VerifyOptions verify_options;
  TRUSTPCF_ASSIGN_OR_RETURN(verify_options.trusted, trusted_keys(context, options.trust));
  if (!options.status_list.empty()) {
    TRUSTPCF_ASSIGN_OR_RETURN(std::string text, util::read_file(options.status_list));
    TRUSTPCF_ASSIGN_OR_RETURN(verify_options.status_list, crypto::parse_json_strict(text));
  }
  for (const std::string& path : options.checkpoints) {
    TRUSTPCF_ASSIGN_OR_RETURN(std::string note, util::read_file(path));
    verify_options.known_checkpoints.push_back(note);
  }
  for (const std::string& value : options.witnesses) {
    util::Result<tlog::NoteVerifier> witness = tlog::NoteVerifier::parse(value);
    if (!witness.ok()) return witness.error().with_context("--witness " + value);
    verify_options.witnesses.witnesses.push_back(*witness);
  }
  verify_options.witnesses.quorum =
      options.witnesses_required > 0 ? options.witnesses_required : options.witnesses.size();
  if (verify_options.witnesses.quorum > options.witnesses.size()) {
    return util::make_error(util::ErrorCode::kUsage,
                            "--witnesses-required {} is more than the {} --witness keys given",
                            verify_options.witnesses.quorum, options.witnesses.size());
  }
  std::unique_ptr<proof::EngineRecomputer> recomputer;
  if (options.recompute) {
    TRUSTPCF_ASSIGN_OR_RETURN(store::Database * db, context.store());
    recomputer = std::make_unique<proof::EngineRecomputer>(*db);
    verify_options.recomputer = recomputer.get();
  }

  proof::VerifyReport report = proof::verify_bundle(bundle, verify_options);
  if (options.json) {
    std::cout << report.to_json().dump(2) << "\n";
  } else {
    print_links(std::cout, report);
    std::cout << "verdict: " << (report.passed() ? "PASS" : "FAIL") << "\n";
  }
  if (auto failed = report.first_failure()) {
    int code = kFirstLinkExitCode + static_cast<int>(*failed);
    return util::Error(static_cast<util::ErrorCode>(code),
                       fmt::format("verification failed at the {} link", proof::link_name(*failed)));
  }
  return util::Status();
}

}  // namespace

void add_verify_commands(CLI::App& app, Context& context) {
  auto options = std::make_shared<VerifyCommandOptions>();
  CLI::App* verify = app.add_subcommand(
      "verify", "Verify a proof bundle offline: original data, calculation, certification, disclosure");
  verify->add_option("BUNDLE", options->bundle, "Proof bundle file (a PACT footprint JSON)")->required();
  verify->add_option("--trust", options->trust,
                     "Trusted certificate issuer or log key: a did:key, a log verifier key "
                     "(NAME+HASH+KEY) or a key name of this node; repeat for several");
  verify->add_option("--status", options->status_list,
                     "A status list document fresher than the bundle's (from certify --revoke)");
  verify->add_option("--checkpoint", options->checkpoints,
                     "A signed checkpoint of the same log seen before, to detect a fork; repeatable");
  verify->add_option("--witness", options->witnesses,
                     "Verifier key of a trusted witness (C2SP tlog-cosignature); repeatable");
  verify->add_option("--witnesses-required", options->witnesses_required,
                     "Valid cosignatures of distinct --witness keys the checkpoint must carry "
                     "(default: all given)");
  verify->add_flag("--recompute", options->recompute, "Repeat the calculation from this node's store");
  verify->add_flag("--json", options->json, "Print JSON: verdict and links");
  verify->callback(run(context, [&context, options] { return verify_command(context, *options); }));
}

}  // namespace trustpcf::cli
