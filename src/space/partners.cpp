#include "space/partners.hpp"

#include <algorithm>
#include <chrono>

#include <spdlog/spdlog.h>

#include "space/schema.hpp"
#include "space/secrets.hpp"

namespace trustpcf::space {

using util::ErrorCode;
using util::make_error;

namespace {

// 32 random bytes: the client secret has the strength of a 256-bit key.
constexpr std::size_t kClientSecretBytes = 32;
constexpr std::size_t kClientIdBytes = 12;

constexpr const char* kPartnerColumns =
    "id, name, url, client_id, secret_hash, coalesce(remote_client_id, ''), "
    "coalesce(remote_client_secret, ''), created_at";

Partner read_partner(const store::Statement& row) {
  Partner partner;
  partner.id = row.column_text(0);
  partner.name = row.column_text(1);
  partner.url = row.column_text(2);
  partner.client_id = row.column_text(3);
  partner.remote_client_id = row.column_text(5);
  partner.remote_client_secret = row.column_text(6);
  partner.created_at = row.column_int(7);
  return partner;
}

std::int64_t now_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

util::Result<std::string> https_origin(const std::string& url) {
  std::string lower = url;
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  constexpr std::string_view kScheme = "https://";
  if (lower.rfind(kScheme, 0) != 0 || lower.size() == kScheme.size()) {
    return make_error(ErrorCode::kInvalidInput,
                      "'{}' is not an https URL; use the form https://host[:port]", url);
  }
  std::size_t end = lower.find_first_of("/?#", kScheme.size());
  std::string authority = lower.substr(kScheme.size(), end == std::string::npos ? std::string::npos : end - kScheme.size());
  if (authority.empty() || authority.find('@') != std::string::npos) {
    return make_error(ErrorCode::kInvalidInput, "'{}' has no host or carries user information", url);
  }
  return std::string(kScheme) + authority;
}

util::Result<NewPartner> add_partner(store::Database& db, const std::string& name,
                                     const std::string& url, const std::string& remote_client_id,
                                     const std::string& remote_client_secret) {
  TRUSTPCF_RETURN_IF_ERROR(ensure_space_schema(db));
  if (name.empty()) return make_error(ErrorCode::kInvalidInput, "the partner name is empty");
  TRUSTPCF_ASSIGN_OR_RETURN(std::string origin, https_origin(url));
  (void)origin;
  if (remote_client_id.empty() != remote_client_secret.empty()) {
    return make_error(ErrorCode::kInvalidInput,
                      "give both the partner's client id and secret for event delivery, or neither");
  }

  TRUSTPCF_ASSIGN_OR_RETURN(auto exists, db.prepare("SELECT 1 FROM space_partners WHERE name = ?"));
  exists.bind(1, name);
  TRUSTPCF_ASSIGN_OR_RETURN(bool taken, exists.step());
  if (taken) return make_error(ErrorCode::kUsage, "partner '{}' already exists", name);
  exists.reset();  // ends the read before the write below

  NewPartner result;
  result.partner.id = random_uuid();
  result.partner.name = name;
  result.partner.url = url;
  result.partner.client_id = "tpcf-" + random_token(kClientIdBytes);
  result.partner.remote_client_id = remote_client_id;
  result.partner.remote_client_secret = remote_client_secret;
  result.partner.created_at = now_seconds();
  result.client_secret = random_token(kClientSecretBytes);
  TRUSTPCF_ASSIGN_OR_RETURN(std::string secret_hash, hash_secret(result.client_secret));

  // NOTE: the partner's own credentials for this node are stored in clear,
  // because they must be presented to the partner's token endpoint; the
  // store file is private to the node's home (mode 0700 folder).
  TRUSTPCF_ASSIGN_OR_RETURN(auto insert,
                            db.prepare("INSERT INTO space_partners(id, name, url, client_id, "
                                       "secret_hash, remote_client_id, remote_client_secret, "
                                       "created_at) VALUES(?, ?, ?, ?, ?, ?, ?, ?)"));
  insert.bind(1, result.partner.id).bind(2, name).bind(3, url).bind(4, result.partner.client_id);
  insert.bind(5, secret_hash);
  if (remote_client_id.empty()) {
    insert.bind_null(6).bind_null(7);
  } else {
    insert.bind(6, remote_client_id).bind(7, remote_client_secret);
  }
  insert.bind(8, result.partner.created_at);
  TRUSTPCF_RETURN_IF_ERROR(insert.run());
  spdlog::info("partner added partner_id={} name={} client_id={}", result.partner.id, name,
               result.partner.client_id);
  return result;
}

util::Result<std::vector<Partner>> list_partners(store::Database& db) {
  TRUSTPCF_RETURN_IF_ERROR(ensure_space_schema(db));
  TRUSTPCF_ASSIGN_OR_RETURN(
      auto query, db.prepare(std::string("SELECT ") + kPartnerColumns + " FROM space_partners ORDER BY name"));
  std::vector<Partner> partners;
  while (true) {
    TRUSTPCF_ASSIGN_OR_RETURN(bool row, query.step());
    if (!row) break;
    partners.push_back(read_partner(query));
  }
  return partners;
}

util::Result<Partner> find_partner(store::Database& db, const std::string& key) {
  TRUSTPCF_RETURN_IF_ERROR(ensure_space_schema(db));
  TRUSTPCF_ASSIGN_OR_RETURN(
      auto query, db.prepare(std::string("SELECT ") + kPartnerColumns +
                             " FROM space_partners WHERE name = ? OR id = ? OR client_id = ?"));
  query.bind(1, key).bind(2, key).bind(3, key);
  TRUSTPCF_ASSIGN_OR_RETURN(bool found, query.step());
  if (!found) {
    return make_error(ErrorCode::kNotFound, "partner '{}' not found; `trustpcf partner list` shows them",
                      key);
  }
  return read_partner(query);
}

util::Result<std::optional<Partner>> authenticate_partner(store::Database& db,
                                                          const std::string& client_id,
                                                          const std::string& client_secret) {
  TRUSTPCF_ASSIGN_OR_RETURN(
      auto query, db.prepare(std::string("SELECT ") + kPartnerColumns +
                             " FROM space_partners WHERE client_id = ?"));
  query.bind(1, client_id);
  TRUSTPCF_ASSIGN_OR_RETURN(bool found, query.step());
  if (!found) return std::optional<Partner>();
  std::string secret_hash = query.column_text(4);
  if (!verify_secret(client_secret, secret_hash)) return std::optional<Partner>();
  return std::optional<Partner>(read_partner(query));
}

}  // namespace trustpcf::space
