#include "pcf/decimal.hpp"

#include <gtest/gtest.h>

#include "pcf/footprint_scope.hpp"
#include "pcf/ids.hpp"

namespace trustpcf::pcf {
namespace {

TEST(IsDecimal, TableOfKinds) {
  struct Case {
    const char* text;
    DecimalKind kind;
    bool valid;
  };
  const Case cases[] = {
      {"12.5", DecimalKind::kAny, true},          {"-3", DecimalKind::kAny, true},
      {"+0.0", DecimalKind::kAny, true},          {"1e3", DecimalKind::kAny, false},
      {"", DecimalKind::kAny, false},             {"1.", DecimalKind::kAny, false},
      {".5", DecimalKind::kAny, false},           {"1.2.3", DecimalKind::kAny, false},
      {" 1", DecimalKind::kAny, false},           {"0", DecimalKind::kPositiveNonZero, false},
      {"0.00", DecimalKind::kPositiveNonZero, false}, {"0.01", DecimalKind::kPositiveNonZero, true},
      {"-1", DecimalKind::kPositiveNonZero, false}, {"0", DecimalKind::kPositiveOrZero, true},
      {"-0", DecimalKind::kPositiveOrZero, false}, {"+7", DecimalKind::kPositiveOrZero, true},
      {"0", DecimalKind::kNegativeOrZero, true},  {"-0.3", DecimalKind::kNegativeOrZero, true},
      {"0.3", DecimalKind::kNegativeOrZero, false}, {"+0", DecimalKind::kNegativeOrZero, false},
      {"-0", DecimalKind::kNegativeNonZero, false}, {"-2", DecimalKind::kNegativeNonZero, true},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(is_decimal(c.text, c.kind), c.valid)
        << "'" << c.text << "' as " << decimal_kind_name(c.kind);
  }
}

TEST(FormatFootprintDecimal, SixSignificantDigits) {
  EXPECT_EQ(format_footprint_decimal(1.0 / 3.0), "0.333333");
  EXPECT_EQ(format_footprint_decimal(123456789.0), "123457000");
  EXPECT_EQ(format_footprint_decimal(-0.0), "0");
  EXPECT_EQ(format_footprint_decimal(1e-9), "0.000000001");
  EXPECT_EQ(format_footprint_decimal(-14.22), "-14.22");
  EXPECT_TRUE(is_decimal(format_footprint_decimal(6.02e23), DecimalKind::kPositiveNonZero));
}

TEST(Uuid, NewIsVersion4AndValid) {
  std::string first = new_uuid_v4();
  std::string second = new_uuid_v4();
  EXPECT_TRUE(is_uuid(first)) << first;
  EXPECT_NE(first, second);
  EXPECT_EQ(first[14], '4');
  EXPECT_NE(std::string("89ab").find(first[19]), std::string::npos) << first;
}

TEST(Uuid, TextForms) {
  EXPECT_TRUE(is_uuid("51131FB5-42A2-4267-A402-0ECFEFAD1619"));
  EXPECT_FALSE(is_uuid("51131FB5-42A2-4267-A402-0ECFEFAD161"));
  EXPECT_FALSE(is_uuid("51131FB5_42A2-4267-A402-0ECFEFAD1619"));
  EXPECT_TRUE(is_urn("URN:gtin:123"));
  EXPECT_FALSE(is_urn("urn:"));
  EXPECT_FALSE(is_urn("gtin:123"));
  EXPECT_EQ(uuid_urn("51131FB5-42A2-4267-A402-0ECFEFAD1619"),
            "urn:uuid:51131fb5-42a2-4267-a402-0ecfefad1619");
}

TEST(DeclaredUnitFor, OpenLcaUnits) {
  auto kg = declared_unit_for("kg");
  ASSERT_TRUE(kg.ok());
  EXPECT_EQ(kg->name, "kilogram");
  auto gram = declared_unit_for("g");
  ASSERT_TRUE(gram.ok());
  EXPECT_DOUBLE_EQ(gram->factor, 0.001);
  auto transport = declared_unit_for("t*km");
  ASSERT_TRUE(transport.ok());
  EXPECT_EQ(transport->name, "ton kilometer");
  EXPECT_FALSE(transport->mass_relevant);
  auto items = declared_unit_for("Item(s)");
  ASSERT_TRUE(items.ok());
  EXPECT_EQ(items->name, "piece");
  auto unknown = declared_unit_for("m*a");
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.error().message().find("'m*a'"), std::string::npos);
}

TEST(GeographyForLocation, Codes) {
  auto us = geography_for_location("US");
  ASSERT_TRUE(us.ok());
  EXPECT_EQ(us->country, "US");
  auto north_america = geography_for_location("RNA");
  ASSERT_TRUE(north_america.ok());
  EXPECT_EQ(north_america->region_or_subregion, "Northern America");
  auto california = geography_for_location("US-CA");
  ASSERT_TRUE(california.ok());
  EXPECT_EQ(california->country_subdivision, "US-CA");
  auto global = geography_for_location("GLO");
  ASSERT_TRUE(global.ok());
  EXPECT_FALSE(global->country.has_value());
  EXPECT_FALSE(global->unknown);
  auto unknown = geography_for_location("unknown");
  ASSERT_TRUE(unknown.ok());
  EXPECT_TRUE(unknown->unknown);
  EXPECT_FALSE(geography_for_location("Europe without Switzerland").ok());
}

}  // namespace
}  // namespace trustpcf::pcf
