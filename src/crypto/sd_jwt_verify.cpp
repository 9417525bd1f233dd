// SD-JWT verification and presentation: both resolve the payload's digests
// against the disclosures, with the checks RFC 9901 requires.

#include <map>
#include <set>

#include "crypto/jcs.hpp"
#include "crypto/jwt.hpp"
#include "crypto/sd_jwt.hpp"

namespace trustpcf::crypto {
namespace {

using nlohmann::json;
using util::ErrorCode;
using util::make_error;

std::string pointer_token(const std::string& name) {
  std::string token;
  for (char c : name) {
    if (c == '~') {
      token += "~0";
    } else if (c == '/') {
      token += "~1";
    } else {
      token.push_back(c);
    }
  }
  return token;
}

// Replaces digests by the claims of their disclosures and records where each
// disclosure was used.
class DigestResolver {
 public:
  explicit DigestResolver(const std::vector<SdJwtDisclosure>& disclosures) {
    for (const SdJwtDisclosure& disclosure : disclosures)
      by_digest_[disclosure.digest] = {&disclosure, ""};
  }

  util::Status resolve(json& node, const std::string& path, std::size_t depth) {
    if (depth > kMaxJsonDepth) {
      return make_error(ErrorCode::kVerification, "SD-JWT claims nest deeper than {} levels at {}",
                        kMaxJsonDepth, path);
    }
    if (node.is_object()) return resolve_object(node, path, depth);
    if (node.is_array()) return resolve_array(node, path, depth);
    return util::Status();
  }

  // Returns the first disclosure no digest referred to, or null.
  const SdJwtDisclosure* first_unused() const {
    for (const auto& [digest, use] : by_digest_) {
      if (!use.used) return use.disclosure;
    }
    return nullptr;
  }

  // JSON Pointer where each disclosure was used, by encoded disclosure.
  std::map<std::string, std::string> paths() const {
    std::map<std::string, std::string> result;
    for (const auto& [digest, use] : by_digest_) {
      if (use.used) result[use.disclosure->encoded] = use.path;
    }
    return result;
  }

 private:
  struct Use {
    const SdJwtDisclosure* disclosure;
    std::string path;
    bool used = false;
  };

  // Marks `digest` as seen and returns its disclosure, or null when it has none.
  util::Result<Use*> claim_digest(const json& digest, const std::string& path) {
    if (!digest.is_string()) {
      return make_error(ErrorCode::kVerification, "SD-JWT digest at {} is not a string", path);
    }
    const std::string& text = digest.get_ref<const std::string&>();
    if (!seen_.insert(text).second) {
      return make_error(ErrorCode::kVerification,
                        "SD-JWT digest {} appears more than once (again at {})", text, path);
    }
    auto it = by_digest_.find(text);
    if (it == by_digest_.end()) return static_cast<Use*>(nullptr);
    return &it->second;
  }

  util::Status resolve_object(json& node, const std::string& path, std::size_t depth) {
    for (auto& [name, member] : node.items()) {
      if (name == "_sd") continue;
      TRUSTPCF_RETURN_IF_ERROR(resolve(member, path + "/" + pointer_token(name), depth + 1));
    }
    auto sd = node.find("_sd");
    if (sd == node.end()) return util::Status();
    if (!sd->is_array()) {
      return make_error(ErrorCode::kVerification, "SD-JWT \"_sd\" at {} is not an array", path);
    }
    json digests = std::move(*sd);
    node.erase("_sd");

    for (const json& digest : digests) {
      TRUSTPCF_ASSIGN_OR_RETURN(Use * use, claim_digest(digest, path + "/_sd"));
      if (use == nullptr) continue;  // an undisclosed claim or a decoy
      const SdJwtDisclosure& disclosure = *use->disclosure;
      if (!disclosure.name) {
        return make_error(ErrorCode::kVerification,
                          "SD-JWT array-element disclosure '{:.40}' is referenced from the object "
                          "at {}",
                          disclosure.encoded, path);
      }
      if (node.contains(*disclosure.name)) {
        return make_error(ErrorCode::kVerification,
                          "SD-JWT disclosure of claim '{}' at {} collides with an existing claim",
                          *disclosure.name, path);
      }
      std::string claim_path = path + "/" + pointer_token(*disclosure.name);
      use->used = true;
      use->path = claim_path;
      json value = disclosure.value;
      TRUSTPCF_RETURN_IF_ERROR(resolve(value, claim_path, depth + 1));
      node[*disclosure.name] = std::move(value);
    }
    return util::Status();
  }

