#pragma once

// primaryDataShare of a footprint computed with evidence. PACT v3 defines it
// as the share of primary data in pcfExcludingBiogenicUptake, in percent.
// trustpcf counts as resting on primary data:
//   (a) the direct emissions of the foreground process from exchanges whose
//       amounts evidence replaced (by their share of the process's direct
//       characterized emissions),
//   (b) the emissions, with their supply chain, of the product inputs and
//       waste outputs whose amounts evidence replaced (by the share of the
//       evidence-backed exchanges in what the foreground takes from each
//       provider), and
//   (c) each linked supplier footprint's emissions times its own
//       primaryDataShare; a supplier footprint without one counts as 0 %.
// docs/evidence.md gives the rule with an example.

#include <optional>
#include <vector>

#include "pcf/footprint_computation.hpp"
#include "proof/foreground_evidence.hpp"
#include "proof/supplier_link.hpp"
#include "util/error.hpp"

namespace trustpcf::proof {

// The figures the rule needs, in kg CO2e for the demanded amount.
struct PrimaryDataBasis {
  double total = 0.0;   // pcfExcludingBiogenicUptake
  double direct = 0.0;  // direct emissions of the foreground process
  double direct_evidence_fraction = 0.0;  // in [0, 1], part (a)
  struct Provider {
    double total = 0.0;              // the provider's emissions with its supply chain
    double evidence_fraction = 0.0;  // in [0, 1], part (b)
    bool is_supplier = false;
    std::optional<double> supplier_share;  // percent, part (c)
  };
  std::vector<Provider> providers;
};

// Applies the rule. Returns std::nullopt when the total is not above zero.
// A share of a zero or negative footprint has no meaning. Otherwise it returns
// a percentage clamped to [0, 100].
std::optional<double> primary_data_share_percent(const PrimaryDataBasis& basis);

// Collects the basis from a computation on the database the evidence and
// supplier links were applied to. Errors: those of lca::build_upstream_tree.
util::Result<PrimaryDataBasis> primary_data_basis(const lca::Database& database,
                                                  const pcf::FootprintComputation& computation,
                                                  const ForegroundEvidence* evidence,
                                                  const std::vector<LinkedSupplierFootprint>& suppliers);

}  // namespace trustpcf::proof
