#include "cli/context.hpp"

namespace trustpcf::cli {

void add_db_commands(CLI::App& app, Context& context) {
  (void)app;
  (void)context;
}

}  // namespace trustpcf::cli
