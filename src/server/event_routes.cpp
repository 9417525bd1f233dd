// POST /3/events: CloudEvents 1.0 in structured JSON mode carrying the four
// PACT v3 events. A RequestCreatedEvent gets its response asynchronously
// through the event outbox with a RequestFulfilledEvent or RequestRejectedEvent.

#include <chrono>

#include <spdlog/spdlog.h>

#include "server/api_response.hpp"
#include "server/node_state.hpp"
#include "space/footprint_release.hpp"
#include "space/footprint_store.hpp"
#include "space/partners.hpp"
#include "space/secrets.hpp"
#include "util/time.hpp"

namespace trustpcf::server {

namespace {

constexpr const char* kPublished = "org.wbcsd.pact.ProductFootprint.PublishedEvent.3";
constexpr const char* kRequestCreated = "org.wbcsd.pact.ProductFootprint.RequestCreatedEvent.3";
constexpr const char* kRequestFulfilled = "org.wbcsd.pact.ProductFootprint.RequestFulfilledEvent.3";
constexpr const char* kRequestRejected = "org.wbcsd.pact.ProductFootprint.RequestRejectedEvent.3";
// Footprints sent in one RequestFulfilledEvent at most.
constexpr std::size_t kMaxFootprintsPerEvent = 1000;

std::int64_t now_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

// Checks the CloudEvents attributes PACT requires. Returns an error message
// or an empty string.
std::string check_envelope(const nlohmann::json& event) {
  if (!event.is_object()) return "the event must be a JSON object (CloudEvents structured mode)";
  for (const char* attribute : {"specversion", "id", "source", "type", "time"}) {
    if (!event.contains(attribute) || !event[attribute].is_string() || event[attribute].get<std::string>().empty()) {
      return std::string("CloudEvents attribute '") + attribute + "' is missing or not a non-empty string";
    }
  }
  if (event["specversion"] != "1.0") return "specversion must be \"1.0\"";
  if (!util::parse_rfc3339(event["time"].get<std::string>()).ok()) return "'time' is not an RFC 3339 date-time";
  if (!event.contains("data") || !event["data"].is_object()) return "'data' must be a JSON object";
  return {};
}

// Returns the https URL of the requester's /3/events from the event source
// ("https://host/..." or "//host/..."), or an empty string.
std::string events_url_from_source(const std::string& source) {
  std::string url = source.rfind("//", 0) == 0 ? "https:" + source : source;
  util::Result<std::string> origin = space::https_origin(url);
  if (!origin.ok()) return {};
  std::string path = url.substr(origin->size());
  if (path.empty() || path == "/") return *origin + "/3/events";
  return url;
}

std::string check_data(const std::string& type, const nlohmann::json& data) {
  if (type == kPublished) {
    if (!data.contains("pfIds") || !data["pfIds"].is_array() || data["pfIds"].empty()) {
      return "'data.pfIds' must be a non-empty array of footprint ids";
    }
    for (const nlohmann::json& id : data["pfIds"]) {
      if (!id.is_string() || !space::is_uuid(id.get<std::string>())) return "'data.pfIds' contains a value that is not a UUID";
    }
  } else if (type == kRequestFulfilled) {
    if (!data.contains("requestEventId") || !data["requestEventId"].is_string()) return "'data.requestEventId' must be a string";
    if (!data.contains("pfs") || !data["pfs"].is_array() || data["pfs"].empty()) {
      return "'data.pfs' must be a non-empty array of product footprints";
    }
  } else if (type == kRequestRejected) {
    if (!data.contains("requestEventId") || !data["requestEventId"].is_string()) return "'data.requestEventId' must be a string";
    const nlohmann::json& error = data.value("error", nlohmann::json());
    if (!error.is_object() || !error.contains("code") || !error["code"].is_string() || !error.contains("message") ||
        !error["message"].is_string()) {
      return "'data.error' must be an object with string 'code' and 'message'";
    }
  }
  return {};
}

// Builds the response event to a RequestCreatedEvent from the footprints the
// caller may see.
util::Result<nlohmann::json> build_response_event(NodeState& state, store::Database& db, const Caller& caller,
                                            const nlohmann::json& request_event, const space::FootprintFilter& filter,
                                            const std::string& own_source, const std::string& origin) {
  TRUSTPCF_ASSIGN_OR_RETURN(auto visible, space::list_visible_footprints(db, caller.partner_id, filter, 0,
                                                                         kMaxFootprintsPerEvent, now_seconds()));
  const std::string request_id = request_event["id"].get<std::string>();
  TRUSTPCF_ASSIGN_OR_RETURN(auto release, space::FootprintRelease::open(db, state.config.company_id));
  std::vector<std::pair<const space::StoredFootprint*, std::string>> footprints;  // footprint, document to send
  for (const space::StoredFootprint& footprint : visible) {
    TRUSTPCF_ASSIGN_OR_RETURN(space::Release decision, release.release(footprint, origin, now_seconds()));
    if (!decision.allowed) {
      spdlog::info("footprint withheld partner_id={} id={} reason={}", caller.partner_id, footprint.id,
                   decision.refusal);
      state.audit->append({0, "", caller.partner_id, "event", footprint.id, "deny", footprint.policy_id,
                           decision.refusal});
      continue;
    }
    footprints.emplace_back(&footprint, std::move(decision.document));
  }
  nlohmann::json response_event = {{"specversion", "1.0"},
                           {"id", space::random_uuid()},
                           {"source", own_source},
                           {"time", util::format_rfc3339(util::Clock::now())}};
  if (footprints.empty()) {
    response_event["type"] = kRequestRejected;
    response_event["data"] = {{"requestEventId", request_id},
                      {"error", {{"code", "NotFound"}, {"message", "no footprint matching the request is available to this client"}}}};
    return response_event;
  }
  nlohmann::json pfs = nlohmann::json::array();
  for (const auto& [footprint, document] : footprints) {
    pfs.push_back(nlohmann::json::parse(document));
    state.audit->append({0, "", caller.partner_id, "event", footprint->id, "served", footprint->policy_id,
                         "request " + request_id});
  }
  response_event["type"] = kRequestFulfilled;
  response_event["data"] = {{"requestEventId", request_id}, {"pfs", std::move(pfs)}};
  return response_event;
}

void reject(NodeState& state, const Caller& caller, httplib::Response& response, const std::string& event_id,
            const std::string& message) {
  spdlog::info("event rejected partner_id={} event_id={} reason={}", caller.partner_id, event_id, message);
  state.audit->append({0, "", caller.partner_id, "event", event_id, "deny", "", message});
  write_api_error(response, ApiError::kBadRequest, message);
}

void handle_event(NodeState& state, const httplib::Request& request, httplib::Response& response) {
  std::optional<Caller> caller = authenticate(state, request, response, "event");
  if (!caller) return;

  std::string type = media_type(request.get_header_value("Content-Type"));
  if (type != "application/cloudevents+json" && type != "application/json") {
    reject(state, *caller, response, "", "content type '" + type + "' is not application/cloudevents+json");
    return;
  }
  nlohmann::json event = nlohmann::json::parse(request.body, nullptr, false);
  if (event.is_discarded()) {
    reject(state, *caller, response, "", "the body is not valid JSON");
    return;
  }
  if (std::string problem = check_envelope(event); !problem.empty()) {
    reject(state, *caller, response, event.is_object() ? event.value("id", "") : "", problem);
    return;
  }
  const std::string event_id = event["id"].get<std::string>();
  const std::string event_type = event["type"].get<std::string>();
  if (event_type != kPublished && event_type != kRequestCreated && event_type != kRequestFulfilled &&
      event_type != kRequestRejected) {
    reject(state, *caller, response, event_id, "event type '" + event_type + "' is not a PACT v3 event");
    return;
  }
  if (std::string problem = check_data(event_type, event["data"]); !problem.empty()) {
    reject(state, *caller, response, event_id, problem);
    return;
  }

  util::Result<ConnectionPool::Lease> db = state.pool->acquire();
  if (!db.ok()) {
    write_api_error(response, ApiError::kInternalError, "the store is unavailable");
    return;
  }
  std::string destination;
  space::FootprintFilter filter;
  if (event_type == kRequestCreated) {
    util::Result<space::FootprintFilter> parsed = space::filter_from_request_data(event["data"]);
    if (!parsed.ok()) {
      reject(state, *caller, response, event_id, parsed.error().message());
      return;
    }
    filter = std::move(*parsed);
    destination = events_url_from_source(event["source"].get<std::string>());
    util::Result<space::Partner> partner = space::find_partner(**db, caller->partner_id);
    util::Result<std::string> partner_origin = partner.ok() ? space::https_origin(partner->url)
                                                            : util::Result<std::string>(partner.error());
    if (destination.empty() || !partner_origin.ok() || space::https_origin(destination).value() != *partner_origin) {
      reject(state, *caller, response, event_id,
             "event source '" + event["source"].get<std::string>() + "' is not the node registered for this client");
      return;
    }
  }

  // Events are idempotent by (source, id), as CloudEvents defines identity.
  util::Result<store::Statement> insert = (*db)->prepare(
      "INSERT OR IGNORE INTO space_received_events(source, event_id, partner_id, type, body, received_at) "
      "VALUES(?, ?, ?, ?, ?, ?)");
  if (!insert.ok()) {
    write_api_error(response, ApiError::kInternalError, "the store is unavailable");
    return;
  }
  insert->bind(1, event["source"].get<std::string>()).bind(2, event_id).bind(3, caller->partner_id);
  insert->bind(4, event_type).bind(5, request.body).bind(6, now_seconds());
  if (!insert->run().ok()) {
    write_api_error(response, ApiError::kInternalError, "the store is unavailable");
    return;
  }
  bool duplicate = (*db)->changes() == 0;
  state.audit->append({0, "", caller->partner_id, "event", event_id, "allow", "", event_type});
  spdlog::info("event accepted partner_id={} event_id={} type={} duplicate={}", caller->partner_id, event_id,
               event_type, duplicate);

  if (event_type == kRequestCreated && !duplicate) {
    const std::string own_source = "//" + request.get_header_value("Host") + "/3/events";
    util::Result<nlohmann::json> response_event = build_response_event(state, **db, *caller, event, filter, own_source,
                                                                         base_url(request));
    util::Status queued = response_event.ok() ? space::enqueue_event(**db, caller->partner_id, destination, *response_event)
                                      : response_event.status();
    if (!queued.ok()) {
      spdlog::error("response event not queued event_id={} error={}", event_id, queued.error().message());
      write_api_error(response, ApiError::kInternalError, "the response event could not be queued; send the request again");
      return;
    }
    state.outbox->wake();
  }
  response.status = 200;
}

}  // namespace

void register_event_routes(NodeState& state) {
  state.http->Post("/3/events", [&state](const httplib::Request& request, httplib::Response& response) {
    handle_event(state, request, response);
  });
}

}  // namespace trustpcf::server
