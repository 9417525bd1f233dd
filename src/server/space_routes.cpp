// Data-space routes beyond PACT: GET /space/catalog (footprint metadata for
// registered partners) and /space/contracts (a partner's access requests).

#include <spdlog/spdlog.h>

#include "server/api_response.hpp"
#include "server/node_state.hpp"
#include "space/catalog.hpp"
#include "space/contracts.hpp"
#include "space/usage_terms.hpp"

namespace trustpcf::server {

namespace {

void handle_catalog(NodeState& state, const httplib::Request& request, httplib::Response& response) {
  std::optional<Caller> caller = authenticate(state, request, response, "catalog");
  if (!caller) return;
  util::Result<ConnectionPool::Lease> db = state.pool->acquire();
  util::Result<nlohmann::json> catalog = db.ok() ? space::build_catalog(**db) : util::Result<nlohmann::json>(db.error());
  if (!catalog.ok()) {
    spdlog::error("catalog failed partner_id={} error={}", caller->partner_id, catalog.error().message());
    write_api_error(response, ApiError::kInternalError, "the catalog is unavailable");
    return;
  }
  state.audit->append({0, "", caller->partner_id, "catalog", "/space/catalog", "allow", "",
                       std::to_string((*catalog)["data"].size()) + " entries"});
  write_json(response, *catalog);
}

void handle_contract_request(NodeState& state, const httplib::Request& request, httplib::Response& response) {
  std::optional<Caller> caller = authenticate(state, request, response, "contract");
  if (!caller) return;
  if (media_type(request.get_header_value("Content-Type")) != "application/json") {
    write_api_error(response, ApiError::kBadRequest, "the body must be application/json");
    return;
  }
  nlohmann::json body = nlohmann::json::parse(request.body, nullptr, false);
  if (body.is_discarded()) {
    write_api_error(response, ApiError::kBadRequest, "the body is not valid JSON");
    return;
  }
  util::Result<ConnectionPool::Lease> db = state.pool->acquire();
  if (!db.ok()) {
    write_api_error(response, ApiError::kInternalError, "the store is unavailable");
    return;
  }
  util::Result<space::Contract> contract = space::request_contract(**db, caller->partner_id, body);
  if (!contract.ok()) {
    bool bad_input = contract.error().code() == util::ErrorCode::kInvalidInput;
    write_api_error(response, bad_input ? ApiError::kBadRequest : ApiError::kInternalError, contract.error().message());
    return;
  }
  state.audit->append({0, "", caller->partner_id, "contract", contract->id, "allow", "", "contract requested"});
  write_json(response, {{"data", contract->to_json()}}, 201);
}

void handle_contract_list(NodeState& state, const httplib::Request& request, httplib::Response& response) {
  std::optional<Caller> caller = authenticate(state, request, response, "contract");
  if (!caller) return;
  util::Result<ConnectionPool::Lease> db = state.pool->acquire();
  util::Result<std::vector<space::Contract>> contracts =
      db.ok() ? space::list_contracts(**db, caller->partner_id) : util::Result<std::vector<space::Contract>>(db.error());
  if (!contracts.ok()) {
    write_api_error(response, ApiError::kInternalError, "the store is unavailable");
    return;
  }
  nlohmann::json data = nlohmann::json::array();
  for (const space::Contract& contract : *contracts) data.push_back(contract.to_json());
  write_json(response, {{"data", data}});
}

}  // namespace

void register_space_routes(NodeState& state) {
  // The schema of the usage-terms extension the node adds to the footprints
  // it serves. It needs no token because the Data Model Extensions
  // specification requires a publicly accessible schema.
  state.http->Get(space::kUsageTermsSchemaPath, [](const httplib::Request&, httplib::Response& response) {
    response.set_header("Cache-Control", "max-age=86400");
    response.status = 200;
    response.set_content(space::usage_terms_schema().dump(2), "application/schema+json");
  });
  state.http->Get("/space/catalog", [&state](const httplib::Request& request, httplib::Response& response) {
    handle_catalog(state, request, response);
  });
  state.http->Post("/space/contracts", [&state](const httplib::Request& request, httplib::Response& response) {
    handle_contract_request(state, request, response);
  });
  state.http->Get("/space/contracts", [&state](const httplib::Request& request, httplib::Response& response) {
    handle_contract_list(state, request, response);
  });
}

}  // namespace trustpcf::server
