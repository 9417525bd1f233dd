// End-to-end calculations on small systems whose results are worked out by
// hand in the comments.

#include <cmath>

#include <gtest/gtest.h>

#include "engine_fixture.hpp"
#include "lca/contribution.hpp"
#include "lca/result.hpp"
#include "util/numbers.hpp"

namespace trustpcf::lca {
namespace {

using testing::kGram;
using testing::ModelBuilder;

double inventory_amount(const CalculationResult& result, const std::string& flow_id) {
  for (const InventoryEntry& entry : result.inventory) {
    if (entry.flow_id == flow_id) return entry.amount;
  }
  ADD_FAILURE() << "flow " << flow_id << " is not in the inventory";
  return 0.0;
}

double scaling_of(const CalculationResult& result, const std::string& process_id,
                  const std::string& flow_id) {
  return result.scaling[result.system.column_index.at(TechnosphereKey{process_id, flow_id})];
}

CalculationRequest request_for(const std::string& process_id, double amount,
                               AllocationMode allocation = AllocationMode::kDefault,
                               const std::string& flow_id = "") {
  CalculationRequest request;
  request.demand = Demand{process_id, flow_id, amount};
  request.allocation = allocation;
  return request;
}

// Electricity: 1 MJ per run, 0.5 kg CO2. Steel: 1 kg per run, 2 MJ
// electricity, 1 kg CO2.
ModelBuilder two_process_chain() {
  ModelBuilder model;
  model.product("electricity", testing::kEnergy);
  model.product("steel");
  model.elementary("co2");
  model.process("power");
  model.output("power", "electricity", 1.0);
  model.output("power", "co2", 0.5);
  model.process("mill");
  model.output("mill", "steel", 1.0);
  model.input("mill", "electricity", 2.0);
  model.output("mill", "co2", 1.0);
  return model;
}

TEST(EngineChain, TwoProcessChainByHand) {
  ModelBuilder model = two_process_chain();
  auto result = calculate(model.db, request_for("mill", 10.0), nullptr);
  ASSERT_TRUE(result.ok()) << result.error().message();

  // s = (power 20, mill 10); CO2 = 20 * 0.5 + 10 * 1 = 20 kg.
  EXPECT_DOUBLE_EQ(scaling_of(*result, "mill", "steel"), 10.0);
  EXPECT_DOUBLE_EQ(scaling_of(*result, "power", "electricity"), 20.0);
  EXPECT_DOUBLE_EQ(inventory_amount(*result, "co2"), 20.0);
  EXPECT_TRUE(result->warnings.empty());
  EXPECT_TRUE(result->system.cut_offs.empty());
}

TEST(EngineChain, ConvertsExchangeUnits) {
  ModelBuilder model = two_process_chain();
  // 500 g of CO2 per MJ is the same 0.5 kg.
  model.db.processes.at("power").exchanges[1].amount = 500.0;
  model.db.processes.at("power").exchanges[1].unit_id = kGram;
  auto result = calculate(model.db, request_for("mill", 10.0), nullptr);
  ASSERT_TRUE(result.ok()) << result.error().message();
  EXPECT_DOUBLE_EQ(inventory_amount(*result, "co2"), 20.0);
}

TEST(EngineChain, UnlinkedInputIsBoundaryFlow) {
  ModelBuilder model = two_process_chain();
  model.product("ore");
  model.input("mill", "ore", 1.5);
  auto result = calculate(model.db, request_for("mill", 2.0), nullptr);
  ASSERT_TRUE(result.ok()) << result.error().message();

  ASSERT_EQ(result->system.cut_offs.size(), 1u);
  EXPECT_EQ(result->system.cut_offs[0].flow_id, "ore");
  EXPECT_EQ(result->system.cut_offs[0].consumer_process_id, "mill");
  const InventoryEntry& ore = result->inventory[result->system.inventory_index.at("ore")];
  EXPECT_EQ(ore.kind, InventoryFlowKind::kBoundaryProduct);
  EXPECT_TRUE(ore.is_input);
  EXPECT_DOUBLE_EQ(ore.amount, 3.0);
}

TEST(EngineChain, OnlyReachableProcessesEnter) {
  ModelBuilder model = two_process_chain();
  model.product("bread");
  model.process("bakery");
  model.output("bakery", "bread", 1.0);
  auto result = calculate(model.db, request_for("mill", 1.0), nullptr);
  ASSERT_TRUE(result.ok()) << result.error().message();
  EXPECT_EQ(result->system.columns.size(), 2u);
  EXPECT_EQ(result->system.column_index.count(TechnosphereKey{"bakery", "bread"}), 0u);
}

// A needs 0.2 B per unit, B needs 0.5 A per unit; CO2 1 kg per A, 2 kg per
// B. For 1 A: s_A = 1 / (1 - 0.1) = 10/9, s_B = 2/9, CO2 = 10/9 + 4/9 = 14/9.
TEST(EngineLoop, StableLoopByHand) {
  ModelBuilder model;
  model.product("a");
  model.product("b");
  model.elementary("co2");
  model.process("pa");
  model.output("pa", "a", 1.0);
  model.input("pa", "b", 0.2);
  model.output("pa", "co2", 1.0);
  model.process("pb");
  model.output("pb", "b", 1.0);
  model.input("pb", "a", 0.5);
  model.output("pb", "co2", 2.0);

  auto result = calculate(model.db, request_for("pa", 1.0), nullptr);
  ASSERT_TRUE(result.ok()) << result.error().message();
  EXPECT_NEAR(scaling_of(*result, "pa", "a"), 10.0 / 9.0, 1e-14);
  EXPECT_NEAR(scaling_of(*result, "pb", "b"), 2.0 / 9.0, 1e-14);
  EXPECT_NEAR(inventory_amount(*result, "co2"), 14.0 / 9.0, 1e-14);
  EXPECT_TRUE(result->warnings.empty());
}

// Plant M makes 2 kg A and 3 kg B per run and emits 10 kg CO2; physical
// factors 0.4/0.6, economic 0.7/0.3, causal for the CO2 exchange 0.9/0.1.
// Per kg of A: physical 10 * 0.4 / 2 = 2, economic 3.5, causal 4.5, mass
// shares 2 / 5 -> 2, none 10 / 2 = 5 with 1.5 kg B leaving the system.
ModelBuilder multi_output(bool with_factors) {
  ModelBuilder model;
  model.product("a");
  model.product("b");
  model.elementary("co2");
  model.process("m");
  model.output("m", "a", 2.0);
  model.output("m", "b", 3.0);
  model.output("m", "co2", 10.0);
  if (with_factors) {
    model.factor("m", AllocationMethod::kPhysical, "a", 0.4);
    model.factor("m", AllocationMethod::kPhysical, "b", 0.6);
    model.factor("m", AllocationMethod::kEconomic, "a", 0.7);
    model.factor("m", AllocationMethod::kEconomic, "b", 0.3);
    model.factor("m", AllocationMethod::kCausal, "a", 0.9, 3);
    model.factor("m", AllocationMethod::kCausal, "b", 0.1, 3);
  }
  return model;
}

TEST(EngineAllocation, EachMethodByHand) {
  ModelBuilder model = multi_output(true);
  struct Case {
    AllocationMode mode;
    double co2;
  };
  for (Case c : {Case{AllocationMode::kPhysical, 2.0}, Case{AllocationMode::kEconomic, 3.5},
                 Case{AllocationMode::kCausal, 4.5}, Case{AllocationMode::kDefault, 2.0},
                 Case{AllocationMode::kNone, 5.0}}) {
    auto result = calculate(model.db, request_for("m", 1.0, c.mode, "a"), nullptr);
    ASSERT_TRUE(result.ok()) << allocation_mode_name(c.mode) << ": " << result.error().message();
    EXPECT_NEAR(inventory_amount(*result, "co2"), c.co2, 1e-12) << allocation_mode_name(c.mode);
  }
}

TEST(EngineAllocation, NoneReportsUnusedCoProduct) {
  ModelBuilder model = multi_output(false);
  auto result = calculate(model.db, request_for("m", 1.0, AllocationMode::kNone, "a"), nullptr);
  ASSERT_TRUE(result.ok()) << result.error().message();
  const InventoryEntry& b = result->inventory[result->system.inventory_index.at("b")];
  EXPECT_EQ(b.kind, InventoryFlowKind::kBoundaryProduct);
  EXPECT_FALSE(b.is_input);
  EXPECT_DOUBLE_EQ(b.amount, 1.5);
}

TEST(EngineAllocation, NoneGivesUsedCoProductsOwnColumns) {
  // Consumer C needs 1 kg A and 2 kg B. Without allocation each column
  // carries the whole run: s_(m,a) = 1/2 run for A, s_(m,b) = 2/3 run for B,
  // CO2 = (1/2 + 2/3) * 10 = 35/3 kg. The other co-product of each column
  // leaves the system: B 1/2 * 3 = 1.5 kg, A 2/3 * 2 = 4/3 kg.
  ModelBuilder model = multi_output(false);
  model.product("c");
  model.process("consumer");
  model.output("consumer", "c", 1.0);
  model.input("consumer", "a", 1.0);
  model.input("consumer", "b", 2.0);
  auto result = calculate(model.db, request_for("consumer", 1.0, AllocationMode::kNone), nullptr);
  ASSERT_TRUE(result.ok()) << result.error().message();
  EXPECT_DOUBLE_EQ(scaling_of(*result, "m", "a"), 0.5);
  EXPECT_NEAR(scaling_of(*result, "m", "b"), 2.0 / 3.0, 1e-15);
  EXPECT_NEAR(inventory_amount(*result, "co2"), 35.0 / 3.0, 1e-14);
  EXPECT_DOUBLE_EQ(inventory_amount(*result, "b"), 1.5);
  EXPECT_NEAR(inventory_amount(*result, "a"), 4.0 / 3.0, 1e-15);
}

TEST(EngineAllocation, DefaultUsesProcessDefaultMethod) {
  ModelBuilder model = multi_output(true);
  model.db.processes.at("m").default_allocation = AllocationMethod::kEconomic;
  auto result = calculate(model.db, request_for("m", 1.0, AllocationMode::kDefault, "a"), nullptr);
  ASSERT_TRUE(result.ok()) << result.error().message();
  EXPECT_NEAR(inventory_amount(*result, "co2"), 3.5, 1e-12);
  ASSERT_EQ(result->system.allocations.size(), 1u);
  EXPECT_EQ(result->system.allocations[0].source, AllocationSource::kProcessDefault);
}

TEST(EngineAllocation, DefaultFallsBackToMassShares) {
  ModelBuilder model = multi_output(false);
  auto result = calculate(model.db, request_for("m", 1.0, AllocationMode::kDefault, "b"), nullptr);
  ASSERT_TRUE(result.ok()) << result.error().message();
  // 3 / 5 of 10 kg CO2 for 3 kg B -> 2 kg per kg B.
  EXPECT_NEAR(inventory_amount(*result, "co2"), 2.0, 1e-12);
  EXPECT_EQ(result->system.allocations[0].source, AllocationSource::kMassShares);
  EXPECT_NE(result->allocation_description.find("shares by mass"), std::string::npos)
      << result->allocation_description;
}

TEST(EngineAllocation, DefaultFailsWithoutMassUnits) {
  ModelBuilder model = multi_output(false);
  model.product("heat", testing::kEnergy);
  model.output("m", "heat", 4.0);
  auto result = calculate(model.db, request_for("m", 1.0, AllocationMode::kDefault, "a"), nullptr);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code(), util::ErrorCode::kModel);
  EXPECT_NE(result.error().message().find("'process m' (m)"), std::string::npos)
      << result.error().message();
  EXPECT_NE(result.error().message().find("--allocation"), std::string::npos);
}

// Factory F makes 1 kg P and 0.3 kg waste W, emitting 1 kg CO2; treatment
// T takes 1 kg W and emits 0.5 kg CO2. For 1 kg P: s_T = 0.3 and CO2 =
// 1 + 0.15 = 1.15. Treating 2 kg W directly: s_T = 2, CO2 = 1.
ModelBuilder waste_system() {
  ModelBuilder model;
  model.product("p");
  model.waste("w");
  model.elementary("co2");
  model.process("f");
  model.output("f", "p", 1.0);
  model.output("f", "w", 0.3);
  model.output("f", "co2", 1.0);
  model.process("t");
  model.input("t", "w", 1.0).is_quantitative_reference = true;
  model.output("t", "co2", 0.5);
  return model;
}

TEST(EngineWaste, TreatmentLinkedToWasteOutput) {
  ModelBuilder model = waste_system();
  auto result = calculate(model.db, request_for("f", 1.0), nullptr);
  ASSERT_TRUE(result.ok()) << result.error().message();
  EXPECT_NEAR(scaling_of(*result, "t", "w"), 0.3, 1e-15);
  EXPECT_NEAR(inventory_amount(*result, "co2"), 1.15, 1e-15);
}

TEST(EngineWaste, TreatmentAsDemand) {
  ModelBuilder model = waste_system();
  auto result = calculate(model.db, request_for("t", 2.0), nullptr);
  ASSERT_TRUE(result.ok()) << result.error().message();
  EXPECT_DOUBLE_EQ(scaling_of(*result, "t", "w"), 2.0);
  EXPECT_DOUBLE_EQ(inventory_amount(*result, "co2"), 1.0);
}

TEST(EngineWaste, UntreatedWasteIsBoundaryFlow) {
  ModelBuilder model = waste_system();
  model.db.processes.erase("t");
  auto result = calculate(model.db, request_for("f", 1.0), nullptr);
  ASSERT_TRUE(result.ok()) << result.error().message();
  const InventoryEntry& w = result->inventory[result->system.inventory_index.at("w")];
  EXPECT_EQ(w.kind, InventoryFlowKind::kBoundaryWaste);
  EXPECT_FALSE(w.is_input);
  EXPECT_DOUBLE_EQ(w.amount, 0.3);
}

// Incinerator I makes 1 unit of service and, as an avoided product, 0.5 MJ
// electricity, published as an input with the avoided flag. Power E emits
// 0.4 kg CO2 per MJ and I emits 1 kg. For one unit: s_E = -0.5 and
// CO2 = 1 - 0.2 = 0.8.
TEST(EngineAvoided, AvoidedProductCredits) {
  ModelBuilder model;
  model.product("service");
  model.product("electricity", testing::kEnergy);
  model.elementary("co2");
  model.process("i");
  model.output("i", "service", 1.0);
  model.input("i", "electricity", 0.5).is_avoided_product = true;
  model.output("i", "co2", 1.0);
  model.process("e");
  model.output("e", "electricity", 1.0);
  model.output("e", "co2", 0.4);

  auto result = calculate(model.db, request_for("i", 1.0), nullptr);
  ASSERT_TRUE(result.ok()) << result.error().message();
  EXPECT_DOUBLE_EQ(scaling_of(*result, "e", "electricity"), -0.5);
  EXPECT_DOUBLE_EQ(inventory_amount(*result, "co2"), 0.8);
  EXPECT_TRUE(result->warnings.empty());
}

// A needs 1 B, B needs 1 A: the loop gain is exactly one.
TEST(EngineErrors, SingularSystemNamesProcesses) {
  ModelBuilder model;
  model.product("a");
  model.product("b");
  model.process("pa");
  model.output("pa", "a", 1.0);
  model.input("pa", "b", 1.0);
  model.process("pb");
  model.output("pb", "b", 1.0);
  model.input("pb", "a", 1.0);

  auto result = calculate(model.db, request_for("pa", 1.0), nullptr);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code(), util::ErrorCode::kModel);
  EXPECT_NE(result.error().message().find("singular"), std::string::npos) << result.error().message();
  EXPECT_NE(result.error().message().find("process pa"), std::string::npos) << result.error().message();
  EXPECT_NE(result.error().message().find("process pb"), std::string::npos) << result.error().message();
}

