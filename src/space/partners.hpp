#pragma once

// Partners: the companies (data recipients) this node shares footprints with.
// Each partner gets OAuth 2.0 client credentials for this node's
// /auth/token; the secret is returned once and stored only as an Argon2id hash.

#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace trustpcf::space {

struct Partner {
  std::string id;         // UUID
  std::string name;       // unique, as the owner typed it
  std::string url;        // base URL of the partner's own PACT node (https://host[:port])
  std::string client_id;  // OAuth client id issued by this node
  // Credentials the partner issued to this node, used to deliver events to
  // the partner's /3/events; empty when not configured.
  std::string remote_client_id;
  std::string remote_client_secret;
  std::int64_t created_at = 0;  // Unix seconds
};

struct NewPartner {
  Partner partner;
  std::string client_secret;  // shown once, never stored in clear
};

// Adds a partner and issues its client credentials. `url` must be an https://
// URL. Errors: kInvalidInput for an empty name or a non-https URL; kUsage when
// the name is taken; kStorage.
util::Result<NewPartner> add_partner(store::Database& db, const std::string& name,
                                     const std::string& url,
                                     const std::string& remote_client_id = {},
                                     const std::string& remote_client_secret = {});

// Lists partners by name.
util::Result<std::vector<Partner>> list_partners(store::Database& db);

// Finds a partner by name, id or client id. Errors: kNotFound naming `key`.
util::Result<Partner> find_partner(store::Database& db, const std::string& key);

// Checks client credentials. Returns the partner, or nullopt when the client
// id is unknown or the secret does not match (the two are not told apart).
util::Result<std::optional<Partner>> authenticate_partner(store::Database& db,
                                                          const std::string& client_id,
                                                          const std::string& client_secret);

// Returns scheme://host[:port] of an https URL, lower-cased, or an error
// (kInvalidInput) when `url` is not an absolute https URL.
util::Result<std::string> https_origin(const std::string& url);

}  // namespace trustpcf::space
