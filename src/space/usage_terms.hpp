#pragma once

// Usage terms that travel with a footprint: when the node serves a
// footprint it adds a PACT v3 DataModelExtension naming the usage policy it
// was granted under (the grantor, purpose, end date and whether the
// recipient may pass it on). The recipient stores those terms with the
// footprint, and passes on a footprint from another company only when its
// terms allow resharing. Fields and rules: docs/cli.md, "Usage terms with
// every footprint".

#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "proof/footprint_digest.hpp"
#include "store/database.hpp"

namespace trustpcf::space {

// Path of the extension's JSON Schema on every node. The extension's
// dataSchema is this path on the serving node's origin, so receivers
// recognise the extension by it.
// Defined in proof because footprint digests leave the extension out.
inline constexpr const char* kUsageTermsSchemaPath = proof::kUsageTermsSchemaPath;
// Version of the Data Model Extensions specification the extension follows.
inline constexpr const char* kDataModelExtensionSpecVersion = "2.0.0";

struct UsageTerms {
  std::string policy_id;   // the grantor's usage policy id
  std::string granted_by;  // company id URN of the data owner that granted it
  std::string purpose;
  std::optional<std::int64_t> valid_until;  // Unix seconds, exclusive
  bool reshare = false;                     // the recipient may pass the footprint on
};

// Returns the DataModelExtension carrying `terms`; `origin` is the serving
// node's https origin ("https://host:port") that serves the schema.
nlohmann::json usage_terms_extension(const UsageTerms& terms, const std::string& origin);

// Returns the JSON Schema of the extension's `data`.
nlohmann::json usage_terms_schema();

// Reads the usage-terms extension of a PACT footprint: nullopt when it has
// none. Errors: kInvalidInput naming the field when the extension is
// malformed.
util::Result<std::optional<UsageTerms>> received_terms_from_footprint(const nlohmann::json& footprint);

// Returns `document` (a footprint as compact JSON) with its usage-terms
// extensions, if any, replaced by one carrying `terms`. Other extensions
// are kept.
std::string document_with_terms(const std::string& document, const UsageTerms& terms, const std::string& origin);

// Records how footprint `pf_id` came to the node and replaces the earlier
// record. `own` marks a footprint of the data owner itself. Otherwise
// `terms` are the supplier's usage terms, nullopt when it came without any.
// Errors: kStorage.
util::Status record_footprint_terms(store::Database& db, const std::string& pf_id, bool own,
                                    const std::optional<UsageTerms>& terms);

// Records the terms of a footprint received from another company as
// received_terms_from_footprint reads them, for importers that store
// footprints themselves. Errors: kInvalidInput for a malformed extension;
// kStorage.
util::Status record_received_terms(store::Database& db, const nlohmann::json& footprint);

// Creates the table of footprint terms. Safe to call on every open.
util::Status ensure_usage_terms_schema(store::Database& db);

}  // namespace trustpcf::space
