#include "crypto/jwt.hpp"

#include "crypto/jcs.hpp"

namespace trustpcf::crypto {

using nlohmann::json;
using util::ErrorCode;
using util::make_error;

std::string sign_jwt(const json& extra_header, const json& payload, const Ed25519KeyPair& key) {
  json header = extra_header.is_object() ? extra_header : json::object();
  header["alg"] = kJwtEdDsaAlgorithm;
  std::string signing_input = base64url_encode(std::string_view(header.dump())) + "." +
                              base64url_encode(std::string_view(payload.dump()));
  Ed25519Signature signature = key.sign(signing_input);
  return signing_input + "." + base64url_encode(Bytes(signature.begin(), signature.end()));
}

util::Result<DecodedJwt> decode_jwt(std::string_view jwt) {
  std::size_t first = jwt.find('.');
  std::size_t second = first == std::string_view::npos ? first : jwt.find('.', first + 1);
  if (second == std::string_view::npos || jwt.find('.', second + 1) != std::string_view::npos) {
    return util::Error(ErrorCode::kInvalidInput,
                       "invalid JWT: expected three base64url parts separated by '.'");
  }

  DecodedJwt decoded;
  decoded.signing_input = std::string(jwt.substr(0, second));
  const std::pair<std::string_view, json*> parts[] = {
      {jwt.substr(0, first), &decoded.header},
      {jwt.substr(first + 1, second - first - 1), &decoded.payload}};
  const char* names[] = {"header", "payload"};
  for (std::size_t i = 0; i < 2; ++i) {
    auto bytes = base64url_decode(parts[i].first);
    if (!bytes.ok()) return bytes.error().with_context(fmt::format("invalid JWT {}", names[i]));
    auto parsed = parse_json_strict(to_string(*bytes));
    if (!parsed.ok()) return parsed.error().with_context(fmt::format("invalid JWT {}", names[i]));
    if (!parsed->is_object()) {
      return make_error(ErrorCode::kInvalidInput, "invalid JWT {}: not a JSON object", names[i]);
    }
    *parts[i].second = std::move(*parsed);
  }
  auto signature = base64url_decode(jwt.substr(second + 1));
  if (!signature.ok()) return signature.error().with_context("invalid JWT signature");
  decoded.signature = std::move(*signature);
  return decoded;
}

util::Result<DecodedJwt> verify_jwt(std::string_view jwt, const Ed25519PublicKey& key) {
  TRUSTPCF_ASSIGN_OR_RETURN(DecodedJwt decoded, decode_jwt(jwt));
  if (decoded.header.value("alg", "") != kJwtEdDsaAlgorithm) {
    return make_error(ErrorCode::kVerification, "JWT header \"alg\" is {}, expected \"{}\"",
                      decoded.header.contains("alg") ? decoded.header["alg"].dump() : "missing",
                      kJwtEdDsaAlgorithm);
  }
  util::Status status = ed25519_verify(key, decoded.signing_input, decoded.signature);
  if (!status.ok()) return status.error().with_context("JWT signature");
  return decoded;
}

}  // namespace trustpcf::crypto
