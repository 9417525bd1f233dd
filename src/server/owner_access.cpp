#include "server/owner_access.hpp"

#include <signal.h>
#include <unistd.h>

#include <cerrno>

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "space/secrets.hpp"
#include "util/files.hpp"

namespace trustpcf::server {

namespace fs = std::filesystem;

util::Result<std::string> read_admin_token(const fs::path& home) {
  const fs::path file = home / kAdminTokenFileName;
  std::error_code ec;
  if (!fs::exists(file, ec)) {
    return util::make_error(util::ErrorCode::kNotFound,
                            "admin token '{}' does not exist; start the node with `trustpcf serve`",
                            file.string());
  }
  TRUSTPCF_ASSIGN_OR_RETURN(std::string token, util::read_file(file));
  while (!token.empty() && (token.back() == '\n' || token.back() == '\r')) token.pop_back();
  return token;
}

util::Result<std::string> load_or_create_admin_token(const fs::path& home) {
  std::error_code ec;
  if (fs::exists(home / kAdminTokenFileName, ec)) return read_admin_token(home);
  std::string token = space::random_token(kAdminTokenBytes);
  TRUSTPCF_RETURN_IF_ERROR(util::write_file_atomic(home / kAdminTokenFileName, token + "\n", 0600));
  spdlog::info("admin token created file={}", (home / kAdminTokenFileName).string());
  return token;
}

util::Status write_serve_address(const fs::path& home, const ServeAddress& address) {
  nlohmann::json json{{"host", address.host}, {"port", address.port}, {"pid", address.pid}};
  return util::write_file_atomic(home / kServeAddressFileName, json.dump() + "\n", 0600);
}

void remove_serve_address(const fs::path& home) {
  auto address = read_serve_address(home);
  if (!address.ok() || !address->has_value() || (*address)->pid != ::getpid()) return;
  std::error_code ec;
  fs::remove(home / kServeAddressFileName, ec);
  if (ec) spdlog::warn("cannot remove serve address file={} error={}", (home / kServeAddressFileName).string(), ec.message());
}

util::Result<std::optional<ServeAddress>> read_serve_address(const fs::path& home) {
  const fs::path file = home / kServeAddressFileName;
  std::error_code ec;
  if (!fs::exists(file, ec)) return std::optional<ServeAddress>();
  TRUSTPCF_ASSIGN_OR_RETURN(std::string text, util::read_file(file));
  nlohmann::json json = nlohmann::json::parse(text, nullptr, false);
  if (json.is_discarded() || !json.is_object() || !json["host"].is_string() ||
      !json["port"].is_number_integer() || !json["pid"].is_number_integer()) {
    return util::make_error(util::ErrorCode::kInvalidInput,
                            "'{}' is not a serve address (host, port, pid); remove it if no node "
                            "is serving",
                            file.string());
  }
  ServeAddress address{json["host"].get<std::string>(), json["port"].get<int>(), json["pid"].get<long>()};
  // A node killed without a chance to clean up leaves the file behind.
  if (::kill(static_cast<pid_t>(address.pid), 0) != 0 && errno == ESRCH) return std::optional<ServeAddress>();
  return std::optional<ServeAddress>(address);
}

std::string connect_host(const ServeAddress& address) {
  if (address.host == "0.0.0.0" || address.host.empty()) return "127.0.0.1";
  if (address.host == "::") return "::1";
  return address.host;
}

}  // namespace trustpcf::server
