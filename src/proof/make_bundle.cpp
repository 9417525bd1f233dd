#include "proof/make_bundle.hpp"

#include "proof/selective_disclosure.hpp"

namespace trustpcf::proof {

util::Result<Bundle> make_bundle(const nlohmann::json& footprint, ReceiptInputs inputs,
                                 const std::vector<UsedEvidence>& evidence,
                                 const crypto::Ed25519KeyPair& key) {
  Bundle bundle;
  bundle.footprint = footprint_core(footprint);

  inputs.evidence.clear();
  for (const UsedEvidence& used : evidence) {
    inputs.evidence.push_back(used.batch.commitment());
    TRUSTPCF_ASSIGN_OR_RETURN(EvidenceDisclosure disclosure,
                              disclose_evidence(used.batch, used.disclosed));
    bundle.evidence.push_back(std::move(disclosure));
  }

  make_bundle_fields_disclosable(bundle, inputs, key);
  TRUSTPCF_ASSIGN_OR_RETURN(nlohmann::json committed, committed_bundle_footprint(bundle));
  TRUSTPCF_ASSIGN_OR_RETURN(crypto::DsseEnvelope receipt, make_receipt(committed, inputs, key));
  bundle.receipt = std::move(receipt);
  return bundle;
}

}  // namespace trustpcf::proof
