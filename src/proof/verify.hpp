#pragma once

// Offline verification of a proof bundle, link by link: original data
// (evidence signatures, digests and inclusion in the batch commitments the
// receipt names), calculation (the receipt's DSSE signature and subject
// digest, and optionally recomputation), certification (the credential's
// proof, a trusted issuer, its status bit, pcf.verification), disclosure
// (the checkpoint's signature by a trusted log key, the entry's digests, the
// inclusion proof, and no fork against checkpoints seen before).

#include <array>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "crypto/ed25519.hpp"
#include "proof/bundle.hpp"
#include "proof/recompute.hpp"

namespace trustpcf::proof {

enum class Link { kOriginalData = 0, kCalculation = 1, kCertification = 2, kDisclosure = 3 };

// "original data", "calculation", "certification", "disclosure".
const char* link_name(Link link);

struct LinkResult {
  Link link = Link::kOriginalData;
  bool passed = false;
  std::string reason;                // on FAIL: the first check that failed
  std::vector<std::string> details;  // what was checked and found valid
};

struct VerifyOptions {
  // Keys trusted as credential issuers and transparency log keys.
  std::vector<crypto::Ed25519PublicKey> trusted;
  // A status list document fresher than the bundle's, when the caller has one.
  std::optional<nlohmann::json> status_list;
  // Signed checkpoints of the same log seen before, to detect a fork.
  std::vector<std::string> known_checkpoints;
  // Repeats the calculation when set (verify --recompute).
  Recomputer* recomputer = nullptr;
};

struct VerifyReport {
  std::array<LinkResult, 4> links;
  // Fields the owner withheld ("comment", "site", ...), which stay hidden
  // behind salted digests.
  std::vector<std::string> withheld;

  bool passed() const;
  // The first link that failed, in link order.
  std::optional<Link> first_failure() const;
  // {"verdict": "PASS"|"FAIL", "links": [{"link", "result", "reason", "details"}],
  //  "withheld": [field, ...]}
  nlohmann::json to_json() const;
};

VerifyReport verify_bundle(const Bundle& bundle, const VerifyOptions& options);

// The individual links, for certification and tests.
LinkResult verify_original_data(const Bundle& bundle);
LinkResult verify_calculation(const Bundle& bundle, Recomputer* recomputer);
LinkResult verify_certification(const Bundle& bundle, const VerifyOptions& options);
LinkResult verify_disclosure(const Bundle& bundle, const VerifyOptions& options);

}  // namespace trustpcf::proof