  util::Status resolve_array(json& node, const std::string& path, std::size_t depth) {
    json resolved = json::array();
    for (json& element : node) {
      std::string element_path = path + "/" + std::to_string(resolved.size());
      bool is_reference = element.is_object() && element.size() == 1 && element.contains("...");
      if (!is_reference) {
        TRUSTPCF_RETURN_IF_ERROR(resolve(element, element_path, depth + 1));
        resolved.push_back(std::move(element));
        continue;
      }
      TRUSTPCF_ASSIGN_OR_RETURN(Use * use, claim_digest(element["..."], element_path));
      if (use == nullptr) continue;  // an undisclosed element is dropped
      const SdJwtDisclosure& disclosure = *use->disclosure;
      if (disclosure.name) {
        return make_error(ErrorCode::kVerification,
                          "SD-JWT property disclosure '{}' is referenced from the array at {}",
                          *disclosure.name, path);
      }
      use->used = true;
      use->path = element_path;
      json value = disclosure.value;
      TRUSTPCF_RETURN_IF_ERROR(resolve(value, element_path, depth + 1));
      resolved.push_back(std::move(value));
    }
    node = std::move(resolved);
    return util::Status();
  }

  std::map<std::string, Use> by_digest_;
  std::set<std::string> seen_;
};

struct Resolved {
  json header;
  json claims;
  std::map<std::string, std::string> paths;  // encoded disclosure -> JSON Pointer
};

util::Result<Resolved> resolve_sd_jwt(const SdJwt& sd_jwt, const DecodedJwt& jwt) {
  json payload = jwt.payload;
  auto algorithm = payload.find("_sd_alg");
  if (algorithm != payload.end() && *algorithm != kSdJwtHashAlgorithm) {
    return make_error(ErrorCode::kVerification, "SD-JWT \"_sd_alg\" is {}, expected \"{}\"",
                      algorithm->dump(), kSdJwtHashAlgorithm);
  }
  payload.erase("_sd_alg");
  TRUSTPCF_ASSIGN_OR_RETURN(ResolvedSdClaims resolved,
                            resolve_sd_disclosures(payload, sd_jwt.disclosures));
  return Resolved{jwt.header, std::move(resolved.claims), std::move(resolved.paths)};
}

bool is_same_or_below(const std::string& path, const std::string& ancestor) {
  return path == ancestor ||
         (path.size() > ancestor.size() && path.compare(0, ancestor.size(), ancestor) == 0 &&
          path[ancestor.size()] == '/');
}

}  // namespace

util::Result<ResolvedSdClaims> resolve_sd_disclosures(const json& payload,
                                                      const std::vector<std::string>& encoded) {
  std::vector<SdJwtDisclosure> disclosures;
  std::set<std::string> sent;
  for (std::size_t i = 0; i < encoded.size(); ++i) {
    if (!sent.insert(encoded[i]).second) {
      return make_error(ErrorCode::kVerification, "SD-JWT disclosure {} is sent twice", i);
    }
    TRUSTPCF_ASSIGN_OR_RETURN(SdJwtDisclosure disclosure, parse_sd_jwt_disclosure(encoded[i]));
    disclosures.push_back(std::move(disclosure));
  }

  ResolvedSdClaims resolved{payload, {}};
  DigestResolver resolver(disclosures);
  TRUSTPCF_RETURN_IF_ERROR(resolver.resolve(resolved.claims, "", 0));
  if (const SdJwtDisclosure* unused = resolver.first_unused()) {
    return make_error(ErrorCode::kVerification,
                      "SD-JWT disclosure '{:.40}' is not referenced by any digest in the payload",
                      unused->encoded);
  }
  resolved.paths = resolver.paths();
  return resolved;
}

util::Result<VerifiedSdJwt> verify_sd_jwt(std::string_view serialized,
                                          const Ed25519PublicKey& issuer_key) {
  TRUSTPCF_ASSIGN_OR_RETURN(SdJwt sd_jwt, SdJwt::parse(serialized));
  auto jwt = verify_jwt(sd_jwt.jwt, issuer_key);
  if (!jwt.ok()) return jwt.error().with_context("SD-JWT issuer signature");
  TRUSTPCF_ASSIGN_OR_RETURN(Resolved resolved, resolve_sd_jwt(sd_jwt, *jwt));

  VerifiedSdJwt verified{resolved.header, std::move(resolved.claims), {}};
  for (const auto& [encoded, path] : resolved.paths) verified.disclosed_paths.push_back(path);
  std::sort(verified.disclosed_paths.begin(), verified.disclosed_paths.end());
  return verified;
}

util::Result<SdJwt> present_sd_jwt(const SdJwt& sd_jwt, const std::vector<std::string>& reveal) {
  TRUSTPCF_ASSIGN_OR_RETURN(DecodedJwt jwt, decode_jwt(sd_jwt.jwt));
  auto resolved = resolve_sd_jwt(sd_jwt, jwt);
  if (!resolved.ok()) {
    return util::Error(ErrorCode::kInvalidInput,
                       "cannot present the SD-JWT: " + resolved.error().message());
  }

  SdJwt presented{sd_jwt.jwt, {}};
  for (const std::string& disclosure : sd_jwt.disclosures) {
    const std::string& path = resolved->paths.at(disclosure);
    bool needed = false;
    for (const std::string& pointer : reveal) {
      needed = needed || is_same_or_below(pointer, path) || is_same_or_below(path, pointer);
    }
    if (needed) presented.disclosures.push_back(disclosure);
  }
  return presented;
}

}  // namespace trustpcf::crypto
