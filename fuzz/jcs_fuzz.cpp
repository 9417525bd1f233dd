// libFuzzer target for the strict JSON parser and the JCS writer. Beyond not
// crashing, canonicalization must be idempotent: the canonical form of a
// canonical form is itself.

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
  return 0;
}
