// Footprints computed from evidence on the bundled sample: measured
// quantities replacing foreground exchanges, supplier footprints linked in
// place of providers, and the primaryDataShare rule. Expected figures come
// from data/sample/expected.py, which computes them without trustpcf code.

#include "proof/evidence_computation.hpp"

#include <gtest/gtest.h>

#include "lca/jsonld_model.hpp"
#include "lca/jsonld_reader.hpp"
#include "pcf/footprint_json.hpp"
#include "proof/primary_data_share.hpp"
#include "support/shared_data.hpp"
#include "util/files.hpp"

namespace trustpcf::proof {
namespace {

const std::filesystem::path kSample = ::trustpcf::testing::source_dir() / "data/sample";
constexpr const char* kAssembly = "fc254450-5a35-480d-9469-d9d36914de85";
constexpr const char* kCoating = "a30f0027-575d-4a49-b17d-30f01280db5e";
constexpr const char* kCoatedProfile = "ee5ace5e-b13e-4ddf-9cd9-cfa4718cf61a";
// Relative tolerance for figures the engine and expected.py both compute in doubles.
constexpr double kSameDouble = 1e-9;

crypto::Ed25519KeyPair meter_key() {
  return std::move(crypto::Ed25519KeyPair::from_seed(crypto::Bytes(32, 7))).value();
}

EvidenceBatch batch_of(const std::vector<nlohmann::json>& raw) {
  auto key = meter_key();
  auto batch = build_batch(raw, UnitCatalog::fallback(), key.public_key(), &key);
  EXPECT_TRUE(batch.ok()) << batch.error().message();
  return std::move(batch).value();
}

nlohmann::json record(const std::string& type, const std::string& flow, const std::string& quantity,
                      const std::string& unit, const std::string& start = "2025-01-01T00:00:00Z",
                      const std::string& end = "2026-01-01T00:00:00Z") {
  return {{"activityType", type}, {"flowName", flow}, {"quantity", quantity}, {"unit", unit},
          {"periodStart", start}, {"periodEnd", end}, {"site", "Foshan plant line 2"}};
}

class EvidenceComputationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto exported = lca::read_jsonld_export(kSample / "window-frame");
    ASSERT_TRUE(exported.ok()) << exported.error().message();
    std::vector<lca::ImportWarning> warnings;
    auto database = lca::build_database(exported->entities, warnings);
    ASSERT_TRUE(database.ok()) << database.error().message();
    database_ = std::move(database).value();
    database_.digest = std::string(64, 'd');
    expected_ = nlohmann::json::parse(util::read_file(kSample / "expected.json").value());
  }

  pcf::FootprintRequest request(const std::string& process) {
    pcf::FootprintRequest request;
    request.process_id = process;
    request.database_name = "window-frame";
    request.created = "2026-01-15T08:00:00Z";
    request.company_ids = {"urn:lei:5493001KJTIIGC8Y1R12"};
    request.company_name = "Example Windows Ltd";
    return request;
  }

  EvidenceBatch sample_batch() {
    auto raw = parse_activity_csv(util::read_file(kSample / "evidence/window-frame-2025.csv").value());
    EXPECT_TRUE(raw.ok());
    return batch_of(*raw);
  }

  SupplierFootprintSummary supplier(const std::string& pcf) {
    SupplierFootprintSummary summary;
    summary.footprint_digest = std::string(64, 'e');
    summary.footprint_id = "0b1a2c3d-0000-4000-8000-000000000001";
    summary.company_name = "Coating Co";
    summary.product_ids = {std::string("urn:uuid:") + kCoatedProfile};
    summary.declared_unit = "kilogram";
    summary.declared_unit_amount = "1";
    summary.pcf_excluding_biogenic_uptake = pcf;
    return summary;
  }

  lca::Database database_;
  nlohmann::json expected_;
};

