#include "space/supplier_request.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "proof/bundle.hpp"
#include "proof/footprint_digest.hpp"
#include "proof/supplier_footprint.hpp"
#include "space/footprint_store.hpp"
#include "space/partners.hpp"

namespace trustpcf::space {

using util::ErrorCode;
using util::make_error;

namespace {

// Percent-encodes a query value; RFC 3986 unreserved characters and ':'
// (frequent in URNs, allowed in a query) stay as they are.
std::string encode_query_value(const std::string& value) {
  std::string encoded;
  for (unsigned char c : value) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == ':') {
      encoded += static_cast<char>(c);
    } else {
      encoded += fmt::format("%{:02X}", c);
    }
  }
  return encoded;
}

// The `{code, message}` of a PACT error body, for messages; the raw body
// when it is not one.
std::string describe_error_body(const std::string& body) {
  nlohmann::json error = nlohmann::json::parse(body, nullptr, false);
  if (error.is_object() && error.contains("code") && error["code"].is_string()) {
    return error["code"].get<std::string>() + ": " + error.value("message", "");
  }
  return body.substr(0, 200);
}

bool has_bundle_extension(const nlohmann::json& footprint) {
  if (!footprint.contains("extensions") || !footprint["extensions"].is_array()) return false;
  return std::any_of(footprint["extensions"].begin(), footprint["extensions"].end(), [](const nlohmann::json& item) {
    return item.is_object() && item.value("dataSchema", "") == proof::kBundleDataSchema;
  });
}

bool names_product(const nlohmann::json& footprint, const std::string& product_id) {
  if (!footprint.contains("productIds") || !footprint["productIds"].is_array()) return false;
  return std::any_of(footprint["productIds"].begin(), footprint["productIds"].end(),
                     [&](const nlohmann::json& id) { return id.is_string() && id.get<std::string>() == product_id; });
}

// Fetches every page of the list. Errors as request_supplier_footprints.
util::Result<std::vector<nlohmann::json>> fetch_footprints(const SupplierRequest& request,
                                                           const std::string& access_token, int& pages) {
  TRUSTPCF_ASSIGN_OR_RETURN(std::string origin, https_origin(request.base_url));
  std::string base = request.base_url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  std::string url = base + "/3/footprints?productId=" + encode_query_value(request.product_id);

  std::vector<nlohmann::json> footprints;
  for (pages = 0; !url.empty(); ++pages) {
    if (pages == kMaxFootprintPages) {
      return make_error(ErrorCode::kNetwork, "{} sent more than {} pages of footprints; stopped at {}", origin,
                        kMaxFootprintPages, url);
    }
    TRUSTPCF_ASSIGN_OR_RETURN(HttpsResponse response, https_get(url, access_token, request.ca_file));
    if (response.status == 401 || response.status == 403) {
      return make_error(ErrorCode::kDenied, "{} denied the footprint list (HTTP {}, {}); ask the supplier for a usage policy",
                        origin, response.status, describe_error_body(response.body));
    }
    if (response.status != 200) {
      return make_error(ErrorCode::kNetwork, "GET {} failed with HTTP {}: {}", url, response.status,
                        describe_error_body(response.body));
    }
    nlohmann::json document = nlohmann::json::parse(response.body, nullptr, false);
    if (!document.is_object() || !document.contains("data") || !document["data"].is_array()) {
      return make_error(ErrorCode::kNetwork, "GET {} returned no ListFootprints body {{\"data\": [...]}}", url);
    }
    for (nlohmann::json& footprint : document["data"]) footprints.push_back(std::move(footprint));

    url = next_link(response.link);
    if (url.empty()) continue;
    // The access token goes only back to the node that issued it.
    auto next_origin = https_origin(url);
    if (!next_origin.ok() || *next_origin != origin) {
      return make_error(ErrorCode::kNetwork, "{} sent a next page link to another origin ({}); not followed",
                        origin, url);
    }
  }
  return footprints;
}