// A needs 2 B, B needs 1 A: the cycle multiplies demand by 2, a spectral
// radius of sqrt(2); s_A = -1, s_B = -2.
ModelBuilder unstable_loop() {
  ModelBuilder model;
  model.product("a");
  model.product("b");
  model.elementary("co2");
  model.process("pa");
  model.output("pa", "a", 1.0);
  model.input("pa", "b", 2.0);
  model.output("pa", "co2", 1.0);
  model.process("pb");
  model.output("pb", "b", 1.0);
  model.input("pb", "a", 1.0);
  return model;
}

TEST(EngineSanity, LoopGainFailsWithAllocation) {
  ModelBuilder model = unstable_loop();
  auto result = calculate(model.db, request_for("pa", 1.0, AllocationMode::kDefault), nullptr);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code(), util::ErrorCode::kModel);
  EXPECT_NE(result.error().message().find("loop gain 1.41421"), std::string::npos) << result.error().message();
  EXPECT_NE(result.error().message().find("negative scaling"), std::string::npos);
}

TEST(EngineSanity, LoopGainWarnsWithoutAllocation) {
  ModelBuilder model = unstable_loop();
  auto result = calculate(model.db, request_for("pa", 1.0, AllocationMode::kNone), nullptr);
  ASSERT_TRUE(result.ok()) << result.error().message();
  ASSERT_EQ(result->warnings.size(), 2u);
  EXPECT_EQ(result->warnings[0].issue, SanityIssue::kNegativeScaling);
  EXPECT_EQ(result->warnings[0].process_ids, (std::vector<std::string>{"pa", "pb"}));
  EXPECT_EQ(result->warnings[1].issue, SanityIssue::kLoopGain);
  EXPECT_NEAR(result->warnings[1].value, std::sqrt(2.0), 1e-9);
  EXPECT_EQ(result->warnings[1].flow_ids, (std::vector<std::string>{"a", "b"}));
  EXPECT_DOUBLE_EQ(scaling_of(*result, "pa", "a"), -1.0);
  EXPECT_DOUBLE_EQ(inventory_amount(*result, "co2"), -1.0);
}

