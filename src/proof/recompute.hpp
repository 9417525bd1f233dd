#pragma once

// The hook through which certification and `verify --recompute` repeat a
// calculation. The LCA engine implements it; proof does not depend on how.

#include <nlohmann/json.hpp>

#include "util/error.hpp"

namespace trustpcf::proof {

class Recomputer {
 public:
  virtual ~Recomputer() = default;

  // Repeats the calculation that a receipt's predicate describes (see
  // receipt.hpp) from this node's store and returns the PACT footprint JSON
  // it produces, which must equal the original byte for byte when nothing
  // changed. Errors: kNotFound naming an input the store lacks (database
  // digest, evidence batch), kModel when the system cannot be solved.
  virtual util::Result<nlohmann::json> recompute(const nlohmann::json& receipt_predicate) = 0;
};

}  // namespace trustpcf::proof
