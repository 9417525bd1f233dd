#pragma once

// Log entries for disclosures: a small canonical JSON statement of what was
// disclosed (a footprint, a certificate or another object, by id and
// SHA-256 digest), by which participant and when. The log itself accepts
// any bytes up to kMaxEntrySize; this is the form trustpcf writes.

#include <string>

#include "util/error.hpp"
#include "util/time.hpp"

namespace trustpcf::tlog {

// Value of the statement's "type" member, naming this statement format.
inline constexpr const char* kDisclosureType = "trustpcf.disclosure/v1";

struct Disclosure {
  std::string subject_kind;  // "footprint", "certificate" or "other"
  std::string subject_id;    // e.g. the footprint's urn:uuid; required for footprints
  std::string digest;        // "sha256:" and 64 lower-case hex digits
  std::string participant;   // the disclosing participant's id (for example a did:key)
  util::Clock::time_point disclosed_at;
};

// Builds the entry bytes:
//   {"disclosedAt":"…","participant":"…","subject":{"digest":"sha256:…","id":"…","kind":"…"},
//    "type":"trustpcf.disclosure/v1"}
// in its RFC 8785 (JCS) form. Errors: kInvalidInput naming the field at fault.
util::Result<std::string> make_disclosure_entry(const Disclosure& disclosure);

}  // namespace trustpcf::tlog
