#include "crypto/jcs.hpp"

#include <gtest/gtest.h>

#include <bit>
#include <charconv>
#include <fstream>
#include <sstream>

#include "crypto/digest.hpp"
#include "support/shared_data.hpp"
#include "util/files.hpp"

namespace trustpcf::crypto {
namespace {

using nlohmann::json;

std::string error_of(std::string_view text) {
  auto result = canonicalize_text(text);
  return result.ok() ? std::string("(no error)") : result.error().message();
}

TEST(JcsVectors, SixPublishedPairs) {
  TRUSTPCF_REQUIRE_SHARED(folder, "vectors/jcs");
  for (const char* name : {"arrays", "french", "structures", "unicode", "values", "weird"}) {
    SCOPED_TRACE(name);
    auto input = util::read_file(folder / "input" / (std::string(name) + ".json"));
    auto expected = util::read_file(folder / "output" / (std::string(name) + ".json"));
    ASSERT_TRUE(input.ok());
    ASSERT_TRUE(expected.ok());
    auto canonical = canonicalize_text(*input);
    ASSERT_TRUE(canonical.ok()) << canonical.error().message();
    EXPECT_EQ(*canonical, *expected);

    // The same document built in memory gives the same bytes.
    EXPECT_EQ(canonicalize(json::parse(*input)), *expected);
  }
}

TEST(JcsVectors, TenThousandNumbers) {
  TRUSTPCF_REQUIRE_SHARED(path, "vectors/jcs/numbers-10k.txt");
  std::ifstream file(path);
  std::string line;
  int checked = 0;
  while (std::getline(file, line)) {
    std::size_t comma = line.find(',');
    ASSERT_NE(comma, std::string::npos) << line;
    std::uint64_t bits = 0;
    std::from_chars(line.data(), line.data() + comma, bits, 16);
    double value = std::bit_cast<double>(bits);
    std::string expected = line.substr(comma + 1);
    ASSERT_EQ(format_ecmascript_number(value), expected) << "bits " << line.substr(0, comma);
    ++checked;
  }
  EXPECT_EQ(checked, 10000);
}

TEST(EcmascriptNumber, LayoutBoundaries) {
  EXPECT_EQ(format_ecmascript_number(-0.0), "0");
  EXPECT_EQ(format_ecmascript_number(1e21), "1e+21");
  EXPECT_EQ(format_ecmascript_number(1e20), "100000000000000000000");
  EXPECT_EQ(format_ecmascript_number(0.000001), "0.000001");
  EXPECT_EQ(format_ecmascript_number(1e-7), "1e-7");
  EXPECT_EQ(format_ecmascript_number(-1.5e-7), "-1.5e-7");
  EXPECT_EQ(format_ecmascript_number(123.456), "123.456");
  EXPECT_EQ(format_ecmascript_number(5e-324), "5e-324");
}

TEST(JcsKeyOrder, SortsByUtf16CodeUnits) {
  // U+10000 is the surrogate pair D800 DC00, so it sorts before U+E000 in
  // UTF-16 although its code point is larger.
  auto canonical = canonicalize_text(R"({"\ue000":1,"\ud800\udc00":2,"a":3})");
  ASSERT_TRUE(canonical.ok());
  EXPECT_EQ(*canonical, "{\"a\":3,\"\xF0\x90\x80\x80\":2,\"\xEE\x80\x80\":1}");
}

TEST(JcsStrings, MinimalEscapes) {
  auto canonical = canonicalize_text(R"(["\u0001\b\t\n\f\r\"\\\/\u007f\u20ac"])");
  ASSERT_TRUE(canonical.ok());
  EXPECT_EQ(*canonical, "[\"\\u0001\\b\\t\\n\\f\\r\\\"\\\\/\x7f\xE2\x82\xAC\"]");
}

TEST(CanonicalizeText, RejectsDuplicateKey) {
  std::string message = error_of(R"({"a":{"b":1,"b":2}})");
  EXPECT_NE(message.find("duplicate member name \"b\""), std::string::npos) << message;
  EXPECT_NE(message.find("/a"), std::string::npos) << message;
}

TEST(CanonicalizeText, RejectsNumberOutsideDoubleRange) {
  std::string message = error_of("{\"x\":\n[1, 1e400]}");
  EXPECT_NE(message.find("1e400"), std::string::npos) << message;
  EXPECT_NE(message.find("line 2"), std::string::npos) << message;
}

TEST(CanonicalizeText, RejectsNonFiniteLiterals) {
  EXPECT_FALSE(canonicalize_text("[NaN]").ok());
  EXPECT_FALSE(canonicalize_text("[Infinity]").ok());
}

TEST(CanonicalizeText, RejectsLoneSurrogates) {
  std::string high = error_of(R"(["\ud800"])");
  EXPECT_NE(high.find("surrogate"), std::string::npos) << high;
  EXPECT_NE(high.find("line 1"), std::string::npos) << high;
  std::string low = error_of(R"(["\udc00x"])");
  EXPECT_NE(low.find("surrogate"), std::string::npos) << low;
}

TEST(CanonicalizeText, RejectsInvalidUtf8) {
  std::string message = error_of("[\"ok\",\n \"\xC0\xAF\"]");
  EXPECT_NE(message.find("UTF-8"), std::string::npos) << message;
  EXPECT_NE(message.find("line 2"), std::string::npos) << message;
  EXPECT_FALSE(canonicalize_text("[\"\xED\xA0\x80\"]").ok());  // surrogate written as UTF-8
}

TEST(CanonicalizeText, RejectsTrailingContentAndComments) {
  EXPECT_FALSE(canonicalize_text("{} {}").ok());
  EXPECT_FALSE(canonicalize_text("[1] // note").ok());
  EXPECT_FALSE(canonicalize_text("").ok());
}

TEST(CanonicalizeText, RejectsExcessiveNesting) {
  std::string deep(kMaxJsonDepth + 1, '[');
  deep.append(kMaxJsonDepth + 1, ']');
  std::string message = error_of(deep);
  EXPECT_NE(message.find("nesting deeper"), std::string::npos) << message;
  std::string allowed(kMaxJsonDepth, '[');
  allowed.append(kMaxJsonDepth, ']');
  EXPECT_TRUE(canonicalize_text(allowed).ok());
}

TEST(CanonicalizeText, KeepsWhitespaceInsideStringsOnly) {
  auto canonical = canonicalize_text(" {\n \"b\" : [ 1 , 2.50 , -0 ],\t\"a\" : \"x y\" } ");
  ASSERT_TRUE(canonical.ok());
  EXPECT_EQ(*canonical, R"({"a":"x y","b":[1,2.5,0]})");
}

TEST(Canonicalize, LargeIntegersGoThroughDouble) {
  json value = {{"exact", 9007199254740992LL},
                {"big", 9007199254740993ULL},
                {"negative", -9007199254740993LL},
                {"float", 1e21}};
  EXPECT_EQ(
      canonicalize(value),
      R"({"big":9007199254740992,"exact":9007199254740992,"float":1e+21,"negative":-9007199254740992})");
}

TEST(Canonicalize, InvalidUtf8BecomesReplacementCharacter) {
  json value = std::string(
      "a\xFF"
      "b");
  EXPECT_EQ(canonicalize(value),
            "\"a\xEF\xBF\xBD"
            "b\"");
}

TEST(DigestOf, HashesCanonicalForm) {
  json value = json::parse(R"({"b":2,"a":1})");
  EXPECT_EQ(digest_of(value), sha256_hex(R"({"a":1,"b":2})"));
}

}  // namespace
}  // namespace trustpcf::crypto