TEST_F(EvidenceComputationTest, SampleEvidenceReplacesElectricity) {
  auto computed = compute_with_evidence(database_, request(kAssembly), {sample_batch()}, {});
  ASSERT_TRUE(computed.ok()) << computed.error().message();
  ASSERT_TRUE(computed->evidence.has_value());
  ASSERT_EQ(computed->evidence->replaced.size(), 1u);
  const ReplacedExchange& replaced = computed->evidence->replaced.front();
  EXPECT_EQ(replaced.flow_name, "Electricity, medium voltage");
  EXPECT_EQ(replaced.unit, "kWh");
  EXPECT_DOUBLE_EQ(replaced.original_amount, 1.5);
  EXPECT_NEAR(replaced.measured_amount, 1.47, 1.47 * kSameDouble);
  EXPECT_EQ(replaced.record_digests.size(), 12u);
  EXPECT_DOUBLE_EQ(computed->evidence->produced_amount, 12400.0);
  EXPECT_EQ(computed->evidence->period_start, "2025-01-01T00:00:00Z");
  EXPECT_EQ(computed->evidence->period_end, "2026-01-01T00:00:00Z");
}

TEST_F(EvidenceComputationTest, SampleEvidenceTotalMatchesExpected) {
  auto computed = compute_with_evidence(database_, request(kAssembly), {sample_batch()}, {});
  ASSERT_TRUE(computed.ok()) << computed.error().message();
  double expected = expected_["with_evidence_2025"]["excluding_biogenic_co2"].get<double>();
  EXPECT_NEAR(computed->computation.total, expected, expected * kSameDouble);
}

TEST_F(EvidenceComputationTest, SampleEvidencePrimaryDataShareMatchesExpected) {
  auto computed = compute_with_evidence(database_, request(kAssembly), {sample_batch()}, {});
  ASSERT_TRUE(computed.ok()) << computed.error().message();
  ASSERT_TRUE(computed->computation.built.footprint.pcf.primary_data_share.has_value());
  double share = std::stod(*computed->computation.built.footprint.pcf.primary_data_share);
  double expected = expected_["with_evidence_2025"]["primary_data_share_percent"].get<double>();
  EXPECT_NEAR(share, expected, expected * 1e-5);  // six significant digits in the footprint
}

TEST_F(EvidenceComputationTest, EvidenceChangesDerivedFootprintId) {
  auto plain = pcf::compute_footprint(database_, request(kAssembly), nullptr);
  ASSERT_TRUE(plain.ok());
  auto computed = compute_with_evidence(database_, request(kAssembly), {sample_batch()}, {});
  ASSERT_TRUE(computed.ok());
  EXPECT_NE(computed->computation.built.footprint.id, plain->built.footprint.id);
  EXPECT_EQ(computed->request.footprint_id, computed->computation.built.footprint.id);
  EXPECT_FALSE(plain->built.footprint.pcf.primary_data_share.has_value());
}

TEST_F(EvidenceComputationTest, RepeatedComputationGivesSameFootprint) {
  auto first = compute_with_evidence(database_, request(kAssembly), {sample_batch()}, {});
  auto second = compute_with_evidence(database_, first->request, {sample_batch()}, {});
  ASSERT_TRUE(first.ok());
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(pcf::to_json(first->computation.built.footprint), pcf::to_json(second->computation.built.footprint));
  EXPECT_EQ(first->foreground_definition(), second->foreground_definition());
}

TEST_F(EvidenceComputationTest, MegawattHoursConvertToExchangeUnit) {
  EvidenceBatch batch = batch_of({record("electricity", "Electricity, medium voltage", "1.5", "MWh"),
                                  record("production", "Window frame, aluminium, powder coated, packed", "2000",
                                         "Item(s)")});
  auto computed = compute_with_evidence(database_, request(kAssembly), {batch}, {});
  ASSERT_TRUE(computed.ok()) << computed.error().message();
  EXPECT_NEAR(computed->evidence->replaced.front().measured_amount, 0.75, 0.75 * kSameDouble);
}

TEST_F(EvidenceComputationTest, MissingProductionRecordIsRejected) {
  EvidenceBatch batch = batch_of({record("electricity", "Electricity, medium voltage", "1500", "kWh")});
  auto computed = compute_with_evidence(database_, request(kAssembly), {batch}, {});
  ASSERT_FALSE(computed.ok());
  EXPECT_EQ(computed.error().code(), util::ErrorCode::kInvalidInput);
  EXPECT_NE(computed.error().message().find("no production record"), std::string::npos);
}

