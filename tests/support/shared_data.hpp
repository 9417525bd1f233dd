#pragma once

// Access to the reference data (published test vectors, USLCI, PACT) that
// lives outside the repository. Tests find it through $TRUSTPCF_SHARED, else
// the folder beside the project root, and skip with a clear message when it
// is absent.

#include <cstdlib>
#include <filesystem>
#include <string>

#include <gtest/gtest.h>

namespace trustpcf::testing {

inline std::filesystem::path shared_dir() {
  if (const char* env = std::getenv("TRUSTPCF_SHARED"); env && *env) return env;
  return TRUSTPCF_SHARED_DEFAULT;
}

// The project's own source folder, for bundled data such as the sample.
inline std::filesystem::path source_dir() { return TRUSTPCF_SOURCE_DIR; }

}  // namespace trustpcf::testing

// Sets `var` to shared_dir()/relative, or skips the test when that path is
// missing.
#define TRUSTPCF_REQUIRE_SHARED(var, relative)                                              \
  const std::filesystem::path var = ::trustpcf::testing::shared_dir() / (relative);        \
  if (!std::filesystem::exists(var)) {                                                      \
    GTEST_SKIP() << "reference data " << var.string()                                       \
                 << " is absent; set TRUSTPCF_SHARED to the folder holding it";            \
  }
