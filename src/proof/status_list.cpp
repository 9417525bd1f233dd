#include "proof/status_list.hpp"

#include "crypto/did_key.hpp"
#include "crypto/status_list.hpp"
#include "crypto/data_integrity.hpp"
#include "proof/credential.hpp"

namespace trustpcf::proof {
namespace {

using util::ErrorCode;
using util::make_error;

constexpr const char* kSchemaModule = "proof.status";
constexpr int kSchemaVersion = 1;
constexpr const char* kSchemaV1 = R"sql(
CREATE TABLE proof_issued_credentials (
  credential_id TEXT PRIMARY KEY,
  issuer TEXT NOT NULL,
  status_index INTEGER NOT NULL,
  footprint_id TEXT NOT NULL,
  revoked INTEGER NOT NULL DEFAULT 0,
  UNIQUE (issuer, status_index)
);
)sql";

}  // namespace

std::string status_list_uri(const std::string& issuer_did) {
  return "urn:trustpcf:status:" + issuer_did;
}

util::Status StatusListStore::ensure_schema() {
  return db_.ensure_schema(kSchemaModule, kSchemaVersion, kSchemaV1);
}

util::Result<std::uint64_t> StatusListStore::allocate(const std::string& issuer_did,
                                                      const std::string& credential_id,
                                                      const std::string& footprint_id) {
  TRUSTPCF_RETURN_IF_ERROR(ensure_schema());
  TRUSTPCF_ASSIGN_OR_RETURN(auto transaction, store::Transaction::begin(db_));
  TRUSTPCF_ASSIGN_OR_RETURN(auto next, db_.prepare("SELECT COALESCE(MAX(status_index) + 1, 0) "
                                                   "FROM proof_issued_credentials WHERE issuer = ?"));
  next.bind(1, std::string_view(issuer_did));
  TRUSTPCF_ASSIGN_OR_RETURN(bool row, next.step());
  std::uint64_t index = row ? static_cast<std::uint64_t>(next.column_int(0)) : 0;
  if (index >= kStatusListEntries) {
    return make_error(ErrorCode::kInvalidInput,
                      "the status list of {} is full ({} credentials); use another issuer key",
                      issuer_did, kStatusListEntries);
  }
  TRUSTPCF_ASSIGN_OR_RETURN(
      auto insert, db_.prepare("INSERT INTO proof_issued_credentials (credential_id, issuer, "
                               "status_index, footprint_id) VALUES (?, ?, ?, ?)"));
  insert.bind(1, std::string_view(credential_id))
      .bind(2, std::string_view(issuer_did))
      .bind(3, static_cast<std::int64_t>(index))
      .bind(4, std::string_view(footprint_id));
  TRUSTPCF_RETURN_IF_ERROR(insert.run());
  TRUSTPCF_RETURN_IF_ERROR(transaction.commit());
  return index;
}

util::Result<std::string> StatusListStore::revoke(const std::string& credential_id) {
  TRUSTPCF_RETURN_IF_ERROR(ensure_schema());
  TRUSTPCF_ASSIGN_OR_RETURN(
      auto query, db_.prepare("SELECT issuer FROM proof_issued_credentials WHERE credential_id = ?"));
  query.bind(1, std::string_view(credential_id));
  TRUSTPCF_ASSIGN_OR_RETURN(bool found, query.step());
  if (!found) {
    return make_error(ErrorCode::kNotFound,
                      "credential '{}' was not issued by this node; copy the credential's \"id\" from the certified "
                      "bundle and revoke it on the node that certified it",
                      credential_id);
  }
  std::string issuer = query.column_text(0);
  TRUSTPCF_ASSIGN_OR_RETURN(
      auto update,
      db_.prepare("UPDATE proof_issued_credentials SET revoked = 1 WHERE credential_id = ?"));
  update.bind(1, std::string_view(credential_id));
  TRUSTPCF_RETURN_IF_ERROR(update.run());
  return issuer;
}

util::Result<nlohmann::json> StatusListStore::signed_list(const crypto::Ed25519KeyPair& key,
                                                          const std::string& issued_at) {
  TRUSTPCF_RETURN_IF_ERROR(ensure_schema());
  std::string issuer = crypto::did_key_of(key.public_key());
  TRUSTPCF_ASSIGN_OR_RETURN(crypto::StatusList list, crypto::StatusList::create(1, kStatusListEntries));
  TRUSTPCF_ASSIGN_OR_RETURN(
      auto query, db_.prepare("SELECT status_index FROM proof_issued_credentials WHERE issuer = ? "
                              "AND revoked = 1"));
  query.bind(1, std::string_view(issuer));
  while (true) {
    TRUSTPCF_ASSIGN_OR_RETURN(bool row, query.step());
    if (!row) break;
    TRUSTPCF_RETURN_IF_ERROR(list.set(static_cast<std::size_t>(query.column_int(0)), crypto::kStatusInvalid));
  }
  nlohmann::json document = {{"type", "TokenStatusList"},
                             {"iss", issuer},
                             {"sub", status_list_uri(issuer)},
                             {"iat", issued_at},
                             {"status_list", list.to_json()}};
  crypto::DataIntegrityProofOptions options;
  options.created = issued_at;
  return crypto::add_eddsa_jcs_2022_proof(document, key, options);
}

util::Result<bool> check_status(const nlohmann::json& document, const std::string& issuer_did,
                                const std::string& uri, std::uint64_t index) {
  TRUSTPCF_ASSIGN_OR_RETURN(std::string signer, verify_single_proof(document, "status list"));
  if (signer != issuer_did || document.value("iss", "") != issuer_did) {
    return make_error(ErrorCode::kVerification,
                      "status list is signed by {}, not by the credential's issuer {}", signer,
                      issuer_did);
  }
  if (document.value("sub", "") != uri) {
    return make_error(ErrorCode::kVerification, "status list is '{}', the credential points to '{}'",
                      document.value("sub", ""), uri);
  }
  auto list = document.find("status_list");
  if (list == document.end()) {
    return util::Error(ErrorCode::kVerification, "status list document has no \"status_list\"");
  }
  auto status = crypto::StatusList::read_entry(*list, index);
  if (!status.ok()) return util::Error(ErrorCode::kVerification, status.error().message());
  return *status != crypto::kStatusValid;
}

}  // namespace trustpcf::proof
