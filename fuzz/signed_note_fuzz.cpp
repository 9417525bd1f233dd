// libFuzzer target for the signed-note parser and verifier-key parser. A note
// that parses must serialize back to the same bytes, because the format has
// one encoding for each note.

#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "crypto/signed_note.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace trustpcf::crypto;
  std::string_view text(reinterpret_cast<const char*>(data), size);

  (void)NoteVerifierKey::parse(text);
  auto parsed = parse_signed_note(text);
  if (parsed.ok() && parsed->to_string() != text) std::abort();

  static const NoteVerifierKey verifier = NoteVerifierKey::from_key(
      "example.com/fuzz",
      Ed25519KeyPair::from_seed(Bytes(kEd25519SeedSize, 9)).value().public_key());
  (void)verify_note(text, {verifier});
  return 0;
}
