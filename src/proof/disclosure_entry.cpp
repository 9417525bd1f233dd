#include "proof/disclosure_entry.hpp"

#include "crypto/jcs.hpp"

namespace trustpcf::proof {

std::string format_disclosure_entry(const DisclosureEntry& entry) {
  return crypto::canonicalize({{"type", kDisclosureEntryType},
                               {"footprintId", entry.footprint_id},
                               {"footprintDigest", entry.footprint_digest},
                               {"credentialDigest", entry.credential_digest},
                               {"participant", entry.participant},
                               {"time", entry.time}});
}

}  // namespace trustpcf::proof
