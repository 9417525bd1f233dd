#pragma once

// Errors as values. Every fallible call in trustpcf returns a Status or a
// Result<T>; the error carries a class that the command line maps to its exit
// code (docs/cli.md) and a message that names the value at fault and the fix.

#include <cassert>
#include <optional>
#include <string>
#include <utility>
#include <variant>

#include <fmt/format.h>

namespace trustpcf::util {

// Error classes. The numeric values are the exit codes of the trustpcf
// command and are documented; never renumber them.
enum class ErrorCode : int {
  kInternal = 1,      // a bug or an unexpected system failure
  kUsage = 2,         // wrong command-line arguments
  kInvalidInput = 3,  // malformed or inconsistent input data
  kNotFound = 4,      // a named entity, file or key does not exist
  kModel = 5,         // the LCA model cannot be solved (singular, loops, allocation)
  kVerification = 6,  // a signature, digest or proof does not verify
  kStorage = 7,       // the store or a file could not be read or written
  kNetwork = 8,       // a remote node failed or answered with an error
  kDenied = 9,        // authentication or a usage policy denied the request
};

// Returns the stable lower-case name of an error class ("invalid_input").
const char* error_code_name(ErrorCode code);

class Error {
 public:
  Error(ErrorCode code, std::string message) : code_(code), message_(std::move(message)) {}

  ErrorCode code() const { return code_; }
  const std::string& message() const { return message_; }

  // Returns a copy whose message is prefixed with `context` and ": ".
  Error with_context(const std::string& context) const {
    return Error(code_, context + ": " + message_);
  }

 private:
  ErrorCode code_;
  std::string message_;
};

// Builds an Error with an fmt-style message.
template <typename... Args>
Error make_error(ErrorCode code, fmt::format_string<Args...> format, Args&&... args) {
  return Error(code, fmt::format(format, std::forward<Args>(args)...));
}

// The outcome of an operation that returns no value.
class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(Error error) : error_(std::move(error)) {}  // NOLINT: implicit by design

  static Status ok_status() { return Status(); }

  bool ok() const { return !error_.has_value(); }
  explicit operator bool() const { return ok(); }

  // Precondition: !ok().
  const Error& error() const {
    assert(error_.has_value() && "error() called on an ok Status");
    return *error_;
  }

 private:
  std::optional<Error> error_;
};

// A value of type T or an Error.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : data_(std::move(value)) {}        // NOLINT: implicit by design
  Result(Error error) : data_(std::move(error)) {}    // NOLINT: implicit by design
  Result(Status status) : data_(status.error()) {     // NOLINT: only for failed statuses
    assert(!status.ok() && "a Result cannot be built from an ok Status");
  }

  bool ok() const { return std::holds_alternative<T>(data_); }
  explicit operator bool() const { return ok(); }

  // Precondition: ok().
  T& value() & {
    assert(ok() && "value() called on a failed Result");
    return std::get<T>(data_);
  }
  const T& value() const& {
    assert(ok() && "value() called on a failed Result");
    return std::get<T>(data_);
  }
  T&& value() && {
    assert(ok() && "value() called on a failed Result");
    return std::get<T>(std::move(data_));
  }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  // Precondition: !ok().
  const Error& error() const {
    assert(!ok() && "error() called on a successful Result");
    return std::get<Error>(data_);
  }

  Status status() const { return ok() ? Status() : Status(error()); }

 private:
  std::variant<T, Error> data_;
};

}  // namespace trustpcf::util

#define TRUSTPCF_CONCAT_INNER(a, b) a##b
#define TRUSTPCF_CONCAT(a, b) TRUSTPCF_CONCAT_INNER(a, b)

// Returns the error of a failed Status or Result from the enclosing function.
#define TRUSTPCF_RETURN_IF_ERROR(expr)                       \
  do {                                                       \
    auto&& trustpcf_status_ = (expr);                        \
    if (!trustpcf_status_.ok()) return trustpcf_status_.error(); \
  } while (false)

// Evaluates a Result expression; on error returns it, else moves the value
// into `lhs` (a declaration such as `auto x` or an existing variable).
#define TRUSTPCF_ASSIGN_OR_RETURN(lhs, expr)                                   \
  auto TRUSTPCF_CONCAT(trustpcf_result_, __LINE__) = (expr);                   \
  if (!TRUSTPCF_CONCAT(trustpcf_result_, __LINE__).ok())                       \
    return TRUSTPCF_CONCAT(trustpcf_result_, __LINE__).error();                \
  lhs = std::move(TRUSTPCF_CONCAT(trustpcf_result_, __LINE__)).value()
