#pragma once

// The proof bundle: everything a receiver needs to check a footprint's four
// links offline. It travels inside the PACT v3 ProductFootprint as one
// DataModelExtension (specVersion, dataSchema kBundleDataSchema,
// documentation, data), so PACT clients that ignore extensions still work.
// docs/bundle.md documents every field of `data`.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "crypto/dsse.hpp"
#include "proof/evidence.hpp"
#include "proof/footprint_digest.hpp"
#include "proof/footprint_sd.hpp"
#include "util/error.hpp"

namespace trustpcf::proof {

inline constexpr const char* kExtensionSpecVersion = "2.0.0";
inline constexpr const char* kBundleDocumentation = "https://trustpcf.dev/bundle/v1/";
inline constexpr int kBundleVersion = 1;

// One disclosed evidence record with its inclusion proof in its batch.
struct DisclosedRecord {
  std::uint64_t index = 0;
  EvidenceRecord record;
  std::vector<std::string> inclusion_proof;  // hex hashes, leaf to root
};

// An evidence batch as the bundle carries it: the commitment the receipt
// names, and the records the owner chose to disclose.
struct EvidenceDisclosure {
  nlohmann::json commitment;  // EvidenceBatch::commitment()
  std::vector<DisclosedRecord> records;
};

// One transparency log entry with its inclusion proof.
struct LogEntryProof {
  std::string entry;                         // the entry's bytes (tlog disclosure JSON)
  std::uint64_t index = 0;                   // its index in the log
  std::vector<std::string> inclusion_proof;  // base64 hashes, leaf to root
};

// The transparency log part, added by publish: the footprint's entry and,
// when certified, the credential's, both proven against one checkpoint.
struct LogDisclosure {
  std::string log_key;     // C2SP verifier key of the log
  std::string checkpoint;  // the signed checkpoint note the proofs lead to
  std::vector<LogEntryProof> entries;
};

struct Bundle {
  // The PACT footprint without the bundle extension; pcf.verification is
  // filled by certification.
  nlohmann::json footprint;
  std::optional<crypto::DsseEnvelope> receipt;
  std::vector<EvidenceDisclosure> evidence;
  std::optional<nlohmann::json> credential;   // W3C VC 2.0 with eddsa-jcs-2022 proof
  std::optional<nlohmann::json> status_list;  // the issuer's signed status list
  std::optional<LogDisclosure> disclosure;
  // The committed digests of selectively disclosable footprint fields and
  // the disclosures of those this copy reveals (selective_disclosure.hpp).
  // Absent in bundles whose footprint commits to every field in plain form.
  std::optional<SelectiveDisclosure> selective_disclosure;
};

// Builds the disclosure of `batch` with the records at `disclose` (indices).
// Errors: kInvalidInput for an index outside the batch.
util::Result<EvidenceDisclosure> disclose_evidence(const EvidenceBatch& batch,
                                                   const std::vector<std::uint64_t>& disclose);

// The footprint with the bundle as its DataModelExtension (replacing an
// earlier one).
nlohmann::json bundle_to_footprint(const Bundle& bundle);

// Reads a footprint carrying the extension. Errors: kInvalidInput naming the
// field (not a footprint, no bundle extension, wrong specVersion or
// bundleVersion, malformed part).
util::Result<Bundle> bundle_from_footprint(const nlohmann::json& footprint);

// Reads and writes bundle files (a PACT footprint JSON). Errors: kNotFound,
// kStorage, kInvalidInput as above.
util::Result<Bundle> read_bundle(const std::filesystem::path& path);
util::Status write_bundle(const std::filesystem::path& path, const Bundle& bundle);

}  // namespace trustpcf::proof
