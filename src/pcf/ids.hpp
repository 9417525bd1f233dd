#pragma once

// Identifiers in PACT v3 footprints: footprint ids are UUIDs (RFC 9562) in
// their plain text form; company and product ids are URNs (RFC 8141).

#include <string>
#include <string_view>

namespace trustpcf::pcf {

// Returns a new random (version 4) UUID in lower case, from OpenSSL's
// RAND_bytes. Aborts when the random generator fails, which a working
// OpenSSL installation does not do.
std::string new_uuid_v4();

// True for "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx" with hexadecimal digits of
// either case, the text form RFC 9562 defines.
bool is_uuid(std::string_view text);

// True when `text` starts with "urn:" (any case) followed by something, the
// test the PACT Urn type applies.
bool is_urn(std::string_view text);

// Returns "urn:uuid:" + `uuid` in lower case, a URN for an id that is a UUID
// (openLCA flow and process ids are).
std::string uuid_urn(std::string_view uuid);

}  // namespace trustpcf::pcf
