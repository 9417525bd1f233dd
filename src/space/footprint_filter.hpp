#pragma once

// The filter criteria of ListFootprints and of RequestCreatedEvent (PACT v3):
// values within one criterion are OR'ed, criteria are AND'ed. Text criteria
// match case-insensitively.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "util/error.hpp"

namespace trustpcf::space {

struct FootprintFilter {
  std::vector<std::string> product_ids;      // lower-cased URNs
  std::vector<std::string> company_ids;      // lower-cased URNs
  std::vector<std::string> geographies;      // lower-cased region, country or subdivision
  std::vector<std::string> classifications;  // lower-cased URNs
  std::optional<std::int64_t> valid_on;      // Unix seconds: start <= validOn <= end
  std::optional<std::int64_t> valid_after;   // Unix seconds: start > validAfter
  std::optional<std::int64_t> valid_before;  // Unix seconds: end < validBefore
  std::optional<std::string> status;         // "Active" or "Deprecated"

  // Serialises the filter as JSON, for signed pagination cursors.
  nlohmann::json to_json() const;
  static FootprintFilter from_json(const nlohmann::json& json);
};

// Adds one criterion `name` (case-insensitive: productId, companyId,
// geography, classification, validOn, validAfter, validBefore, status) with
// `value` to `filter`. Errors: kInvalidInput naming the parameter and value
// for an unknown name, a malformed date-time or status.
util::Status add_filter_criterion(FootprintFilter& filter, const std::string& name,
                                  const std::string& value);

// Builds a filter from the `data` object of a RequestCreatedEvent, where
// list criteria are JSON arrays of strings. Errors: kInvalidInput.
util::Result<FootprintFilter> filter_from_request_data(const nlohmann::json& data);

// Parses an RFC 3339 date-time, also accepting a time without seconds
// ("2025-04-01T00:00Z", as PACT's own examples write it). Returns Unix seconds.
util::Result<std::int64_t> parse_filter_time(const std::string& text);

// Returns `text` with ASCII letters lower-cased.
std::string ascii_lower(std::string text);

}  // namespace trustpcf::space
