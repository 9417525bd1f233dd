#include "proof/publish.hpp"

#include "crypto/jcs.hpp"
#include "proof/selective_disclosure.hpp"
#include "tlog/entry.hpp"

namespace trustpcf::proof {
namespace {

util::Result<LogEntryProof> append_entry(tlog::LogAccess& log, const tlog::Disclosure& disclosure) {
  TRUSTPCF_ASSIGN_OR_RETURN(std::string entry, tlog::make_disclosure_entry(disclosure));
  TRUSTPCF_ASSIGN_OR_RETURN(std::uint64_t index, log.append(entry));
  LogEntryProof proof;
  proof.entry = std::move(entry);
  proof.index = index;
  return proof;
}

}  // namespace

util::Status publish(Bundle& bundle, tlog::LogAccess& log, const std::string& participant,
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

  LogDisclosure disclosure;
  disclosure.log_key = log.verifier_key();
  disclosure.entries = std::move(entries);
  bundle.disclosure = std::move(disclosure);

  // The checkpoint of the batch that committed the last entry, or a later one.
  TRUSTPCF_ASSIGN_OR_RETURN(tlog::SignedCheckpoint checkpoint, log.checkpoint());
  return prove_disclosure(bundle, log, checkpoint);
}

util::Status publish(Bundle& bundle, tlog::Log& log, const std::string& participant,
                     util::Clock::time_point now) {
  tlog::LocalLogAccess access(log);
  return publish(bundle, access, participant, now);
}

util::Status prove_disclosure(Bundle& bundle, tlog::LogAccess& log,
                              const tlog::SignedCheckpoint& checkpoint) {
  assert(bundle.disclosure && "prove_disclosure needs a published bundle");
  LogDisclosure& disclosure = *bundle.disclosure;
  for (LogEntryProof& entry : disclosure.entries) {
    if (entry.index >= checkpoint.checkpoint.size) {
      return util::make_error(util::ErrorCode::kInvalidInput,
                              "log entry {} is not in the checkpoint of size {}; use a later "
                              "checkpoint",
                              entry.index, checkpoint.checkpoint.size);
    }
    TRUSTPCF_ASSIGN_OR_RETURN(tlog::InclusionProof proof,
                              log.prove_inclusion(entry.index, checkpoint.checkpoint.size));
    entry.inclusion_proof.clear();
    for (const tlog::Hash& hash : proof.hashes) entry.inclusion_proof.push_back(tlog::encode_base64(hash));
  }
  disclosure.checkpoint = checkpoint.note;
  return util::Status();
}

}  // namespace trustpcf::proof
