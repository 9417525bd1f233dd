#include <cmath>
#include <map>
#include <string>

#include <gtest/gtest.h>

#include "lca/characterization.hpp"
#include "lca/characterization_csv.hpp"
#include "lca/characterization_tables.hpp"
#include "support/shared_data.hpp"
#include "util/files.hpp"
#include "util/numbers.hpp"

namespace trustpcf::lca {
namespace {

constexpr std::string_view kGwpHeader =
    "gas,name,cas,formula,ar5_gwp100,ar5_table_name,ar5_source,ar6_gwp100,ar6_table_name,"
    "ar6_source\n";
constexpr std::string_view kMappingHeader = "name,compartment,gas,origin,status,note\n";

TEST(CsvReader, QuotedFieldsKeepCommasAndQuotes) {
  auto table = parse_csv("a,b\n\"x, y\",\"say \"\"hi\"\"\"\r\n\nplain,2\n", "t.csv");
  ASSERT_TRUE(table.ok()) << table.error().message();
  ASSERT_EQ(table->rows.size(), 2u);
  EXPECT_EQ(table->rows[0][0], "x, y");
  EXPECT_EQ(table->rows[0][1], "say \"hi\"");
  EXPECT_EQ(table->rows[1][1], "2");
}

TEST(CsvReader, WrongFieldCountIsRejected) {
  auto table = parse_csv("a,b\n1,2,3\n", "t.csv");
  ASSERT_FALSE(table.ok());
  EXPECT_NE(table.error().message().find("3 fields"), std::string::npos) << table.error().message();
}

TEST(CsvReader, UnclosedQuoteIsRejected) {
  auto table = parse_csv("a\n\"open\n", "t.csv");
  ASSERT_FALSE(table.ok());
  EXPECT_NE(table.error().message().find("not closed"), std::string::npos);
}

TEST(CharacterizationTables, BuiltinTablesParse) {
  auto tables = CharacterizationTables::parse(gwp100_table_csv(), flow_mapping_table_csv());
  ASSERT_TRUE(tables.ok()) << tables.error().message();
  EXPECT_GE(tables->gases().size(), 30u);
  EXPECT_GE(tables->mappings().size(), 60u);
}

TEST(CharacterizationTables, MethaneSplitByOrigin) {
  const auto& tables = builtin_characterization_tables();
  const GreenhouseGas* fossil = tables.find_gas("ch4-fossil");
  const GreenhouseGas* non_fossil = tables.find_gas("ch4-non-fossil");
  ASSERT_NE(fossil, nullptr);
  ASSERT_NE(non_fossil, nullptr);
  EXPECT_DOUBLE_EQ(fossil->ar6_gwp100, 29.8);
  EXPECT_DOUBLE_EQ(non_fossil->ar6_gwp100, 27.0);
  EXPECT_DOUBLE_EQ(fossil->ar5_gwp100, 30.0);
  EXPECT_DOUBLE_EQ(non_fossil->ar5_gwp100, 28.0);
}

TEST(CharacterizationTables, UnknownGasInMappingIsRejected) {
  std::string gwp = std::string(kGwpHeader) + "co2,Carbon dioxide,124-38-9,CO2,1,a,s,1,b,s\n";
  std::string mapping = std::string(kMappingHeader) + "Krypton,air,kr,fossil,mapped,x\n";
  auto tables = CharacterizationTables::parse(gwp, mapping);
  ASSERT_FALSE(tables.ok());
  EXPECT_NE(tables.error().message().find("'kr'"), std::string::npos) << tables.error().message();
}

TEST(CharacterizationTables, NonPositiveFactorIsRejected) {
  std::string gwp = std::string(kGwpHeader) + "co2,Carbon dioxide,124-38-9,CO2,0,a,s,1,b,s\n";
  auto tables = CharacterizationTables::parse(gwp, kMappingHeader);
  ASSERT_FALSE(tables.ok());
  EXPECT_NE(tables.error().message().find("ar5_gwp100"), std::string::npos);
}

TEST(CharacterizationTables, DuplicateNormalizedNameIsRejected) {
  std::string gwp = std::string(kGwpHeader) + "co2,Carbon dioxide,124-38-9,CO2,1,a,s,1,b,s\n";
  std::string mapping = std::string(kMappingHeader) +
                        "\"Carbon dioxide, fossil\",air,co2,fossil,mapped,x\n"
                        "\"Carbon dioxide, fossil \",air,co2,fossil,mapped,y\n";
  auto tables = CharacterizationTables::parse(gwp, mapping);
  ASSERT_FALSE(tables.ok());
  EXPECT_NE(tables.error().message().find("twice"), std::string::npos);
}

TEST(CharacterizationTables, UptakeOutsideResourceIsRejected) {
  std::string gwp = std::string(kGwpHeader) + "co2,Carbon dioxide,124-38-9,CO2,1,a,s,1,b,s\n";
  std::string emission = std::string(kMappingHeader) + "Carbon dioxide,air,co2,air-uptake,mapped,x\n";
  auto tables = CharacterizationTables::parse(gwp, emission);
  ASSERT_FALSE(tables.ok());
  EXPECT_NE(tables.error().message().find("air-uptake"), std::string::npos);

  std::string resource = std::string(kMappingHeader) + "Carbon dioxide,resource,co2,fossil,mapped,x\n";
  EXPECT_FALSE(CharacterizationTables::parse(gwp, resource).ok());
}

TEST(CharacterizationTables, ExclusionWithoutReasonIsRejected) {
  std::string gwp = std::string(kGwpHeader) + "co2,Carbon dioxide,124-38-9,CO2,1,a,s,1,b,s\n";
  std::string mapping = std::string(kMappingHeader) + "PFC mix,air,,,no-factor,\n";
  auto tables = CharacterizationTables::parse(gwp, mapping);
  ASSERT_FALSE(tables.ok());
  EXPECT_NE(tables.error().message().find("reason"), std::string::npos);
}

// Every value of the project's gas table must equal the value of the same
// gas in the published IPCC compilation, except the AR6 methane split, which
// that compilation does not contain.
TEST(CharacterizationTables, ValuesMatchIpccCompilation) {
  TRUSTPCF_REQUIRE_SHARED(path, "data/ipcc/IPCC_GWP_values.csv");
  auto text = util::read_file(path);
  ASSERT_TRUE(text.ok()) << text.error().message();
  auto csv = parse_csv(*text, "IPCC_GWP_values.csv");
  ASSERT_TRUE(csv.ok()) << csv.error().message();
  int ar = csv->column_index("AR");
  int name = csv->column_index("Name");
  int cas = csv->column_index("CAS");
  int parameter = csv->column_index("Parameter");
  int value = csv->column_index("Value");
  ASSERT_GE(ar, 0);
  ASSERT_GE(value, 0);

  std::map<std::pair<std::string, std::string>, std::pair<double, std::string>> gwp100;
  for (const auto& row : csv->rows) {
    if (row[parameter] != "GWP100") continue;
    auto number = util::parse_double(row[value]);
    ASSERT_TRUE(number.ok()) << row[value];
    gwp100[{row[ar], row[name]}] = {*number, row[cas]};
  }

  int checked = 0;
  for (const GreenhouseGas& gas : builtin_characterization_tables().gases()) {
    auto ar5 = gwp100.find({"AR5", gas.ar5_table_name});
    ASSERT_NE(ar5, gwp100.end()) << gas.id << ": AR5 name '" << gas.ar5_table_name << "' not found";
    EXPECT_DOUBLE_EQ(gas.ar5_gwp100, ar5->second.first) << gas.id << " AR5";
    ++checked;

    if (gas.ar6_source.find("Table 7.15") != std::string::npos) {
      ASSERT_EQ(gwp100.count({"AR6", gas.ar6_table_name}), 0u)
          << gas.id << " is now in the compilation; check it against it";
      continue;
    }
    auto ar6 = gwp100.find({"AR6", gas.ar6_table_name});
    ASSERT_NE(ar6, gwp100.end()) << gas.id << ": AR6 name '" << gas.ar6_table_name << "' not found";
    EXPECT_DOUBLE_EQ(gas.ar6_gwp100, ar6->second.first) << gas.id << " AR6";
    if (!ar6->second.second.empty()) {
      EXPECT_EQ(gas.cas, normalize_cas(ar6->second.second)) << gas.id << " CAS";
    }
    ++checked;
  }
  EXPECT_GE(checked, 60);
}

// The AR6 methane split is not in the compilation; check it against the one
// relation it must satisfy: fossil methane adds the CO2 of its oxidation,
// 44/16 = 2.75 kg CO2 per kg CH4, to the non-fossil value (to the rounding of
// the published figures).
TEST(CharacterizationTables, FossilMethaneAddsOxidationCo2) {
  const auto& tables = builtin_characterization_tables();
  double difference = tables.find_gas("ch4-fossil")->ar6_gwp100 -
                      tables.find_gas("ch4-non-fossil")->ar6_gwp100;
  EXPECT_NEAR(difference, 44.0 / 16.0, 0.051);
}

}  // namespace
}  // namespace trustpcf::lca