TEST_F(EvidenceComputationTest, UnknownFlowNameIsRejected) {
  EvidenceBatch batch = batch_of({record("diesel", "Diesel, burned", "40", "kg"),
                                  record("production", "Window frame, aluminium, powder coated, packed", "100",
                                         "Item(s)")});
  auto computed = compute_with_evidence(database_, request(kAssembly), {batch}, {});
  ASSERT_FALSE(computed.ok());
  EXPECT_NE(computed.error().message().find("'Diesel, burned' matches no exchange"), std::string::npos)
      << computed.error().message();
}

TEST_F(EvidenceComputationTest, InconvertibleUnitIsRejected) {
  EvidenceBatch batch = batch_of({record("electricity", "Electricity, medium voltage", "40", "kg"),
                                  record("production", "Window frame, aluminium, powder coated, packed", "100",
                                         "Item(s)")});
  auto computed = compute_with_evidence(database_, request(kAssembly), {batch}, {});
  ASSERT_FALSE(computed.ok());
  EXPECT_NE(computed.error().message().find("unit 'kg' cannot be converted into 'kWh'"), std::string::npos)
      << computed.error().message();
}

TEST_F(EvidenceComputationTest, BatchGivenTwiceIsRejected) {
  EvidenceBatch batch = sample_batch();
  auto computed = compute_with_evidence(database_, request(kAssembly), {batch, batch}, {});
  ASSERT_FALSE(computed.ok());
  EXPECT_NE(computed.error().message().find("appears twice"), std::string::npos) << computed.error().message();
}

TEST_F(EvidenceComputationTest, PeriodOutsideProductionIsRejected) {
  EvidenceBatch batch = batch_of(
      {record("electricity", "Electricity, medium voltage", "150", "kWh", "2024-12-01T00:00:00Z",
              "2025-01-01T00:00:00Z"),
       record("production", "Window frame, aluminium, powder coated, packed", "100", "Item(s)")});
  auto computed = compute_with_evidence(database_, request(kAssembly), {batch}, {});
  ASSERT_FALSE(computed.ok());
  EXPECT_NE(computed.error().message().find("outside the production period"), std::string::npos)
      << computed.error().message();
}

TEST_F(EvidenceComputationTest, EvidenceOutsideReferencePeriodWarns) {
  EvidenceBatch batch = batch_of({record("electricity", "Electricity, medium voltage", "150", "kWh",
                                         "2024-01-01T00:00:00Z", "2025-01-01T00:00:00Z"),
                                  record("production", "Window frame, aluminium, powder coated, packed", "100",
                                         "Item(s)", "2024-01-01T00:00:00Z", "2025-01-01T00:00:00Z")});
  auto computed = compute_with_evidence(database_, request(kAssembly), {batch}, {});
  ASSERT_TRUE(computed.ok()) << computed.error().message();
  bool warned = false;
  for (const std::string& warning : computed->computation.built.warnings) {
    if (warning.find("the evidence covers 2024-01-01T00:00:00Z") != std::string::npos) warned = true;
  }
  EXPECT_TRUE(warned);
}

TEST_F(EvidenceComputationTest, SampleEvidenceMatchesReferencePeriod) {
  auto computed = compute_with_evidence(database_, request(kAssembly), {sample_batch()}, {});
  ASSERT_TRUE(computed.ok()) << computed.error().message();
  for (const std::string& warning : computed->computation.built.warnings) {
    EXPECT_EQ(warning.find("the evidence covers"), std::string::npos) << warning;
  }
}

TEST_F(EvidenceComputationTest, SupplierFootprintReplacesCoatedProfileChain) {
  const nlohmann::json& parts = expected_["with_supplier_coated_profile"];
  auto computed = compute_with_evidence(database_, request(kAssembly), {}, {{supplier("12.5"), ""}});
  ASSERT_TRUE(computed.ok()) << computed.error().message();
  double expected = 12.5 * parts["coated_profile_kg_per_frame"].get<double>() + parts["rest_kg_co2e"].get<double>();
  EXPECT_NEAR(computed->computation.total, expected, expected * kSameDouble);
  ASSERT_EQ(computed->suppliers.size(), 1u);
  EXPECT_EQ(computed->suppliers.front().flow_id, kCoatedProfile);
}

