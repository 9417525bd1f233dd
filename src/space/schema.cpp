#include "space/schema.hpp"

#include "space/usage_terms.hpp"

namespace trustpcf::space {

namespace {

// Version 1. Times are Unix seconds (INTEGER); columns ending in _ms are Unix
// milliseconds and columns ending in _text RFC 3339 text.
constexpr const char* kSchemaV1 = R"sql(
CREATE TABLE space_partners (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  url TEXT NOT NULL,
  client_id TEXT NOT NULL UNIQUE,
  secret_hash TEXT NOT NULL,
  remote_client_id TEXT,
  remote_client_secret TEXT,
  created_at INTEGER NOT NULL
);

CREATE TABLE space_footprints (
  row_id INTEGER PRIMARY KEY AUTOINCREMENT,
  pf_id TEXT NOT NULL UNIQUE,
  document TEXT NOT NULL,
  status TEXT NOT NULL,
  validity_start INTEGER NOT NULL,
  validity_end INTEGER NOT NULL,
  version INTEGER NOT NULL,
  updated_text TEXT NOT NULL,
  product_name TEXT NOT NULL,
  imported_at INTEGER NOT NULL
);
CREATE TABLE space_footprint_keys (
  row_id INTEGER NOT NULL REFERENCES space_footprints(row_id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  value TEXT NOT NULL
);
CREATE INDEX space_footprint_keys_lookup ON space_footprint_keys(kind, value, row_id);
CREATE INDEX space_footprint_keys_row ON space_footprint_keys(row_id);
CREATE TABLE space_footprint_predecessors (
  pf_id TEXT NOT NULL,
  preceding_id TEXT NOT NULL,
  PRIMARY KEY (pf_id, preceding_id)
);
CREATE INDEX space_footprint_predecessors_preceding ON space_footprint_predecessors(preceding_id);

CREATE TABLE space_policies (
  id TEXT PRIMARY KEY,
  partner_id TEXT NOT NULL REFERENCES space_partners(id),
  scope TEXT NOT NULL CHECK (scope IN ('all', 'product', 'footprint')),
  value TEXT NOT NULL,
  purpose TEXT NOT NULL,
  valid_until INTEGER,
  reshare INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  revoked_at INTEGER
);
CREATE INDEX space_policies_partner ON space_policies(partner_id);

CREATE TABLE space_contracts (
  id TEXT PRIMARY KEY,
  partner_id TEXT NOT NULL REFERENCES space_partners(id),
  scope TEXT NOT NULL CHECK (scope IN ('all', 'product', 'footprint')),
  value TEXT NOT NULL,
  purpose TEXT NOT NULL,
  valid_until INTEGER,
  reshare INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
  reason TEXT NOT NULL DEFAULT '',
  policy_id TEXT,
  created_at INTEGER NOT NULL,
  decided_at INTEGER
);

CREATE TABLE space_audit (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  at_text TEXT NOT NULL,
  partner_id TEXT NOT NULL,
  action TEXT NOT NULL,
  target TEXT NOT NULL,
  decision TEXT NOT NULL,
  policy_id TEXT NOT NULL,
  detail TEXT NOT NULL
);
CREATE TRIGGER space_audit_no_update BEFORE UPDATE ON space_audit
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER space_audit_no_delete BEFORE DELETE ON space_audit
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

CREATE TABLE space_received_events (
  source TEXT NOT NULL,
  event_id TEXT NOT NULL,
  partner_id TEXT NOT NULL,
  type TEXT NOT NULL,
  body TEXT NOT NULL,
  received_at INTEGER NOT NULL,
  PRIMARY KEY (source, event_id)
);

CREATE TABLE space_outbox (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  event_id TEXT NOT NULL UNIQUE,
  partner_id TEXT NOT NULL,
  destination TEXT NOT NULL,
  body TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('pending', 'delivered', 'abandoned')),
  attempts INTEGER NOT NULL,
  next_attempt_ms INTEGER NOT NULL,
  created_ms INTEGER NOT NULL,
  last_error TEXT NOT NULL DEFAULT ''
);
CREATE INDEX space_outbox_due ON space_outbox(state, next_attempt_ms);
)sql";

}  // namespace

util::Status ensure_space_schema(store::Database& db) {
  TRUSTPCF_RETURN_IF_ERROR(db.ensure_schema("space", 1, kSchemaV1));
  return ensure_usage_terms_schema(db);
}

}  // namespace trustpcf::space
