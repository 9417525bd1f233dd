#pragma once

// The buyer's side of the PACT exchange (`trustpcf request`): fetch a
// supplier's footprints of one product over the PACT v3 API (client
// credentials, GET /3/footprints?productId=..., following Link rel="next"
// pages), verify the proof bundle each footprint carries, offline, and keep
// the ones that verify as evidence for this node's own calculations.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "crypto/ed25519.hpp"
#include "proof/verify.hpp"
#include "space/pact_client.hpp"
#include "store/database.hpp"

namespace trustpcf::space {

// Pages followed at most for one request: at the server's default page size
// of 100 that is 100,000 footprints, far beyond one product's versions, and
// it stops a server whose Link headers loop.
inline constexpr int kMaxFootprintPages = 1000;

struct SupplierRequest {
  std::string base_url;  // the supplier node, https://host[:port][/path]
  ClientCredentials credentials;
  std::filesystem::path ca_file;  // trusted certificates; empty: the system store
  std::string product_id;         // the product id URN requested
  // Keys trusted as certificate issuers and transparency log keys.
  std::vector<crypto::Ed25519PublicKey> trusted;
  // Store footprints without a proof bundle as plain imported footprints.
  bool accept_unverified = false;
  std::string origin;  // how the store names where the footprints came from; default base_url
};

enum class ReceivedOutcome {
  // Verified and stored as evidence: original data and calculation pass, and
  // so do certification and disclosure when the bundle carries them
  // (proof::check_supplier_report).
  kStored,
  kAlreadyStored,       // verified; a footprint with the same digest was stored before
  kRejected,            // its bundle is malformed or a link it carries failed
  kImportedUnverified,  // no bundle; imported as a plain footprint (--accept-unverified)
  kSkippedUnverified,   // no bundle; not stored
};

// "stored", "already-stored", "rejected", "imported-unverified", "skipped-unverified".
const char* received_outcome_name(ReceivedOutcome outcome);

struct ReceivedFootprint {
  std::string footprint_id;
  std::string product_name;  // productNameCompany
  ReceivedOutcome outcome = ReceivedOutcome::kRejected;
  std::optional<proof::VerifyReport> report;  // set when a bundle was read
  std::string reason;           // why it was rejected or skipped
  std::string footprint_digest;  // the evidence id, when stored
};

struct SupplierResponse {
  std::vector<ReceivedFootprint> footprints;  // in the order the supplier sent them
  int pages = 0;                              // list pages fetched
};

// Fetches the supplier's footprints of `request.product_id` and handles each
// as ReceivedOutcome describes, storing into `db`. Errors: kDenied when the
// token request or the list is refused (401, 403); kNetwork for transport
// errors, other statuses, malformed responses and a next link to another
// origin; kInvalidInput for a malformed request; kStorage. A footprint that
// fails verification is reported in its ReceivedFootprint, not as an error.
util::Result<SupplierResponse> request_supplier_footprints(store::Database& db, const SupplierRequest& request);

// Handles footprints received from the supplier of `request` as
// request_supplier_footprints does, appending to `response.footprints`.
// Errors: kStorage.
util::Status receive_footprints(store::Database& db, const SupplierRequest& request,
                                const std::vector<nlohmann::json>& footprints, SupplierResponse& response);

// Returns the URL of the `rel="next"` entry of a Link header, or an empty
// string when there is none.
std::string next_link(const std::string& link_header);

}  // namespace trustpcf::space
