#include "proof/verify.hpp"

#include <algorithm>
#include <cassert>
#include <optional>

#include "crypto/did_key.hpp"
#include "crypto/digest.hpp"
#include "crypto/jcs.hpp"
#include "proof/credential.hpp"
#include "proof/receipt.hpp"
#include "proof/selective_disclosure.hpp"
#include "tlog/checkpoint.hpp"
#include "tlog/entry.hpp"
#include "proof/status_list.hpp"

namespace trustpcf::proof {
namespace {

LinkResult fail(Link link, std::string reason, std::vector<std::string> details = {}) {
  return {link, false, std::move(reason), std::move(details)};
}

bool is_trusted(const VerifyOptions& options, const crypto::Ed25519PublicKey& key) {
  return std::find(options.trusted.begin(), options.trusted.end(), key) != options.trusted.end();
}

util::Result<MerkleHash> hash_from_hex(const std::string& hex) {
  return crypto::parse_sha256_hex(hex);
}

// The bundle's footprint in committed form (selective_disclosure.hpp) and its
// digest, which three links check; verify_bundle computes them once.
struct CommittedFootprint {
  util::Result<nlohmann::json> json;
  std::string digest;  // empty when `json` failed
};

CommittedFootprint commit_footprint(const Bundle& bundle) {
  CommittedFootprint committed{committed_bundle_footprint(bundle), ""};
  if (committed.json.ok()) committed.digest = crypto::digest_of(*committed.json);
  return committed;
}

// The receipt verified against the committed footprint digest; absent when
// the bundle has none or the footprint could not be committed.
using CheckedReceipt = std::optional<util::Result<VerifiedReceipt>>;

CheckedReceipt check_receipt(const Bundle& bundle, const CommittedFootprint& committed) {
  if (!bundle.receipt || !committed.json.ok()) return std::nullopt;
  return verify_receipt_for_digest(*bundle.receipt, bundle.footprint.value("id", ""), committed.digest);
}

LinkResult original_data_link(const Bundle& bundle, const nlohmann::json* receipt_predicate);
LinkResult calculation_link(const Bundle& bundle, const CommittedFootprint& committed, const CheckedReceipt& receipt,
                            Recomputer* recomputer);
LinkResult certification_link(const Bundle& bundle, const CommittedFootprint& committed,
                              const VerifyOptions& options);
LinkResult disclosure_link(const Bundle& bundle, const CommittedFootprint& committed, const VerifyOptions& options);

}  // namespace

const char* link_name(Link link) {
  switch (link) {
    case Link::kOriginalData: return "original data";
    case Link::kCalculation: return "calculation";
    case Link::kCertification: return "certification";
    case Link::kDisclosure: return "disclosure";
  }
  return "unknown";
}

LinkResult verify_original_data(const Bundle& bundle) { return original_data_link(bundle, nullptr); }

namespace {

// `receipt_predicate` is the predicate of the verified receipt, or null to
// read the receipt's payload unverified (the calculation link judges it).
LinkResult original_data_link(const Bundle& bundle, const nlohmann::json* receipt_predicate) {
  const Link link = Link::kOriginalData;
  std::vector<std::string> details;

  std::optional<crypto::InTotoStatement> unverified;
  if (receipt_predicate == nullptr && bundle.receipt) {
    auto statement = crypto::InTotoStatement::from_json(
        nlohmann::json::parse(bundle.receipt->payload, nullptr, false));
    if (statement.ok()) {
      unverified = std::move(statement).value();
      receipt_predicate = &unverified->predicate;
    }
  }
  std::vector<const nlohmann::json*> named;
  std::vector<std::string> suppliers;
  if (receipt_predicate != nullptr && receipt_predicate->is_object()) {
    auto evidence = receipt_predicate->find("evidence");
    if (evidence != receipt_predicate->end() && evidence->is_array()) {
      for (const auto& item : *evidence) named.push_back(&item);
    }
    static const nlohmann::json::json_pointer kForeground("/productSystem/definition/foreground");
    if (receipt_predicate->contains(kForeground)) {
      const nlohmann::json& foreground = receipt_predicate->at(kForeground);
      auto supplier_footprints = foreground.is_object() ? foreground.find("supplierFootprints") : foreground.end();
      if (foreground.is_object() && supplier_footprints != foreground.end() && supplier_footprints->is_array()) {
        for (const auto& item : *supplier_footprints) {
          if (item.is_object()) suppliers.push_back(item.value("footprintDigest", "?"));
        }
      }
    }
  }
  const auto is_named = [&](const nlohmann::json& commitment) {
    return std::any_of(named.begin(), named.end(), [&](const nlohmann::json* item) { return *item == commitment; });
  };

  for (const nlohmann::json* commitment : named) {
    bool carried = std::any_of(bundle.evidence.begin(), bundle.evidence.end(),
                               [&](const EvidenceDisclosure& d) { return d.commitment == *commitment; });
    if (!carried) {
      return fail(link, "the receipt names evidence batch " + commitment->value("rootHash", "?") +
                            " but the bundle carries no matching commitment");
    }
  }

  for (const EvidenceDisclosure& disclosure : bundle.evidence) {
    const std::string root_hex = disclosure.commitment.value("rootHash", "");
    const std::string source = disclosure.commitment.value("source", "");
    const std::uint64_t tree_size = disclosure.commitment.value("treeSize", std::uint64_t{0});
    if (!is_named(disclosure.commitment)) {
      return fail(link, "evidence batch " + root_hex +
                            " is not named by the calculation receipt (or its commitment changed)");
    }
    auto root = hash_from_hex(root_hex);
    if (!root.ok()) return fail(link, "evidence batch rootHash '" + root_hex + "' is not a SHA-256 hex digest");

    for (const DisclosedRecord& item : disclosure.records) {
      util::Status record = verify_record(item.record);
      if (!record.ok()) return fail(link, record.error().message(), details);
      if (item.record.content.value("source", "") != source) {
        return fail(link, "evidence record " + item.record.digest + " is signed by " +
                              item.record.content.value("source", "") + ", not by the batch source " + source);
      }
      std::vector<MerkleHash> path;
      for (const std::string& hex : item.inclusion_proof) {
        auto hash = hash_from_hex(hex);
        if (!hash.ok()) return fail(link, "evidence record " + item.record.digest + ": inclusion proof hash '" + hex + "' is not hex");
        path.push_back(*hash);
      }
      auto leaf = crypto::parse_sha256_hex(item.record.digest);
      util::Status included = merkle_verify_inclusion(std::string(leaf->begin(), leaf->end()),
                                                      item.index, tree_size, path, *root);
      if (!included.ok()) {
        return fail(link, "evidence record " + item.record.digest + " in batch " + root_hex + ": " +
                              included.error().message());
      }
    }
    details.push_back("batch " + root_hex + ": " + std::to_string(tree_size) + " records signed by " +
                      source + ", " + std::to_string(disclosure.records.size()) +
                      " disclosed, each signature and inclusion proof valid");
  }
  // Supplier bundles are verified when the calculating node stores them (evidence add-footprint); this
  // bundle names them by digest and recomputation loads them.
  for (const std::string& digest : suppliers) {
    details.push_back("the receipt names supplier footprint sha256:" + digest +
                      ", verified by the calculating node when it stored the supplier's bundle");
  }
  if (bundle.evidence.empty() && suppliers.empty()) {
    details.push_back("no evidence batches: the footprint rests on background data only");
  }
  return {link, true, "", details};
}

}  // namespace

LinkResult verify_calculation(const Bundle& bundle, Recomputer* recomputer) {
  const CommittedFootprint committed = commit_footprint(bundle);
  return calculation_link(bundle, committed, check_receipt(bundle, committed), recomputer);
}

LinkResult verify_certification(const Bundle& bundle, const VerifyOptions& options) {
  return certification_link(bundle, commit_footprint(bundle), options);
}

LinkResult verify_disclosure(const Bundle& bundle, const VerifyOptions& options) {
  return disclosure_link(bundle, commit_footprint(bundle), options);
}

namespace {

LinkResult calculation_link(const Bundle& bundle, const CommittedFootprint& committed, const CheckedReceipt& checked,
                            Recomputer* recomputer) {
  const Link link = Link::kCalculation;
  if (!bundle.receipt) return fail(link, "the bundle has no calculation receipt");
  if (!committed.json.ok()) return fail(link, committed.json.error().message());
  assert(checked && "check_receipt verifies every receipt of a committed footprint");
  const util::Result<VerifiedReceipt>& receipt = *checked;
  if (!receipt.ok()) return fail(link, receipt.error().message());
  std::vector<std::string> details = {
      "receipt DSSE signature by " + receipt->signer + " is valid",
      "receipt subject digest equals the footprint digest sha256:" + committed.digest};
  util::Status disclosures = check_receipt_disclosures(bundle, receipt->statement.predicate);
  if (!disclosures.ok()) return fail(link, disclosures.error().message(), details);
  if (recomputer != nullptr) {
    auto predicate = disclosed_receipt_predicate(bundle, receipt->statement.predicate);
    if (!predicate.ok()) return fail(link, predicate.error().message(), details);
    const SelectiveDisclosure* sd = bundle.selective_disclosure ? &*bundle.selective_disclosure : nullptr;
    std::vector<std::string> withheld = sd ? withheld_footprint_fields(bundle.footprint, *sd) : std::vector<std::string>{};
    if (!withheld.empty()) {
      return fail(link, fmt::format("recomputation needs the full bundle, but the owner withheld {}; ask the owner "
                                    "for the bundle with every disclosure",
                                    fmt::join(withheld, ", ")),
                  details);
    }
    auto recomputed = recomputer->recompute(*predicate);
    if (!recomputed.ok()) return fail(link, "recomputation failed: " + recomputed.error().message(), details);
    auto recomputed_committed = committed_footprint(*recomputed, sd);
    if (!recomputed_committed.ok()) {
      return fail(link, "recomputation gives another footprint: " + recomputed_committed.error().message(), details);
    }
    std::string actual = crypto::digest_of(*recomputed_committed);
    if (actual != committed.digest) {
      return fail(link, "recomputation gives footprint digest sha256:" + actual +
                            ", the bundle's is sha256:" + committed.digest, details);
    }
    details.push_back("recomputation gives identical footprint bytes");
  }
  return {link, true, "", details};
}

LinkResult certification_link(const Bundle& bundle, const CommittedFootprint& committed,
                              const VerifyOptions& options) {
  const Link link = Link::kCertification;
  if (!bundle.credential) return fail(link, "the bundle has no credential: the footprint is not certified");
  if (!committed.json.ok()) return fail(link, committed.json.error().message());
  std::string id = bundle.footprint.value("id", "");
  auto credential = verify_credential(*bundle.credential, id, committed.digest);
  if (!credential.ok()) return fail(link, credential.error().message());
  std::vector<std::string> details = {"credential " + credential->id + " eddsa-jcs-2022 proof by " +
                                      credential->issuer + " is valid"};

  auto issuer_key = crypto::resolve_did_key(credential->issuer);
  if (!issuer_key.ok() || !is_trusted(options, *issuer_key)) {
    return fail(link, "credential issuer " + credential->issuer + " is not trusted; pass it with --trust",
                details);
  }
  details.push_back("issuer " + credential->issuer + " is trusted");

  const std::optional<nlohmann::json>& list = options.status_list ? options.status_list : bundle.status_list;
  if (!list) return fail(link, "no status list for credential " + credential->id, details);
  auto revoked = check_status(*list, credential->issuer, credential->status_uri, credential->status_index);
  if (!revoked.ok()) return fail(link, revoked.error().message(), details);
  if (*revoked) {
    return fail(link, "credential " + credential->id + " is revoked (status list " + credential->status_uri +
                          " index " + std::to_string(credential->status_index) + ")", details);
  }
  details.push_back("status list of " + list->value("iat", "") + " shows the credential valid");

  auto pcf = bundle.footprint.find("pcf");
  bool has_verification = pcf != bundle.footprint.end() && pcf->is_object() && pcf->contains("verification");
  if (has_verification && (*pcf)["verification"] != pact_verification_of(*bundle.credential)) {
    return fail(link, "pcf.verification differs from what credential " + credential->id + " states", details);
  }
  return {link, true, "", details};
}

LinkResult disclosure_link(const Bundle& bundle, const CommittedFootprint& committed, const VerifyOptions& options) {
  const Link link = Link::kDisclosure;
  if (!bundle.disclosure) return fail(link, "the bundle has no log disclosure: the footprint was not published");
  if (!committed.json.ok()) return fail(link, committed.json.error().message());
  const LogDisclosure& log = *bundle.disclosure;

  auto log_key = tlog::NoteVerifier::parse(log.log_key);
  if (!log_key.ok()) return fail(link, "log key: " + log_key.error().message());
  auto log_public = crypto::Ed25519PublicKey::from_bytes(
      crypto::Bytes(log_key->public_key().begin(), log_key->public_key().end()));
  if (!log_public.ok() || !is_trusted(options, *log_public)) {
    return fail(link, "log key " + log.log_key + " is not trusted; pass it with --trust");
  }
  auto opened = options.witnesses.quorum > 0
                    ? tlog::open_witnessed_checkpoint(log.checkpoint, *log_key, options.witnesses)
                    : tlog::open_checkpoint(log.checkpoint, *log_key);
  if (!opened.ok()) return fail(link, "checkpoint: " + opened.error().message());
  const tlog::Checkpoint& checkpoint = opened->checkpoint;
  std::vector<std::string> details = {"checkpoint of log " + checkpoint.origin + " at size " +
                                      std::to_string(checkpoint.size) + " is signed by the trusted log key"};
  if (options.witnesses.quorum > 0) {
    details.push_back("checkpoint carries valid cosignatures of at least " +
                      std::to_string(options.witnesses.quorum) + " of the " +
                      std::to_string(options.witnesses.witnesses.size()) + " trusted witnesses");
  }

  const std::string footprint_id = "urn:uuid:" + bundle.footprint.value("id", "");
  const std::string expected_footprint = "sha256:" + committed.digest;
  bool footprint_disclosed = false;
  bool credential_disclosed = false;
  for (const LogEntryProof& item : log.entries) {
    const std::string where = "log entry " + std::to_string(item.index);
    std::vector<MerkleHash> path;
    for (const std::string& text_hash : item.inclusion_proof) {
      auto hash = tlog::decode_base64_hash(text_hash, "inclusion proof hash");
      if (!hash.ok()) return fail(link, where + ": " + hash.error().message(), details);
      path.push_back(*hash);
    }
    util::Status included = merkle_verify_inclusion(item.entry, item.index, checkpoint.size, path, checkpoint.root);
    if (!included.ok()) return fail(link, where + ": " + included.error().message(), details);

    auto entry = crypto::parse_json_strict(item.entry);
    if (!entry.ok() || !entry->is_object() || entry->value("type", "") != tlog::kDisclosureType) {
      return fail(link, where + " is not a " + std::string(tlog::kDisclosureType) + " statement", details);
    }
    const nlohmann::json subject = entry->value("subject", nlohmann::json::object());
    const std::string kind = subject.value("kind", "");
    const std::string digest = subject.value("digest", "");
    if (kind == "footprint" && subject.value("id", "") == footprint_id) {
      if (digest != expected_footprint) {
        return fail(link, where + " discloses footprint digest " + digest + ", the footprint's is " +
                              expected_footprint, details);
      }
      footprint_disclosed = true;
    } else if (kind == "certificate" && bundle.credential &&
               subject.value("id", "") == bundle.credential->value("id", "")) {
      std::string expected = "sha256:" + crypto::digest_of(*bundle.credential);
      if (digest != expected) {
        return fail(link, where + " discloses credential digest " + digest + ", the bundle credential's is " +
                              expected, details);
      }
      credential_disclosed = true;
    }
    details.push_back(where + " (" + kind + ") is included in the checkpoint");
  }
  if (!footprint_disclosed) return fail(link, "no log entry discloses footprint " + footprint_id, details);
  if (bundle.credential && !credential_disclosed) {
    return fail(link, "no log entry discloses credential " + bundle.credential->value("id", ""), details);
  }

  for (const std::string& known : options.known_checkpoints) {
    auto other = tlog::open_checkpoint(known, *log_key);
    if (!other.ok()) continue;
    if (other->checkpoint.size == checkpoint.size && other->checkpoint.root != checkpoint.root) {
      return fail(link, "log " + checkpoint.origin + " forked: two signed checkpoints of size " +
                            std::to_string(checkpoint.size) + " have different root hashes", details);
    }
  }
  return {link, true, "", details};
}

}  // namespace

bool VerifyReport::passed() const {
  return std::all_of(links.begin(), links.end(), [](const LinkResult& r) { return r.passed; });
}

std::optional<Link> VerifyReport::first_failure() const {
  for (const LinkResult& result : links) {
    if (!result.passed) return result.link;
  }
  return std::nullopt;
}

nlohmann::json VerifyReport::to_json() const {
  nlohmann::json list = nlohmann::json::array();
  for (const LinkResult& result : links) {
    list.push_back({{"link", link_name(result.link)},
                    {"result", result.passed ? "PASS" : "FAIL"},
                    {"reason", result.reason},
                    {"details", result.details}});
  }
  return {{"verdict", passed() ? "PASS" : "FAIL"}, {"links", list}, {"withheld", withheld}};
}

VerifyReport verify_bundle(const Bundle& bundle, const VerifyOptions& options) {
  VerifyReport report;
  const CommittedFootprint committed = commit_footprint(bundle);
  const CheckedReceipt receipt = check_receipt(bundle, committed);
  // The original data link reads the evidence that the receipt names. It
  // reads a receipt that fails verification unverified, because the
  // calculation link reports that failure.
  const bool receipt_valid = receipt && receipt->ok();
  report.links[0] = original_data_link(bundle, receipt_valid ? &(*receipt)->statement.predicate : nullptr);
  report.links[1] = calculation_link(bundle, committed, receipt, options.recomputer);
  report.links[2] = certification_link(bundle, committed, options);
  report.links[3] = disclosure_link(bundle, committed, options);
  report.withheld = withheld_fields(bundle);
  return report;
}

}  // namespace trustpcf::proof