TEST(EngineSanity, SelfConsumptionAboveOutput) {
  // The process takes 1.5 kg of its own 1 kg output: gain 1.5, s = -2.
  ModelBuilder model;
  model.product("a");
  model.process("pa");
  model.output("pa", "a", 1.0);
  model.input("pa", "a", 1.5);
  auto result = calculate(model.db, request_for("pa", 1.0, AllocationMode::kNone), nullptr);
  ASSERT_TRUE(result.ok()) << result.error().message();
  ASSERT_EQ(result->warnings.size(), 2u);
  EXPECT_NEAR(result->warnings[1].value, 1.5, 1e-12);
  EXPECT_DOUBLE_EQ(scaling_of(*result, "pa", "a"), -2.0);
}

TEST(EngineErrors, DemandErrors) {
  ModelBuilder model = two_process_chain();
  auto unknown = calculate(model.db, request_for("nowhere", 1.0), nullptr);
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code(), util::ErrorCode::kNotFound);

  auto not_provided = calculate(model.db, request_for("mill", 1.0, AllocationMode::kDefault, "electricity"), nullptr);
  ASSERT_FALSE(not_provided.ok());
  EXPECT_EQ(not_provided.error().code(), util::ErrorCode::kInvalidInput);
  EXPECT_NE(not_provided.error().message().find("does not provide"), std::string::npos);

  auto zero = calculate(model.db, request_for("mill", 0.0), nullptr);
  ASSERT_FALSE(zero.ok());
  EXPECT_EQ(zero.error().code(), util::ErrorCode::kInvalidInput);
}

