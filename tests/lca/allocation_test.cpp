// Allocation choices per process and their summary text.

#include <gtest/gtest.h>

#include "engine_fixture.hpp"
#include "lca/allocation.hpp"

namespace trustpcf::lca {
namespace {

using testing::ModelBuilder;

ModelBuilder two_co_products() {
  ModelBuilder model;
  model.product("a");
  model.product("b");
  model.elementary("co2");
  model.process("m");
  model.output("m", "a", 1.0);
  model.output("m", "b", 1000.0, testing::kGram);  // 1 kg
  model.output("m", "co2", 4.0);
  return model;
}

TEST(AllocationMode, ParsesNames) {
  for (const char* name : {"default", "physical", "economic", "causal", "none"}) {
    auto mode = parse_allocation_mode(name);
    ASSERT_TRUE(mode.ok()) << name;
    EXPECT_STREQ(allocation_mode_name(*mode), name);
  }
  auto invalid = parse_allocation_mode("mass");
  ASSERT_FALSE(invalid.ok());
  EXPECT_EQ(invalid.error().code(), util::ErrorCode::kUsage);
}

TEST(AllocationResolve, SingleOutputNeedsNone) {
  ModelBuilder model;
  model.product("a");
  model.process("p");
  model.output("p", "a", 1.0);
  auto allocation = resolve_allocation(model.db, model.db.processes.at("p"), AllocationMode::kEconomic);
  ASSERT_TRUE(allocation.ok());
  EXPECT_EQ(allocation->source, AllocationSource::kNotNeeded);
}

TEST(AllocationResolve, MassSharesUseUnitConversion) {
  ModelBuilder model = two_co_products();
  auto allocation = resolve_allocation(model.db, model.db.processes.at("m"), AllocationMode::kPhysical);
  ASSERT_TRUE(allocation.ok()) << allocation.error().message();
  EXPECT_EQ(allocation->source, AllocationSource::kMassShares);
  EXPECT_DOUBLE_EQ(allocation->product_shares.at("a"), 0.5);
  EXPECT_DOUBLE_EQ(allocation->product_shares.at("b"), 0.5);
}

TEST(AllocationResolve, EconomicWithoutFactorsFails) {
  ModelBuilder model = two_co_products();
  auto allocation = resolve_allocation(model.db, model.db.processes.at("m"), AllocationMode::kEconomic);
  ASSERT_FALSE(allocation.ok());
  EXPECT_EQ(allocation.error().code(), util::ErrorCode::kModel);
  EXPECT_NE(allocation.error().message().find("'process m' (m)"), std::string::npos);
}

TEST(AllocationResolve, MissingCoProductFactorFails) {
  ModelBuilder model = two_co_products();
  model.factor("m", AllocationMethod::kEconomic, "a", 0.8);
  auto allocation = resolve_allocation(model.db, model.db.processes.at("m"), AllocationMode::kEconomic);
  ASSERT_FALSE(allocation.ok());
  EXPECT_NE(allocation.error().message().find("none for co-product flow b"), std::string::npos)
      << allocation.error().message();
}

TEST(AllocationResolve, MissingFactorBecomesZero) {
  ModelBuilder model = two_co_products();
  model.factor("m", AllocationMethod::kPhysical, "a", 1.0);
  auto allocation = resolve_allocation(model.db, model.db.processes.at("m"), AllocationMode::kPhysical);
  ASSERT_TRUE(allocation.ok()) << allocation.error().message();
  EXPECT_DOUBLE_EQ(allocation->product_shares.at("b"), 0.0);
  EXPECT_EQ(allocation->unallocated_co_products, (std::vector<std::string>{"b"}));
}

TEST(AllocationResolve, MissingCausalFactorFails) {
  ModelBuilder model = two_co_products();
  model.factor("m", AllocationMethod::kCausal, "a", 0.8, 3);
  auto allocation = resolve_allocation(model.db, model.db.processes.at("m"), AllocationMode::kCausal);
  ASSERT_FALSE(allocation.ok());
  EXPECT_NE(allocation.error().message().find("exchange 3"), std::string::npos)
      << allocation.error().message();
}

TEST(AllocationResolve, DefaultPrefersPhysicalThenEconomic) {
  ModelBuilder model = two_co_products();
  model.factor("m", AllocationMethod::kEconomic, "a", 0.8);
  model.factor("m", AllocationMethod::kEconomic, "b", 0.2);
  auto economic = resolve_allocation(model.db, model.db.processes.at("m"), AllocationMode::kDefault);
  ASSERT_TRUE(economic.ok());
  EXPECT_EQ(economic->method, AllocationMethod::kEconomic);
  EXPECT_EQ(economic->source, AllocationSource::kFactors);

  model.factor("m", AllocationMethod::kPhysical, "a", 0.3);
  model.factor("m", AllocationMethod::kPhysical, "b", 0.7);
  auto physical = resolve_allocation(model.db, model.db.processes.at("m"), AllocationMode::kDefault);
  ASSERT_TRUE(physical.ok());
  EXPECT_EQ(physical->method, AllocationMethod::kPhysical);
  EXPECT_DOUBLE_EQ(physical->product_shares.at("a"), 0.3);
}

TEST(AllocationDescription, NamesProcessesAndRule) {
  ModelBuilder model = two_co_products();
  auto allocation = resolve_allocation(model.db, model.db.processes.at("m"), AllocationMode::kDefault);
  ASSERT_TRUE(allocation.ok());
  std::string text = describe_allocation(model.db, AllocationMode::kDefault, {*allocation});
  EXPECT_NE(text.find("ISO 14044"), std::string::npos) << text;
  EXPECT_NE(text.find("'process m' physical by shares by mass"), std::string::npos) << text;
}

TEST(AllocationDescription, NothingToAllocate) {
  ModelBuilder model;
  EXPECT_NE(describe_allocation(model.db, AllocationMode::kDefault, {}).find("no allocation"),
            std::string::npos);
}

}  // namespace
}  // namespace trustpcf::lca
