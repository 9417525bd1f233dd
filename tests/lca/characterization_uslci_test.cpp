// Coverage of the mapping table on the elementary flows of USLCI. Every flow
// to or from air whose name looks like a greenhouse gas must be characterized
// or be listed in the table with the reason it has no factor. The flows are
// read from the export with libzip, so this test does not need the importer.

#include <map>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <zip.h>

#include "lca/characterization.hpp"
#include "support/shared_data.hpp"

namespace trustpcf::lca {
namespace {

struct UslciFlows {
  std::vector<Flow> elementary;
  std::string error;
};

std::string read_entry(zip_t* archive, zip_uint64_t index) {
  zip_stat_t stat;
  zip_stat_index(archive, index, 0, &stat);
  std::string text(static_cast<size_t>(stat.size), '\0');
  zip_file_t* file = zip_fopen_index(archive, index, 0);
  if (file == nullptr) return "";
  zip_fread(file, text.data(), stat.size);
  zip_fclose(file);
  return text;
}

UslciFlows read_uslci_flows(const std::filesystem::path& path) {
  UslciFlows out;
  int error = 0;
  zip_t* archive = zip_open(path.c_str(), ZIP_RDONLY, &error);
  if (archive == nullptr) {
    out.error = "cannot open " + path.string();
    return out;
  }

  std::map<std::string, nlohmann::json> categories;
  std::vector<nlohmann::json> flows;
  zip_int64_t count = zip_get_num_entries(archive, 0);
  for (zip_int64_t i = 0; i < count; ++i) {
    std::string name = zip_get_name(archive, static_cast<zip_uint64_t>(i), 0);
    bool category = name.rfind("categories/", 0) == 0;
    bool flow = name.rfind("flows/", 0) == 0;
    if ((!category && !flow) || name.size() < 5 || name.substr(name.size() - 5) != ".json") continue;
    auto json = nlohmann::json::parse(read_entry(archive, static_cast<zip_uint64_t>(i)));
    if (category) {
      categories[json.at("@id").get<std::string>()] = json;
    } else {
      flows.push_back(std::move(json));
    }
  }
  zip_close(archive);

  for (const auto& json : flows) {
    if (json.value("flowType", "") != "ELEMENTARY_FLOW") continue;
    Flow flow;
    flow.id = json.at("@id").get<std::string>();
    flow.name = json.value("name", "");
    flow.cas = json.value("cas", "");
    flow.formula = json.value("formula", "");
    flow.type = FlowType::kElementary;
    std::string category_id = json.contains("category") ? json["category"].value("@id", "") : "";
    while (!category_id.empty() && categories.count(category_id)) {
      const auto& category = categories[category_id];
      flow.category_path.insert(flow.category_path.begin(), category.value("name", ""));
      category_id = category.contains("category") ? category["category"].value("@id", "") : "";
    }
    out.elementary.push_back(std::move(flow));
  }
  return out;
}

class UslciCharacterization : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    std::filesystem::path path =
        testing::shared_dir() / "data/uslci/uslci-olca1.5-jsonld.zip";
    if (std::filesystem::exists(path)) flows_ = new UslciFlows(read_uslci_flows(path));
  }
  static void TearDownTestSuite() {
    delete flows_;
    flows_ = nullptr;
  }
  void SetUp() override {
    TRUSTPCF_REQUIRE_SHARED(path, "data/uslci/uslci-olca1.5-jsonld.zip");
    ASSERT_NE(flows_, nullptr);
    ASSERT_TRUE(flows_->error.empty()) << flows_->error;
    ASSERT_GT(flows_->elementary.size(), 2000u);
  }

  static UslciFlows* flows_;
};

UslciFlows* UslciCharacterization::flows_ = nullptr;

std::string describe(const Flow& flow) {
  std::string path;
  for (const auto& segment : flow.category_path) path += "/" + segment;
  return "'" + flow.name + "' " + path + " cas=" + flow.cas;
}

TEST_F(UslciCharacterization, EveryGhgLikeFlowIsMappedOrExcluded) {
  const auto& tables = builtin_characterization_tables();
  std::vector<std::string> uncovered;
  int ghg_like = 0;
  int characterized = 0;
  int excluded = 0;
  for (const Flow& flow : flows_->elementary) {
    FlowCompartment compartment = classify_compartment(flow);
    if (compartment == FlowCompartment::kOther) continue;
    if (!has_ghg_keyword(normalize_flow_name(flow.name))) continue;
    if (compartment == FlowCompartment::kResource && tables.find_mapping(flow) == nullptr) {
      continue;  // resources in ground ("Coalbed methane") are not gases from air
    }
    ++ghg_like;
    if (tables.characterize(flow).has_value()) {
      ++characterized;
    } else if (tables.find_mapping(flow) != nullptr) {
      ++excluded;
    } else {
      uncovered.push_back(describe(flow));
    }
  }
  for (const auto& line : uncovered) ADD_FAILURE() << "not in the mapping table: " << line;
  std::cout << "USLCI greenhouse-gas-like flows: " << ghg_like << " (" << characterized
            << " characterized, " << excluded << " excluded with a reason)\n";
  EXPECT_GE(characterized, 90);
}

TEST_F(UslciCharacterization, CarbonDioxideSpellingsGetTheirOrigin) {
  std::map<std::string, std::set<GasOrigin>> origins;
  for (const Flow& flow : flows_->elementary) {
    if (normalize_flow_name(flow.name).rfind("carbon dioxide", 0) != 0) continue;
    auto result = characterize(flow);
    ASSERT_TRUE(result.has_value()) << describe(flow);
    origins[normalize_flow_name(flow.name)].insert(result->origin);
  }
  EXPECT_EQ(origins["carbon dioxide, fossil"], std::set<GasOrigin>{GasOrigin::kFossil});
  EXPECT_EQ(origins["carbon dioxide, biogenic"], std::set<GasOrigin>{GasOrigin::kBiogenic});
  EXPECT_EQ(origins["carbon dioxide, in air"], std::set<GasOrigin>{GasOrigin::kAirUptake});
  EXPECT_EQ(origins["carbon dioxide, land transformation"],
            std::set<GasOrigin>{GasOrigin::kLandUseChange});
  std::set<GasOrigin> plain = {GasOrigin::kUnspecified, GasOrigin::kAirUptake};
  EXPECT_EQ(origins["carbon dioxide"], plain);
}

TEST_F(UslciCharacterization, FlaggedFlowsAreTheUnspecifiedMixtures) {
  std::set<std::string> flagged;
  for (const Flow& flow : flows_->elementary) {
    if (looks_like_ghg_without_factor(flow)) flagged.insert(flow.name);
  }
  std::set<std::string> expected = {
      "CFCs and HCFCs, unspecified",
      "HFCs and HCFCs, unspecified",
      "Chlorinated fluorocarbons and hydrochlorinated fluorocarbons, unspecified",
      "PFC (perfluorocarbons)",
      "Perfluorocarbons, unspecified",
  };
  EXPECT_EQ(flagged, expected);
}

}  // namespace
}  // namespace trustpcf::lca
