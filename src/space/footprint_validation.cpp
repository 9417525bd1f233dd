#include "space/footprint_validation.hpp"

#include "pcf/footprint_json.hpp"

namespace trustpcf::space {

util::Status validate_footprint(const nlohmann::json& footprint) {
  if (!footprint.is_object()) {
    return util::make_error(util::ErrorCode::kInvalidInput, "a product footprint must be a JSON object, got {}",
                            footprint.type_name());
  }
  return pcf::parse_product_footprint(footprint).status();
}

}  // namespace trustpcf::space
