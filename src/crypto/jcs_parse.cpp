// Strict JSON parsing for JCS. nlohmann-json's SAX parser checks the syntax,
// UTF-8 and surrogate pairs. This handler builds the value and adds the checks
// JCS needs on top: unique member names, finite numbers and bounded nesting.

#include <algorithm>
#include <cmath>
#include <optional>
#include <vector>

#include "crypto/jcs.hpp"
#include "crypto/jcs_detail.hpp"

namespace trustpcf::crypto {
namespace {

using json = nlohmann::json;
using util::ErrorCode;
using util::make_error;

constexpr std::string_view kNlohmannPrefix = "] ";  // ends "[json.exception.parse_error.101] "

using jcs_detail::pointer_token;

class StrictHandler : public nlohmann::json_sax<json> {
 public:
  explicit StrictHandler(std::string_view text) : text_(text) {}

  json root;
  std::optional<util::Error> error;

  bool null() override { return add(json(nullptr)); }
  bool boolean(bool value) override { return add(json(value)); }
  bool number_integer(number_integer_t value) override { return add(json(value)); }
  bool number_unsigned(number_unsigned_t value) override { return add(json(value)); }

  bool number_float(number_float_t value, const string_t& text) override {
    if (!std::isfinite(value)) {
      return fail(make_error(ErrorCode::kInvalidInput,
                             "invalid JSON for JCS: number {} at {} is outside the range of an "
                             "IEEE 754 double; JCS accepts finite numbers only",
                             text, pointer_to_next()));
    }
    return add(json(value));
  }

  bool string(string_t& value) override { return add(json(std::move(value))); }

  bool binary(binary_t&) override {
    return fail(make_error(ErrorCode::kInvalidInput, "invalid JSON for JCS: binary value"));
  }

  bool start_object(std::size_t) override { return open(json::object()); }

  bool key(string_t& name) override {
    Frame& frame = frames_.back();
    auto& object = frame.container->get_ref<json::object_t&>();
    // try_emplace leaves `name` intact when the member exists, for the message.
    auto [it, inserted] = object.try_emplace(std::move(name), nullptr);
    if (!inserted) {
      return fail(make_error(ErrorCode::kInvalidInput,
                             "invalid JSON for JCS: duplicate member name \"{}\" in the object at "
                             "{}; member names must be unique",
                             name, pointer_to(frames_.size() - 1)));
    }
    frame.key = &it->first;
    frame.slot = &it->second;
    return true;
  }

  bool end_object() override {
    frames_.pop_back();
    return true;
  }

  bool start_array(std::size_t) override { return open(json::array()); }

  bool end_array() override {
    frames_.pop_back();
    return true;
  }

  bool parse_error(std::size_t position, const std::string&,
                   const nlohmann::detail::exception& ex) override {
    return fail(util::Error(ErrorCode::kInvalidInput,
                            jcs_detail::describe_parse_error(text_, position, ex)));
  }

 private:
  struct Frame {
    json* container;
    const std::string* key = nullptr;  // name of the member being read (objects)
    json* slot = nullptr;              // where that member's value goes (objects)
  };

  bool fail(util::Error failure) {
    if (!error) error = std::move(failure);
    return false;
  }

  // Stores `value` where the parser is and returns its new address.
  json* place(json value) {
    if (frames_.empty()) {
      root = std::move(value);
      return &root;
    }
    Frame& frame = frames_.back();
    if (frame.container->is_array()) {
      auto& array = frame.container->get_ref<json::array_t&>();
      array.push_back(std::move(value));
      return &array.back();
    }
    *frame.slot = std::move(value);
    return frame.slot;
  }

  bool add(json value) {
    place(std::move(value));
    return true;
  }

  bool open(json container) {
    if (frames_.size() >= kMaxJsonDepth) {
      return fail(make_error(ErrorCode::kInvalidInput,
                             "invalid JSON for JCS: nesting deeper than {} levels at {}",
                             kMaxJsonDepth, pointer_to_next()));
    }
    json* placed = place(std::move(container));
    frames_.push_back(Frame{placed});
    return true;
  }

  // JSON Pointer of the container at frames_[depth] (frames_ below it only).
  std::string pointer_to(std::size_t depth) const {
    std::string pointer;
    for (std::size_t d = 0; d < depth; ++d) {
      const Frame& frame = frames_[d];
      pointer.push_back('/');
      if (frame.container->is_array()) {
        pointer.append(std::to_string(frame.container->size() - 1));
      } else if (frame.key) {
        pointer.append(pointer_token(*frame.key));
      }
    }
    return pointer.empty() ? "the top level" : pointer;
  }

  // JSON Pointer of the value about to be read.
  std::string pointer_to_next() const {
    if (frames_.empty()) return "the top level";
    std::string pointer = pointer_to(frames_.size() - 1);
    if (pointer == "the top level") pointer.clear();
    const Frame& frame = frames_.back();
    pointer.push_back('/');
    if (frame.container->is_array()) {
      pointer.append(std::to_string(frame.container->size()));
    } else if (frame.key) {
      pointer.append(pointer_token(*frame.key));
    }
    return pointer;
  }

  std::string_view text_;
  std::vector<Frame> frames_;
};

}  // namespace

namespace jcs_detail {

std::string pointer_token(std::string_view name) {
  std::string token;
  for (char c : name) {
    if (c == '~') {
      token.append("~0");
    } else if (c == '/') {
      token.append("~1");
    } else {
      token.push_back(c);
    }
  }
  return token;
}

std::string describe_parse_error(std::string_view text, std::size_t position,
                                 const nlohmann::detail::exception& error) {
  std::string_view what = error.what();
  std::size_t cut = what.find(kNlohmannPrefix);
  if (cut != std::string_view::npos) what.remove_prefix(cut + kNlohmannPrefix.size());
  if (what.find(" at line ") != std::string_view::npos) {
    return fmt::format("invalid JSON for JCS: {}", what);
  }

  // Range errors ("number overflow parsing '1e400'") carry no place.
  std::size_t end = std::min(position, text.size());
  std::size_t line = 1;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < end; ++i) {
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  return fmt::format(
      "invalid JSON for JCS: {} at line {}, column {}; JCS accepts finite IEEE 754 doubles", what,
      line, end - line_start);
}

}  // namespace jcs_detail

util::Result<nlohmann::json> parse_json_strict(std::string_view json_text) {
  StrictHandler handler(json_text);
  bool ok = json::sax_parse(json_text, &handler, json::input_format_t::json, /*strict=*/true);
  if (!ok) {
    if (handler.error) return *handler.error;
    return make_error(ErrorCode::kInvalidInput, "invalid JSON for JCS: the parser stopped");
  }
  return std::move(handler.root);
}

}  // namespace trustpcf::crypto
