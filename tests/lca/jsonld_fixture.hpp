#pragma once

// A small hand-written openLCA JSON-LD export (schema v2) for importer tests,
// with a converter to schema v1 and writers for a folder and a .zip file.
//
// Content: steel (1 kg) made with 10 kWh of electricity (a process
// parameter) and emitting CO2 = elec_per_kg * EF_grid * 1000 g, where
// EF_grid = 0.5 is a global parameter; electricity (1 MJ) made in CN with
// 0.1 kg CO2.

#include <filesystem>
#include <fstream>
#include <map>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <zip.h>

namespace trustpcf::testing {

using nlohmann::json;

class JsonldFixture {
 public:
  // Files by path inside the export; tests edit them before writing.
  std::map<std::string, json> files;

  JsonldFixture() {
    files["olca-schema.json"] = {{"version", 2}};
    files["unit_groups/ug-mass.json"] = {
        {"@type", "UnitGroup"},
        {"@id", "ug-mass"},
        {"name", "Units of mass"},
        {"units",
         {{{"@id", "u-kg"}, {"name", "kg"}, {"conversionFactor", 1.0}, {"isRefUnit", true}},
          {{"@id", "u-g"}, {"name", "g"}, {"conversionFactor", 0.001}}}}};
    files["unit_groups/ug-energy.json"] = {
        {"@type", "UnitGroup"},
        {"@id", "ug-energy"},
        {"name", "Units of energy"},
        {"units",
         {{{"@id", "u-mj"}, {"name", "MJ"}, {"conversionFactor", 1.0}, {"isRefUnit", true}},
          {{"@id", "u-kwh"}, {"name", "kWh"}, {"conversionFactor", 3.6}}}}};
    files["flow_properties/fp-mass.json"] = {
        {"@type", "FlowProperty"}, {"@id", "fp-mass"}, {"name", "Mass"}, {"unitGroup", ref("ug-mass")}};
    files["flow_properties/fp-energy.json"] = {
        {"@type", "FlowProperty"}, {"@id", "fp-energy"}, {"name", "Energy"}, {"unitGroup", ref("ug-energy")}};
    files["locations/loc-cn.json"] = {{"@type", "Location"}, {"@id", "loc-cn"}, {"name", "China"}, {"code", "CN"}};
    files["flows/f-steel.json"] = flow("f-steel", "Steel, billet", "PRODUCT_FLOW", "fp-mass", "Products/Metals");
    files["flows/f-elec.json"] = flow("f-elec", "Electricity, grid", "PRODUCT_FLOW", "fp-energy", "Products/Energy");
    files["flows/f-co2.json"] =
        flow("f-co2", "Carbon dioxide ", "ELEMENTARY_FLOW", "fp-mass", "Elementary flows/air/unspecified");
    files["parameters/p-ef.json"] = {{"@type", "Parameter"},      {"@id", "p-ef"},
                                     {"name", "EF_grid"},         {"parameterScope", "GLOBAL_SCOPE"},
                                     {"isInputParameter", true},  {"value", 0.5}};
    files["processes/pr-steel.json"] = {
        {"@type", "Process"},
        {"@id", "pr-steel"},
        {"name", "Steel production"},
        {"category", "Metals/Steel"},
        {"location", ref("loc-cn")},
        {"parameters",
         {{{"@type", "Parameter"}, {"name", "elec_per_kg"}, {"isInputParameter", true}, {"value", 10.0}},
          {{"@type", "Parameter"},
           {"name", "co2_g"},
           {"isInputParameter", false},
           {"value", 5000.0},
           {"formula", "Elec_Per_Kg * ef_grid * 1000"}}}},
        {"exchanges",
         {exchange(1, "f-steel", false, true, 1.0, "u-kg", "fp-mass"),
          exchange(2, "f-elec", true, false, 10.0, "u-kwh", "fp-energy"),
          exchange(3, "f-co2", false, false, 5000.0, "u-g", "fp-mass")}}};
    files["processes/pr-steel.json"]["exchanges"][1]["amountFormula"] = "elec_per_kg";
    files["processes/pr-steel.json"]["exchanges"][1]["defaultProvider"] = ref("pr-elec");
    files["processes/pr-steel.json"]["exchanges"][2]["amountFormula"] = "co2_g";
    files["processes/pr-steel.json"]["exchanges"][2]["uncertainty"] = {
        {"@type", "Uncertainty"}, {"distributionType", "LOG_NORMAL_DISTRIBUTION"}, {"geomMean", 5000.0},
        {"geomSd", 1.2}};
    files["processes/pr-elec.json"] = {
        {"@type", "Process"},
        {"@id", "pr-elec"},
        {"name", "Electricity, grid mix"},
        {"location", ref("loc-cn")},
        {"exchanges",
         {exchange(1, "f-elec", false, true, 1.0, "u-mj", "fp-energy"),
          exchange(2, "f-co2", false, false, 0.1, "u-kg", "fp-mass")}}};
  }

