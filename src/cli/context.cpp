#include "cli/context.hpp"

#include "util/files.hpp"
#include "util/home.hpp"

namespace trustpcf::cli {

util::Result<std::filesystem::path> Context::home() {
  if (home_) return *home_;
  TRUSTPCF_ASSIGN_OR_RETURN(std::filesystem::path resolved, util::resolve_home(home_option));
  TRUSTPCF_RETURN_IF_ERROR(util::ensure_directory(resolved, 0700));
  home_ = resolved;
  return resolved;
}

util::Result<store::Database*> Context::store() {
  if (store_) return store_.get();
  TRUSTPCF_ASSIGN_OR_RETURN(std::filesystem::path dir, home());
  TRUSTPCF_ASSIGN_OR_RETURN(store_, store::Database::open(dir / util::kStoreFileName));
  return store_.get();
}

std::function<void()> run(Context& context, std::function<util::Status()> body) {
  return [&context, body = std::move(body)] { context.status = body(); };
}

}  // namespace trustpcf::cli
