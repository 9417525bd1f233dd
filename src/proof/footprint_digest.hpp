#pragma once

// The digest by which receipts, credentials and log entries name a PACT v3
// ProductFootprint: lower-case hex SHA-256 of the RFC 8785 (JCS) form of the
// footprint without the parts that are added after the calculation: the
// proof bundle extension (see bundle.hpp), `pcf.verification` (filled by
// certification, and checked against the credential instead) and the usage
// terms extension a serving node attaches for its partner (space module).
// Any other change of the footprint, one digit included, changes the digest.

#include <string>

#include <nlohmann/json.hpp>

namespace trustpcf::proof {

// Data schema URI of the proof bundle DataModelExtension.
inline constexpr const char* kBundleDataSchema = "https://trustpcf.dev/bundle/v1/schema.json";

// Path at the end of the data schema URI of the usage terms extension. Each
// node serves the schema on its own origin, so only the path is fixed.
inline constexpr const char* kUsageTermsSchemaPath = "/space/schemas/usage-policy/1.0.0/data-model.json";

// The footprint with the bundle and usage terms extensions and
// pcf.verification removed (an empty `extensions` array is removed too).
nlohmann::json footprint_core(const nlohmann::json& footprint);

// digest_of(footprint_core(footprint)).
std::string footprint_digest(const nlohmann::json& footprint);

}  // namespace trustpcf::proof