TEST(EngineErrors, ZeroReferenceAmount) {
  ModelBuilder model = two_process_chain();
  model.db.processes.at("power").exchanges[0].amount = 0.0;
  auto result = calculate(model.db, request_for("mill", 1.0), nullptr);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code(), util::ErrorCode::kModel);
  EXPECT_NE(result.error().message().find("'process power' (power) produces 0"), std::string::npos)
      << result.error().message();
}

TEST(EngineCache, ReusesDatabaseFactorization) {
  ModelBuilder model = two_process_chain();
  model.db.digest = "digest-chain";
  CalculationCache cache;
  auto first = calculate(model.db, request_for("mill", 10.0), &cache);
  ASSERT_TRUE(first.ok()) << first.error().message();
  auto second = calculate(model.db, request_for("power", 3.0), &cache);
  ASSERT_TRUE(second.ok()) << second.error().message();

  EXPECT_FALSE(first->reused_factorization);
  EXPECT_TRUE(second->reused_factorization);
  EXPECT_EQ(cache.factorizations(), 1);
  EXPECT_DOUBLE_EQ(inventory_amount(*first, "co2"), 20.0);
  EXPECT_DOUBLE_EQ(inventory_amount(*second, "co2"), 1.5);
}

TEST(EngineCache, ClearDropsFactorizations) {
  ModelBuilder model = two_process_chain();
  model.db.digest = "digest-chain";
  CalculationCache cache;
  ASSERT_TRUE(calculate(model.db, request_for("mill", 1.0), &cache).ok());
  cache.clear();
  auto after = calculate(model.db, request_for("mill", 1.0), &cache);
  ASSERT_TRUE(after.ok());
  EXPECT_FALSE(after->reused_factorization);
  EXPECT_EQ(cache.factorizations(), 2);
}

