// SD-JWT disclosures, serialization and issuance. Verification and
// presentation are in sd_jwt_verify.cpp.

#include "crypto/sd_jwt.hpp"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <set>

#include "crypto/digest.hpp"
#include "crypto/jcs.hpp"
#include "crypto/jwt.hpp"

namespace trustpcf::crypto {
namespace {

using nlohmann::json;
using util::ErrorCode;
using util::make_error;

std::string random_base64url(std::size_t size) {
  if (sodium_init() < 0) std::abort();  // no usable random source: nothing is safe to do
  Bytes bytes(size);
  randombytes_buf(bytes.data(), bytes.size());
  return base64url_encode(bytes);
}

std::string make_disclosure(const json& array) {
  return base64url_encode(std::string_view(array.dump()));
}

// Adds decoy digests to every "_sd" array of `node` and its children, then
// sorts each array so that digest order reveals nothing about claim order.
void finalize_digests(json& node, std::size_t decoys) {
  if (node.is_array()) {
    for (json& element : node) finalize_digests(element, decoys);
    return;
  }
  if (!node.is_object()) return;
  for (auto& [name, member] : node.items()) {
    if (name != "_sd") finalize_digests(member, decoys);
  }
  auto sd = node.find("_sd");
  if (sd == node.end()) return;
  for (std::size_t i = 0; i < decoys; ++i) {
    sd->push_back(sha256_base64url(random_base64url(kSdJwtSaltSize)));
  }
  std::vector<std::string> digests = sd->get<std::vector<std::string>>();
  std::sort(digests.begin(), digests.end());
  *sd = digests;
}

std::size_t depth_of(const std::string& pointer) {
  return static_cast<std::size_t>(std::count(pointer.begin(), pointer.end(), '/'));
}

}  // namespace

util::Result<SdJwtDisclosure> parse_sd_jwt_disclosure(std::string_view encoded) {
  const auto invalid = [&](const std::string& why) {
    return make_error(ErrorCode::kInvalidInput, "invalid SD-JWT disclosure '{:.40}': {}", encoded,
                      why);
  };
  auto bytes = base64url_decode(encoded);
  if (!bytes.ok()) return invalid("not base64url without padding");
  auto array = parse_json_strict(to_string(*bytes));
  if (!array.ok()) return invalid(array.error().message());
  if (!array->is_array() || (array->size() != 2 && array->size() != 3)) {
    return invalid("expected a JSON array [salt, value] or [salt, name, value]");
  }
  if (!(*array)[0].is_string()) return invalid("the salt must be a string");

  SdJwtDisclosure disclosure;
  disclosure.encoded = std::string(encoded);
  disclosure.salt = (*array)[0].get<std::string>();
  if (array->size() == 3) {
    if (!(*array)[1].is_string()) return invalid("the claim name must be a string");
    std::string name = (*array)[1].get<std::string>();
    if (name == "_sd" || name == "...")
      return invalid("the claim name must not be \"_sd\" or \"...\"");
    disclosure.name = std::move(name);
  }
  disclosure.value = array->back();
  disclosure.digest = sha256_base64url(encoded);
  return disclosure;
}

SdJwtDisclosure make_sd_jwt_disclosure(const std::string& salt, const std::string& name,
                                       const json& value) {
  SdJwtDisclosure disclosure;
  disclosure.encoded = make_disclosure(json::array({salt, name, value}));
  disclosure.salt = salt;
  disclosure.name = name;
  disclosure.value = value;
  disclosure.digest = sha256_base64url(disclosure.encoded);
  return disclosure;
}

std::string derive_sd_jwt_salt(const Ed25519KeyPair& key, std::string_view input) {
  static_assert(kSdJwtSaltSize >= crypto_generichash_BYTES_MIN);
  if (sodium_init() < 0) std::abort();  // libsodium unusable: nothing is safe to do

  // A subkey for salts only, so that the signing seed never keys a hash of
  // caller-chosen input directly.
  constexpr std::string_view kSaltKeyLabel = "trustpcf SD-JWT salt key v1";
  Bytes seed = key.seed();
  std::array<unsigned char, crypto_generichash_KEYBYTES> subkey{};
  crypto_generichash(subkey.data(), subkey.size(),
                     reinterpret_cast<const unsigned char*>(kSaltKeyLabel.data()),
                     kSaltKeyLabel.size(), seed.data(), seed.size());
  sodium_memzero(seed.data(), seed.size());

  Bytes salt(kSdJwtSaltSize);
  crypto_generichash(salt.data(), salt.size(), reinterpret_cast<const unsigned char*>(input.data()),
                     input.size(), subkey.data(), subkey.size());
  sodium_memzero(subkey.data(), subkey.size());
  return base64url_encode(salt);
}

std::string SdJwt::serialize() const {
  std::string out = jwt + "~";
  for (const std::string& disclosure : disclosures) out += disclosure + "~";
  return out;
}

util::Result<SdJwt> SdJwt::parse(std::string_view text) {
  std::size_t tilde = text.find('~');
  if (tilde == std::string_view::npos || tilde == 0) {
    return util::Error(ErrorCode::kInvalidInput,
                       "invalid SD-JWT: expected '<issuer JWT>~<disclosure>~...~'");
  }
  SdJwt parsed;
  parsed.jwt = std::string(text.substr(0, tilde));
  std::string_view rest = text.substr(tilde + 1);
  std::size_t index = 0;
  while (true) {
    std::size_t next = rest.find('~');
    if (next == std::string_view::npos) {
      if (!rest.empty()) {
        return util::Error(ErrorCode::kInvalidInput,
                           "unsupported SD-JWT: it ends with a key binding JWT, which trustpcf "
                           "does not verify; present it without key binding");
      }
      break;
    }
    if (next == 0) {
      return make_error(ErrorCode::kInvalidInput, "invalid SD-JWT: disclosure {} is empty", index);
    }
    parsed.disclosures.emplace_back(rest.substr(0, next));
    rest.remove_prefix(next + 1);
    ++index;
  }
  return parsed;
}

util::Result<SdJwt> issue_sd_jwt(const json& claims, const std::vector<std::string>& disclosable,
                                 const Ed25519KeyPair& key, const SdJwtIssueOptions& options) {
  if (!claims.is_object()) {
    return util::Error(ErrorCode::kInvalidInput,
                       "cannot issue an SD-JWT: claims must be a JSON object");
  }
  json payload = claims;
  SdJwt issued;

  // Deeper pointers first, so that a disclosed object already carries the
  // digests of its own disclosable members.
  std::set<std::string> unique(disclosable.begin(), disclosable.end());
  std::vector<std::string> pointers(unique.begin(), unique.end());
  std::stable_sort(
      pointers.begin(), pointers.end(),
      [](const std::string& a, const std::string& b) { return depth_of(a) > depth_of(b); });

  for (const std::string& text : pointers) {
    json::json_pointer pointer;
    try {
      pointer = json::json_pointer(text);
    } catch (const json::exception& e) {
      return make_error(ErrorCode::kInvalidInput, "invalid JSON Pointer '{}': {}", text, e.what());
    }
    if (pointer.empty() || !payload.contains(pointer)) {
      return make_error(ErrorCode::kInvalidInput,
                        "cannot make '{}' selectively disclosable: no such claim below the top "
                        "level",
                        text);
    }
    json& parent = payload.at(pointer.parent_pointer());
    const std::string last = pointer.back();
    json value = payload.at(pointer);
    finalize_digests(value, options.decoy_digests);

    std::string disclosure;
    if (parent.is_object()) {
      if (last == "_sd" || last == "_sd_alg" || last == "...") {
        return make_error(ErrorCode::kInvalidInput, "claim '{}' cannot be selectively disclosable",
                          text);
      }
      disclosure = make_disclosure(json::array({random_base64url(kSdJwtSaltSize), last, value}));
      parent.erase(last);
      if (!parent.contains("_sd")) parent["_sd"] = json::array();
      parent["_sd"].push_back(sha256_base64url(disclosure));
    } else {
      disclosure = make_disclosure(json::array({random_base64url(kSdJwtSaltSize), value}));
      parent.at(std::stoul(last)) = json{{"...", sha256_base64url(disclosure)}};
    }
    issued.disclosures.push_back(std::move(disclosure));
  }

  finalize_digests(payload, options.decoy_digests);
  payload["_sd_alg"] = kSdJwtHashAlgorithm;
  json header = {{"typ", options.typ}};
  if (!options.kid.empty()) header["kid"] = options.kid;
  issued.jwt = sign_jwt(header, payload, key);
  return issued;
}

}  // namespace trustpcf::crypto
