#include "crypto/status_list.hpp"

#include <gtest/gtest.h>
#include <zlib.h>

#include <regex>

#include "crypto/jwt.hpp"
#include "support/shared_data.hpp"
#include "util/files.hpp"

namespace trustpcf::crypto {
namespace {

using nlohmann::json;

// An example from the specification's markdown: the "bits" and "lst" of a
// status list, with "lst" wrapped over several lines, and the uncompressed
// byte array when the example states it.
struct Example {
  int bits = 0;
  std::string lst;
  std::optional<Bytes> byte_array;
};

Example read_example(const std::filesystem::path& path) {
  std::string text = util::read_file(path).value();
  Example example;
  std::smatch match;
  if (std::regex_search(text, match, std::regex(R"re("bits":\s*(\d+))re"))) {
    example.bits = std::stoi(match[1]);
  }
  if (std::regex_search(text, match, std::regex(R"re("lst":\s*"([^"]*)")re"))) {
    for (char c : match[1].str()) {
      if (!std::isspace(static_cast<unsigned char>(c))) example.lst.push_back(c);
    }
  }
  if (std::regex_search(text, match, std::regex(R"(byte_array\s*=\s*\[([^\]]*)\])"))) {
    Bytes bytes;
    std::string list = match[1];
    std::regex hex_byte(R"(0x([0-9a-fA-F]{2}))");
    for (auto it = std::sregex_iterator(list.begin(), list.end(), hex_byte);
         it != std::sregex_iterator(); ++it) {
      bytes.push_back(static_cast<std::uint8_t>(std::stoi((*it)[1], nullptr, 16)));
    }
    example.byte_array = bytes;
  }
  return example;
}

TEST(StatusListVectors, JsonExamplesDecode) {
  TRUSTPCF_REQUIRE_SHARED(folder, "vectors/token-status-list");
  const std::pair<const char*, int> files[] = {
      {"status_list_encoding_json.md", 1},  {"status_list_encoding1_long_json.md", 1},
      {"status_list_encoding2_json.md", 2}, {"status_list_encoding2_long_json.md", 2},
      {"status_list_encoding4_json.md", 4}, {"status_list_encoding8_json.md", 8},
  };
  for (const auto& [name, bits] : files) {
    SCOPED_TRACE(name);
    Example example = read_example(folder / name);
    ASSERT_EQ(example.bits, bits);
    ASSERT_FALSE(example.lst.empty());
    auto list = StatusList::from_json(json{{"bits", example.bits}, {"lst", example.lst}});
    ASSERT_TRUE(list.ok()) << list.error().message();
    EXPECT_EQ(list->bits(), bits);
    EXPECT_GT(list->size(), 0u);
    if (example.byte_array) {
      EXPECT_EQ(list->bytes(), *example.byte_array);
    }

    // Our encoding decodes to the same bytes.
    auto again = StatusList::from_json(list->to_json());
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(again->bytes(), list->bytes());
  }
}

TEST(StatusListVectors, OneBitExampleEntries) {
  TRUSTPCF_REQUIRE_SHARED(path, "vectors/token-status-list/status_list_encoding_json.md");
  Example example = read_example(path);
  StatusList list = StatusList::from_json(json{{"bits", 1}, {"lst", example.lst}}).value();
  // 0xb9 0xa3, least significant bit first.
  const int expected[] = {1, 0, 0, 1, 1, 1, 0, 1, 1, 1, 0, 0, 0, 1, 0, 1};
  ASSERT_EQ(list.size(), 16u);
  for (std::size_t i = 0; i < 16; ++i) EXPECT_EQ(list.get(i).value(), expected[i]) << "index " << i;
}

TEST(StatusListVectors, TwoBitExampleEntries) {
  TRUSTPCF_REQUIRE_SHARED(path, "vectors/token-status-list/status_list_encoding2_json.md");
  Example example = read_example(path);
  StatusList list = StatusList::from_json(json{{"bits", 2}, {"lst", example.lst}}).value();
  // 0xc9 0x44 0xf9, two bits an entry from the least significant end.
  const int expected[] = {1, 2, 0, 3, 0, 1, 0, 1, 1, 2, 3, 3};
  ASSERT_EQ(list.size(), 12u);
  for (std::size_t i = 0; i < 12; ++i) EXPECT_EQ(list.get(i).value(), expected[i]) << "index " << i;
}

TEST(StatusListVectors, ShortExamplesCompressIdentically) {
  TRUSTPCF_REQUIRE_SHARED(folder, "vectors/token-status-list");
  for (const char* name : {"status_list_encoding_json.md", "status_list_encoding2_json.md"}) {
    Example example = read_example(folder / name);
    StatusList list = StatusList::from_bytes(example.bits, *example.byte_array).value();
    EXPECT_EQ(list.to_json()["lst"], example.lst) << name;
  }
}

TEST(StatusListVectors, PublishedTokenPayloadDecodes) {
  TRUSTPCF_REQUIRE_SHARED(path, "vectors/token-status-list/status_list_jwt_raw.md");
  std::string text = util::read_file(path).value();
  std::string raw;
  for (char c : text) {
    if (!std::isspace(static_cast<unsigned char>(c))) raw.push_back(c);
  }
  // The example is signed with ES256 by a key the example does not give, so
  // only its structure is checked here.
  auto jwt = decode_jwt(raw);
  ASSERT_TRUE(jwt.ok()) << jwt.error().message();
  EXPECT_EQ(jwt->header["typ"], "statuslist+jwt");
  auto token = status_list_token_from_claims(jwt->payload);
  ASSERT_TRUE(token.ok()) << token.error().message();
  EXPECT_EQ(token->subject, "https://example.com/statuslists/1");
  EXPECT_EQ(token->ttl, std::chrono::seconds(43200));
  EXPECT_EQ(token->list.get(0).value(), 1);
  EXPECT_EQ(token->list.get(1).value(), 0);
}

TEST(StatusList, SetAndGetEveryWidth) {
  for (int bits : {1, 2, 4, 8}) {
    StatusList list = StatusList::create(bits, 1000).value();
    std::uint8_t maximum = static_cast<std::uint8_t>((1 << bits) - 1);
    ASSERT_TRUE(list.set(0, maximum).ok());
    ASSERT_TRUE(list.set(999, 1).ok());
    ASSERT_TRUE(list.set(500, maximum).ok());
    ASSERT_TRUE(list.set(500, 0).ok());
    StatusList decoded = StatusList::from_json(list.to_json()).value();
    EXPECT_EQ(decoded.get(0).value(), maximum) << bits;
    EXPECT_EQ(decoded.get(1).value(), 0) << bits;
    EXPECT_EQ(decoded.get(500).value(), 0) << bits;
    EXPECT_EQ(decoded.get(999).value(), 1) << bits;
  }
}

TEST(StatusList, RejectsBadBitsIndexAndValue) {
  EXPECT_FALSE(StatusList::create(3, 10).ok());
  StatusList list = StatusList::create(2, 8).value();
  EXPECT_FALSE(list.set(8, 1).ok());
  EXPECT_FALSE(list.set(0, 4).ok());
  EXPECT_FALSE(list.get(8).ok());
}

TEST(StatusList, RejectsCorruptLst) {
  StatusList list = StatusList::create(1, 64).value();
  json encoded = list.to_json();
  std::string lst = encoded["lst"];
  encoded["lst"] = lst.substr(0, lst.size() - 4);
  auto truncated = StatusList::from_json(encoded);
  ASSERT_FALSE(truncated.ok());
  EXPECT_NE(truncated.error().message().find("zlib"), std::string::npos);
  EXPECT_FALSE(StatusList::from_json(json{{"bits", 1}, {"lst", "not base64!"}}).ok());
  EXPECT_FALSE(StatusList::from_json(json{{"bits", "1"}, {"lst", lst}}).ok());
}

TEST(StatusList, RejectsZlibBomb) {
  // Zeros compress about a thousandfold, so a small "lst" inflates past the maximum.
  Bytes zeros(kMaxStatusListBytes + 1, 0);
  uLongf size = compressBound(static_cast<uLong>(zeros.size()));
  Bytes compressed(size);
  ASSERT_EQ(compress2(compressed.data(), &size, zeros.data(), static_cast<uLong>(zeros.size()), 9),
            Z_OK);
  compressed.resize(size);
  auto list = StatusList::from_json(json{{"bits", 1}, {"lst", base64url_encode(compressed)}});
  ASSERT_FALSE(list.ok());
  EXPECT_NE(list.error().message().find("more than"), std::string::npos);
}

TEST(StatusListVectors, ReadEntryMatchesWholeDecode) {
  TRUSTPCF_REQUIRE_SHARED(folder, "vectors/token-status-list");
  for (const char* name : {"status_list_encoding_json.md", "status_list_encoding1_long_json.md",
                           "status_list_encoding2_json.md", "status_list_encoding2_long_json.md",
                           "status_list_encoding4_json.md", "status_list_encoding8_json.md"}) {
    SCOPED_TRACE(name);
    Example example = read_example(folder / name);
    json encoded{{"bits", example.bits}, {"lst", example.lst}};
    StatusList list = StatusList::from_json(encoded).value();
    // Every entry of the first 256 bytes, then every 997th: each read inflates
    // from the start.
    for (std::size_t index = 0; index < list.size(); index += index < static_cast<std::size_t>(2048 / example.bits) ? 1 : 997) {
      auto entry = StatusList::read_entry(encoded, index);
      ASSERT_TRUE(entry.ok()) << index << ": " << entry.error().message();
      ASSERT_EQ(*entry, list.get(index).value()) << "index " << index;
    }
    auto past = StatusList::read_entry(encoded, list.size());
    ASSERT_FALSE(past.ok());
    EXPECT_NE(past.error().message().find("past the end of the list"), std::string::npos);
  }
}

TEST(StatusList, ReadEntryInflatesOnlyUpToTheEntry) {
  StatusList list = StatusList::create(1, 131072).value();
  ASSERT_TRUE(list.set(3, kStatusInvalid).ok());
  ASSERT_TRUE(list.set(131071, kStatusInvalid).ok());
  json encoded = list.to_json();
  EXPECT_EQ(StatusList::read_entry(encoded, 3).value(), kStatusInvalid);
  EXPECT_EQ(StatusList::read_entry(encoded, 4).value(), kStatusValid);
  EXPECT_EQ(StatusList::read_entry(encoded, 131071).value(), kStatusInvalid);
  EXPECT_FALSE(StatusList::read_entry(encoded, 131072).ok());

  // Damage after the first entries' bytes goes unread by an early entry, and
  // is reported when the entry lies behind it.
  Bytes zeros(4096, 0);
  zeros[0] = 0x01;
  uLongf size = compressBound(static_cast<uLong>(zeros.size()));
  Bytes compressed(size);
  ASSERT_EQ(compress2(compressed.data(), &size, zeros.data(), static_cast<uLong>(zeros.size()), 0), Z_OK);
  compressed.resize(size);
  compressed.resize(compressed.size() / 2);  // stored blocks: the first half inflates
  json truncated{{"bits", 1}, {"lst", base64url_encode(compressed)}};
  EXPECT_EQ(StatusList::read_entry(truncated, 0).value(), kStatusInvalid);
  auto late = StatusList::read_entry(truncated, 4095 * 8);
  ASSERT_FALSE(late.ok());
  EXPECT_NE(late.error().message().find("zlib"), std::string::npos);
}

TEST(StatusList, ReadEntryRejectsBadInput) {
  EXPECT_FALSE(StatusList::read_entry(json{{"bits", 3}, {"lst", "eNrbuRgAAhcBXQ"}}, 0).ok());
  EXPECT_FALSE(StatusList::read_entry(json{{"bits", 1}, {"lst", "not base64!"}}, 0).ok());
  EXPECT_FALSE(StatusList::read_entry(json{{"bits", 1}}, 0).ok());
  auto huge = StatusList::read_entry(json{{"bits", 8}, {"lst", "eNrbuRgAAhcBXQ"}}, SIZE_MAX);
  ASSERT_FALSE(huge.ok());
  EXPECT_NE(huge.error().message().find("past"), std::string::npos);
}

TEST(StatusListToken, SignAndVerify) {
  Ed25519KeyPair key = Ed25519KeyPair::generate();
  StatusList list = StatusList::create(1, 128).value();
  ASSERT_TRUE(list.set(7, kStatusInvalid).ok());
  StatusListToken token{"https://node.example/statuslists/1",
                        util::Clock::time_point(std::chrono::seconds(1686920170)),
                        util::Clock::time_point(std::chrono::seconds(2291720170)),
                        std::chrono::seconds(43200), list};
  std::string jwt = sign_status_list_token(token, key, "k1");

  auto verified = verify_status_list_token(jwt, key.public_key());
  ASSERT_TRUE(verified.ok()) << verified.error().message();
  EXPECT_EQ(verified->subject, token.subject);
  EXPECT_EQ(verified->issued_at, token.issued_at);
  EXPECT_EQ(verified->expires_at, token.expires_at);
  EXPECT_EQ(verified->list.get(7).value(), kStatusInvalid);
  EXPECT_EQ(verified->list.get(6).value(), kStatusValid);
}

TEST(StatusListToken, FlippedBitInPayloadFails) {
  Ed25519KeyPair key = Ed25519KeyPair::generate();
  StatusListToken token{"https://node.example/statuslists/1", util::Clock::now(), std::nullopt,
                        std::nullopt, StatusList::create(1, 8).value()};
  std::string jwt = sign_status_list_token(token, key);
  std::size_t first = jwt.find('.');
  std::size_t second = jwt.find('.', first + 1);
  json claims = decode_jwt(jwt).value().payload;
  claims["sub"] = "https://node.example/statuslists/2";
  std::string tampered = jwt.substr(0, first + 1) +
                         base64url_encode(std::string_view(claims.dump())) + jwt.substr(second);
  auto verified = verify_status_list_token(tampered, key.public_key());
  ASSERT_FALSE(verified.ok());
  EXPECT_NE(verified.error().message().find("JWT signature"), std::string::npos);
}

TEST(StatusListToken, WrongTypeFails) {
  Ed25519KeyPair key = Ed25519KeyPair::generate();
  json claims = {
      {"sub", "x"}, {"iat", 1}, {"status_list", StatusList::create(1, 8).value().to_json()}};
  std::string jwt = sign_jwt(json{{"typ", "JWT"}}, claims, key);
  auto verified = verify_status_list_token(jwt, key.public_key());
  ASSERT_FALSE(verified.ok());
  EXPECT_NE(verified.error().message().find("typ"), std::string::npos);
}

}  // namespace
}  // namespace trustpcf::crypto
