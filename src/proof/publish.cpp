#include "proof/publish.hpp"

#include "crypto/did_key.hpp"
#include "crypto/jcs.hpp"
#include "proof/disclosure_entry.hpp"
#include "proof/signed_note.hpp"

namespace trustpcf::proof {
namespace {

constexpr const char* kSchemaModule = "proof.log";
constexpr int kSchemaVersion = 1;
constexpr const char* kSchemaV1 = R"sql(
CREATE TABLE proof_log_entries (
  entry_index INTEGER PRIMARY KEY,
  entry BLOB NOT NULL
);
)sql";

}  // namespace

StoreDisclosureLog::StoreDisclosureLog(store::Database& db, crypto::Ed25519KeyPair key,
                                       std::string origin)
    : db_(db), key_(std::move(key)), origin_(std::move(origin)) {}

std::string default_log_origin(const crypto::Ed25519PublicKey& key) {
  return "trustpcf.log/" + crypto::multikey_encode(key);
}

util::Result<std::uint64_t> StoreDisclosureLog::append(const std::string& entry) {
  TRUSTPCF_RETURN_IF_ERROR(db_.ensure_schema(kSchemaModule, kSchemaVersion, kSchemaV1));
  TRUSTPCF_ASSIGN_OR_RETURN(auto transaction, store::Transaction::begin(db_));
  TRUSTPCF_ASSIGN_OR_RETURN(auto count, db_.prepare("SELECT COUNT(*) FROM proof_log_entries"));
  TRUSTPCF_ASSIGN_OR_RETURN(bool row, count.step());
  std::uint64_t index = row ? static_cast<std::uint64_t>(count.column_int(0)) : 0;
  TRUSTPCF_ASSIGN_OR_RETURN(
      auto insert, db_.prepare("INSERT INTO proof_log_entries (entry_index, entry) VALUES (?, ?)"));
  insert.bind(1, static_cast<std::int64_t>(index)).bind_blob(2, entry);
  TRUSTPCF_RETURN_IF_ERROR(insert.run());
  TRUSTPCF_RETURN_IF_ERROR(transaction.commit());
  return index;
}

util::Result<std::vector<std::string>> StoreDisclosureLog::entries(std::uint64_t limit) {
  TRUSTPCF_RETURN_IF_ERROR(db_.ensure_schema(kSchemaModule, kSchemaVersion, kSchemaV1));
  TRUSTPCF_ASSIGN_OR_RETURN(
      auto query, db_.prepare("SELECT entry FROM proof_log_entries WHERE entry_index < ? ORDER BY "
                              "entry_index"));
  query.bind(1, static_cast<std::int64_t>(limit));
  std::vector<std::string> result;
  while (true) {
    TRUSTPCF_ASSIGN_OR_RETURN(bool row, query.step());
    if (!row) break;
    result.push_back(query.column_blob(0));
  }
  return result;
}

util::Result<std::string> StoreDisclosureLog::checkpoint() {
  TRUSTPCF_ASSIGN_OR_RETURN(auto all, entries(INT64_MAX));
  MerkleHash root = merkle_root(all);
  Checkpoint checkpoint{origin_, all.size(), std::string(root.begin(), root.end())};
  return sign_note(format_checkpoint(checkpoint), origin_, key_);
}

util::Result<std::vector<MerkleHash>> StoreDisclosureLog::inclusion_proof(std::uint64_t index,
                                                                          std::uint64_t size) {
  TRUSTPCF_ASSIGN_OR_RETURN(auto leaves, entries(size));
  return merkle_inclusion_proof(leaves, index);
}

std::string StoreDisclosureLog::verifier_key() const {
  return format_note_verifier_key(origin_, key_.public_key());
}

util::Status publish(Bundle& bundle, DisclosureLog& log, const std::string& participant,
                     const std::string& now) {
  DisclosureEntry entry;
  entry.footprint_id = bundle.footprint.value("id", "");
  entry.footprint_digest = footprint_digest(bundle.footprint);
  entry.credential_digest = bundle.credential ? crypto::digest_of(*bundle.credential) : "";
  entry.participant = participant;
  entry.time = now;
  std::string text = format_disclosure_entry(entry);

  TRUSTPCF_ASSIGN_OR_RETURN(std::uint64_t index, log.append(text));
  TRUSTPCF_ASSIGN_OR_RETURN(std::string note, log.checkpoint());
  std::string::size_type blank = note.find("\n\n");
  TRUSTPCF_ASSIGN_OR_RETURN(Checkpoint checkpoint, parse_checkpoint(note.substr(0, blank + 1)));
  TRUSTPCF_ASSIGN_OR_RETURN(auto path, log.inclusion_proof(index, checkpoint.size));

  LogDisclosure disclosure;
  disclosure.log_key = log.verifier_key();
  disclosure.entry = text;
  disclosure.index = index;
  for (const MerkleHash& hash : path) {
    disclosure.inclusion_proof.push_back(crypto::base64_encode(crypto::Bytes(hash.begin(), hash.end())));
  }
  disclosure.checkpoint = note;
  bundle.disclosure = std::move(disclosure);
  return util::Status();
}

}  // namespace trustpcf::proof
