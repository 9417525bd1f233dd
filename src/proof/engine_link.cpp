#include "proof/engine_link.hpp"

#include <fmt/format.h>

#include "crypto/digest.hpp"
#include "crypto/jcs.hpp"
#include "lca/characterization_tables.hpp"
#include "lca/entity_store.hpp"
#include "pcf/footprint_json.hpp"
#include "proof/evidence_computation.hpp"

namespace trustpcf::proof {

using util::ErrorCode;
using util::make_error;

std::string characterization_table_digest() {
  // Length-prefixed so that moving bytes between the two tables changes the digest.
  std::string_view gwp = lca::gwp100_table_csv();
  std::string_view mapping = lca::flow_mapping_table_csv();
  std::string joined = fmt::format("{}\n{}{}\n{}", gwp.size(), gwp, mapping.size(), mapping);
  return crypto::sha256_hex(joined);
}

ReceiptInputs receipt_inputs(const pcf::FootprintRequest& request, const pcf::FootprintComputation& computation,
                             const std::string& database_digest) {
  ReceiptInputs inputs;
  inputs.background_database = database_digest;

  nlohmann::json links = nlohmann::json::array();
  for (const lca::SystemLink& link : computation.result.system.links) {
    const lca::TechnosphereKey& consumer = computation.result.system.columns[static_cast<size_t>(link.consumer_column)];
    const lca::TechnosphereKey& provider = computation.result.system.columns[static_cast<size_t>(link.provider_column)];
    links.push_back({{"consumer", consumer.process_id},
                     {"exchange", link.exchange_internal_id},
                     {"provider", provider.process_id},
                     {"flow", provider.flow_id}});
  }
  inputs.product_system = {{"request", pcf::request_to_json(request)}, {"links", links}};

  inputs.characterization_method = lca::gwp_method_name(request.method);
  inputs.characterization_table = characterization_table_digest();
  inputs.options = {{"allocation", lca::allocation_mode_name(request.allocation)},
                    {"amount", fmt::format("{}", request.amount)},
                    {"created", request.created}};
  return inputs;
}

util::Result<nlohmann::json> EngineRecomputer::recompute(const nlohmann::json& receipt_predicate) {
  const nlohmann::json* request_json = nullptr;
  const nlohmann::json* foreground = nullptr;
  if (auto system = receipt_predicate.find("productSystem"); system != receipt_predicate.end() && system->is_object()) {
    if (auto definition = system->find("definition"); definition != system->end() && definition->is_object()) {
      if (auto request = definition->find("request"); request != definition->end()) request_json = &*request;
      if (auto found = definition->find("foreground"); found != definition->end() && found->is_object()) {
        foreground = &*found;
      }
    }
  }
  if (request_json == nullptr) {
    return util::Error(ErrorCode::kInvalidInput,
                       "the receipt's productSystem has no request, so the calculation cannot be repeated; "
                       "it was not written by `trustpcf footprint compute`");
  }
  TRUSTPCF_ASSIGN_OR_RETURN(pcf::FootprintRequest request, pcf::request_from_json(*request_json));

  std::string table = receipt_predicate.value("/characterization/sha256"_json_pointer, std::string());
  if (table != characterization_table_digest()) {
    return make_error(ErrorCode::kVerification,
                      "the characterization table differs: the receipt names sha256:{}, this build has sha256:{}",
                      table, characterization_table_digest());
  }

  std::string digest = receipt_predicate.value("/backgroundDatabase/sha256"_json_pointer, std::string());
  TRUSTPCF_ASSIGN_OR_RETURN(std::optional<lca::DatabaseInfo> stored, lca::find_database(db_, digest));
  if (!stored) {
    TRUSTPCF_ASSIGN_OR_RETURN(std::optional<lca::DatabaseInfo> same_name, lca::find_database(db_, request.database_name));
    if (same_name) {
      return make_error(ErrorCode::kNotFound,
                        "the background database '{}' differs: the receipt names sha256:{}, the store holds "
                        "sha256:{}; import the database the footprint was computed with",
                        request.database_name, digest, same_name->digest);
    }
    return make_error(ErrorCode::kNotFound,
                      "the background database '{}' (sha256:{}) is not in this node's store; import it with "
                      "`trustpcf db import`",
                      request.database_name, digest);
  }

  TRUSTPCF_ASSIGN_OR_RETURN(lca::Database database, lca::load_database(db_, stored->digest));
  if (foreground != nullptr) {
    TRUSTPCF_ASSIGN_OR_RETURN(EvidenceComputation repeated,
                              recompute_with_evidence(db_, database, request, *foreground));
    return pcf::to_json(repeated.computation.built.footprint);
  }
  lca::CalculationCache cache;
  TRUSTPCF_ASSIGN_OR_RETURN(pcf::FootprintComputation computation, pcf::compute_footprint(database, request, &cache));
  return pcf::to_json(computation.built.footprint);
}

}  // namespace trustpcf::proof
