#include "proof/methodology.hpp"

#include <gtest/gtest.h>

#include "support/shared_data.hpp"
#include "util/files.hpp"

namespace trustpcf::proof {
namespace {

nlohmann::json example_footprint() {
  auto text = util::read_file(testing::shared_dir() / "pact/v3/examples/example-1.json");
  return text.ok() ? nlohmann::json::parse(*text) : nlohmann::json();
}

const CheckResult* find_check(const std::vector<CheckResult>& results, const std::string& name) {
  for (const auto& result : results) {
    if (result.name == name) return &result;
  }
  return nullptr;
}

// Changes one field of the example and expects check `name` to fail with `words`.
void expect_check_fails(const std::string& pointer, const nlohmann::json& value,
                        const std::string& name, const std::string& words) {
  nlohmann::json footprint = example_footprint();
  footprint[nlohmann::json::json_pointer(pointer)] = value;
  auto results = check_pact_methodology(footprint);
  const CheckResult* check = find_check(results, name);
  ASSERT_NE(check, nullptr) << name;
  EXPECT_FALSE(check->passed) << pointer;
  EXPECT_NE(check->reason.find(words), std::string::npos) << check->reason;
}

TEST(PactMethodology, PublishedExamplesPassEveryCheck) {
  TRUSTPCF_REQUIRE_SHARED(dir, "pact/v3/examples");
  for (const char* name : {"example-1.json", "example-2.json", "example-3.json"}) {
    auto text = util::read_file(dir / name);
    ASSERT_TRUE(text.ok());
    for (const CheckResult& check : check_pact_methodology(nlohmann::json::parse(*text))) {
      EXPECT_TRUE(check.passed) << name << ": " << check.name << ": " << check.reason;
    }
  }
}

TEST(PactMethodology, ReversedReferencePeriodFails) {
  TRUSTPCF_REQUIRE_SHARED(dir, "pact/v3/examples/example-1.json");
  expect_check_fails("/pcf/referencePeriodEnd", "2023-12-31T00:00:00Z", "reference period",
                     "is not after");
}

TEST(PactMethodology, UnknownDeclaredUnitFails) {
  TRUSTPCF_REQUIRE_SHARED(dir, "pact/v3/examples/example-1.json");
  expect_check_fails("/pcf/declaredUnitOfMeasurement", "kg", "declared unit", "'kg'");
}

TEST(PactMethodology, ZeroDeclaredAmountFails) {
  TRUSTPCF_REQUIRE_SHARED(dir, "pact/v3/examples/example-1.json");
  expect_check_fails("/pcf/declaredUnitAmount", "0", "declared unit", "above 0");
}

TEST(PactMethodology, NegativeExemptedEmissionsFails) {
  TRUSTPCF_REQUIRE_SHARED(dir, "pact/v3/examples/example-1.json");
  expect_check_fails("/pcf/exemptedEmissionsPercent", "-1", "exempted emissions", "outside 0 to 100");
}

TEST(PactMethodology, PrimaryDataShareAboveHundredFails) {
  TRUSTPCF_REQUIRE_SHARED(dir, "pact/v3/examples/example-1.json");
  expect_check_fails("/pcf/primaryDataShare", "100.5", "primary data share", "outside 0 to 100");
}

TEST(PactMethodology, DqrOutsideOneToFiveFails) {
  TRUSTPCF_REQUIRE_SHARED(dir, "pact/v3/examples/example-1.json");
  expect_check_fails("/pcf/dqi/temporalDQR", "0.5", "data quality ratings", "temporalDQR");
}

TEST(PactMethodology, NumberInPlaceOfDecimalFails) {
  TRUSTPCF_REQUIRE_SHARED(dir, "pact/v3/examples/example-1.json");
  expect_check_fails("/pcf/primaryDataShare", 12.9, "primary data share", "not a PACT decimal");
}

TEST(PactMethodology, MissingRequiredFieldIsNamed) {
  TRUSTPCF_REQUIRE_SHARED(dir, "pact/v3/examples/example-1.json");
  nlohmann::json footprint = example_footprint();
  footprint["pcf"].erase("fossilGhgEmissions");
  std::vector<CheckResult> results = check_pact_methodology(footprint);
  const CheckResult* check = find_check(results, "required fields");
  ASSERT_NE(check, nullptr);
  EXPECT_FALSE(check->passed);
  EXPECT_NE(check->reason.find("pcf.fossilGhgEmissions"), std::string::npos) << check->reason;
}

TEST(PactMethodology, TwoGeographiesFail) {
  TRUSTPCF_REQUIRE_SHARED(dir, "pact/v3/examples/example-1.json");
  expect_check_fails("/pcf/geographyCountry", "US", "geography", "more than one");
}

}  // namespace
}  // namespace trustpcf::proof
