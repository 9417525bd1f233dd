#include "space/supplier_event_request.hpp"

#include <thread>

#include <spdlog/spdlog.h>

#include "space/partners.hpp"
#include "space/schema.hpp"
#include "space/secrets.hpp"
#include "util/time.hpp"

namespace trustpcf::space {

using util::ErrorCode;
using util::make_error;

namespace {

// PACT v3 event types (CloudEvents `type`).
constexpr const char* kRequestCreated = "org.wbcsd.pact.ProductFootprint.RequestCreatedEvent.3";
constexpr const char* kRequestFulfilled = "org.wbcsd.pact.ProductFootprint.RequestFulfilledEvent.3";
constexpr const char* kRequestRejected = "org.wbcsd.pact.ProductFootprint.RequestRejectedEvent.3";

// The response event to the request event `request_id`, once the server stored it.
util::Result<std::optional<nlohmann::json>> find_response(store::Database& db, const std::string& request_id,
                                                        std::int64_t since) {
  TRUSTPCF_ASSIGN_OR_RETURN(auto query, db.prepare("SELECT body FROM space_received_events "
                                                   "WHERE type IN (?, ?) AND received_at >= ? ORDER BY received_at"));
  query.bind(1, std::string_view(kRequestFulfilled)).bind(2, std::string_view(kRequestRejected)).bind(3, since);
  while (true) {
    TRUSTPCF_ASSIGN_OR_RETURN(bool row, query.step());
    if (!row) return std::optional<nlohmann::json>();
    nlohmann::json event = nlohmann::json::parse(query.column_text(0), nullptr, false);
    if (!event.is_object() || !event.contains("data") || !event["data"].is_object()) continue;
    if (event["data"].value("requestEventId", "") == request_id) return std::optional<nlohmann::json>(event);
  }
}

std::int64_t now_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(util::Clock::now().time_since_epoch()).count();
}

}  // namespace

util::Result<SupplierResponse> request_supplier_footprints_by_event(store::Database& db,
                                                                    const SupplierRequest& request,
                                                                    const EventRequestOptions& options) {
  if (request.product_id.rfind("urn:", 0) != 0) {
    return make_error(ErrorCode::kInvalidInput, "product id '{}' is not a URN; PACT product ids start with urn:",
                      request.product_id);
  }
  auto callback_origin = https_origin(options.callback_url);
  if (!callback_origin.ok()) return callback_origin.error().with_context("callback URL");
  TRUSTPCF_RETURN_IF_ERROR(ensure_space_schema(db));

  // The source names this node's /3/events, which the supplier's node
  // checks against the URL it registered for this node.
  const std::string request_id = random_uuid();
  const std::string source = callback_origin->substr(std::string("https:").size()) + "/3/events";
  const nlohmann::json event = {{"type", kRequestCreated},
                                {"specversion", "1.0"},
                                {"id", request_id},
                                {"source", source},
                                {"time", util::format_rfc3339(util::Clock::now())},
                                {"data", {{"productId", {request.product_id}}}}};
  std::string base = request.base_url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  const std::int64_t sent_at = now_seconds();
  TRUSTPCF_RETURN_IF_ERROR(post_event(base + "/3/events", request.credentials, event, request.ca_file));
  spdlog::info("request event sent supplier={} event_id={} product={}", request.base_url, request_id,
               request.product_id);

  const auto started = std::chrono::steady_clock::now();
  auto last_progress = started;
  std::optional<nlohmann::json> response_event;
  while (true) {
    TRUSTPCF_ASSIGN_OR_RETURN(response_event, find_response(db, request_id, sent_at));
    if (response_event) break;
    const auto now = std::chrono::steady_clock::now();
    if (now - started >= options.timeout) {
      return make_error(ErrorCode::kNetwork,
                        "no response to request event {} from {} within {} s; check that this node serves {} and "
                        "that the supplier registered it with credentials for sending events",
                        request_id, request.base_url, options.timeout.count(), options.callback_url);
    }
    if (options.progress && now - last_progress >= std::chrono::seconds(1)) {
      options.progress(std::chrono::duration_cast<std::chrono::seconds>(now - started));
      last_progress = now;
    }
    std::this_thread::sleep_for(kResponsePollInterval);
  }

  SupplierResponse response;
  if ((*response_event)["type"] == kRequestRejected) {
    const nlohmann::json& error = (*response_event)["data"].value("error", nlohmann::json::object());
    const std::string code = error.is_object() ? error.value("code", "") : "";
    spdlog::info("request event rejected supplier={} event_id={} code={}", request.base_url, request_id, code);
    if (code == "NotFound") return response;
    return make_error(ErrorCode::kDenied, "{} rejected request event {}: {} {}", request.base_url, request_id, code,
                      error.is_object() ? error.value("message", "") : "");
  }

  const nlohmann::json& pfs = (*response_event)["data"].value("pfs", nlohmann::json::array());
  if (!pfs.is_array()) {
    return make_error(ErrorCode::kNetwork, "the response event of {} to request event {} has no pfs array", request.base_url,
                      request_id);
  }
  std::vector<nlohmann::json> footprints(pfs.begin(), pfs.end());
  TRUSTPCF_RETURN_IF_ERROR(receive_footprints(db, request, footprints, response));
  return response;
}

}  // namespace trustpcf::space