TEST(EngineCache, SameBytesWithAndWithoutCache) {
  ModelBuilder model = two_process_chain();
  model.db.digest = "digest-chain";
  CalculationCache cache;
  auto cached = calculate(model.db, request_for("mill", 7.0), &cache);
  auto again = calculate(model.db, request_for("mill", 7.0), &cache);
  auto uncached = calculate(model.db, request_for("mill", 7.0), nullptr);
  ASSERT_TRUE(cached.ok());
  ASSERT_TRUE(again.ok());
  ASSERT_TRUE(uncached.ok());
  for (size_t row = 0; row < cached->inventory.size(); ++row) {
    EXPECT_EQ(util::format_decimal(cached->inventory[row].amount),
              util::format_decimal(again->inventory[row].amount));
    EXPECT_EQ(util::format_decimal(cached->inventory[row].amount),
              util::format_decimal(uncached->inventory[row].amount));
  }
}

TEST(EngineCache, NoneSharesFactorizationAcrossCoProducts) {
  ModelBuilder model = multi_output(false);
  model.db.digest = "digest-multi";
  CalculationCache cache;
  auto first = calculate(model.db, request_for("m", 1.0, AllocationMode::kNone, "a"), &cache);
  auto second = calculate(model.db, request_for("m", 3.0, AllocationMode::kNone, "b"), &cache);
  ASSERT_TRUE(first.ok()) << first.error().message();
  ASSERT_TRUE(second.ok()) << second.error().message();
  EXPECT_FALSE(first->reused_factorization);
  EXPECT_TRUE(second->reused_factorization);
  EXPECT_DOUBLE_EQ(inventory_amount(*second, "co2"), 10.0);
  EXPECT_DOUBLE_EQ(inventory_amount(*second, "a"), 2.0);
}

