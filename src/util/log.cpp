#include "util/log.hpp"

#include <string>

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

namespace trustpcf::util {

void init_logging(std::string_view level) {
  auto logger = spdlog::stderr_color_mt("trustpcf");
  logger->set_pattern("%Y-%m-%dT%H:%M:%S.%eZ %^%l%$ %v", spdlog::pattern_time_type::utc);
  spdlog::level::level_enum parsed = spdlog::level::from_str(std::string(level));
  // from_str returns "off" for unknown names; treat those as "warn".
  if (parsed == spdlog::level::off && level != "off") parsed = spdlog::level::warn;
  logger->set_level(parsed);
  spdlog::set_default_logger(logger);
}

}  // namespace trustpcf::util
