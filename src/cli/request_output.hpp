#pragma once

// The output of `trustpcf request`, shared with `trustpcf demo`.

#include <ostream>
#include <string>

#include <nlohmann/json.hpp>

#include "space/supplier_request.hpp"

namespace trustpcf::cli {

// Prints each received footprint with its links and what became of it,
// each line starting with `indent`.
void print_supplier_response(std::ostream& out, const space::SupplierResponse& response,
                             const std::string& indent = "");

// The `footprints` array of `request --json`.
nlohmann::json supplier_response_json(const space::SupplierResponse& response);

// Turns a response into the command's status: kNotFound when no footprint
// came, kVerification when one was rejected or skipped, else success.
util::Status supplier_response_status(const space::SupplierResponse& response, const std::string& supplier,
                                      const std::string& product_id);

}  // namespace trustpcf::cli
