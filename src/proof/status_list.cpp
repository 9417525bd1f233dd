#include "proof/status_list.hpp"

#include <zlib.h>

#include "crypto/did_key.hpp"
#include "crypto/encoding.hpp"
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

constexpr std::size_t kStatusListBytes = kStatusListEntries / 8;

}  // namespace

nlohmann::json encode_status_list(const std::vector<std::uint8_t>& bytes) {
  uLongf size = compressBound(bytes.size());
  std::vector<std::uint8_t> compressed(size);
  int result = compress2(compressed.data(), &size, bytes.data(), bytes.size(), Z_BEST_COMPRESSION);
  assert(result == Z_OK && "compressBound sizes the output buffer");
  (void)result;
  compressed.resize(size);
  return {{"bits", 1}, {"lst", crypto::base64url_encode(compressed)}};
}

util::Result<std::vector<std::uint8_t>> decode_status_list(const nlohmann::json& status_list) {
  if (!status_list.is_object() || status_list.value("bits", 0) != 1 ||
      !status_list.contains("lst") || !status_list["lst"].is_string()) {
    return util::Error(ErrorCode::kVerification,
                       "status list must have \"bits\": 1 and a text \"lst\"");
  }
  auto compressed = crypto::base64url_decode(status_list["lst"].get<std::string>());
  if (!compressed.ok()) {
    return util::Error(ErrorCode::kVerification, "status list \"lst\" is not base64url");
  }
  std::vector<std::uint8_t> bytes(kStatusListBytes);
  uLongf size = bytes.size();
  if (uncompress(bytes.data(), &size, compressed->data(), compressed->size()) != Z_OK) {
    return util::Error(ErrorCode::kVerification,
                       "status list \"lst\" is not zlib data of at most the list size");
  }
  bytes.resize(size);
  return bytes;
}

util::Result<bool> status_bit(const std::vector<std::uint8_t>& bytes, std::uint64_t index) {
  if (index / 8 >= bytes.size()) {
    return make_error(ErrorCode::kVerification, "status index {} is outside the list of {} entries",
                      index, bytes.size() * 8);
  }
  return ((bytes[index / 8] >> (index % 8)) & 1) == 1;
}

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
                      "credential '{}' was not issued by this node; give the credential's id",
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
  std::vector<std::uint8_t> bytes(kStatusListBytes, 0);
  TRUSTPCF_ASSIGN_OR_RETURN(
      auto query, db_.prepare("SELECT status_index FROM proof_issued_credentials WHERE issuer = ? "
                              "AND revoked = 1"));
  query.bind(1, std::string_view(issuer));
  while (true) {
    TRUSTPCF_ASSIGN_OR_RETURN(bool row, query.step());
    if (!row) break;
    std::uint64_t index = static_cast<std::uint64_t>(query.column_int(0));
    bytes[index / 8] |= static_cast<std::uint8_t>(1u << (index % 8));
  }
  nlohmann::json document = {{"type", "TokenStatusList"},
                             {"iss", issuer},
                             {"sub", status_list_uri(issuer)},
                             {"iat", issued_at},
                             {"status_list", encode_status_list(bytes)}};
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
  TRUSTPCF_ASSIGN_OR_RETURN(auto bytes, decode_status_list(document.value("status_list", nlohmann::json())));
  return status_bit(bytes, index);
}

}  // namespace trustpcf::proof
