#include "proof/footprint_digest.hpp"

#include "crypto/jcs.hpp"

namespace trustpcf::proof {

nlohmann::json footprint_core(const nlohmann::json& footprint) {
  nlohmann::json core = footprint;
  if (!core.is_object()) return core;

  if (core.contains("pcf") && core["pcf"].is_object()) core["pcf"].erase("verification");

  auto extensions = core.find("extensions");
  if (extensions != core.end() && extensions->is_array()) {
    nlohmann::json kept = nlohmann::json::array();
    for (const nlohmann::json& extension : *extensions) {
      const std::string schema = extension.is_object() ? extension.value("dataSchema", "") : "";
      const bool is_bundle = schema == kBundleDataSchema;
      const bool is_usage_terms = schema.ends_with(kUsageTermsSchemaPath);
      if (!is_bundle && !is_usage_terms) kept.push_back(extension);
    }
    if (kept.empty()) {
      core.erase("extensions");
    } else {
      *extensions = std::move(kept);
    }
  }
  return core;
}

std::string footprint_digest(const nlohmann::json& footprint) {
  return crypto::digest_of(footprint_core(footprint));
}

}  // namespace trustpcf::proof
