#include "proof/evidence.hpp"

#include <gtest/gtest.h>

#include "crypto/did_key.hpp"
#include "crypto/digest.hpp"
#include "proof/evidence_store.hpp"
#include "support/temp_dir.hpp"

namespace trustpcf::proof {
namespace {

constexpr const char* kCsv =
    "activityType,quantity,unit,periodStart,periodEnd,site,supplier\n"
    "electricity,1250.5,kWh,2025-01-01T00:00:00Z,2025-02-01T00:00:00Z,Plant A,\"Grid, Inc.\"\n"
    "diesel,310,l,2025-01-01T00:00:00Z,2025-02-01T00:00:00Z,Plant A,\n";

crypto::Ed25519KeyPair test_key(std::uint8_t fill) {
  return std::move(crypto::Ed25519KeyPair::from_seed(crypto::Bytes(32, fill))).value();
}

EvidenceBatch signed_batch(const crypto::Ed25519KeyPair& key) {
  auto raw = parse_activity_csv(kCsv);
  EXPECT_TRUE(raw.ok());
  auto batch = build_batch(*raw, UnitCatalog::fallback(), key.public_key(), &key);
  EXPECT_TRUE(batch.ok()) << batch.error().message();
  return std::move(batch).value();
}

TEST(ActivityCsv, ReadsQuotedCellsAndSkipsEmpty) {
  auto raw = parse_activity_csv(kCsv);
  ASSERT_TRUE(raw.ok());
  ASSERT_EQ(raw->size(), 2u);
  EXPECT_EQ((*raw)[0]["supplier"], "Grid, Inc.");
  EXPECT_FALSE((*raw)[1].contains("supplier"));
}

TEST(ActivityCsv, RowWithWrongCellCountIsRejected) {
  auto raw = parse_activity_csv("activityType,quantity\nelectricity\n");
  ASSERT_FALSE(raw.ok());
  EXPECT_NE(raw.error().message().find("row 2"), std::string::npos);
}

TEST(ActivityJson, ReadsRecordsObject) {
  auto raw = parse_activity_json(R"({"records": [{"activityType": "gas", "quantity": 2}]})");
  ASSERT_TRUE(raw.ok());
  EXPECT_EQ(raw->size(), 1u);
}

TEST(BuildBatch, SignsEveryRecordVerifiably) {
  auto key = test_key(1);
  EvidenceBatch batch = signed_batch(key);
  ASSERT_EQ(batch.records.size(), 2u);
  EXPECT_EQ(batch.source, crypto::did_key_of(key.public_key()));
  for (const auto& record : batch.records) {
    EXPECT_TRUE(verify_record(record).ok());
    EXPECT_EQ(record.content["source"], batch.source);
  }
  EXPECT_EQ(batch.root_hex().size(), 64u);
  EXPECT_EQ(batch.commitment()["treeSize"], 2);
}

TEST(BuildBatch, UnknownUnitIsRejectedWithFix) {
  auto key = test_key(1);
  nlohmann::json raw = {{"activityType", "electricity"}, {"quantity", "1"},
                        {"unit", "kwh"},                 {"periodStart", "2025-01-01"},
                        {"periodEnd", "2025-02-01"},     {"site", "A"}};
  auto batch = build_batch({raw}, UnitCatalog::fallback(), key.public_key(), &key);
  ASSERT_FALSE(batch.ok());
  EXPECT_EQ(batch.error().code(), util::ErrorCode::kInvalidInput);
  EXPECT_NE(batch.error().message().find("use kWh"), std::string::npos);
}

TEST(BuildBatch, ReversedPeriodIsRejected) {
  auto key = test_key(1);
  nlohmann::json raw = {{"activityType", "electricity"}, {"quantity", "1"},
                        {"unit", "kWh"},                 {"periodStart", "2025-02-01"},
                        {"periodEnd", "2025-01-01"},     {"site", "A"}};
  auto batch = build_batch({raw}, UnitCatalog::fallback(), key.public_key(), &key);
  ASSERT_FALSE(batch.ok());
  EXPECT_NE(batch.error().message().find("not after periodStart"), std::string::npos);
}

TEST(BuildBatch, ExponentQuantityIsRejected) {
  auto key = test_key(1);
  nlohmann::json raw = {{"activityType", "electricity"}, {"quantity", "1e3"},
                        {"unit", "kWh"},                 {"periodStart", "2025-01-01"},
                        {"periodEnd", "2025-02-01"},     {"site", "A"}};
  auto batch = build_batch({raw}, UnitCatalog::fallback(), key.public_key(), &key);
  ASSERT_FALSE(batch.ok());
  EXPECT_NE(batch.error().message().find("plain decimal"), std::string::npos);
}

TEST(BuildBatch, DidSourceAcceptsRecordsSignedElsewhere) {
  auto meter = test_key(2);
  EvidenceBatch signed_elsewhere = signed_batch(meter);
  std::vector<nlohmann::json> raw;
  for (const auto& record : signed_elsewhere.records) {
    nlohmann::json item = record.content;
    item["signature"] = record.signature;
    item["disclosures"] = record.disclosures;
    raw.push_back(item);
  }
  auto batch = build_batch(raw, UnitCatalog::fallback(), meter.public_key(), nullptr);
  ASSERT_TRUE(batch.ok()) << batch.error().message();
  EXPECT_EQ(batch->root_hex(), signed_elsewhere.root_hex());
}

TEST(BuildBatch, DidSourceRejectsUnsignedRecord) {
  auto meter = test_key(2);
  auto raw = parse_activity_csv(kCsv);
  ASSERT_TRUE(raw.ok());
  auto batch = build_batch(*raw, UnitCatalog::fallback(), meter.public_key(), nullptr);
  ASSERT_FALSE(batch.ok());
  EXPECT_NE(batch.error().message().find("has no signature"), std::string::npos);
}

TEST(BuildBatch, DidSourceRejectsSignatureOfOtherKey) {
  auto meter = test_key(2);
  auto other = test_key(3);
  EvidenceBatch by_other = signed_batch(other);
  nlohmann::json item = by_other.records[0].content;
  item.erase("source");
  item["signature"] = by_other.records[0].signature;
  item["disclosures"] = by_other.records[0].disclosures;
  auto batch = build_batch({item}, UnitCatalog::fallback(), meter.public_key(), nullptr);
  ASSERT_FALSE(batch.ok());
  EXPECT_EQ(batch.error().code(), util::ErrorCode::kVerification);
}

TEST(VerifyRecord, ChangedDigitFailsDigestCheck) {
  auto key = test_key(1);
  EvidenceBatch batch = signed_batch(key);
  EvidenceRecord record = batch.records[0];
  record.content["quantity"] = "1250.6";
  util::Status status = verify_record(record);
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.error().message().find("content digest"), std::string::npos);
}

TEST(VerifyRecord, ChangedDigitWithNewDigestFailsSignature) {
  auto key = test_key(1);
  EvidenceBatch batch = signed_batch(key);
  EvidenceRecord record = batch.records[0];
  record.content["quantity"] = "1250.6";
  record.digest = crypto::sha256_hex(evidence_signing_input(record.content));
  util::Status status = verify_record(record);
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.error().message().find("does not verify"), std::string::npos);
}

TEST(EvidenceStore, StoresListsAndLoadsBatch) {
  testing::TempDir dir;
  auto db = store::Database::open(dir.path() / "store.sqlite");
  ASSERT_TRUE(db.ok());
  auto key = test_key(1);
  EvidenceBatch batch = signed_batch(key);

  auto added = store_batch(**db, batch, "meter.csv");
  ASSERT_TRUE(added.ok()) << added.error().message();
  EXPECT_TRUE(*added);
  auto again = store_batch(**db, batch, "meter.csv");
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(*again);

  auto list = list_batches(**db);
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ((*list)[0].record_count, 2);

  auto loaded = load_batch(**db, batch.root_hex().substr(0, 10));
  ASSERT_TRUE(loaded.ok()) << loaded.error().message();
  EXPECT_EQ(loaded->root_hex(), batch.root_hex());
  EXPECT_TRUE(verify_record(loaded->records[1]).ok());
}

TEST(EvidenceStore, UnknownBatchIsNotFound) {
  auto db = store::Database::open_in_memory();
  ASSERT_TRUE(db.ok());
  auto loaded = load_batch(**db, "0123456789abcdef");
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.error().code(), util::ErrorCode::kNotFound);
}

}  // namespace
}  // namespace trustpcf::proof