  static json ref(const std::string& id) { return {{"@id", id}}; }

  static json flow(const std::string& id, const std::string& name, const std::string& type,
                   const std::string& property, const std::string& category) {
    return {{"@type", "Flow"},
            {"@id", id},
            {"name", name},
            {"flowType", type},
            {"category", category},
            {"flowProperties",
             {{{"@type", "FlowPropertyFactor"},
               {"flowProperty", ref(property)},
               {"conversionFactor", 1.0},
               {"isRefFlowProperty", true}}}}};
  }

  static json exchange(int internal_id, const std::string& flow, bool input, bool reference, double amount,
                       const std::string& unit, const std::string& property) {
    return {{"@type", "Exchange"},
            {"internalId", internal_id},
            {"flow", ref(flow)},
            {"isInput", input},
            {"isQuantitativeReference", reference},
            {"isAvoidedProduct", false},
            {"amount", amount},
            {"unit", ref(unit)},
            {"flowProperty", ref(property)}};
  }

  json& process(const std::string& id) { return files.at("processes/" + id + ".json"); }

  // Rewrites the export in schema v1 names: v1 booleans, no internalId or
  // defaultProvider, categories as references to categories/*.json, a
  // context.json and no olca-schema.json.
  void convert_to_v1() {
    std::map<std::string, json> converted;
    std::map<std::string, std::string> category_ids;  // path -> id
    for (auto& [path, value] : files) {
      if (path == "olca-schema.json") continue;
      converted[path] = to_v1(value, converted, category_ids);
    }
    converted["context.json"] = {{"@vocab", "http://openlca.org/schema/v1.0/"}};
    files = std::move(converted);
  }

  void write_folder(const std::filesystem::path& root) const {
    for (const auto& [path, value] : files) {
      std::filesystem::create_directories((root / path).parent_path());
      std::ofstream(root / path) << value.dump(1);
    }
  }

  // Writes the files into a zip archive; `raw` replaces the text of a file
  // (for malformed JSON).
  void write_zip(const std::filesystem::path& archive_path, const std::map<std::string, std::string>& raw = {}) const {
    int error = 0;
    zip_t* archive = zip_open(archive_path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
    ASSERT_NE(archive, nullptr) << "zip_open failed with code " << error;
    std::vector<std::string> texts;
    texts.reserve(files.size() + raw.size());
    for (const auto& [path, value] : files) {
      auto replaced = raw.find(path);
      texts.push_back(replaced != raw.end() ? replaced->second : value.dump());
      zip_source_t* source = zip_source_buffer(archive, texts.back().data(), texts.back().size(), 0);
      ASSERT_GE(zip_file_add(archive, path.c_str(), source, ZIP_FL_OVERWRITE), 0) << zip_strerror(archive);
    }
    ASSERT_EQ(zip_close(archive), 0);
  }

 private:
  static json to_v1(const json& value, std::map<std::string, json>& out, std::map<std::string, std::string>& categories) {
    static const std::map<std::string, std::string> kRenames = {
        {"isInput", "input"},
        {"isQuantitativeReference", "quantitativeReference"},
        {"isAvoidedProduct", "avoidedProduct"},
        {"isRefUnit", "referenceUnit"},
        {"isRefFlowProperty", "referenceFlowProperty"},
        {"isInputParameter", "inputParameter"}};
    if (value.is_array()) {
      json array = json::array();
      for (const json& item : value) array.push_back(to_v1(item, out, categories));
      return array;
    }
    if (!value.is_object()) return value;
    json object = json::object();
    for (const auto& [key, item] : value.items()) {
      if (key == "internalId" || key == "defaultProvider") continue;
      if (key == "category" && item.is_string()) {
        object["category"] = category_ref(item.get<std::string>(), out, categories);
        continue;
      }
      auto rename = kRenames.find(key);
      object[rename != kRenames.end() ? rename->second : key] = to_v1(item, out, categories);
    }
    return object;
  }

  // Creates categories/*.json for each prefix of `path` and returns a
  // reference to the last one.
  static json category_ref(const std::string& path, std::map<std::string, json>& out,
                           std::map<std::string, std::string>& categories) {
    std::string parent_id;
    std::string prefix;
    std::size_t start = 0;
    while (start < path.size()) {
      std::size_t end = path.find('/', start);
      if (end == std::string::npos) end = path.size();
      std::string name = path.substr(start, end - start);
      prefix += "/" + name;
      auto [it, inserted] = categories.emplace(prefix, "cat" + std::to_string(categories.size()));
      if (inserted) {
        json category = {{"@type", "Category"}, {"@id", it->second}, {"name", name}};
        if (!parent_id.empty()) category["category"] = ref(parent_id);
        out["categories/" + it->second + ".json"] = category;
      }
      parent_id = it->second;
      start = end + 1;
    }
    return {{"@type", "Category"}, {"@id", parent_id}};
  }
};

}  // namespace trustpcf::testing
