#pragma once

// Certification of a proof bundle by a verification body: check the
// signatures (evidence and receipt), recompute when an engine is wired, run
// the PACT v3 methodology checks, and on success issue the credential, add
// the issuer's current status list and fill pcf.verification.

#include <string>
#include <vector>

#include "crypto/ed25519.hpp"
#include "proof/bundle.hpp"
#include "proof/methodology.hpp"
#include "proof/recompute.hpp"
#include "proof/status_list.hpp"

namespace trustpcf::proof {

// Default standard named in certificates and in pcf.verification.standardName.
inline constexpr const char* kDefaultStandard = "PACT Methodology v3.0";
// Default PACT v3 verification coverage: one product's footprint.
inline constexpr const char* kDefaultCoverage = "product level";

struct CertifyOptions {
  Recomputer* recomputer = nullptr;  // without it, the scope states recomputed: false
  std::string standard = kDefaultStandard;
  std::string coverage = kDefaultCoverage;
  std::string provider_name;         // the verification body's name
  std::string now;                   // RFC 3339 time of issue
  std::string credential_id;         // "urn:uuid:..."; generated when empty
};

struct CertifyReport {
  std::vector<CheckResult> checks;  // signatures, recomputation, methodology
  bool passed() const;
};

// Runs every check; when all pass, issues the credential into `bundle`
// (credential, status_list, footprint pcf.verification). Errors: kStorage
// from the status list store; failed checks are reported, not errors.
util::Result<CertifyReport> certify(Bundle& bundle, const crypto::Ed25519KeyPair& key,
                                    StatusListStore& statuses, const CertifyOptions& options);

}  // namespace trustpcf::proof
