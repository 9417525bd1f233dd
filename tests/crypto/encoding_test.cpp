#include "crypto/encoding.hpp"

#include <gtest/gtest.h>

namespace trustpcf::crypto {
namespace {

TEST(HexEncode, LowerCaseTwoDigitsPerByte) {
  EXPECT_EQ(hex_encode(Bytes{0x00, 0xab, 0xff}), "00abff");
}

TEST(HexDecode, AcceptsUpperAndLowerCase) {
  auto bytes = hex_decode("00ABff");
  ASSERT_TRUE(bytes.ok()) << bytes.error().message();
  EXPECT_EQ(*bytes, (Bytes{0x00, 0xab, 0xff}));
}

TEST(HexDecode, RejectsOddLength) {
  auto bytes = hex_decode("abc");
  ASSERT_FALSE(bytes.ok());
  EXPECT_NE(bytes.error().message().find("odd length"), std::string::npos);
}

TEST(HexDecode, RejectsNonHexNamingOffset) {
  auto bytes = hex_decode("00zz");
  ASSERT_FALSE(bytes.ok());
  EXPECT_EQ(bytes.error().code(), util::ErrorCode::kInvalidInput);
  EXPECT_NE(bytes.error().message().find("offset 2"), std::string::npos);
}

// Test values from RFC 4648 section 10.
TEST(Base64, Rfc4648Vectors) {
  const std::pair<const char*, const char*> cases[] = {
      {"", ""},
      {"f", "Zg=="},
      {"fo", "Zm8="},
      {"foo", "Zm9v"},
      {"foob", "Zm9vYg=="},
      {"fooba", "Zm9vYmE="},
      {"foobar", "Zm9vYmFy"},
  };
  for (const auto& [plain, encoded] : cases) {
    EXPECT_EQ(base64_encode(to_bytes(plain)), encoded);
    auto decoded = base64_decode(encoded);
    ASSERT_TRUE(decoded.ok()) << encoded;
    EXPECT_EQ(to_string(*decoded), plain);
  }
}

TEST(Base64Decode, RejectsMissingPadding) { EXPECT_FALSE(base64_decode("Zm8").ok()); }

TEST(Base64Decode, RejectsNonAsciiBytes) {
  auto standard = base64_decode("Zm9v\xE2\x80\x94Zm9v");
  ASSERT_FALSE(standard.ok());
  EXPECT_NE(standard.error().message().find("offset 4"), std::string::npos);
  EXPECT_FALSE(base64url_decode("Zm9v\xE2\x80\x94Zm9v").ok());
  EXPECT_FALSE(base64url_decode("Zm9v\xFF").ok());
}

TEST(Base64Url, UsesUrlAlphabetWithoutPadding) {
  Bytes bytes{0xfb, 0xff, 0xbf};
  EXPECT_EQ(base64url_encode(bytes), "-_-_");
  EXPECT_EQ(base64url_encode(to_bytes("fo")), "Zm8");
}

TEST(Base64UrlDecode, RejectsPaddingAndStandardAlphabet) {
  EXPECT_FALSE(base64url_decode("Zm8=").ok());
  EXPECT_FALSE(base64url_decode("+/+/").ok());
}

TEST(Base64UrlDecode, RejectsNonZeroTrailingBits) {
  // "Zm8" is the only encoding of "fo"; "Zm9" carries set padding bits.
  EXPECT_TRUE(base64url_decode("Zm8").ok());
  EXPECT_FALSE(base64url_decode("Zm9").ok());
}

// Known base58btc encodings, leading zero bytes included.
TEST(Base58Btc, KnownEncodings) {
  EXPECT_EQ(base58btc_encode(to_bytes("Hello World!")), "2NEpo7TZRRrLZSi2U");
  EXPECT_EQ(base58btc_encode(to_bytes("The quick brown fox jumps over the lazy dog.")),
            "USm3fpXnKG5EUBx2ndxBDMPVciP5hGey2Jh4NDv6gmeo1LkMeiKrLJUUBk6Z");
  EXPECT_EQ(base58btc_encode(Bytes{0x00, 0x00, 0x28, 0x7f, 0xb4, 0xcd}), "11233QC4");
}

TEST(Base58Btc, RoundTripsLeadingZerosAndEmpty) {
  const Bytes cases[] = {{}, {0}, {0, 0, 0}, {0, 1, 2, 255}, {255, 255, 255, 255, 255}};
  for (const Bytes& bytes : cases) {
    auto decoded = base58btc_decode(base58btc_encode(bytes));
    ASSERT_TRUE(decoded.ok());
    EXPECT_EQ(*decoded, bytes);
  }
}

TEST(Base58BtcDecode, RejectsCharacterOutsideAlphabet) {
  auto bytes = base58btc_decode("2NEpo0");
  ASSERT_FALSE(bytes.ok());
  EXPECT_NE(bytes.error().message().find("'0' at offset 5"), std::string::npos);
}

TEST(Multibase, PrefixSelectsEncoding) {
  Bytes bytes = to_bytes("Hello World!");
  EXPECT_EQ(multibase_encode(bytes), "z2NEpo7TZRRrLZSi2U");
  EXPECT_EQ(multibase_encode(bytes, Multibase::kBase64Url), "uSGVsbG8gV29ybGQh");
  EXPECT_EQ(multibase_encode(bytes, Multibase::kBase16), "f48656c6c6f20576f726c6421");
  for (const char* text :
       {"z2NEpo7TZRRrLZSi2U", "uSGVsbG8gV29ybGQh", "f48656c6c6f20576f726c6421"}) {
    auto decoded = multibase_decode(text);
    ASSERT_TRUE(decoded.ok()) << text;
    EXPECT_EQ(*decoded, bytes) << text;
  }
}

TEST(MultibaseDecode, RejectsUnknownPrefixAndEmpty) {
  auto unknown = multibase_decode("mSGVsbG8");
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.error().message().find("prefix 'm'"), std::string::npos);
  EXPECT_FALSE(multibase_decode("").ok());
}

}  // namespace
}  // namespace trustpcf::crypto
