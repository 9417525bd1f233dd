// libFuzzer target for the SD-JWT parser: serialization, disclosures, the
// JWT decoder and the digest resolver (reached through present_sd_jwt, which
// resolves digests without checking the issuer signature).

#include <cstdint>
#include <string_view>

#include "crypto/sd_jwt.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace trustpcf::crypto;
  std::string_view text(reinterpret_cast<const char*>(data), size);

  auto parsed = SdJwt::parse(text);
  if (!parsed.ok()) return 0;
  for (const std::string& disclosure : parsed->disclosures) {
    (void)parse_sd_jwt_disclosure(disclosure);
  }
  (void)present_sd_jwt(*parsed, {"/a", "/b/0"});

  static const Ed25519KeyPair key = Ed25519KeyPair::from_seed(Bytes(kEd25519SeedSize, 7)).value();
  (void)verify_sd_jwt(text, key.public_key());
  return 0;
}