// Verifies the bundle of one footprint and stores it when it passes.
util::Result<ReceivedFootprint> receive_bundle(store::Database& db, const SupplierRequest& request,
                                               const nlohmann::json& footprint, ReceivedFootprint received) {
  auto bundle = proof::bundle_from_footprint(footprint);
  if (!bundle.ok()) {
    received.reason = "the proof bundle cannot be read: " + bundle.error().message();
    return received;
  }

  proof::VerifyOptions options;
  options.trusted = request.trusted;
  received.report = proof::verify_bundle(*bundle, options);

  const std::string origin = request.origin.empty() ? request.base_url : request.origin;
  auto stored = proof::store_supplier_footprint(db, *bundle, origin, *received.report);
  if (!stored.ok() && stored.error().code() == ErrorCode::kStorage) return stored.error();
  if (!stored.ok()) {
    received.reason = stored.error().message();
    return received;
  }
  received.footprint_digest = stored->summary.footprint_digest;
  received.outcome = stored->added ? ReceivedOutcome::kStored : ReceivedOutcome::kAlreadyStored;
  return received;
}

}  // namespace

const char* received_outcome_name(ReceivedOutcome outcome) {
  switch (outcome) {
    case ReceivedOutcome::kStored: return "stored";
    case ReceivedOutcome::kAlreadyStored: return "already-stored";
    case ReceivedOutcome::kRejected: return "rejected";
    case ReceivedOutcome::kImportedUnverified: return "imported-unverified";
    case ReceivedOutcome::kSkippedUnverified: return "skipped-unverified";
  }
  return "unknown";
}

std::string next_link(const std::string& link_header) {
  // A Link header is a comma-separated list of `<URL>; param=value; ...`.
  std::size_t position = 0;
  while (position < link_header.size()) {
    std::size_t open = link_header.find('<', position);
    if (open == std::string::npos) break;
    std::size_t close = link_header.find('>', open);
    if (close == std::string::npos) break;
    std::size_t end = link_header.find(",", close);
    std::string parameters = link_header.substr(close + 1, end == std::string::npos ? std::string::npos : end - close - 1);
    parameters.erase(std::remove(parameters.begin(), parameters.end(), ' '), parameters.end());
    if (parameters.find(";rel=\"next\"") != std::string::npos || parameters.find(";rel=next") != std::string::npos) {
      return link_header.substr(open + 1, close - open - 1);
    }
    if (end == std::string::npos) break;
    position = end + 1;
  }
  return {};
}

util::Result<SupplierResponse> request_supplier_footprints(store::Database& db, const SupplierRequest& request) {
  if (request.product_id.rfind("urn:", 0) != 0) {
    return make_error(ErrorCode::kInvalidInput, "product id '{}' is not a URN; PACT product ids start with urn:",
                      request.product_id);
  }
  TRUSTPCF_ASSIGN_OR_RETURN(std::string access_token,
                            fetch_access_token(request.base_url, request.credentials, request.ca_file));
  SupplierResponse response;
  TRUSTPCF_ASSIGN_OR_RETURN(std::vector<nlohmann::json> footprints,
                            fetch_footprints(request, access_token, response.pages));
  spdlog::info("footprints received supplier={} product={} count={} pages={}", request.base_url,
               request.product_id, footprints.size(), response.pages);

  TRUSTPCF_RETURN_IF_ERROR(receive_footprints(db, request, footprints, response));
  return response;
}

util::Status receive_footprints(store::Database& db, const SupplierRequest& request,
                                const std::vector<nlohmann::json>& footprints, SupplierResponse& response) {
  for (const nlohmann::json& footprint : footprints) {
    ReceivedFootprint received;
    received.footprint_id = footprint.is_object() ? footprint.value("id", "") : "";
    received.product_name = footprint.is_object() ? footprint.value("productNameCompany", "") : "";

    if (!names_product(footprint, request.product_id)) {
      received.reason = "its productIds do not contain the product requested, " + request.product_id;
    } else if (has_bundle_extension(footprint)) {
      TRUSTPCF_ASSIGN_OR_RETURN(received, receive_bundle(db, request, footprint, std::move(received)));
    } else if (request.accept_unverified) {
      TRUSTPCF_RETURN_IF_ERROR(import_footprints(db, {footprint}).status());
      received.outcome = ReceivedOutcome::kImportedUnverified;
    } else {
      received.outcome = ReceivedOutcome::kSkippedUnverified;
      received.reason = "it carries no proof bundle; pass --accept-unverified to import it anyway";
    }

    if (received.outcome == ReceivedOutcome::kRejected || received.outcome == ReceivedOutcome::kSkippedUnverified) {
      spdlog::warn("footprint not stored supplier={} footprint={} outcome={} reason={}", request.base_url,
                   received.footprint_id, received_outcome_name(received.outcome), received.reason);
    }
    response.footprints.push_back(std::move(received));
  }
  return {};
}

}  // namespace trustpcf::space
