#include "cli/trust_keys.hpp"

#include "crypto/did_key.hpp"
#include "crypto/keystore.hpp"
#include "tlog/note.hpp"

namespace trustpcf::cli {

util::Result<crypto::Ed25519PublicKey> log_verifier_public_key(const std::string& verifier_key) {
  TRUSTPCF_ASSIGN_OR_RETURN(tlog::NoteVerifier verifier, tlog::NoteVerifier::parse(verifier_key));
  return crypto::Ed25519PublicKey::from_bytes(crypto::Bytes(verifier.public_key().begin(), verifier.public_key().end()));
}

util::Result<crypto::Ed25519PublicKey> trusted_key(Context& context, const std::string& value) {
  if (value.rfind(crypto::kDidKeyPrefix, 0) == 0) return crypto::resolve_did_key(value);
  if (value.find('+') != std::string::npos) return log_verifier_public_key(value);
  TRUSTPCF_ASSIGN_OR_RETURN(std::filesystem::path home, context.home());
  crypto::KeyStore keys(home);
  TRUSTPCF_ASSIGN_OR_RETURN(crypto::StoredKeyInfo info, keys.info(value));
  return info.public_key;
}

util::Result<std::vector<crypto::Ed25519PublicKey>> trusted_keys(Context& context,
                                                                 const std::vector<std::string>& values) {
  std::vector<crypto::Ed25519PublicKey> keys;
  for (const std::string& value : values) {
    auto key = trusted_key(context, value);
    if (!key.ok()) return key.error().with_context("--trust " + value);
    keys.push_back(*key);
  }
  return keys;
}

}  // namespace trustpcf::cli
