// GET /3/footprints (ListFootprints) and GET /3/footprints/{id}
// (GetFootprint), filtered by the caller's usage policies.

#include <chrono>

#include <spdlog/spdlog.h>

#include "server/api_response.hpp"
#include "server/node_state.hpp"
#include "space/footprint_queries.hpp"
#include "space/footprint_store.hpp"
#include "space/secrets.hpp"

namespace trustpcf::server {

namespace {

// Page size when the client gives no limit, and the largest page served; a
// larger limit is cut to it and the rest follows through the Link header.
constexpr std::size_t kDefaultPageSize = 100;
constexpr std::size_t kMaxPageSize = 1000;
// Pagination links stay valid this long (PACT v3 requires at least 180 s).
constexpr std::chrono::seconds kCursorLifetime{600};
// The query parameter of pagination links; PACT reserves x-<implementor>-.
constexpr const char* kCursorParameter = "x-trustpcf-cursor";

std::int64_t now_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

struct ListQuery {
  space::FootprintFilter filter;
  std::int64_t after_row_id = 0;
  std::size_t limit = kDefaultPageSize;
};

std::string encode_cursor(const NodeState& state, const ListQuery& query, const std::string& partner_id) {
  nlohmann::json payload = {{"a", query.after_row_id},
                            {"f", query.filter.to_json()},
                            {"l", query.limit},
                            {"p", partner_id},
                            {"e", now_seconds() + kCursorLifetime.count()}};
  std::string body = space::base64url_encode(payload.dump());
  return body + "." + space::base64url_encode(state.issuer->sign("pagination cursor", body));
}

util::Result<ListQuery> decode_cursor(const NodeState& state, const std::string& cursor, const std::string& partner_id) {
  auto invalid = [](const char* why) {
    return util::make_error(util::ErrorCode::kInvalidInput, "the pagination link is {}; list again without it", why);
  };
  std::size_t dot = cursor.find('.');
  if (dot == std::string::npos) return invalid("malformed");
  std::string body = cursor.substr(0, dot);
  util::Result<std::string> signature = space::base64url_decode(cursor.substr(dot + 1));
  if (!signature.ok() || !space::constant_time_equal(*signature, state.issuer->sign("pagination cursor", body))) {
    return invalid("not signed by this node");
  }
  util::Result<std::string> text = space::base64url_decode(body);
  if (!text.ok()) return invalid("malformed");
  nlohmann::json payload = nlohmann::json::parse(*text, nullptr, false);
  if (!payload.is_object() || payload.value("p", "") != partner_id) return invalid("issued to another client");
  if (payload.value("e", std::int64_t{0}) < now_seconds()) return invalid("expired");
  ListQuery query;
  query.after_row_id = payload.value("a", std::int64_t{0});
  query.limit = payload.value("l", kDefaultPageSize);
  query.filter = space::FootprintFilter::from_json(payload["f"]);
  return query;
}

util::Result<ListQuery> parse_list_query(const NodeState& state, const httplib::Request& request,
                                         const std::string& partner_id) {
  auto cursor = request.params.find(kCursorParameter);
  if (cursor != request.params.end()) return decode_cursor(state, cursor->second, partner_id);

  ListQuery query;
  for (const auto& [name, value] : request.params) {
    std::string key = space::ascii_lower(name);
    if (key == "limit") {
      char* end = nullptr;
      long long limit = std::strtoll(value.c_str(), &end, 10);
      if (value.empty() || *end != '\0' || limit < 1) {
        return util::make_error(util::ErrorCode::kInvalidInput, "limit '{}' is not a positive integer", value);
      }
      query.limit = std::min<std::size_t>(static_cast<std::size_t>(limit), kMaxPageSize);
      continue;
    }
    if (key.rfind("x-", 0) == 0) continue;  // other implementors' extensions
    TRUSTPCF_RETURN_IF_ERROR(space::add_filter_criterion(query.filter, name, value));
  }
  return query;
}

void handle_list(NodeState& state, const httplib::Request& request, httplib::Response& response) {
  std::optional<Caller> caller = authenticate(state, request, response, "list");
  if (!caller) return;

  util::Result<ListQuery> query = parse_list_query(state, request, caller->partner_id);
  if (!query.ok()) {
    spdlog::info("list rejected partner_id={} reason={}", caller->partner_id, query.error().message());
    write_api_error(response, ApiError::kBadRequest, query.error().message());
    return;
  }
  util::Result<ConnectionPool::Lease> db = state.pool->acquire();
  util::Result<std::vector<space::StoredFootprint>> page =
      db.ok() ? space::list_visible_footprints(**db, caller->partner_id, query->filter, query->after_row_id,
                                               query->limit + 1, now_seconds())
              : util::Result<std::vector<space::StoredFootprint>>(db.error());
  if (!page.ok()) {
    spdlog::error("list failed partner_id={} error={}", caller->partner_id, page.error().message());
    write_api_error(response, ApiError::kInternalError, "the footprint store is unavailable");
    return;
  }

  bool more = page->size() > query->limit;
  if (more) page->resize(query->limit);
  util::Result<space::FootprintQueries*> queries = db->footprint_queries();
  if (!queries.ok()) {
    spdlog::error("list failed partner_id={} error={}", caller->partner_id, queries.error().message());
    write_api_error(response, ApiError::kInternalError, "the footprint store is unavailable");
    return;
  }
  const std::string origin = base_url(request);
  const std::int64_t now = now_seconds();
  std::string body = "{\"data\":[";
  std::size_t served = 0;
  for (const space::StoredFootprint& footprint : *page) {
    util::Result<space::Release> decision = (*queries)->release().release(footprint, origin, now);
    if (!decision.ok()) {
      spdlog::error("list failed partner_id={} id={} error={}", caller->partner_id, footprint.id,
                    decision.error().message());
      write_api_error(response, ApiError::kInternalError, "the footprint store is unavailable");
      return;
    }
    if (!decision->allowed) {
      spdlog::info("footprint withheld partner_id={} id={} reason={}", caller->partner_id, footprint.id,
                   decision->refusal);
      state.audit->append({0, "", caller->partner_id, "list", footprint.id, "deny", footprint.policy_id,
                           decision->refusal});
      continue;
    }
    if (served++ > 0) body += ',';
    body += decision->document;
    state.audit->append({0, "", caller->partner_id, "list", footprint.id, "served", footprint.policy_id, ""});
  }
  body += "]}";
  state.audit->append({0, "", caller->partner_id, "list", request.target, "allow", "",
                       std::to_string(served) + " footprints"});
  if (more) {
    ListQuery next = *query;
    next.after_row_id = page->back().row_id;
    response.set_header("Link", "<" + base_url(request) + "/3/footprints?" + kCursorParameter + "=" +
                                    encode_cursor(state, next, caller->partner_id) + ">; rel=\"next\"");
  }
  response.status = 200;
  response.set_content(body, "application/json");
}

void handle_get(NodeState& state, const httplib::Request& request, httplib::Response& response) {
  std::optional<Caller> caller = authenticate(state, request, response, "get");
  if (!caller) return;
  const std::string id = request.matches[1];
  if (!space::is_uuid(id)) {
    spdlog::info("get rejected partner_id={} id={} reason=malformed_id", caller->partner_id, id);
    write_api_error(response, ApiError::kBadRequest, "footprint id '" + id + "' is not a UUID");
    return;
  }

  util::Result<ConnectionPool::Lease> db = state.pool->acquire();
  util::Result<space::FootprintQueries*> queries =
      db.ok() ? db->footprint_queries() : util::Result<space::FootprintQueries*>(db.error());
  const std::int64_t now = now_seconds();
  util::Result<std::optional<space::StoredFootprint>> footprint =
      queries.ok() ? (*queries)->get_covered(caller->partner_id, id, now)
                   : util::Result<std::optional<space::StoredFootprint>>(queries.error());
  if (!footprint.ok()) {
    spdlog::error("get failed partner_id={} id={} error={}", caller->partner_id, id, footprint.error().message());
    write_api_error(response, ApiError::kInternalError, "the footprint store is unavailable");
    return;
  }

  if (footprint->has_value()) {
    const std::string& policy = (*footprint)->policy_id;
    util::Result<space::Release> decision = (*queries)->release().release(**footprint, base_url(request), now);
    if (!decision.ok()) {
      spdlog::error("get failed partner_id={} id={} error={}", caller->partner_id, id, decision.error().message());
      write_api_error(response, ApiError::kInternalError, "the footprint store is unavailable");
      return;
    }
    if (!decision->allowed) {
      spdlog::info("get denied partner_id={} id={} reason={}", caller->partner_id, id, decision->refusal);
      state.audit->append({0, "", caller->partner_id, "get", id, "deny", policy, decision->refusal});
      write_api_error(response, ApiError::kAccessDenied,
                      "footprint " + id + " came from another company whose usage terms do not allow passing it on");
      return;
    }
    state.audit->append({0, "", caller->partner_id, "get", id, "served", policy, ""});
    response.status = 200;
    response.set_content("{\"data\":" + decision->document + "}", "application/json");
    return;
  }

  // Only a policy that would cover the id whatever the footprint contains
  // may report it missing, so that no response reveals what exists.
  util::Result<bool> covered = (*queries)->covers_any(caller->partner_id, id, now);
  if (covered.ok() && *covered) {
    state.audit->append({0, "", caller->partner_id, "get", id, "deny", "", "not found"});
    write_api_error(response, ApiError::kNotFound, "footprint " + id + " was not found");
    return;
  }
  spdlog::info("get denied partner_id={} id={} reason=no_usage_policy", caller->partner_id, id);
  state.audit->append({0, "", caller->partner_id, "get", id, "deny", "", "no usage policy covers it"});
  write_api_error(response, ApiError::kAccessDenied, "access to footprint " + id + " is not granted to this client");
}

}  // namespace

void register_footprint_routes(NodeState& state) {
  state.http->Get("/3/footprints", [&state](const httplib::Request& request, httplib::Response& response) {
    handle_list(state, request, response);
  });
  state.http->Get(R"(/3/footprints/([^/]+))", [&state](const httplib::Request& request, httplib::Response& response) {
    handle_get(state, request, response);
  });
}

}  // namespace trustpcf::server
