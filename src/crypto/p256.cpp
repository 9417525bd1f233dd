#include "crypto/p256.hpp"

#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>

namespace trustpcf::crypto {

using util::ErrorCode;
using util::make_error;

struct P256PublicKey::Key {
  EVP_PKEY* pkey = nullptr;
  ~Key() { EVP_PKEY_free(pkey); }
};

util::Result<P256PublicKey> P256PublicKey::from_uncompressed(const Bytes& point) {
  if (point.size() != 1 + 2 * kP256CoordinateSize || point[0] != 0x04) {
    return make_error(ErrorCode::kInvalidInput,
                      "invalid P-256 public key: expected 65 bytes 0x04 || x || y, got {} bytes",
                      point.size());
  }

  OSSL_PARAM params[] = {
      OSSL_PARAM_construct_utf8_string(OSSL_PKEY_PARAM_GROUP_NAME, const_cast<char*>("prime256v1"),
                                       0),
      OSSL_PARAM_construct_octet_string(OSSL_PKEY_PARAM_PUB_KEY,
                                        const_cast<std::uint8_t*>(point.data()), point.size()),
      OSSL_PARAM_construct_end(),
  };
  EVP_PKEY_CTX* context = EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr);
  auto key = std::make_shared<Key>();
  bool ok = context != nullptr && EVP_PKEY_fromdata_init(context) == 1 &&
            EVP_PKEY_fromdata(context, &key->pkey, EVP_PKEY_PUBLIC_KEY, params) == 1;
  EVP_PKEY_CTX_free(context);
  if (!ok) {
    return make_error(ErrorCode::kInvalidInput,
                      "invalid P-256 public key {}: not a point on the curve", hex_encode(point));
  }

  // EVP_PKEY_fromdata does not check that the point is on the curve.
  EVP_PKEY_CTX* check = EVP_PKEY_CTX_new_from_pkey(nullptr, key->pkey, nullptr);
  bool on_curve = check != nullptr && EVP_PKEY_public_check(check) == 1;
  EVP_PKEY_CTX_free(check);
  if (!on_curve) {
    return make_error(ErrorCode::kInvalidInput,
                      "invalid P-256 public key {}: not a point on the curve", hex_encode(point));
  }

  P256PublicKey result;
  result.key_ = std::move(key);
  return result;
}

util::Status P256PublicKey::verify(std::string_view message, const Bytes& signature) const {
  if (signature.size() != kP256SignatureSize) {
    return make_error(ErrorCode::kVerification,
                      "ECDSA P-256 signature size is {} bytes, expected {} (r || s)",
                      signature.size(), kP256SignatureSize);
  }

  // OpenSSL verifies DER-encoded signatures, so r || s is converted first.
  ECDSA_SIG* parsed = ECDSA_SIG_new();
  BIGNUM* r = BN_bin2bn(signature.data(), kP256CoordinateSize, nullptr);
  BIGNUM* s = BN_bin2bn(signature.data() + kP256CoordinateSize, kP256CoordinateSize, nullptr);
  ECDSA_SIG_set0(parsed, r, s);
  unsigned char* der = nullptr;
  int der_size = i2d_ECDSA_SIG(parsed, &der);
  ECDSA_SIG_free(parsed);

  EVP_MD_CTX* context = EVP_MD_CTX_new();
  bool verified =
      der_size > 0 &&
      EVP_DigestVerifyInit(context, nullptr, EVP_sha256(), nullptr, key_->pkey) == 1 &&
      EVP_DigestVerify(context, der, static_cast<std::size_t>(der_size),
                       reinterpret_cast<const unsigned char*>(message.data()), message.size()) == 1;
  EVP_MD_CTX_free(context);
  OPENSSL_free(der);
  if (!verified) {
    return util::Error(ErrorCode::kVerification, "ECDSA P-256 signature does not verify");
  }
  return util::Status();
}

}  // namespace trustpcf::crypto
