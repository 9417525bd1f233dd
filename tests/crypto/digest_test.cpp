#include "crypto/digest.hpp"

#include <gtest/gtest.h>

namespace trustpcf::crypto {
namespace {

// Widely published SHA-256 known answers ("abc", the empty string, 448 bits).
constexpr const char* kAbcHex = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
constexpr const char* kEmptyHex =
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

TEST(Sha256, KnownDigests) {
  EXPECT_EQ(sha256_hex("abc"), kAbcHex);
  EXPECT_EQ(sha256_hex(""), kEmptyHex);
  EXPECT_EQ(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST(Sha256, PrefixedAndBase64UrlForms) {
  EXPECT_EQ(sha256_prefixed("abc"), std::string("sha256:") + kAbcHex);
  EXPECT_EQ(sha256_base64url("abc"), "ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0");
}

TEST(Sha256, MultihashForm) {
  Bytes multihash = sha256_multihash("abc");
  ASSERT_EQ(multihash.size(), 34u);
  EXPECT_EQ(multihash[0], 0x12);
  EXPECT_EQ(multihash[1], 0x20);
  EXPECT_EQ(hex_encode(Bytes(multihash.begin() + 2, multihash.end())), kAbcHex);
  auto parsed = parse_sha256_multihash(multihash);
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(to_hex(*parsed), kAbcHex);
}

TEST(ParseSha256Multihash, RejectsOtherHashCode) {
  Bytes multihash = sha256_multihash("abc");
  multihash[0] = 0x13;
  EXPECT_FALSE(parse_sha256_multihash(multihash).ok());
}

TEST(ParseSha256Hex, AcceptsBareAndPrefixed) {
  auto bare = parse_sha256_hex(kAbcHex);
  ASSERT_TRUE(bare.ok());
  EXPECT_EQ(*bare, sha256("abc"));
  auto prefixed = parse_sha256_hex(std::string("sha256:") + kAbcHex);
  ASSERT_TRUE(prefixed.ok());
  EXPECT_EQ(*prefixed, sha256("abc"));
}

TEST(ParseSha256Hex, RejectsWrongLength) {
  auto digest = parse_sha256_hex("abcd");
  ASSERT_FALSE(digest.ok());
  EXPECT_NE(digest.error().message().find("64 hex digits"), std::string::npos);
}

}  // namespace
}  // namespace trustpcf::crypto
