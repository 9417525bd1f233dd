// The transport-independent HTTP routes of the log.

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/temp_dir.hpp"
#include "tlog/entry.hpp"
#include "tlog/http_routes.hpp"
#include "tlog/proof_verify.hpp"

namespace trustpcf::tlog {
namespace {

std::string header(const HttpResponse& response, const std::string& name) {
  for (const auto& [key, value] : response.headers) {
    if (key == name) return value;
  }
  return "";
}

class HttpRoutesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto key = load_or_create_log_key(dir_.path(), "example.test/http");
    ASSERT_TRUE(key.ok());
    auto log = Log::open(dir_.path(), *key);
    ASSERT_TRUE(log.ok());
    log_ = std::move(*log);
    routes_ = std::make_unique<LogHttpRoutes>(*log_);
    std::vector<std::future<util::Result<uint64_t>>> pending;
    for (int i = 0; i < 260; ++i) pending.push_back(log_->append_async("entry " + std::to_string(i)));
    for (auto& future : pending) ASSERT_TRUE(future.get().ok());
  }

  testing::TempDir dir_;
  std::unique_ptr<Log> log_;
  std::unique_ptr<LogHttpRoutes> routes_;
};

TEST_F(HttpRoutesTest, CheckpointHasShortCacheAndTextType) {
  HttpResponse response = routes_->handle("GET", "/checkpoint", "");
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.content_type, "text/plain; charset=utf-8");
  EXPECT_EQ(header(response, "Cache-Control"), "public, max-age=5");
  EXPECT_EQ(response.body, log_->checkpoint().note);
}

TEST_F(HttpRoutesTest, FullTileIsImmutable) {
  HttpResponse response = routes_->handle("GET", "/tile/0/000", "");
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.content_type, "application/octet-stream");
  EXPECT_EQ(response.body.size(), 8192u);
  EXPECT_EQ(header(response, "Cache-Control"), "public, max-age=31536000, immutable");
}

TEST_F(HttpRoutesTest, PartialTileHasShortCache) {
  HttpResponse response = routes_->handle("GET", "/tile/0/001.p/4", "");
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.body.size(), 4 * kHashSize);
  EXPECT_EQ(header(response, "Cache-Control"), "public, max-age=5");
}

TEST_F(HttpRoutesTest, MissingTileIs404) {
  EXPECT_EQ(routes_->handle("GET", "/tile/0/001", "").status, 404);
  EXPECT_EQ(routes_->handle("GET", "/tile/0/001.p/5", "").status, 404);
  EXPECT_EQ(routes_->handle("GET", "/tile/0/1", "").status, 404);
  EXPECT_EQ(routes_->handle("GET", "/nothing", "").status, 404);
}

TEST_F(HttpRoutesTest, EntryBundleHoldsLengthPrefixedEntries) {
  HttpResponse response = routes_->handle("GET", "/tile/entries/001.p/2", "");
  ASSERT_EQ(response.status, 200);
  const std::string first = "entry 256";
  const std::string second = "entry 257";
  std::string expected;
  expected += static_cast<char>(0);
  expected += static_cast<char>(first.size());
  expected += first;
  expected += static_cast<char>(0);
  expected += static_cast<char>(second.size());
  expected += second;
  EXPECT_EQ(response.body, expected);
}

TEST_F(HttpRoutesTest, AddReturnsDurableIndex) {
  HttpResponse response = routes_->handle("POST", "/add", "new entry");
  ASSERT_EQ(response.status, 200) << response.body;
  EXPECT_EQ(nlohmann::json::parse(response.body)["index"], 260);
  EXPECT_EQ(*log_->read_entry(260), "new entry");
}

TEST_F(HttpRoutesTest, WrongMethodIs405) {
  EXPECT_EQ(routes_->handle("GET", "/add", "").status, 405);
  EXPECT_EQ(routes_->handle("POST", "/checkpoint", "").status, 405);
}

TEST_F(HttpRoutesTest, InclusionProofVerifies) {
  HttpResponse response = routes_->handle("GET", "/proof/inclusion?index=7&size=200", "");
  ASSERT_EQ(response.status, 200) << response.body;
  nlohmann::json json = nlohmann::json::parse(response.body);
  std::vector<Hash> hashes;
  for (const auto& item : json["hashes"]) hashes.push_back(*decode_base64_hash(item.get<std::string>(), "hash"));
  Hash root = *decode_base64_hash(json["root"].get<std::string>(), "root");
  EXPECT_EQ(root, *log_->root_at(200));
  EXPECT_TRUE(verify_inclusion(7, 200, hash_leaf("entry 7"), hashes, root).ok());
}

TEST_F(HttpRoutesTest, ConsistencyProofVerifies) {
  HttpResponse response = routes_->handle("GET", "/proof/consistency?old=17&new=259", "");
  ASSERT_EQ(response.status, 200) << response.body;
  nlohmann::json json = nlohmann::json::parse(response.body);
  std::vector<Hash> hashes;
  for (const auto& item : json["hashes"]) hashes.push_back(*decode_base64_hash(item.get<std::string>(), "hash"));
  EXPECT_TRUE(verify_consistency(17, 259, hashes, *log_->root_at(17), *log_->root_at(259)).ok());
}

TEST_F(HttpRoutesTest, ProofRejectsBadParameters) {
  EXPECT_EQ(routes_->handle("GET", "/proof/inclusion", "").status, 400);
  EXPECT_EQ(routes_->handle("GET", "/proof/inclusion?index=x", "").status, 400);
  EXPECT_EQ(routes_->handle("GET", "/proof/inclusion?index=300", "").status, 400);
  EXPECT_EQ(routes_->handle("GET", "/proof/consistency?old=10&new=5", "").status, 400);
}

TEST(DisclosureEntry, IsSortedCompactJson) {
  Disclosure disclosure{"footprint", "urn:uuid:3f1c0bd6-0000-4000-8000-000000000001",
                        "sha256:" + std::string(64, 'a'), "did:key:z6Mkexample",
                        util::Clock::time_point(std::chrono::seconds(1764878400))};
  auto entry = make_disclosure_entry(disclosure);
  ASSERT_TRUE(entry.ok()) << entry.error().message();
  EXPECT_EQ(*entry,
            "{\"disclosedAt\":\"2025-12-04T20:00:00Z\",\"participant\":\"did:key:z6Mkexample\","
            "\"subject\":{\"digest\":\"sha256:" +
                std::string(64, 'a') +
                "\",\"id\":\"urn:uuid:3f1c0bd6-0000-4000-8000-000000000001\",\"kind\":"
                "\"footprint\"},\"type\":\"trustpcf.disclosure/v1\"}");
}

TEST(DisclosureEntry, RejectsMalformedDigest) {
  Disclosure disclosure{"certificate", "", "sha256:ABC", "did:key:z6Mkexample",
                        util::Clock::now()};
  auto entry = make_disclosure_entry(disclosure);
  ASSERT_FALSE(entry.ok());
  EXPECT_NE(entry.error().message().find("sha256:ABC"), std::string::npos);
}

TEST(DisclosureEntry, RejectsFootprintWithoutId) {
  Disclosure disclosure{"footprint", "", "sha256:" + std::string(64, 'b'), "p",
                        util::Clock::now()};
  EXPECT_FALSE(make_disclosure_entry(disclosure).ok());
}

}  // namespace
}  // namespace trustpcf::tlog
