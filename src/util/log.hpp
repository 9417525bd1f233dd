#pragma once

// Logging setup. Modules log through spdlog's default logger with key=value
// pairs for the ids involved, for example
//   spdlog::info("import finished database={} processes={}", digest, count);
// Logs go to standard error so that standard output stays machine-readable.

#include <string_view>

namespace trustpcf::util {

// Sets the default logger to standard error at `level` ("trace", "debug",
// "info", "warn", "error", "off"). An unknown level falls back to "warn".
void init_logging(std::string_view level);

}  // namespace trustpcf::util
