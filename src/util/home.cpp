#include "util/home.hpp"

#include <cstdlib>

namespace trustpcf::util {

Result<std::filesystem::path> resolve_home(const std::optional<std::filesystem::path>& option) {
  if (option && !option->empty()) return std::filesystem::absolute(*option);

  if (const char* env = std::getenv("TRUSTPCF_HOME"); env && *env) {
    return std::filesystem::absolute(env);
  }
  if (const char* home = std::getenv("HOME"); home && *home) {
    return std::filesystem::path(home) / ".trustpcf";
  }
  return make_error(ErrorCode::kUsage,
                    "cannot find the node's home: pass --home DIR or set TRUSTPCF_HOME");
}

}  // namespace trustpcf::util
