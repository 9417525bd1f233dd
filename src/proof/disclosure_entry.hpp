#pragma once

// The transparency log entry that publishes a footprint: canonical JSON
// {"type": kDisclosureEntryType, "footprintId", "footprintDigest",
//  "credentialDigest", "participant", "time"}, digests as lower-case hex
// SHA-256 (credentialDigest is the JCS digest of the whole credential, proof
// included; empty when the footprint is published uncertified).

#include <string>

#include <nlohmann/json.hpp>

namespace trustpcf::proof {

inline constexpr const char* kDisclosureEntryType = "https://trustpcf.dev/disclosure/v1";

struct DisclosureEntry {
  std::string footprint_id;
  std::string footprint_digest;
  std::string credential_digest;
  std::string participant;  // did:key of the publisher
  std::string time;         // RFC 3339
};

// The entry's bytes as appended to the log.
std::string format_disclosure_entry(const DisclosureEntry& entry);

}  // namespace trustpcf::proof
