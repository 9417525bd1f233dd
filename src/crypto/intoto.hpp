#pragma once

// in-toto Statement v1: a predicate about subjects named by digest, carried
// as the payload of a DSSE envelope with payload type
// "application/vnd.in-toto+json".

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "crypto/dsse.hpp"
#include "util/error.hpp"

namespace trustpcf::crypto {

inline constexpr const char* kInTotoStatementType = "https://in-toto.io/Statement/v1";
inline constexpr const char* kInTotoPayloadType = "application/vnd.in-toto+json";

struct InTotoSubject {
  std::string name;
  std::map<std::string, std::string> digest;  // algorithm ("sha256") -> lower-case hex
};

struct InTotoStatement {
  std::vector<InTotoSubject> subjects;
  std::string predicate_type;  // a URI naming the predicate's schema
  nlohmann::json predicate = nlohmann::json::object();

  // {"_type", "subject", "predicateType", "predicate"}.
  nlohmann::json to_json() const;
  // Errors: kInvalidInput naming the field when "_type" is not Statement v1,
  // "subject" is empty or a subject has no digest.
  static util::Result<InTotoStatement> from_json(const nlohmann::json& json);
};

// Wraps the statement's JCS form in a DSSE envelope signed with `key`.
DsseEnvelope sign_statement(const InTotoStatement& statement, const Ed25519KeyPair& key,
                            std::string keyid = "");

// Verifies the envelope (see dsse_verify), checks its payload type and parses
// the statement strictly. Errors: kVerification for signatures or payload
// type, kInvalidInput for a malformed statement.
util::Result<InTotoStatement> verify_statement(const DsseEnvelope& envelope,
                                               const std::vector<DsseVerifier>& verifiers,
                                               std::size_t threshold = 1);

}  // namespace trustpcf::crypto
