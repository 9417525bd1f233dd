#pragma once

// Revocation of certificates through an IETF Token Status List with one bit
// per entry (0 valid, 1 revoked), bytes compressed with zlib (DEFLATE) and
// written in base64url: {"bits": 1, "lst": "..."}. Each verifier (issuer)
// keeps one list in the node's store and publishes it as a status list
// document {"type": "TokenStatusList", "iss", "sub", "iat", "status_list"}
// signed with an eddsa-jcs-2022 Data Integrity proof.
//
// NOTE: the document is signed with Data Integrity, like the credential,
// instead of as a status list JWT; its status_list member is the token's
// encoding (crypto::StatusList).

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "crypto/ed25519.hpp"
#include "store/database.hpp"
#include "util/error.hpp"

namespace trustpcf::proof {

// Entries in each issuer's list. Large lists hide which credential a
// verifier checks; 131,072 entries compress to well under a kilobyte.
inline constexpr std::uint64_t kStatusListEntries = 131072;

// The list URI of an issuer: "urn:trustpcf:status:<issuer did:key>".
std::string status_list_uri(const std::string& issuer_did);

class StatusListStore {
 public:
  explicit StatusListStore(store::Database& db) : db_(db) {}

  // Reserves the next free index in `issuer_did`'s list and records the
  // credential. Errors: kStorage, kInvalidInput when the list is full.
  util::Result<std::uint64_t> allocate(const std::string& issuer_did,
                                       const std::string& credential_id,
                                       const std::string& footprint_id);

  // Sets the revoked bit of `credential_id` and returns the issuer's did:key.
  // Errors: kNotFound when this node issued no such credential.
  util::Result<std::string> revoke(const std::string& credential_id);

  // The issuer's current list, signed by `key` at `issued_at` (RFC 3339).
  util::Result<nlohmann::json> signed_list(const crypto::Ed25519KeyPair& key,
                                           const std::string& issued_at);

 private:
  util::Status ensure_schema();
  store::Database& db_;
};

// Verifies a signed status list document and returns whether entry `index`
// is revoked (any status other than valid). `issuer_did` must have signed it
// and `uri` must be its "sub". Only the list's bytes up to the entry are
// inflated. Errors: kVerification naming what failed.
util::Result<bool> check_status(const nlohmann::json& status_list_document,
                                const std::string& issuer_did, const std::string& uri,
                                std::uint64_t index);

}  // namespace trustpcf::proof
