#include "space/footprint_filter.hpp"

#include <algorithm>
#include <chrono>

#include "util/time.hpp"

namespace trustpcf::space {

using util::ErrorCode;
using util::make_error;

std::string ascii_lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

util::Result<std::int64_t> parse_filter_time(const std::string& text) {
  util::Result<util::Clock::time_point> parsed = util::parse_rfc3339(text);
  // "YYYY-MM-DDTHH:MM" followed by a zone: insert the missing seconds.
  if (!parsed.ok() && text.size() > 16 && text[13] == ':' && text[16] != ':') {
    parsed = util::parse_rfc3339(text.substr(0, 16) + ":00" + text.substr(16));
  }
  if (!parsed.ok()) {
    return make_error(ErrorCode::kInvalidInput,
                      "'{}' is not an RFC 3339 date-time; use e.g. 2025-04-01T00:00:00Z", text);
  }
  return std::chrono::duration_cast<std::chrono::seconds>(parsed->time_since_epoch()).count();
}

util::Status add_filter_criterion(FootprintFilter& filter, const std::string& name,
                                  const std::string& value) {
  const std::string key = ascii_lower(name);
  if (key == "productid") {
    filter.product_ids.push_back(ascii_lower(value));
  } else if (key == "companyid") {
    filter.company_ids.push_back(ascii_lower(value));
  } else if (key == "geography") {
    filter.geographies.push_back(ascii_lower(value));
  } else if (key == "classification") {
    filter.classifications.push_back(ascii_lower(value));
  } else if (key == "validon" || key == "validafter" || key == "validbefore") {
    util::Result<std::int64_t> time = parse_filter_time(value);
    if (!time.ok()) return time.error().with_context("filter '" + name + "'");
    std::optional<std::int64_t>& slot =
        key == "validon" ? filter.valid_on : key == "validafter" ? filter.valid_after : filter.valid_before;
    if (slot.has_value()) {
      return make_error(ErrorCode::kInvalidInput, "filter '{}' is given more than once", name);
    }
    slot = *time;
  } else if (key == "status") {
    std::string lower = ascii_lower(value);
    if (lower != "active" && lower != "deprecated") {
      return make_error(ErrorCode::kInvalidInput, "filter 'status' is '{}'; use Active or Deprecated", value);
    }
    filter.status = lower == "active" ? "Active" : "Deprecated";
  } else {
    return make_error(ErrorCode::kInvalidInput,
                      "unknown filter '{}'; PACT v3 defines productId, companyId, geography, "
                      "classification, validOn, validAfter, validBefore and status",
                      name);
  }
  return {};
}

util::Result<FootprintFilter> filter_from_request_data(const nlohmann::json& data) {
  FootprintFilter filter;
  if (!data.is_object()) {
    return make_error(ErrorCode::kInvalidInput, "event 'data' must be an object of filter criteria");
  }
  for (const auto& [name, value] : data.items()) {
    if (name == "comment") {
      if (!value.is_string()) return make_error(ErrorCode::kInvalidInput, "'data.comment' must be a string");
      continue;
    }
    if (name.rfind("x-", 0) == 0) continue;  // implementor extensions (x-<id>-...) are ignored
    if (value.is_array()) {
      if (name == "status" || name.rfind("valid", 0) == 0) {
        return make_error(ErrorCode::kInvalidInput, "'data.{}' must be a string", name);
      }
      for (const nlohmann::json& item : value) {
        if (!item.is_string()) {
          return make_error(ErrorCode::kInvalidInput, "'data.{}' must contain strings only", name);
        }
        TRUSTPCF_RETURN_IF_ERROR(add_filter_criterion(filter, name, item.get<std::string>()));
      }
    } else if (value.is_string() && (name == "status" || name.rfind("valid", 0) == 0)) {
      TRUSTPCF_RETURN_IF_ERROR(add_filter_criterion(filter, name, value.get<std::string>()));
    } else {
      return make_error(ErrorCode::kInvalidInput, "'data.{}' has the wrong type {}", name, value.type_name());
    }
  }
  return filter;
}

nlohmann::json FootprintFilter::to_json() const {
  nlohmann::json json = {{"p", product_ids}, {"c", company_ids}, {"g", geographies}, {"k", classifications}};
  if (valid_on) json["on"] = *valid_on;
  if (valid_after) json["after"] = *valid_after;
  if (valid_before) json["before"] = *valid_before;
  if (status) json["s"] = *status;
  return json;
}

FootprintFilter FootprintFilter::from_json(const nlohmann::json& json) {
  FootprintFilter filter;
  filter.product_ids = json.value("p", std::vector<std::string>{});
  filter.company_ids = json.value("c", std::vector<std::string>{});
  filter.geographies = json.value("g", std::vector<std::string>{});
  filter.classifications = json.value("k", std::vector<std::string>{});
  if (json.contains("on")) filter.valid_on = json["on"].get<std::int64_t>();
  if (json.contains("after")) filter.valid_after = json["after"].get<std::int64_t>();
  if (json.contains("before")) filter.valid_before = json["before"].get<std::int64_t>();
  if (json.contains("s")) filter.status = json["s"].get<std::string>();
  return filter;
}

}  // namespace trustpcf::space
