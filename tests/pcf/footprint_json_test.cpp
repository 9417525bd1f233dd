#include "pcf/footprint_json.hpp"

#include <gtest/gtest.h>

#include "pact_examples.hpp"
#include "support/shared_data.hpp"

namespace trustpcf::pcf {
namespace {

using nlohmann::json;

// A small valid footprint that the tests below break one property at a time.
json minimal_footprint() {
  return json::parse(R"({
    "id": "3f1c8a52-7a44-4b9e-9c3e-0d6f1a2b3c4d",
    "specVersion": "3.0.0",
    "created": "2026-01-31T12:00:00Z",
    "status": "Active",
    "companyName": "Example Windows Ltd",
    "companyIds": ["urn:uuid:0b7e1c6e-2f41-4d8a-9f7a-6a8d2b1c0e9f"],
    "productDescription": "Aluminium window frame",
    "productIds": ["urn:uuid:5d2a9c1e-8b7f-4e3a-a1c2-3b4d5e6f7a8b"],
    "productNameCompany": "Window frame",
    "pcf": {
      "declaredUnitOfMeasurement": "piece",
      "declaredUnitAmount": "1",
      "productMassPerDeclaredUnit": "12.5",
      "referencePeriodStart": "2025-01-01T00:00:00Z",
      "referencePeriodEnd": "2026-01-01T00:00:00Z",
      "geographyCountry": "CN",
      "pcfExcludingBiogenicUptake": "151.2",
      "pcfIncludingBiogenicUptake": "150.9",
      "fossilGhgEmissions": "150.7",
      "fossilCarbonContent": "0",
      "biogenicCO2Uptake": "-0.3",
      "ipccCharacterizationFactors": ["AR6"],
      "crossSectoralStandards": ["ISO14040-44"],
      "exemptedEmissionsPercent": "0"
    }
  })");
}

std::string parse_error(const json& document) {
  auto parsed = parse_product_footprint(document);
  return parsed.ok() ? "" : parsed.error().message();
}

TEST(ParseProductFootprint, MinimalFootprintRoundTrips) {
  json document = minimal_footprint();
  auto parsed = parse_product_footprint(document);
  ASSERT_TRUE(parsed.ok()) << parsed.error().message();
  EXPECT_EQ(parsed->pcf.geography_country, "CN");
  EXPECT_EQ(parsed->pcf.biogenic_co2_uptake, "-0.3");
  EXPECT_EQ(to_json(*parsed), document);
}

TEST(ParseProductFootprint, SpecificationExamplesRoundTrip) {
  TRUSTPCF_REQUIRE_SHARED(folder, "pact/v3/examples");
  int footprints = 0;
  for (const std::string& file : testing::kValidExampleFiles) {
    std::vector<json> documents = testing::footprints_in(folder / file);
    ASSERT_FALSE(documents.empty()) << file;
    for (const json& document : documents) {
      auto parsed = parse_product_footprint(document);
      ASSERT_TRUE(parsed.ok()) << file << ": " << parsed.error().message();
      EXPECT_EQ(to_json(*parsed), document) << file;
      ++footprints;
    }
  }
  EXPECT_EQ(footprints, 7);
}

TEST(ParseProductFootprint, InvalidSpecificationExampleIsRejected) {
  TRUSTPCF_REQUIRE_SHARED(path, "pact/v3/examples/invalid-response-all-properties.json");
  std::vector<json> documents = testing::footprints_in(path);
  ASSERT_EQ(documents.size(), 1u);
  std::string message = parse_error(documents[0]);
  ASSERT_FALSE(message.empty());
  EXPECT_NE(message.find("d9be4477-e351-45b3-acd9-e1da05e6f633"), std::string::npos) << message;
  EXPECT_NE(message.find("updated"), std::string::npos) << message;

  // Its second fault, found once the first is repaired.
  json repaired = documents[0];
  repaired["updated"] = "2025-01-08T14:47:32Z";
  message = parse_error(repaired);
  EXPECT_NE(message.find("pcf.packagingGhgEmissions"), std::string::npos) << message;
}

TEST(ParseProductFootprint, UnknownPropertiesAreKept) {
  json document = minimal_footprint();
  document["pcf"]["otherOperatorName"] = "TfS";
  document["vendorNote"] = {{"a", 1}};
  auto parsed = parse_product_footprint(document);
  ASSERT_TRUE(parsed.ok()) << parsed.error().message();
  EXPECT_EQ(parsed->pcf.extra["otherOperatorName"], "TfS");
  EXPECT_EQ(to_json(*parsed), document);
}

TEST(ParseProductFootprint, MissingRequiredPropertyIsNamed) {
  for (const char* key : {"pcfExcludingBiogenicUptake", "fossilCarbonContent",
                          "exemptedEmissionsPercent", "ipccCharacterizationFactors"}) {
    json document = minimal_footprint();
    document["pcf"].erase(key);
    std::string message = parse_error(document);
    EXPECT_NE(message.find(std::string("pcf.") + key + " is missing"), std::string::npos)
        << message;
  }
  json document = minimal_footprint();
  document.erase("productIds");
  EXPECT_NE(parse_error(document).find("productIds is missing"), std::string::npos);
}

TEST(ParseProductFootprint, DecimalRulesPerType) {
  struct Case {
    const char* key;
    const char* value;
    bool valid;
  };
  const Case cases[] = {
      {"fossilGhgEmissions", "-1", false},      {"fossilGhgEmissions", "1e3", false},
      {"fossilGhgEmissions", "+2.5", true},     {"biogenicCO2Uptake", "0.3", false},
      {"biogenicCO2Uptake", "0", true},         {"declaredUnitAmount", "0", false},
      {"declaredUnitAmount", "0.001", true},    {"pcfIncludingBiogenicUptake", "-14.22", true},
      {"pcfIncludingBiogenicUptake", "1.", false}, {"productMassPerDeclaredUnit", ".5", false},
  };
  for (const Case& c : cases) {
    json document = minimal_footprint();
    document["pcf"][c.key] = c.value;
    EXPECT_EQ(parse_error(document).empty(), c.valid) << c.key << "=" << c.value;
  }
  json number = minimal_footprint();
  number["pcf"]["fossilGhgEmissions"] = 150.7;
  EXPECT_NE(parse_error(number).find("JSON string"), std::string::npos);
}

TEST(ParseProductFootprint, TwoGeographiesAreRejected) {
  json document = minimal_footprint();
  document["pcf"]["geographyRegionOrSubregion"] = "Eastern Asia";
  EXPECT_NE(parse_error(document).find("set at most one"), std::string::npos);
}

TEST(ParseProductFootprint, GeographyFormats) {
  json region = minimal_footprint();
  region["pcf"].erase("geographyCountry");
  region["pcf"]["geographyRegionOrSubregion"] = "Mars";
  EXPECT_FALSE(parse_error(region).empty());

  json country = minimal_footprint();
  country["pcf"]["geographyCountry"] = "China";
  EXPECT_FALSE(parse_error(country).empty());

  json subdivision = minimal_footprint();
  subdivision["pcf"].erase("geographyCountry");
  subdivision["pcf"]["geographyCountrySubdivision"] = "CN-GD";
  EXPECT_TRUE(parse_error(subdivision).empty()) << parse_error(subdivision);

  json global = minimal_footprint();
  global["pcf"].erase("geographyCountry");
  EXPECT_TRUE(parse_error(global).empty());
}

TEST(ParseProductFootprint, IdsAndDatesAreChecked) {
  json id = minimal_footprint();
  id["id"] = "urn:uuid:3f1c8a52-7a44-4b9e-9c3e-0d6f1a2b3c4d";
  EXPECT_NE(parse_error(id).find("is not a UUID"), std::string::npos);

  json company = minimal_footprint();
  company["companyIds"] = {"company-1"};
  EXPECT_NE(parse_error(company).find("URN"), std::string::npos);

  json duplicate = minimal_footprint();
  duplicate["productIds"] = {"urn:a:1", "urn:a:1"};
  EXPECT_NE(parse_error(duplicate).find("twice"), std::string::npos);

  json empty = minimal_footprint();
  empty["companyIds"] = json::array();
  EXPECT_NE(parse_error(empty).find("non-empty"), std::string::npos);

  json date_only = minimal_footprint();
  date_only["created"] = "2026-01-31";
  EXPECT_NE(parse_error(date_only).find("RFC 3339"), std::string::npos);

  json version = minimal_footprint();
  version["specVersion"] = "2.3.0";
  EXPECT_NE(parse_error(version).find("only PACT v3"), std::string::npos);
}

TEST(ParseProductFootprint, EnumerationsAreChecked) {
  json unit = minimal_footprint();
  unit["pcf"]["declaredUnitOfMeasurement"] = "kg";
  EXPECT_NE(parse_error(unit).find("declared unit"), std::string::npos);

  json status = minimal_footprint();
  status["status"] = "Draft";
  EXPECT_FALSE(parse_error(status).empty());

  json report = minimal_footprint();
  report["pcf"]["ipccCharacterizationFactors"] = {"IPCC AR6"};
  EXPECT_FALSE(parse_error(report).empty());

  json rule = minimal_footprint();
  rule["pcf"]["productOrSectorSpecificRules"] = {{{"operator", "ISO"}, {"ruleNames", {"x"}}}};
  EXPECT_NE(parse_error(rule).find("operator"), std::string::npos);
}

TEST(ParseProductFootprint, DataQualityRatingRange) {
  json document = minimal_footprint();
  document["pcf"]["dqi"] = {
      {"technologicalDQR", "1.5"}, {"geographicalDQR", "5"}, {"temporalDQR", "0.5"}};
  EXPECT_NE(parse_error(document).find("pcf.dqi.temporalDQR"), std::string::npos);
  document["pcf"]["dqi"]["temporalDQR"] = "1";
  EXPECT_TRUE(parse_error(document).empty());
}

TEST(ParseProductFootprint, MalformedJsonText) {
  auto parsed = parse_product_footprint(std::string_view("{\"id\": "));
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error().code(), util::ErrorCode::kInvalidInput);
  EXPECT_NE(parsed.error().message().find("not valid JSON"), std::string::npos);
}

TEST(WriteProductFootprint, StableTextWithNewline) {
  auto parsed = parse_product_footprint(minimal_footprint());
  ASSERT_TRUE(parsed.ok());
  std::string first = write_product_footprint(*parsed);
  std::string second = write_product_footprint(*parsed);
  EXPECT_EQ(first, second);
  EXPECT_EQ(first.back(), '\n');
  EXPECT_EQ(json::parse(first), minimal_footprint());
}

}  // namespace
}  // namespace trustpcf::pcf
