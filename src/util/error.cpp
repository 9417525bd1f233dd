#include "util/error.hpp"

namespace trustpcf::util {

const char* error_code_name(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInternal: return "internal";
    case ErrorCode::kUsage: return "usage";
    case ErrorCode::kInvalidInput: return "invalid_input";
    case ErrorCode::kNotFound: return "not_found";
    case ErrorCode::kModel: return "model";
    case ErrorCode::kVerification: return "verification";
    case ErrorCode::kStorage: return "storage";
    case ErrorCode::kNetwork: return "network";
    case ErrorCode::kDenied: return "denied";
  }
  return "internal";
}

}  // namespace trustpcf::util
