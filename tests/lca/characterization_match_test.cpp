#include <gtest/gtest.h>

#include "lca/characterization.hpp"

namespace trustpcf::lca {
namespace {

Flow elementary(std::string name, std::vector<std::string> category, std::string cas = "") {
  Flow flow;
  flow.id = "f-" + name;
  flow.name = std::move(name);
  flow.type = FlowType::kElementary;
  flow.cas = std::move(cas);
  flow.category_path = std::move(category);
  return flow;
}

const std::vector<std::string> kAir = {"Elementary flows", "air", "unspecified"};
const std::vector<std::string> kWater = {"Elementary flows", "water", "unspecified"};
const std::vector<std::string> kResourceInAir = {"resource", "in air"};

TEST(NormalizeFlowName, TrailingSpaceAndCase) {
  EXPECT_EQ(normalize_flow_name("Carbon dioxide, fossil "), "carbon dioxide, fossil");
  EXPECT_EQ(normalize_flow_name("  METHANE,   Fossil"), "methane, fossil");
}

TEST(NormalizeFlowName, HyphenBeforeCommaOrEnd) {
  EXPECT_EQ(normalize_flow_name("Methane, dichloro-, HCC-30"),
            normalize_flow_name("Methane, dichloro, HCC-30"));
  EXPECT_EQ(normalize_flow_name("Ethene, trichloro-"), "ethene, trichloro");
  EXPECT_EQ(normalize_flow_name("Ethane, 2-chloro-1,1,1,2-tetra-fluoro-, HCFC-124"),
            "ethane, 2-chloro-1,1,1,2-tetra-fluoro, hcfc-124");
}

TEST(NormalizeCas, LeadingZerosAndPlaceholders) {
  EXPECT_EQ(normalize_cas("000124-38-9"), "124-38-9");
  EXPECT_EQ(normalize_cas(" 74-82-8 "), "74-82-8");
  EXPECT_EQ(normalize_cas(""), "");
  EXPECT_EQ(normalize_cas("(no data)"), "");
}

TEST(ClassifyCompartment, PathsAndNameSuffix) {
  EXPECT_EQ(classify_compartment(elementary("x", kAir)), FlowCompartment::kAir);
  EXPECT_EQ(classify_compartment(elementary("x", {"air", "low. pop."})), FlowCompartment::kAir);
  EXPECT_EQ(classify_compartment(elementary("x", kResourceInAir)), FlowCompartment::kResource);
  EXPECT_EQ(classify_compartment(elementary("x", kWater)), FlowCompartment::kOther);
  EXPECT_EQ(classify_compartment(elementary("x", {"Elementary Flows", "NETL", "Emission to air"})),
            FlowCompartment::kAir);
  EXPECT_EQ(classify_compartment(elementary("Methane [Organic emissions to air]", {"x"})),
            FlowCompartment::kAir);
  EXPECT_EQ(classify_compartment(elementary("x", {"Elementary Flows"})), FlowCompartment::kUnknown);
}

TEST(Characterize, FossilCo2WithTrailingSpace) {
  auto result = characterize(elementary("Carbon dioxide, fossil ", kAir));
  ASSERT_TRUE(result.has_value());
  EXPECT_EQ(result->gas->id, "co2");
  EXPECT_EQ(result->origin, GasOrigin::kFossil);
  EXPECT_EQ(result->matched_by, MatchKind::kName);
  EXPECT_DOUBLE_EQ(result->factor(GwpMethod::kIpccAr6Gwp100), 1.0);
}

TEST(Characterize, Co2InAirIsNegativeUptake) {
  auto result = characterize(elementary("Carbon dioxide, in air", {"resource", "biotic"}));
  ASSERT_TRUE(result.has_value());
  EXPECT_EQ(result->origin, GasOrigin::kAirUptake);
  EXPECT_DOUBLE_EQ(result->factor(GwpMethod::kIpccAr6Gwp100), -1.0);
}

TEST(Characterize, PlainCo2AsResourceIsUptake) {
  auto result = characterize(elementary("Carbon dioxide", kResourceInAir));
  ASSERT_TRUE(result.has_value());
  EXPECT_EQ(result->origin, GasOrigin::kAirUptake);
}

TEST(Characterize, BiogenicMethaneUsesNonFossilFactor) {
  auto result = characterize(elementary("Methane, biogenic", {"air", "high population density"}));
  ASSERT_TRUE(result.has_value());
  EXPECT_EQ(result->origin, GasOrigin::kBiogenic);
  EXPECT_DOUBLE_EQ(result->factor(GwpMethod::kIpccAr6Gwp100), 27.0);
  EXPECT_DOUBLE_EQ(result->factor(GwpMethod::kIpccAr5Gwp100), 28.0);
}

TEST(Characterize, UnspecifiedMethaneUsesFossilFactor) {
  auto result = characterize(elementary("Methane", kAir));
  ASSERT_TRUE(result.has_value());
  EXPECT_EQ(result->origin, GasOrigin::kUnspecified);
  EXPECT_DOUBLE_EQ(result->factor(GwpMethod::kIpccAr6Gwp100), 29.8);
}

TEST(Characterize, LandTransformationCo2) {
  auto result = characterize(elementary("Carbon dioxide, land transformation", kAir));
  ASSERT_TRUE(result.has_value());
  EXPECT_EQ(result->origin, GasOrigin::kLandUseChange);
}

TEST(Characterize, UnknownCompartmentTakenAsAir) {
  auto result = characterize(elementary("Carbon dioxide, biogenic", {"Elementary Flows"}));
  ASSERT_TRUE(result.has_value());
  EXPECT_EQ(result->origin, GasOrigin::kBiogenic);
}

TEST(Characterize, EmissionToWaterHasNoFactor) {
  EXPECT_FALSE(characterize(elementary("Methane, dichloro-, HCC-30", kWater)).has_value());
  EXPECT_FALSE(characterize(elementary("Methane", kWater, "74-82-8")).has_value());
}

TEST(Characterize, CasFallbackReadsOriginFromName) {
  auto fossil = characterize(elementary("Methane (fossil origin)", kAir, "0074-82-8"));
  ASSERT_TRUE(fossil.has_value());
  EXPECT_EQ(fossil->matched_by, MatchKind::kCas);
  EXPECT_EQ(fossil->gas->id, "ch4-fossil");
  EXPECT_EQ(fossil->origin, GasOrigin::kFossil);

  auto biogenic = characterize(elementary("CH4 (biogenic)", kAir, "74-82-8"));
  ASSERT_TRUE(biogenic.has_value());
  EXPECT_EQ(biogenic->gas->id, "ch4-non-fossil");
  EXPECT_EQ(biogenic->origin, GasOrigin::kBiogenic);

  auto sf6 = characterize(elementary("SF6", kAir, "2551-62-4"));
  ASSERT_TRUE(sf6.has_value());
  EXPECT_DOUBLE_EQ(sf6->factor(GwpMethod::kIpccAr5Gwp100), 23500.0);
}

TEST(Characterize, IpccGasNameWithoutCas) {
  auto ar6_name = characterize(elementary("Tetrafluoromethane", kAir));
  ASSERT_TRUE(ar6_name.has_value());
  EXPECT_EQ(ar6_name->matched_by, MatchKind::kGasName);
  EXPECT_EQ(ar6_name->gas->id, "pfc-14");
  EXPECT_EQ(ar6_name->origin, GasOrigin::kUnspecified);

  auto acronym = characterize(elementary("HFC-134a", {"Emission to air"}));
  ASSERT_TRUE(acronym.has_value());
  EXPECT_DOUBLE_EQ(acronym->factor(GwpMethod::kIpccAr6Gwp100), 1530.0);

  EXPECT_FALSE(characterize(elementary("Hexafluoroethane", kWater)).has_value());
}

TEST(Characterize, MethaneInGroundIsNoEmission) {
  EXPECT_FALSE(characterize(elementary("Methane, in ground", {"resource", "in ground"}, "74-82-8"))
                   .has_value());
}

TEST(Characterize, ProductFlowIsIgnored) {
  Flow flow = elementary("Carbon dioxide, fossil", kAir);
  flow.type = FlowType::kProduct;
  EXPECT_FALSE(characterize(flow).has_value());
}

TEST(GhgDetector, MixtureWithoutFactorIsFlagged) {
  EXPECT_TRUE(looks_like_ghg_without_factor(elementary("HFCs and HCFCs, unspecified", kAir)));
  EXPECT_TRUE(looks_like_ghg_without_factor(elementary("Perfluorocarbons, unspecified", kAir)));
}

TEST(GhgDetector, UnmappedFluorocarbonIsFlagged) {
  EXPECT_TRUE(looks_like_ghg_without_factor(elementary("Propane, octafluoro-, PFC-218", kAir)));
  EXPECT_TRUE(looks_like_ghg_without_factor(elementary("Methane, from hydrates", kAir)));
}

TEST(GhgDetector, MappedAndNonGhgAreNotFlagged) {
  EXPECT_FALSE(looks_like_ghg_without_factor(elementary("Methane, fossil", kAir)));
  EXPECT_FALSE(looks_like_ghg_without_factor(elementary("Hydrocarbons (other than methane)", kAir)));
  EXPECT_FALSE(looks_like_ghg_without_factor(elementary("Methanesulfonic acid", kAir)));
  EXPECT_FALSE(looks_like_ghg_without_factor(elementary("Fluoranthene", kAir)));
  EXPECT_FALSE(looks_like_ghg_without_factor(elementary("Boron trifluoride", kAir)));
}

TEST(GhgDetector, EmissionToWaterIsNotFlagged) {
  EXPECT_FALSE(looks_like_ghg_without_factor(elementary("CFCs, unspecified", kWater)));
}

TEST(GhgDetector, DatabaseScanInIdOrder) {
  Database database;
  for (Flow flow : {elementary("HFCs and HCFCs, unspecified", kAir),
                    elementary("Methane, fossil", kAir),
                    elementary("Perfluorocarbons, unspecified", kAir)}) {
    database.flows[flow.id] = flow;
  }
  std::vector<const Flow*> found = find_ghg_flows_without_factor(database);
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0]->name, "HFCs and HCFCs, unspecified");
  EXPECT_EQ(found[1]->name, "Perfluorocarbons, unspecified");
}

TEST(GwpMethodName, RoundTrips) {
  for (GwpMethod method : {GwpMethod::kIpccAr6Gwp100, GwpMethod::kIpccAr5Gwp100}) {
    auto parsed = parse_gwp_method(gwp_method_name(method));
    ASSERT_TRUE(parsed.ok());
    EXPECT_EQ(*parsed, method);
  }
  EXPECT_STREQ(ipcc_report_name(kDefaultGwpMethod), "AR6");
  auto bad = parse_gwp_method("gwp100");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code(), util::ErrorCode::kUsage);
}

}  // namespace
}  // namespace trustpcf::lca
