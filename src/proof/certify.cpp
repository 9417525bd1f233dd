#include "proof/certify.hpp"

#include <algorithm>

#include <sodium.h>

#include "crypto/did_key.hpp"
#include "crypto/encoding.hpp"
#include "proof/credential.hpp"
#include "proof/selective_disclosure.hpp"
#include "proof/verify.hpp"

namespace trustpcf::proof {
namespace {

// A random (version 4) UUID URN for a new credential.
std::string random_uuid_urn() {
  std::array<std::uint8_t, 16> bytes;
  randombytes_buf(bytes.data(), bytes.size());
  bytes[6] = static_cast<std::uint8_t>((bytes[6] & 0x0f) | 0x40);
  bytes[8] = static_cast<std::uint8_t>((bytes[8] & 0x3f) | 0x80);
  std::string hex = crypto::hex_encode(crypto::Bytes(bytes.begin(), bytes.end()));
  return "urn:uuid:" + hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" +
         hex.substr(16, 4) + "-" + hex.substr(20);
}

CheckResult from_link(const char* name, const LinkResult& link) {
  std::string reason = link.passed ? (link.details.empty() ? "valid" : link.details.front()) : link.reason;
  return {name, link.passed, reason};
}

}  // namespace

bool CertifyReport::passed() const {
  return std::all_of(checks.begin(), checks.end(), [](const CheckResult& c) { return c.passed; });
}

util::Result<CertifyReport> certify(Bundle& bundle, const crypto::Ed25519KeyPair& key,
                                    StatusListStore& statuses, const CertifyOptions& options) {
  CertifyReport report;
  report.checks.push_back(from_link("evidence signatures", verify_original_data(bundle)));
  report.checks.push_back(from_link("calculation receipt", verify_calculation(bundle, nullptr)));
  if (options.recomputer != nullptr) {
    LinkResult recomputed = verify_calculation(bundle, options.recomputer);
    report.checks.push_back({"recomputation", recomputed.passed,
                             recomputed.passed ? "recomputation gives identical footprint bytes"
                                               : recomputed.reason});
  }
  for (CheckResult& check : check_pact_methodology(bundle.footprint)) {
    report.checks.push_back(std::move(check));
  }
  if (!report.passed()) return report;

  std::string issuer = crypto::did_key_of(key.public_key());
  std::string credential_id = options.credential_id.empty() ? random_uuid_urn() : options.credential_id;
  std::string footprint_id = bundle.footprint.value("id", "");
  TRUSTPCF_ASSIGN_OR_RETURN(std::uint64_t index,
                            statuses.allocate(issuer, credential_id, footprint_id));

  nlohmann::json passed_checks = nlohmann::json::array();
  for (const CheckResult& check : report.checks) passed_checks.push_back(check.name);
  CredentialClaims claims;
  claims.credential_id = credential_id;
  claims.footprint_id = footprint_id;
  TRUSTPCF_ASSIGN_OR_RETURN(claims.footprint_digest, bundle_footprint_digest(bundle));
  claims.scope = {{"coverage", options.coverage},
                  {"recomputed", options.recomputer != nullptr},
                  {"checks", passed_checks}};
  claims.standard = options.standard;
  claims.provider_name = options.provider_name.empty() ? issuer : options.provider_name;
  claims.valid_from = options.now;
  claims.status_index = index;

  TRUSTPCF_ASSIGN_OR_RETURN(bundle.credential, issue_credential(claims, key));
  TRUSTPCF_ASSIGN_OR_RETURN(bundle.status_list, statuses.signed_list(key, options.now));
  bundle.footprint["pcf"]["verification"] = pact_verification_of(*bundle.credential);
  return report;
}

}  // namespace trustpcf::proof
