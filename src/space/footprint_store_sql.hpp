#pragma once

// SQL shared by the footprint store and the prepared queries of the
// GetFootprint path (space/footprint_queries.hpp). Internal to space.

namespace trustpcf::space {

// SQL that yields the id of a live usage policy of partner :partner covering
// the footprint row `f` at time :now (Unix seconds). SQLite numbers each named
// parameter at its first appearance, so :partner is 1 and :now is 2 wherever
// this text starts a statement's parameters.
inline constexpr const char* kPolicyCoveringSql = R"sql(
  (SELECT p.id FROM space_policies p
   WHERE p.partner_id = :partner AND p.revoked_at IS NULL
     AND (p.valid_until IS NULL OR p.valid_until > :now)
     AND (p.scope = 'all'
          OR (p.scope = 'footprint' AND p.value = f.pf_id)
          OR (p.scope = 'product' AND EXISTS (
                SELECT 1 FROM space_footprint_keys k
                WHERE k.row_id = f.row_id AND k.kind = 'productId' AND k.value = lower(p.value))))
   ORDER BY p.created_at LIMIT 1))sql";

}  // namespace trustpcf::space
