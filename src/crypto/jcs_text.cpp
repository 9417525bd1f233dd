// canonicalize_text: writes the canonical form while nlohmann-json's SAX
// parser reads the text, without building a JSON value in memory. Each open
// object buffers its members and writes them sorted when it closes. In
// crypto_bench this took 9.9 ms of CPU time for a 1 MB document against
// 12.1 ms for parse_json_strict followed by canonicalize.

#include <algorithm>
#include <optional>
#include <vector>

#include "crypto/jcs.hpp"
#include "crypto/jcs_detail.hpp"

namespace trustpcf::crypto {
namespace {

using json = nlohmann::json;
using util::ErrorCode;
using util::make_error;

class CanonicalWriter : public nlohmann::json_sax<json> {
 public:
  explicit CanonicalWriter(std::string_view text) : text_(text) { output_.reserve(text.size()); }

  std::string output_;
  std::optional<util::Error> error;

  bool null() override { return scalar("null"); }
  bool boolean(bool value) override { return scalar(value ? "true" : "false"); }

  bool number_integer(number_integer_t value) override {
    jcs_detail::write_integer(target(), value);
    return true;
  }

  bool number_unsigned(number_unsigned_t value) override {
    jcs_detail::write_unsigned(target(), value);
    return true;
  }

  bool number_float(number_float_t value, const string_t& text) override {
    if (!std::isfinite(value)) {
      return fail(make_error(ErrorCode::kInvalidInput,
                             "invalid JSON for JCS: number {} at {} is outside the range of an "
                             "IEEE 754 double; JCS accepts finite numbers only",
                             text, pointer()));
    }
    target().append(format_ecmascript_number(value));
    return true;
  }

  bool string(string_t& value) override {
    jcs_detail::write_string(target(), value);
    return true;
  }

  bool binary(binary_t&) override {
    return fail(make_error(ErrorCode::kInvalidInput, "invalid JSON for JCS: binary value"));
  }

  bool start_object(std::size_t) override { return open(true); }

  bool key(string_t& name) override {
    Frame& frame = frames_.back();
    Member member;
    jcs_detail::write_string(member.text, name);
    member.text.push_back(':');
    frame.utf16_sort = frame.utf16_sort || jcs_detail::sorts_differently_in_utf16(name);
    member.name = std::move(name);  // the parser allows moving the key
    frame.members.push_back(std::move(member));
    return true;
  }

  bool end_object() override {
    Frame& frame = frames_.back();
    std::vector<Member>& members = frame.members;
    if (frame.utf16_sort) {
      std::sort(members.begin(), members.end(), [](const Member& a, const Member& b) {
        return jcs_detail::to_utf16(a.name) < jcs_detail::to_utf16(b.name);
      });
    } else {
      std::sort(members.begin(), members.end(),
                [](const Member& a, const Member& b) { return a.name < b.name; });
    }
    for (std::size_t i = 1; i < members.size(); ++i) {
      if (members[i].name == members[i - 1].name) {
        return fail(make_error(ErrorCode::kInvalidInput,
                               "invalid JSON for JCS: duplicate member name \"{}\" in the object "
                               "at {}; member names must be unique",
                               members[i].name, pointer_to_container()));
      }
    }

    std::size_t size = 2 + members.size();
    for (const Member& member : members) size += member.text.size();
    std::string text;
    text.reserve(size);
    text.push_back('{');
    for (std::size_t i = 0; i < members.size(); ++i) {
      if (i > 0) text.push_back(',');
      text.append(members[i].text);
    }
    text.push_back('}');
    return close(std::move(text));
  }

  bool start_array(std::size_t) override { return open(false); }

  bool end_array() override {
    std::string text = std::move(frames_.back().text);
    text.push_back(']');
    return close(std::move(text));
  }

  bool parse_error(std::size_t position, const std::string&,
                   const nlohmann::detail::exception& ex) override {
    return fail(util::Error(ErrorCode::kInvalidInput,
                            jcs_detail::describe_parse_error(text_, position, ex)));
  }

 private:
  struct Member {
    std::string name;  // decoded UTF-8, for sorting and duplicate checks
    std::string text;  // "name":value in canonical form
  };

  struct Frame {
    bool is_object;
    std::string text;             // arrays: "[" and the elements so far
    std::vector<Member> members;  // objects
    std::size_t elements = 0;     // arrays: number of elements so far
    bool utf16_sort = false;      // objects: a name needs UTF-16 ordering
  };

  bool fail(util::Error failure) {
    if (!error) error = std::move(failure);
    return false;
  }

  // Returns where the next value's canonical text goes, after writing the
  // separating comma of an array element.
  std::string& target() {
    if (frames_.empty()) return output_;
    Frame& frame = frames_.back();
    if (frame.is_object) return frame.members.back().text;
    if (frame.elements++ > 0) frame.text.push_back(',');
    return frame.text;
  }

  bool scalar(const char* text) {
    target().append(text);
    return true;
  }

  bool open(bool is_object) {
    if (frames_.size() >= kMaxJsonDepth) {
      return fail(make_error(ErrorCode::kInvalidInput,
                             "invalid JSON for JCS: nesting deeper than {} levels at {}",
                             kMaxJsonDepth, pointer()));
    }
    // The separating comma belongs to the parent, so it is written now.
    if (!frames_.empty() && !frames_.back().is_object && frames_.back().elements++ > 0) {
      frames_.back().text.push_back(',');
    }
    frames_.push_back(Frame{is_object, is_object ? std::string() : std::string("["), {}, 0, false});
    return true;
  }

  bool close(std::string text) {
    frames_.pop_back();
    if (frames_.empty()) {
      output_ = std::move(text);
    } else if (frames_.back().is_object) {
      frames_.back().members.back().text.append(text);
    } else {
      frames_.back().text.append(text);
    }
    return true;
  }

  // JSON Pointer of the innermost open container.
  std::string pointer_to_container() const {
    std::string result;
    for (std::size_t d = 0; d + 1 < frames_.size(); ++d) {
      const Frame& frame = frames_[d];
      result.push_back('/');
      if (frame.is_object) {
        result.append(jcs_detail::pointer_token(frame.members.back().name));
      } else {
        result.append(std::to_string(frame.elements - 1));
      }
    }
    return result.empty() ? "the top level" : result;
  }

  // JSON Pointer of the value being read.
  std::string pointer() const {
    if (frames_.empty()) return "the top level";
    std::string result = pointer_to_container();
    if (result == "the top level") result.clear();
    const Frame& frame = frames_.back();
    result.push_back('/');
    if (frame.is_object) {
      result.append(frame.members.empty() ? ""
                                          : jcs_detail::pointer_token(frame.members.back().name));
    } else {
      result.append(std::to_string(frame.elements));
    }
    return result;
  }

  std::string_view text_;
  std::vector<Frame> frames_;
};

}  // namespace

util::Result<std::string> canonicalize_text(std::string_view json_text) {
  CanonicalWriter writer(json_text);
  bool ok = json::sax_parse(json_text, &writer, json::input_format_t::json, /*strict=*/true);
  if (!ok) {
    if (writer.error) return *writer.error;
    return util::Error(ErrorCode::kInvalidInput, "invalid JSON for JCS: the parser stopped");
  }
  return std::move(writer.output_);
}

}  // namespace trustpcf::crypto
