#include "crypto/intoto.hpp"

#include "crypto/jcs.hpp"

namespace trustpcf::crypto {

using util::ErrorCode;
using util::make_error;

nlohmann::json InTotoStatement::to_json() const {
  nlohmann::json subject_list = nlohmann::json::array();
  for (const InTotoSubject& subject : subjects) {
    subject_list.push_back({{"name", subject.name}, {"digest", subject.digest}});
  }
  return {{"_type", kInTotoStatementType},
          {"subject", std::move(subject_list)},
          {"predicateType", predicate_type},
          {"predicate", predicate}};
}

util::Result<InTotoStatement> InTotoStatement::from_json(const nlohmann::json& json) {
  if (!json.is_object() || json.value("_type", "") != kInTotoStatementType) {
    return make_error(ErrorCode::kInvalidInput,
                      "invalid in-toto statement: \"_type\" must be \"{}\"", kInTotoStatementType);
  }
  InTotoStatement statement;
  auto subjects = json.find("subject");
  if (subjects == json.end() || !subjects->is_array() || subjects->empty()) {
    return util::Error(ErrorCode::kInvalidInput,
                       "invalid in-toto statement: \"subject\" must be a non-empty array");
  }
  for (std::size_t i = 0; i < subjects->size(); ++i) {
    const nlohmann::json& entry = (*subjects)[i];
    auto digest = entry.is_object() ? entry.find("digest") : entry.end();
    if (!entry.is_object() || digest == entry.end() || !digest->is_object() || digest->empty()) {
      return make_error(ErrorCode::kInvalidInput,
                        "invalid in-toto statement: subject {} has no \"digest\" object", i);
    }
    InTotoSubject subject;
    subject.name = entry.value("name", "");
    for (const auto& [algorithm, value] : digest->items()) {
      if (!value.is_string()) {
        return make_error(ErrorCode::kInvalidInput,
                          "invalid in-toto statement: digest '{}' of subject {} is not a string",
                          algorithm, i);
      }
      subject.digest[algorithm] = value.get<std::string>();
    }
    statement.subjects.push_back(std::move(subject));
  }

  auto predicate_type = json.find("predicateType");
  if (predicate_type == json.end() || !predicate_type->is_string()) {
    return util::Error(ErrorCode::kInvalidInput,
                       "invalid in-toto statement: \"predicateType\" must be a string");
  }
  statement.predicate_type = predicate_type->get<std::string>();
  statement.predicate = json.value("predicate", nlohmann::json::object());
  return statement;
}

DsseEnvelope sign_statement(const InTotoStatement& statement, const Ed25519KeyPair& key,
                            std::string keyid) {
  DsseEnvelope envelope;
  envelope.payload_type = kInTotoPayloadType;
  envelope.payload = canonicalize(statement.to_json());
  dsse_sign(envelope, key, std::move(keyid));
  return envelope;
}

util::Result<InTotoStatement> verify_statement(const DsseEnvelope& envelope,
                                               const std::vector<DsseVerifier>& verifiers,
                                               std::size_t threshold) {
  TRUSTPCF_RETURN_IF_ERROR(dsse_verify(envelope, verifiers, threshold));
  if (envelope.payload_type != kInTotoPayloadType) {
    return make_error(ErrorCode::kVerification,
                      "DSSE payload type is '{}', expected '{}' for an in-toto statement",
                      envelope.payload_type, kInTotoPayloadType);
  }
  TRUSTPCF_ASSIGN_OR_RETURN(nlohmann::json json, parse_json_strict(envelope.payload));
  return InTotoStatement::from_json(json);
}

}  // namespace trustpcf::crypto
