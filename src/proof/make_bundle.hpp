#pragma once

// The bundle a calculation writes (`footprint compute --bundle`): the
// footprint, its calculation receipt and the evidence it used.

#include <cstdint>
#include <vector>

#include "proof/bundle.hpp"
#include "proof/receipt.hpp"

namespace trustpcf::proof {

// Evidence used by a calculation, with the indices of the records the owner
// discloses in the bundle (all others stay behind the batch's Merkle root).
struct UsedEvidence {
  EvidenceBatch batch;
  std::vector<std::uint64_t> disclosed;
};

// Builds the bundle and signs the receipt with `key`. The receipt's evidence
// list is set from `evidence` (any given in `inputs` is replaced) so that the
// two always agree. Errors: kInvalidInput from make_receipt or for a
// disclosed index outside its batch.
util::Result<Bundle> make_bundle(const nlohmann::json& footprint, ReceiptInputs inputs,
                                 const std::vector<UsedEvidence>& evidence,
                                 const crypto::Ed25519KeyPair& key);

}  // namespace trustpcf::proof
