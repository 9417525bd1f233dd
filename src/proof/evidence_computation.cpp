#include "proof/evidence_computation.hpp"

#include <fmt/format.h>

#include "crypto/digest.hpp"
#include "crypto/jcs.hpp"
#include "pcf/decimal.hpp"
#include "proof/evidence_store.hpp"
#include "proof/primary_data_share.hpp"
#include "util/time.hpp"

namespace trustpcf::proof {

using util::ErrorCode;
using util::make_error;

nlohmann::json EvidenceComputation::foreground_definition() const {
  nlohmann::json supplier_list = nlohmann::json::array();
  for (const LinkedSupplierFootprint& supplier : suppliers) supplier_list.push_back(supplier.to_json());
  return {{"evidenceBatches", batch_ids},
          {"evidence", evidence ? evidence->to_json() : nlohmann::json()},
          {"supplierFootprints", supplier_list}};
}

util::Result<EvidenceComputation> compute_with_evidence(const lca::Database& database,
                                                        pcf::FootprintRequest request,
                                                        const std::vector<EvidenceBatch>& batches,
                                                        const std::vector<SupplierChoice>& suppliers) {
  EvidenceComputation out;
  auto working = std::make_shared<lca::Database>(database);

  if (!batches.empty()) {
    TRUSTPCF_ASSIGN_OR_RETURN(ForegroundEvidence evidence,
                              apply_evidence(*working, request.process_id, request.product_flow_id, batches));
    out.evidence = std::move(evidence);
    for (const EvidenceBatch& batch : batches) out.batch_ids.push_back(batch.root_hex());
  }
  for (const SupplierChoice& choice : suppliers) {
    TRUSTPCF_ASSIGN_OR_RETURN(LinkedSupplierFootprint linked,
                              link_supplier_footprint(*working, request.process_id, choice.supplier, choice.flow));
    out.suppliers.push_back(std::move(linked));
  }

  bool applied = out.evidence.has_value() || !out.suppliers.empty();
  if (applied && request.footprint_id.empty()) {
    // The same request on other evidence is another footprint, so the derived id covers the evidence too.
    std::string basis = crypto::sha256_hex(database.digest + "\n" + crypto::canonicalize(out.foreground_definition()));
    request.footprint_id = pcf::derive_footprint_id(request, basis);
  }

  // No solve cache: it is keyed by the database digest, which the changed copy still carries.
  TRUSTPCF_ASSIGN_OR_RETURN(out.computation, pcf::compute_footprint(*working, request, nullptr));
  out.request = std::move(request);

  if (applied) {
    TRUSTPCF_ASSIGN_OR_RETURN(PrimaryDataBasis basis,
                              primary_data_basis(*working, out.computation,
                                                 out.evidence ? &*out.evidence : nullptr, out.suppliers));
    std::optional<double> share = primary_data_share_percent(basis);
    if (share) out.computation.built.footprint.pcf.primary_data_share = pcf::format_footprint_decimal(*share);
  }
  if (out.evidence) {
    const pcf::CarbonFootprint& footprint = out.computation.built.footprint.pcf;
    auto same_time = [](const std::string& a, const std::string& b) {
      auto first = util::parse_rfc3339(a);
      auto second = util::parse_rfc3339(b);
      return first.ok() && second.ok() && *first == *second;
    };
    if (!same_time(out.evidence->period_start, footprint.reference_period_start) ||
        !same_time(out.evidence->period_end, footprint.reference_period_end)) {
      out.computation.built.warnings.push_back(fmt::format(
          "the evidence covers {} .. {} but the reference period is {} .. {}; set --period-start and --period-end "
          "to the evidence period",
          out.evidence->period_start, out.evidence->period_end, footprint.reference_period_start,
          footprint.reference_period_end));
    }
  }
  out.database = std::move(working);
  return out;
}

void add_foreground_to_receipt(const EvidenceComputation& computation, ReceiptInputs& inputs) {
  if (!computation.evidence && computation.suppliers.empty()) return;
  inputs.product_system["foreground"] = computation.foreground_definition();
}

util::Result<EvidenceComputation> recompute_with_evidence(store::Database& db, const lca::Database& database,
                                                          const pcf::FootprintRequest& request,
                                                          const nlohmann::json& foreground) {
  std::vector<EvidenceBatch> batches;
  for (const auto& id : foreground.value("evidenceBatches", nlohmann::json::array())) {
    std::string batch_id = id.is_string() ? id.get<std::string>() : std::string();
    auto batch = load_batch(db, batch_id);
    if (!batch.ok()) {
      return make_error(ErrorCode::kNotFound,
                        "evidence batch {} named by the receipt cannot be loaded from this node's store ({}); add "
                        "the batch with `trustpcf evidence add`",
                        batch_id, batch.error().message());
    }
    if (batch->root_hex() != batch_id) {
      return make_error(ErrorCode::kVerification, "evidence batch {} in the store has the Merkle root {}", batch_id,
                        batch->root_hex());
    }
    batches.push_back(std::move(batch).value());
  }

  std::vector<SupplierChoice> suppliers;
  for (const auto& item : foreground.value("supplierFootprints", nlohmann::json::array())) {
    std::string digest = item.value("footprintDigest", "");
    auto stored = load_supplier_footprint(db, digest);
    if (!stored.ok()) {
      return make_error(ErrorCode::kNotFound,
                        "supplier footprint {} named by the receipt cannot be loaded from this node's store ({}); "
                        "add its bundle with `trustpcf evidence add-footprint`",
                        digest, stored.error().message());
    }
    suppliers.push_back({stored->summary, item.value("flow", "")});
  }
  return compute_with_evidence(database, request, batches, suppliers);
}

}  // namespace trustpcf::proof
