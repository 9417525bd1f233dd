#pragma once

// Supplier footprints kept as evidence: proof bundles received from a
// partner (by file or over the PACT API) whose links verified, stored whole
// in a table owned by the proof module (proof_supplier_footprints) and keyed
// by the footprint digest (footprint_digest.hpp). A calculation links one in
// place of a background provider (`footprint compute --supplier-footprint`),
// and recomputation loads it again by that digest.

#include <optional>
#include <string>
#include <vector>

#include "proof/bundle.hpp"
#include "proof/verify.hpp"
#include "store/database.hpp"

namespace trustpcf::proof {

// The fields of a stored supplier footprint besides its bundle.
// Decimals are kept as the footprint's own JSON text.
struct SupplierFootprintSummary {
  std::string footprint_digest;  // lower-case hex SHA-256, the key
  std::string footprint_id;      // the PACT footprint id (UUID)
  std::string company_name;
  std::vector<std::string> product_ids;  // URNs, as in the footprint
  std::string product_name;              // productNameCompany
  std::string declared_unit;             // pcf.declaredUnitOfMeasurement ("kilogram")
  std::string declared_unit_amount;      // pcf.declaredUnitAmount
  // pcf.pcfExcludingBiogenicUptake: kg CO2e for declared_unit_amount declared units.
  std::string pcf_excluding_biogenic_uptake;
  std::optional<std::string> primary_data_share;  // pcf.primaryDataShare, percent
  bool certified = false;  // the bundle carries a credential that verified
  std::string origin;      // the file or URL it came from
  std::string added_at;    // RFC 3339
};

struct SupplierFootprint {
  SupplierFootprintSummary summary;
  Bundle bundle;
};

// Creates the supplier footprint table when missing. Errors: kStorage.
util::Status ensure_supplier_footprint_schema(store::Database& db);

// Checks that `report` (verify_bundle of `bundle`, without recomputation,
// since the supplier's database is not in this store) accepts the bundle as
// evidence: original data and calculation pass, and so do certification when
// the bundle carries a credential and disclosure when it carries a log
// disclosure. Errors: kVerification naming the failed link and its reason.
util::Status check_supplier_report(const Bundle& bundle, const VerifyReport& report);

// Reads the summary fields of a bundle's footprint. Errors: kInvalidInput
// naming the missing field (id, productIds, pcf.declaredUnitOfMeasurement,
// pcf.declaredUnitAmount, pcf.pcfExcludingBiogenicUptake).
util::Result<SupplierFootprintSummary> summarize_supplier_footprint(const Bundle& bundle);

// Checks the report (check_supplier_report), then stores the whole bundle
// under its footprint digest. Returns the summary stored, with
// `added == false` when a footprint with that digest was already stored
// (nothing changes then). Errors: kVerification, kInvalidInput as above,
// kStorage.
struct StoredSupplierFootprint {
  SupplierFootprintSummary summary;
  bool added = false;
};
util::Result<StoredSupplierFootprint> store_supplier_footprint(store::Database& db, const Bundle& bundle,
                                                               const std::string& origin,
                                                               const VerifyReport& report);

// Loads one supplier footprint by its digest or a unique prefix of at least
// 8 hex digits. Errors: kNotFound naming `id`, kUsage for an ambiguous or
// short prefix, kStorage, kInvalidInput when the stored bundle is unreadable.
util::Result<SupplierFootprint> load_supplier_footprint(store::Database& db, const std::string& id);

// Every stored supplier footprint, oldest first. Errors: kStorage.
util::Result<std::vector<SupplierFootprintSummary>> list_supplier_footprints(store::Database& db);

}  // namespace trustpcf::proof
