#include "proof/make_bundle.hpp"

#include <gtest/gtest.h>

#include "proof/verify.hpp"
#include "support/shared_data.hpp"
#include "util/files.hpp"

namespace trustpcf::proof {
namespace {

crypto::Ed25519KeyPair key_of(std::uint8_t fill) {
  return std::move(crypto::Ed25519KeyPair::from_seed(crypto::Bytes(32, fill))).value();
}

ReceiptInputs example_inputs() {
  ReceiptInputs inputs;
  inputs.background_database = std::string(64, 'a');
  inputs.characterization_method = "ipcc-ar6-gwp100";
  inputs.characterization_table = std::string(64, 'c');
  return inputs;
}

TEST(MakeBundle, CalculationLinksPassWithDisclosedEvidence) {
  TRUSTPCF_REQUIRE_SHARED(example, "pact/v3/examples/example-2.json");
  auto text = util::read_file(example);
  ASSERT_TRUE(text.ok());
  auto meter = key_of(1);
  nlohmann::json record = {{"activityType", "diesel"}, {"quantity", "40"}, {"unit", "l"},
                           {"periodStart", "2024-03-01"}, {"periodEnd", "2024-04-01"},
                           {"site", "Plant B"}};
  auto batch = build_batch({record, record}, UnitCatalog::fallback(), meter.public_key(), &meter);
  ASSERT_TRUE(batch.ok());

  auto bundle = make_bundle(nlohmann::json::parse(*text), example_inputs(), {{*batch, {1}}},
                            key_of(2));
  ASSERT_TRUE(bundle.ok()) << bundle.error().message();
  EXPECT_TRUE(verify_original_data(*bundle).passed) << verify_original_data(*bundle).reason;
  EXPECT_TRUE(verify_calculation(*bundle, nullptr).passed);
  ASSERT_EQ(bundle->evidence.size(), 1u);
  EXPECT_EQ(bundle->evidence[0].records.size(), 1u);
}

TEST(MakeBundle, DisclosedIndexOutsideBatchIsRejected) {
  TRUSTPCF_REQUIRE_SHARED(example, "pact/v3/examples/example-2.json");
  auto text = util::read_file(example);
  ASSERT_TRUE(text.ok());
  auto meter = key_of(1);
  nlohmann::json record = {{"activityType", "diesel"}, {"quantity", "40"}, {"unit", "l"},
                           {"periodStart", "2024-03-01"}, {"periodEnd", "2024-04-01"},
                           {"site", "Plant B"}};
  auto batch = build_batch({record}, UnitCatalog::fallback(), meter.public_key(), &meter);
  ASSERT_TRUE(batch.ok());
  auto bundle = make_bundle(nlohmann::json::parse(*text), example_inputs(), {{*batch, {3}}},
                            key_of(2));
  ASSERT_FALSE(bundle.ok());
  EXPECT_EQ(bundle.error().code(), util::ErrorCode::kInvalidInput);
}

}  // namespace
}  // namespace trustpcf::proof
