// trustpcf certify: a verification body checks a proof bundle and issues a
// certificate (W3C VC 2.0, eddsa-jcs-2022), or revokes one it issued.

#include <iostream>

#include <nlohmann/json.hpp>

#include "cli/context.hpp"
#include "proof/engine_link.hpp"
#include "crypto/did_key.hpp"
#include "crypto/keystore.hpp"
#include "proof/certify.hpp"
#include "proof/selective_disclosure.hpp"
#include "util/files.hpp"
#include "util/time.hpp"

namespace trustpcf::cli {
namespace {

struct CertifyCommandOptions {
  std::string bundle;
  std::string key_name;
  std::string out;
  std::string provider;
  std::string standard = proof::kDefaultStandard;
  std::string coverage = proof::kDefaultCoverage;
  std::string revoke;
  bool no_recompute = false;
  bool json = false;
};

nlohmann::json checks_to_json(const proof::CertifyReport& report) {
  nlohmann::json checks = nlohmann::json::array();
  for (const auto& check : report.checks) {
    checks.push_back({{"check", check.name},
                      {"result", check.passed ? "PASS" : "FAIL"},
                      {"reason", check.reason}});
  }
  return checks;
}

util::Status certify_bundle(Context& context, const CertifyCommandOptions& options) {
  if (options.bundle.empty() || options.key_name.empty()) {
    return util::Error(util::ErrorCode::kUsage,
                       "certify needs BUNDLE and --as KEY-NAME (or --revoke CREDENTIAL-ID)");
  }
  TRUSTPCF_ASSIGN_OR_RETURN(std::filesystem::path home, context.home());
  crypto::KeyStore keys(home);
  TRUSTPCF_ASSIGN_OR_RETURN(crypto::Ed25519KeyPair key, keys.load(options.key_name));
  TRUSTPCF_ASSIGN_OR_RETURN(proof::Bundle bundle, proof::read_bundle(options.bundle));
  std::vector<std::string> withheld = proof::withheld_fields(bundle);
  if (!withheld.empty() && !options.no_recompute) {
    return util::make_error(util::ErrorCode::kInvalidInput,
                            "certify needs the full bundle to recompute the footprint, but {} withholds {}; ask the "
                            "owner for the bundle with every disclosure, or pass --no-recompute",
                            options.bundle, fmt::join(withheld, ", "));
  }
  // A new credential is not in the log entries of an earlier publication,
  // so the bundle's disclosure link fails until the owner publishes again.
  const bool was_published = bundle.disclosure.has_value();
  const std::string earlier_credential = bundle.credential ? bundle.credential->value("id", "") : "";
  TRUSTPCF_ASSIGN_OR_RETURN(store::Database * db, context.store());
  proof::StatusListStore statuses(*db);

  proof::CertifyOptions certify_options;
  // The verification body repeats the calculation with its own store, which
  // must hold the background database the receipt names.
  proof::EngineRecomputer recomputer(*db);
  certify_options.recomputer = options.no_recompute ? nullptr : &recomputer;
  certify_options.standard = options.standard;
  certify_options.coverage = options.coverage;
  certify_options.provider_name = options.provider;
  certify_options.now = util::format_rfc3339(util::Clock::now());
  TRUSTPCF_ASSIGN_OR_RETURN(proof::CertifyReport report,
                            proof::certify(bundle, key, statuses, certify_options));

  const std::string out = options.out.empty() ? options.bundle : options.out;
  if (report.passed()) TRUSTPCF_RETURN_IF_ERROR(proof::write_bundle(out, bundle));

  std::string republish;
  if (report.passed() && was_published) {
    republish = fmt::format("{} was published before{}; its log entries do not name the new credential, so verify "
                            "fails its disclosure link until the owner runs `trustpcf publish` on it again",
                            out,
                            earlier_credential.empty() ? "" : " with credential " + earlier_credential);
  }
  if (options.json) {
    nlohmann::json result = {{"verdict", report.passed() ? "PASS" : "FAIL"},
                             {"checks", checks_to_json(report)},
                             {"recomputed", !options.no_recompute}};
    if (!republish.empty()) result["warning"] = republish;
    if (report.passed() && bundle.credential) {
      result["credentialId"] = (*bundle.credential)["id"];
      result["issuer"] = (*bundle.credential)["issuer"];
      result["bundle"] = out;
    }
    std::cout << result.dump(2) << "\n";
  } else {
    for (const auto& check : report.checks) {
      std::cout << (check.passed ? "PASS  " : "FAIL  ") << check.name << ": " << check.reason << "\n";
    }
    if (options.no_recompute) std::cout << "SKIP  recomputation: --no-recompute was given\n";
    if (report.passed() && bundle.credential) {
      std::cout << "certified: credential " << (*bundle.credential)["id"].get<std::string>()
                << " by " << (*bundle.credential)["issuer"].get<std::string>() << " written to "
                << out << "\n";
    }
  }
  if (!republish.empty()) std::cerr << "warning: " << republish << "\n";
  if (!report.passed()) {
    return util::Error(util::ErrorCode::kVerification,
                       "certification refused: a check failed (see the FAIL lines)");
  }
  return util::Status();
}

util::Status revoke_credential(Context& context, const CertifyCommandOptions& options) {
  TRUSTPCF_ASSIGN_OR_RETURN(std::filesystem::path home, context.home());
  TRUSTPCF_ASSIGN_OR_RETURN(store::Database * db, context.store());
  proof::StatusListStore statuses(*db);
  TRUSTPCF_ASSIGN_OR_RETURN(std::string issuer, statuses.revoke(options.revoke));

  // Re-sign the issuer's list with its key from this node's keystore.
  crypto::KeyStore keys(home);
  TRUSTPCF_ASSIGN_OR_RETURN(auto stored, keys.list());
  for (const auto& info : stored) {
    if (crypto::did_key_of(info.public_key) != issuer) continue;
    TRUSTPCF_ASSIGN_OR_RETURN(crypto::Ed25519KeyPair key, keys.load(info.name));
    TRUSTPCF_ASSIGN_OR_RETURN(nlohmann::json list,
                              statuses.signed_list(key, util::format_rfc3339(util::Clock::now())));
    if (!options.out.empty()) {
      TRUSTPCF_RETURN_IF_ERROR(util::write_file_atomic(options.out, list.dump(2) + "\n"));
    }
    if (options.json || options.out.empty()) {
      std::cout << list.dump(2) << "\n";
    } else {
      std::cout << "revoked " << options.revoke << "; status list written to " << options.out << "\n";
    }
    return util::Status();
  }
  return util::make_error(util::ErrorCode::kNotFound,
                          "credential {} is marked revoked, but no key of this node is its issuer "
                          "{}; restore that key to publish the new status list",
                          options.revoke, issuer);
}

}  // namespace

void add_certify_commands(CLI::App& app, Context& context) {
  auto options = std::make_shared<CertifyCommandOptions>();
  CLI::App* certify = app.add_subcommand(
      "certify", "Check a proof bundle and issue a certificate, or revoke one (--revoke)");
  certify->add_option("BUNDLE", options->bundle, "Proof bundle file (a PACT footprint JSON)");
  certify->add_option("--as", options->key_name, "Key name of the verification body (keys list)");
  certify->add_option("--out", options->out,
                      "Write the certified bundle here instead of over BUNDLE; with --revoke, "
                      "write the new status list here");
  certify->add_option("--provider", options->provider,
                      "Verification body name for pcf.verification.providerName (default: its did:key)");
  certify->add_option("--standard", options->standard, "Standard applied")->capture_default_str();
  certify->add_option("--coverage", options->coverage, "PACT v3 verification coverage")
      ->check(CLI::IsMember({"PCF calculation model", "PCF program", "product level"}))
      ->capture_default_str();
  certify->add_option("--revoke", options->revoke,
                      "Revoke the credential with this id and print the issuer's new status list");
  certify->add_flag("--no-recompute", options->no_recompute,
                    "Do not repeat the calculation (the credential then states it was not recomputed)");
  certify->add_flag("--json", options->json, "Print JSON");
  certify->callback(run(context, [&context, options] {
    if (!options->revoke.empty()) return revoke_credential(context, *options);
    return certify_bundle(context, *options);
  }));
}

}  // namespace trustpcf::cli