TEST_F(EvidenceComputationTest, SupplierAtOwnChainTotalKeepsFootprint) {
  double per_kg = expected_["with_supplier_coated_profile"]["coated_profile_kg_co2e_per_kg"].get<double>();
  auto computed = compute_with_evidence(database_, request(kAssembly), {},
                                        {{supplier(fmt::format("{:.15g}", per_kg)), ""}});
  ASSERT_TRUE(computed.ok()) << computed.error().message();
  double expected = expected_["totals_kg_co2e"]["excluding_biogenic_co2"].get<double>();
  EXPECT_NEAR(computed->computation.total, expected, expected * kSameDouble);
}

TEST_F(EvidenceComputationTest, SupplierProcessIsNamedInContributions) {
  auto computed = compute_with_evidence(database_, request(kAssembly), {}, {{supplier("12.5"), ""}});
  ASSERT_TRUE(computed.ok()) << computed.error().message();
  const lca::ProcessContribution& largest = computed->computation.contributions.front();
  EXPECT_EQ(computed->database->processes.at(largest.process_id).name,
            "supplier footprint eeeeeeeeeeee (Coating Co)");
}

TEST_F(EvidenceComputationTest, SupplierWithoutMatchingProductIsRejected) {
  SupplierFootprintSummary other = supplier("12.5");
  other.product_ids = {"urn:uuid:00000000-0000-4000-8000-000000000000"};
  auto computed = compute_with_evidence(database_, request(kAssembly), {}, {{other, ""}});
  ASSERT_FALSE(computed.ok());
  EXPECT_NE(computed.error().message().find("matches 0 product inputs"), std::string::npos)
      << computed.error().message();
}

TEST_F(EvidenceComputationTest, SupplierDeclaredUnitMustConvert) {
  SupplierFootprintSummary other = supplier("12.5");
  other.declared_unit = "kilowatt hour";
  auto computed = compute_with_evidence(database_, request(kAssembly), {}, {{other, kCoatedProfile}});
  ASSERT_FALSE(computed.ok());
  EXPECT_NE(computed.error().message().find("declared unit 'kilowatt hour' cannot be converted"), std::string::npos)
      << computed.error().message();
}

TEST_F(EvidenceComputationTest, SupplierOfCoatingLineKeepsOtherConsumers) {
  // The coating process itself consumes no coated profile, so linking a
  // supplier to the assembly leaves the coating column's chain unchanged.
  auto computed = compute_with_evidence(database_, request(kCoating), {}, {});
  ASSERT_TRUE(computed.ok()) << computed.error().message();
  double per_kg = expected_["with_supplier_coated_profile"]["coated_profile_kg_co2e_per_kg"].get<double>();
  EXPECT_NEAR(computed->computation.total, per_kg, per_kg * kSameDouble);
}

TEST(PrimaryDataShareRule, HandComputedExample) {
  // total 200: direct 20 (half evidence-backed), a provider of 100 with a
  // quarter of its amount evidence-backed, a supplier of 50 at 40 % and one
  // of 30 without a share. Primary: 10 + 25 + 20 + 0 = 55, so 27.5 %.
  PrimaryDataBasis basis;
  basis.total = 200.0;
  basis.direct = 20.0;
  basis.direct_evidence_fraction = 0.5;
  basis.providers = {{100.0, 0.25, false, std::nullopt}, {50.0, 0.0, true, 40.0}, {30.0, 0.0, true, std::nullopt}};
  auto share = primary_data_share_percent(basis);
  ASSERT_TRUE(share.has_value());
  EXPECT_DOUBLE_EQ(*share, 27.5);
}

TEST(PrimaryDataShareRule, ZeroTotalHasNoShare) {
  PrimaryDataBasis basis;
  basis.providers = {{0.0, 1.0, false, std::nullopt}};
  EXPECT_FALSE(primary_data_share_percent(basis).has_value());
}

TEST(PrimaryDataShareRule, ShareIsClampedToHundred) {
  // A negative provider (an avoided product) can push the primary part above the total.
  PrimaryDataBasis basis;
  basis.total = 10.0;
  basis.providers = {{15.0, 1.0, false, std::nullopt}, {-5.0, 0.0, false, std::nullopt}};
  EXPECT_DOUBLE_EQ(*primary_data_share_percent(basis), 100.0);
}

}  // namespace
}  // namespace trustpcf::proof
