// libFuzzer target for the strict JSON parsers and the JCS writers. Beyond
// not crashing, canonicalization must be idempotent (the canonical form of a
// canonical form is itself), and the streaming writer must agree with the
// writer for values in memory.

#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "crypto/jcs.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto canonical = trustpcf::crypto::canonicalize_text(text);
  if (!canonical.ok()) return 0;

  auto again = trustpcf::crypto::canonicalize_text(*canonical);
  if (!again.ok() || *again != *canonical) std::abort();

  auto value = trustpcf::crypto::parse_json_strict(text);
  if (!value.ok() || trustpcf::crypto::canonicalize(*value) != *canonical) std::abort();
  return 0;
}