TEST(EngineCache, SingularDatabaseFallsBackPerDemand) {
  // An unrelated pair of processes that need each other one to one makes the
  // database-wide matrix singular; the chain still computes on its own.
  ModelBuilder model = two_process_chain();
  model.product("x");
  model.product("y");
  model.process("px");
  model.output("px", "x", 1.0);
  model.input("px", "y", 1.0);
  model.process("py");
  model.output("py", "y", 1.0);
  model.input("py", "x", 1.0);
  model.db.digest = "digest-singular";
  CalculationCache cache;
  auto first = calculate(model.db, request_for("mill", 10.0), &cache);
  ASSERT_TRUE(first.ok()) << first.error().message();
  auto second = calculate(model.db, request_for("mill", 5.0), &cache);
  ASSERT_TRUE(second.ok()) << second.error().message();
  EXPECT_DOUBLE_EQ(inventory_amount(*first, "co2"), 20.0);
  EXPECT_TRUE(second->reused_factorization);
  EXPECT_EQ(cache.factorizations(), 1);
}

TEST(EngineContribution, DirectContributionsByProcess) {
  ModelBuilder model = two_process_chain();
  auto result = calculate(model.db, request_for("mill", 10.0), nullptr);
  ASSERT_TRUE(result.ok()) << result.error().message();
  CharacterizationFactors gwp{{"co2", 1.0}};

  EXPECT_DOUBLE_EQ(total_impact(*result, gwp), 20.0);
  std::vector<ProcessContribution> contributions = direct_contributions(*result, gwp);
  ASSERT_EQ(contributions.size(), 2u);
  EXPECT_EQ(contributions[0].process_id, "mill");
  EXPECT_DOUBLE_EQ(contributions[0].amount, 10.0);
  EXPECT_DOUBLE_EQ(contributions[0].share, 0.5);
  EXPECT_EQ(contributions[1].process_id, "power");
  EXPECT_DOUBLE_EQ(contributions[1].amount, 10.0);
}

}  // namespace
}  // namespace trustpcf::lca
