#include "tlog/entry.hpp"

#include <nlohmann/json.hpp>

#include "crypto/jcs.hpp"
#include "tlog/tile_storage.hpp"

namespace trustpcf::tlog {

namespace {

constexpr std::string_view kDigestPrefix = "sha256:";
constexpr size_t kSha256HexDigits = 64;

bool is_sha256_digest(const std::string& digest) {
  if (!digest.starts_with(kDigestPrefix)) return false;
  std::string_view hex = std::string_view(digest).substr(kDigestPrefix.size());
  return hex.size() == kSha256HexDigits &&
         hex.find_first_not_of("0123456789abcdef") == std::string_view::npos;
}

}  // namespace

util::Result<std::string> make_disclosure_entry(const Disclosure& disclosure) {
  const std::string& kind = disclosure.subject_kind;
  if (kind != "footprint" && kind != "certificate" && kind != "other") {
    return util::make_error(util::ErrorCode::kInvalidInput,
                            "disclosure subject kind '{}' is invalid; use footprint, "
                            "certificate or other",
                            kind);
  }
  if (kind == "footprint" && disclosure.subject_id.empty()) {
    return util::Error(util::ErrorCode::kInvalidInput,
                       "disclosure of a footprint needs the footprint's id");
  }
  if (!is_sha256_digest(disclosure.digest)) {
    return util::make_error(util::ErrorCode::kInvalidInput,
                            "disclosure digest '{}' is invalid; use 'sha256:' and 64 lower-case "
                            "hex digits",
                            disclosure.digest);
  }
  if (disclosure.participant.empty()) {
    return util::Error(util::ErrorCode::kInvalidInput, "disclosure needs the participant's id");
  }

  nlohmann::json subject = {{"kind", kind}, {"digest", disclosure.digest}};
  if (!disclosure.subject_id.empty()) subject["id"] = disclosure.subject_id;
  nlohmann::json statement = {
      {"type", kDisclosureType},
      {"subject", subject},
      {"participant", disclosure.participant},
      {"disclosedAt", util::format_rfc3339(disclosure.disclosed_at)},
  };
  std::string entry = crypto::canonicalize(statement);
  if (entry.size() > kMaxEntrySize) {
    return util::make_error(util::ErrorCode::kInvalidInput,
                            "disclosure entry has {} bytes, more than the {} a log entry holds; "
                            "shorten the ids",
                            entry.size(), kMaxEntrySize);
  }
  return entry;
}

}  // namespace trustpcf::tlog
