#include "proof/publish.hpp"

#include "crypto/jcs.hpp"
#include "proof/selective_disclosure.hpp"
#include "tlog/entry.hpp"

namespace trustpcf::proof {
namespace {

util::Result<LogEntryProof> append_entry(tlog::Log& log, const tlog::Disclosure& disclosure) {
  TRUSTPCF_ASSIGN_OR_RETURN(std::string entry, tlog::make_disclosure_entry(disclosure));
  TRUSTPCF_ASSIGN_OR_RETURN(std::uint64_t index, log.append(entry));
  LogEntryProof proof;
  proof.entry = std::move(entry);
  proof.index = index;
  return proof;
}

}  // namespace

util::Status publish(Bundle& bundle, tlog::Log& log, const std::string& participant,
                     util::Clock::time_point now) {
  std::vector<LogEntryProof> entries;
  tlog::Disclosure footprint;
  footprint.subject_kind = "footprint";
  footprint.subject_id = "urn:uuid:" + bundle.footprint.value("id", "");
  TRUSTPCF_ASSIGN_OR_RETURN(std::string digest, bundle_footprint_digest(bundle));
  footprint.digest = "sha256:" + digest;
  footprint.participant = participant;
  footprint.disclosed_at = now;
  TRUSTPCF_ASSIGN_OR_RETURN(LogEntryProof footprint_entry, append_entry(log, footprint));
  entries.push_back(std::move(footprint_entry));

  if (bundle.credential) {
    tlog::Disclosure certificate = footprint;
    certificate.subject_kind = "certificate";
    certificate.subject_id = bundle.credential->value("id", "");
    certificate.digest = "sha256:" + crypto::digest_of(*bundle.credential);
    TRUSTPCF_ASSIGN_OR_RETURN(LogEntryProof certificate_entry, append_entry(log, certificate));
    entries.push_back(std::move(certificate_entry));
  }

  // The checkpoint of the batch that committed the last entry, or a later one.
  tlog::SignedCheckpoint checkpoint = log.checkpoint();
  for (LogEntryProof& entry : entries) {
    TRUSTPCF_ASSIGN_OR_RETURN(tlog::InclusionProof proof,
                              log.prove_inclusion(entry.index, checkpoint.checkpoint.size));
    for (const tlog::Hash& hash : proof.hashes) entry.inclusion_proof.push_back(tlog::encode_base64(hash));
  }

  LogDisclosure disclosure;
  disclosure.log_key = log.key().verifier_key();
  disclosure.checkpoint = checkpoint.note;
  disclosure.entries = std::move(entries);
  bundle.disclosure = std::move(disclosure);
  return util::Status();
}

}  // namespace trustpcf::proof
