#include "tlog/http_routes.hpp"

#include <charconv>
#include <map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

namespace trustpcf::tlog {

namespace {

constexpr const char* kTextType = "text/plain; charset=utf-8";
constexpr const char* kOctetType = "application/octet-stream";
constexpr const char* kJsonType = "application/json";

std::pair<std::string, std::string> cache_control(int max_age, bool immutable = false) {
  return {"Cache-Control",
          fmt::format("public, max-age={}{}", max_age, immutable ? ", immutable" : "")};
}

HttpResponse error_response(const util::Error& error) {
  HttpResponse response;
  response.status = http_status_for(error.code());
  response.body = error.message() + "\n";
  response.content_type = kTextType;
  response.headers.push_back({"Cache-Control", "no-store"});
  if (response.status >= 500) spdlog::error("tlog http error={}", error.message());
  return response;
}

HttpResponse json_response(const nlohmann::json& json) {
  HttpResponse response;
  response.body = json.dump() + "\n";
  response.content_type = kJsonType;
  response.headers.push_back({"Cache-Control", "no-store"});
  return response;
}

std::map<std::string, std::string, std::less<>> parse_query(std::string_view query) {
  std::map<std::string, std::string, std::less<>> out;
  while (!query.empty()) {
    const size_t amp = query.find('&');
    std::string_view pair = query.substr(0, amp);
    const size_t eq = pair.find('=');
    if (eq != std::string_view::npos) out[std::string(pair.substr(0, eq))] = pair.substr(eq + 1);
    if (amp == std::string_view::npos) break;
    query.remove_prefix(amp + 1);
  }
  return out;
}

// Reads an unsigned decimal query parameter; `fallback` when absent.
util::Result<uint64_t> query_number(const std::map<std::string, std::string, std::less<>>& query,
                                    std::string_view name, std::optional<uint64_t> fallback) {
  auto it = query.find(name);
  if (it == query.end()) {
    if (fallback) return *fallback;
    return util::make_error(util::ErrorCode::kInvalidInput, "query parameter '{}' is missing",
                            name);
  }
  uint64_t value = 0;
  const std::string& text = it->second;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) {
    return util::make_error(util::ErrorCode::kInvalidInput,
                            "query parameter '{}' is '{}'; use a non-negative decimal", name, text);
  }
  return value;
}

nlohmann::json encode_hashes(const std::vector<Hash>& hashes) {
  nlohmann::json out = nlohmann::json::array();
  for (const Hash& hash : hashes) out.push_back(encode_base64(hash));
  return out;
}

}  // namespace

int http_status_for(util::ErrorCode code) {
  switch (code) {
    case util::ErrorCode::kNotFound:
      return 404;
    case util::ErrorCode::kInvalidInput:
    case util::ErrorCode::kUsage:
      return 400;
    case util::ErrorCode::kDenied:
      return 403;
    case util::ErrorCode::kVerification:
      return 422;
    default:
      return 500;
  }
}

HttpResponse LogHttpRoutes::handle(std::string_view method, std::string_view target,
                                   std::string_view body) {
  std::string_view path = target;
  std::string_view query;
  if (const size_t mark = target.find('?'); mark != std::string_view::npos) {
    path = target.substr(0, mark);
    query = target.substr(mark + 1);
  }

  const bool is_add = path == "/add";
  if (is_add && method == "POST") return post_add(body);
  if (is_add || method != "GET") {
    HttpResponse response = error_response(util::make_error(
        util::ErrorCode::kUsage, "{} is not allowed on {}; use {}", method, path,
        is_add ? "POST" : "GET"));
    response.status = 405;
    return response;
  }
  if (path == "/checkpoint") return get_checkpoint();
  if (path.starts_with("/tile/")) return get_tile(path.substr(1));
  if (path == "/proof/inclusion") return get_inclusion(query);
  if (path == "/proof/consistency") return get_consistency(query);
  return error_response(
      util::make_error(util::ErrorCode::kNotFound, "no log resource at '{}'", path));
}

HttpResponse LogHttpRoutes::get_checkpoint() {
  HttpResponse response;
  response.body = log_.checkpoint().note;
  response.content_type = kTextType;
  response.headers.push_back(cache_control(kCheckpointMaxAgeSeconds));
  return response;
}

HttpResponse LogHttpRoutes::get_tile(std::string_view path) {
  util::Result<TileId> tile = parse_tile_path(path);
  if (!tile.ok()) return error_response(tile.error());
  util::Result<std::string> bytes = log_.read_resource(*tile);
  if (!bytes.ok()) return error_response(bytes.error());

  HttpResponse response;
  response.body = std::move(*bytes);
  response.content_type = kOctetType;
  if (tile->width == kTileWidth) {
    response.headers.push_back(cache_control(kFullTileMaxAgeSeconds, true));
  } else {
    response.headers.push_back(cache_control(kPartialTileMaxAgeSeconds));
  }
  return response;
}

HttpResponse LogHttpRoutes::post_add(std::string_view body) {
  if (body.empty()) {
    return error_response(util::Error(util::ErrorCode::kInvalidInput, "log entry is empty"));
  }
  util::Result<uint64_t> index = log_.append(std::string(body));
  if (!index.ok()) return error_response(index.error());
  return json_response({{"index", *index}});
}

HttpResponse LogHttpRoutes::get_inclusion(std::string_view query_text) {
  auto query = parse_query(query_text);
  util::Result<uint64_t> index = query_number(query, "index", std::nullopt);
  if (!index.ok()) return error_response(index.error());
  util::Result<uint64_t> size = query_number(query, "size", 0);
  if (!size.ok()) return error_response(size.error());

  util::Result<InclusionProof> proof = log_.prove_inclusion(*index, *size);
  if (!proof.ok()) return error_response(proof.error());
  return json_response({{"index", proof->index},
                        {"tree_size", proof->tree_size},
                        {"leaf_hash", encode_base64(proof->leaf_hash)},
                        {"root", encode_base64(proof->root)},
                        {"hashes", encode_hashes(proof->hashes)}});
}

HttpResponse LogHttpRoutes::get_consistency(std::string_view query_text) {
  auto query = parse_query(query_text);
  util::Result<uint64_t> old_size = query_number(query, "old", std::nullopt);
  if (!old_size.ok()) return error_response(old_size.error());
  util::Result<uint64_t> new_size = query_number(query, "new", log_.state().size);
  if (!new_size.ok()) return error_response(new_size.error());

  util::Result<ConsistencyProof> proof = log_.prove_consistency(*old_size, *new_size);
  if (!proof.ok()) return error_response(proof.error());
  return json_response({{"size1", proof->size1},
                        {"size2", proof->size2},
                        {"root1", encode_base64(proof->root1)},
                        {"root2", encode_base64(proof->root2)},
                        {"hashes", encode_hashes(proof->hashes)}});
}

}  // namespace trustpcf::tlog
