// Import of small hand-written exports: schema v2 folder, schema v1 zip,
// and every kind of bad input, which must fail with a message naming the
// entity, the field and the fix while leaving the store unchanged.

#include <fstream>

#include <gtest/gtest.h>

#include "jsonld_fixture.hpp"
#include "lca/entity_store.hpp"
#include "lca/jsonld_import.hpp"
#include "lca/jsonld_reader.hpp"
#include "support/temp_dir.hpp"

namespace trustpcf::lca {
namespace {

using testing::JsonldFixture;
using testing::TempDir;
using nlohmann::json;

class JsonldImport : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = store::Database::open(temp_.path() / "store.sqlite");
    ASSERT_TRUE(opened.ok()) << opened.error().message();
    db_ = std::move(opened).value();
  }

  util::Result<ImportResult> import_folder(const JsonldFixture& fixture, const std::string& name) {
    std::filesystem::path folder = temp_.path() / name;
    fixture.write_folder(folder);
    return import_database(*db_, folder, {});
  }

  std::int64_t stored_entities() {
    auto query = db_->prepare("SELECT count(*) FROM lca_entities");
    EXPECT_TRUE(query.ok());
    auto row = query->step();
    EXPECT_TRUE(row.ok());
    EXPECT_TRUE(row.ok() ? *row : false);
    return query->column_int(0);
  }

  // Imports `fixture` after a good import and checks that it fails with
  // kInvalidInput, that the message contains every one of `expected`, and
  // that the store still holds only the good database.
  void expect_rejected(const JsonldFixture& fixture, const std::vector<std::string>& expected) {
    auto good = import_folder(JsonldFixture(), "good");
    ASSERT_TRUE(good.ok()) << good.error().message();
    std::int64_t entities_before = stored_entities();

    auto bad = import_folder(fixture, "bad");
    ASSERT_FALSE(bad.ok()) << "the bad export was imported";
    EXPECT_EQ(bad.error().code(), util::ErrorCode::kInvalidInput) << bad.error().message();
    for (const std::string& part : expected) {
      EXPECT_NE(bad.error().message().find(part), std::string::npos)
          << "message lacks '" << part << "': " << bad.error().message();
    }

    auto databases = list_databases(*db_);
    ASSERT_TRUE(databases.ok());
    ASSERT_EQ(databases->size(), 1u);
    EXPECT_EQ(databases->front().name, "good");
    EXPECT_EQ(stored_entities(), entities_before);
  }

  TempDir temp_;
  std::unique_ptr<store::Database> db_;
};

TEST_F(JsonldImport, V2FolderBuildsModel) {
  auto result = import_folder(JsonldFixture(), "sample-v2");
  ASSERT_TRUE(result.ok()) << result.error().message();
  EXPECT_FALSE(result->already_imported);
  EXPECT_EQ(result->info.name, "sample-v2");
  EXPECT_EQ(result->info.source_path, (temp_.path() / "sample-v2").string());
  EXPECT_EQ(result->info.schema_version, 2);
  EXPECT_EQ(result->info.counts.at("processes"), 2);
  EXPECT_EQ(result->info.counts.at("flows"), 3);
  EXPECT_EQ(result->info.digest.size(), 64u);
  EXPECT_TRUE(result->warnings.empty()) << result->warnings.front().message;

  const Database& model = result->model;
  EXPECT_EQ(model.digest, result->info.digest);
  const Process& steel = model.processes.at("pr-steel");
  EXPECT_EQ(steel.category_path, (std::vector<std::string>{"Metals", "Steel"}));
  EXPECT_EQ(steel.location_id, "loc-cn");
  ASSERT_EQ(steel.exchanges.size(), 3u);
  ASSERT_NE(steel.quantitative_reference(), nullptr);
  EXPECT_EQ(steel.quantitative_reference()->flow_id, "f-steel");

  const Exchange& electricity = steel.exchanges[1];
  EXPECT_TRUE(electricity.is_input);
  EXPECT_EQ(electricity.amount_formula, "elec_per_kg");
  EXPECT_DOUBLE_EQ(electricity.amount, 10.0);
  EXPECT_DOUBLE_EQ(model.reference_amount(electricity), 36.0);  // 10 kWh = 36 MJ
  EXPECT_EQ(electricity.default_provider_id, "pr-elec");

  const Exchange& co2 = steel.exchanges[2];
  EXPECT_DOUBLE_EQ(co2.amount, 5000.0);  // g, from the dependent parameter
  EXPECT_DOUBLE_EQ(model.reference_amount(co2), 5.0);
  ASSERT_TRUE(co2.uncertainty.has_value());
  EXPECT_EQ(co2.uncertainty->distribution, "LOG_NORMAL_DISTRIBUTION");
  EXPECT_DOUBLE_EQ(co2.uncertainty->parameters.at("geomSd").get<double>(), 1.2);

  ASSERT_EQ(model.global_parameters.size(), 1u);
  EXPECT_DOUBLE_EQ(model.global_parameters[0].value, 0.5);
  EXPECT_EQ(model.flows.at("f-co2").category_path,
            (std::vector<std::string>{"Elementary flows", "air", "unspecified"}));
  EXPECT_EQ(model.flows.at("f-co2").type, FlowType::kElementary);
}

TEST_F(JsonldImport, V1ZipGivesSameModelAsV2) {
  auto v2 = import_folder(JsonldFixture(), "v2");
  ASSERT_TRUE(v2.ok()) << v2.error().message();

  JsonldFixture fixture;
  fixture.convert_to_v1();
  std::filesystem::path zip = temp_.path() / "export-v1.zip";
  fixture.write_zip(zip);
  auto v1 = import_database(*db_, zip, {});
  ASSERT_TRUE(v1.ok()) << v1.error().message();
  EXPECT_EQ(v1->info.name, "export-v1");
  EXPECT_EQ(v1->info.schema_version, 1);
  EXPECT_NE(v1->info.digest, v2->info.digest);

  const Process& a = v2->model.processes.at("pr-steel");
  const Process& b = v1->model.processes.at("pr-steel");
  ASSERT_EQ(a.exchanges.size(), b.exchanges.size());
  for (std::size_t i = 0; i < a.exchanges.size(); ++i) {
    EXPECT_EQ(a.exchanges[i].internal_id, b.exchanges[i].internal_id);
    EXPECT_EQ(a.exchanges[i].is_input, b.exchanges[i].is_input);
    EXPECT_EQ(a.exchanges[i].is_quantitative_reference, b.exchanges[i].is_quantitative_reference);
    EXPECT_DOUBLE_EQ(a.exchanges[i].amount, b.exchanges[i].amount);
    EXPECT_EQ(a.exchanges[i].unit_id, b.exchanges[i].unit_id);
  }
  EXPECT_EQ(b.category_path, a.category_path);
  EXPECT_EQ(v1->model.flows.at("f-co2").category_path, v2->model.flows.at("f-co2").category_path);
  EXPECT_TRUE(b.exchanges[1].default_provider_id.empty());
}

TEST_F(JsonldImport, ReimportIsNoOp) {
  auto first = import_folder(JsonldFixture(), "first");
  ASSERT_TRUE(first.ok()) << first.error().message();
  std::int64_t entities = stored_entities();

  auto again = import_database(*db_, temp_.path() / "first", {.name = "other-name", .show_progress = false});
  ASSERT_TRUE(again.ok()) << again.error().message();
  EXPECT_TRUE(again->already_imported);
  EXPECT_EQ(again->info.name, "first");
  EXPECT_EQ(again->info.digest, first->info.digest);
  EXPECT_EQ(stored_entities(), entities);
}

TEST_F(JsonldImport, TakenNameIsRejected) {
  ASSERT_TRUE(import_folder(JsonldFixture(), "same").ok());
  JsonldFixture changed;
  changed.process("pr-elec")["name"] = "Electricity, other mix";
  std::filesystem::path folder = temp_.path() / "changed";
  changed.write_folder(folder);
  auto result = import_database(*db_, folder, {.name = "same", .show_progress = false});
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.error().message().find("choose another name with --name"), std::string::npos);
}

TEST_F(JsonldImport, LoadDatabaseRoundTrip) {
  auto imported = import_folder(JsonldFixture(), "round-trip");
  ASSERT_TRUE(imported.ok()) << imported.error().message();

  auto by_name = load_database(*db_, "round-trip");
  ASSERT_TRUE(by_name.ok()) << by_name.error().message();
  auto by_digest = load_database(*db_, imported->info.digest.substr(0, 12));
  ASSERT_TRUE(by_digest.ok()) << by_digest.error().message();

  for (const Database* loaded : {&by_name.value(), &by_digest.value()}) {
    EXPECT_EQ(loaded->digest, imported->info.digest);
    EXPECT_EQ(loaded->processes.size(), imported->model.processes.size());
    EXPECT_EQ(loaded->flows.size(), imported->model.flows.size());
    const Exchange& co2 = loaded->processes.at("pr-steel").exchanges[2];
    EXPECT_DOUBLE_EQ(co2.amount, 5000.0);
    EXPECT_EQ(co2.amount_formula, "co2_g");
  }

  auto missing = load_database(*db_, "nothing-here");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code(), util::ErrorCode::kNotFound);
  EXPECT_NE(missing.error().message().find("round-trip"), std::string::npos);
}

TEST_F(JsonldImport, ResolveDatabasePicksLatest) {
  auto empty = resolve_database(*db_, std::nullopt);
  ASSERT_FALSE(empty.ok());
  EXPECT_NE(empty.error().message().find("trustpcf db import"), std::string::npos);

  ASSERT_TRUE(import_folder(JsonldFixture(), "older").ok());
  std::string note;
  auto only = resolve_database(*db_, std::nullopt, &note);
  ASSERT_TRUE(only.ok());
  EXPECT_EQ(only->name, "older");
  EXPECT_TRUE(note.empty());

  JsonldFixture changed;
  changed.process("pr-elec")["name"] = "Electricity, newer mix";
  ASSERT_TRUE(import_folder(changed, "newer").ok());
  auto latest = resolve_database(*db_, std::nullopt, &note);
  ASSERT_TRUE(latest.ok());
  EXPECT_EQ(latest->name, "newer");
  EXPECT_NE(note.find("most recent of 2"), std::string::npos) << note;

  auto named = resolve_database(*db_, std::string("older"));
  ASSERT_TRUE(named.ok());
  EXPECT_EQ(named->name, "older");
}

TEST_F(JsonldImport, MalformedJsonNamesFileAndPosition) {
  auto good = import_folder(JsonldFixture(), "good");
  ASSERT_TRUE(good.ok());
  JsonldFixture fixture;
  std::filesystem::path zip = temp_.path() / "broken.zip";
  fixture.write_zip(zip, {{"flows/f-co2.json", "{\"@id\": \"f-co2\",\n \"name\": }"}});
  auto result = import_database(*db_, zip, {});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code(), util::ErrorCode::kInvalidInput);
  EXPECT_NE(result.error().message().find("flows/f-co2.json"), std::string::npos) << result.error().message();
  EXPECT_NE(result.error().message().find("line 2"), std::string::npos) << result.error().message();
  auto databases = list_databases(*db_);
  ASSERT_TRUE(databases.ok());
  EXPECT_EQ(databases->size(), 1u);
}

TEST_F(JsonldImport, NotAZipIsRejected) {
  std::filesystem::path fake = temp_.path() / "fake.zip";
  std::ofstream(fake) << "not a zip";
  auto result = import_database(*db_, fake, {});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code(), util::ErrorCode::kInvalidInput);
  EXPECT_NE(result.error().message().find("zip archive"), std::string::npos);
}

TEST_F(JsonldImport, MissingPathIsNotFound) {
  auto result = import_database(*db_, temp_.path() / "absent.zip", {});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code(), util::ErrorCode::kNotFound);
}

TEST_F(JsonldImport, MissingFlowIsRejected) {
  JsonldFixture fixture;
  fixture.process("pr-steel")["exchanges"][1]["flow"] = JsonldFixture::ref("f-missing");
  expect_rejected(fixture, {"pr-steel", "exchange 2", "field flow", "f-missing", "add the flow"});
}

TEST_F(JsonldImport, UnknownUnitIsRejected) {
  JsonldFixture fixture;
  fixture.process("pr-steel")["exchanges"][1]["unit"] = {{"@id", "u-missing"}, {"name", "kwhh"}};
  expect_rejected(fixture, {"pr-steel", "exchange 2", "field unit", "unknown unit 'kwhh'", "use one of MJ, kWh"});
}

TEST_F(JsonldImport, UnitOutsideUnitGroupIsRejected) {
  JsonldFixture fixture;
  fixture.process("pr-steel")["exchanges"][1]["unit"] = {{"@id", "u-kg"}, {"name", "kg"}};
  expect_rejected(fixture, {"pr-steel", "field unit", "is not in unit group 'Units of energy'", "use one of MJ, kWh"});
}

TEST_F(JsonldImport, MissingFlowPropertyIsRejected) {
  JsonldFixture fixture;
  fixture.files["flows/f-elec.json"]["flowProperties"][0]["flowProperty"] = JsonldFixture::ref("fp-missing");
  expect_rejected(fixture, {"pr-elec", "field flow", "f-elec", "flow property fp-missing is not in the export"});
}

TEST_F(JsonldImport, ExchangeFlowPropertyNotOfFlowIsRejected) {
  JsonldFixture fixture;
  fixture.process("pr-steel")["exchanges"][1]["flowProperty"] = JsonldFixture::ref("fp-mass");
  expect_rejected(fixture, {"pr-steel", "field flowProperty", "not a property of flow", "use one of: Energy"});
}

TEST_F(JsonldImport, ZeroReferenceAmountIsRejected) {
  JsonldFixture fixture;
  fixture.process("pr-elec")["exchanges"][0]["amount"] = 0.0;
  expect_rejected(fixture, {"pr-elec", "exchange 1", "field amount", "amount 0", "set a non-zero amount"});
}

TEST_F(JsonldImport, MissingReferenceAmountIsRejected) {
  JsonldFixture fixture;
  fixture.process("pr-elec")["exchanges"][0].erase("amount");
  expect_rejected(fixture, {"pr-elec", "exchange 1", "field amount", "has no amount"});
}

TEST_F(JsonldImport, FormulaSyntaxErrorIsRejected) {
  JsonldFixture fixture;
  fixture.process("pr-steel")["exchanges"][1]["amountFormula"] = "elec_per_kg *";
  expect_rejected(fixture, {"pr-steel", "exchange 2, field amountFormula", "does not parse"});
}

TEST_F(JsonldImport, UnknownParameterIsRejected) {
  JsonldFixture fixture;
  fixture.process("pr-steel")["exchanges"][1]["amountFormula"] = "elec_per_ton / 1000";
  expect_rejected(fixture, {"pr-steel", "exchange 2, field amountFormula", "unknown parameter 'elec_per_ton'"});
}

TEST_F(JsonldImport, ParameterCycleIsRejected) {
  JsonldFixture fixture;
  fixture.process("pr-steel")["parameters"][0] = {
      {"name", "elec_per_kg"}, {"isInputParameter", false}, {"formula", "co2_g / 500"}};
  expect_rejected(fixture, {"pr-steel", "cycle", "co2_g", "elec_per_kg"});
}

TEST_F(JsonldImport, TwoQuantitativeReferencesAreRejected) {
  JsonldFixture fixture;
  fixture.process("pr-elec")["exchanges"][1]["isQuantitativeReference"] = true;
  expect_rejected(fixture, {"pr-elec", "marks 2 exchanges as quantitative reference"});
}

TEST_F(JsonldImport, UnusedBrokenFlowIsAWarning) {
  JsonldFixture fixture;
  fixture.files["flows/f-unused.json"] =
      JsonldFixture::flow("f-unused", "Unused flow", "PRODUCT_FLOW", "fp-missing", "Products");
  auto result = import_folder(fixture, "with-warning");
  ASSERT_TRUE(result.ok()) << result.error().message();
  ASSERT_EQ(result->warnings.size(), 1u);
  EXPECT_EQ(result->warnings[0].kind, "broken-flow");
  EXPECT_NE(result->warnings[0].message.find("f-unused"), std::string::npos);
  EXPECT_FALSE(result->model.flows.contains("f-unused"));
  EXPECT_EQ(result->info.counts.at("flows"), 4);
}

TEST_F(JsonldImport, DanglingLocationAndProviderAreWarnings) {
  JsonldFixture fixture;
  fixture.process("pr-elec")["location"] = JsonldFixture::ref("loc-missing");
  fixture.process("pr-steel")["exchanges"][1]["defaultProvider"] = JsonldFixture::ref("pr-missing");
  auto result = import_folder(fixture, "dangling");
  ASSERT_TRUE(result.ok()) << result.error().message();
  ASSERT_EQ(result->warnings.size(), 2u);
  EXPECT_EQ(result->warnings[0].kind, "missing-location");
  EXPECT_EQ(result->warnings[1].kind, "missing-default-provider");
  EXPECT_TRUE(result->model.processes.at("pr-elec").location_id.empty());
  EXPECT_TRUE(result->model.processes.at("pr-steel").exchanges[1].default_provider_id.empty());
}

TEST_F(JsonldImport, AllocationFactorsWithFormulas) {
  JsonldFixture fixture;
  json& steel = fixture.process("pr-steel");
  steel["defaultAllocationMethod"] = "PHYSICAL_ALLOCATION";
  steel["exchanges"][2] = JsonldFixture::exchange(3, "f-elec", false, false, 2.0, "u-mj", "fp-energy");
  steel["exchanges"].push_back(JsonldFixture::exchange(4, "f-co2", false, false, 1.0, "u-kg", "fp-mass"));
  steel["allocationFactors"] = {
      {{"allocationType", "PHYSICAL_ALLOCATION"}, {"product", JsonldFixture::ref("f-steel")}, {"value", 0.8}},
      {{"allocationType", "PHYSICAL_ALLOCATION"},
       {"product", JsonldFixture::ref("f-elec")},
       {"value", 0.0},
       {"formula", "1 - 0.8"}},
      {{"allocationType", "CAUSAL_ALLOCATION"},
       {"product", JsonldFixture::ref("f-steel")},
       {"exchange", {{"internalId", 4}}},
       {"value", 0.9}},
      // Schema v1 names only the flow of a causal factor's exchange.
      {{"allocationType", "CAUSAL_ALLOCATION"}, {"exchange", {{"flow", JsonldFixture::ref("f-co2")}}}, {"value", 0.1}},
      {{"allocationType", "PHYSICAL_ALLOCATION"}, {"value", 0.0}}};
  auto result = import_folder(fixture, "allocation");
  ASSERT_TRUE(result.ok()) << result.error().message();

  const Process& process = result->model.processes.at("pr-steel");
  EXPECT_EQ(process.default_allocation, AllocationMethod::kPhysical);
  ASSERT_EQ(process.allocation_factors.size(), 4u);
  EXPECT_EQ(process.allocation_factors[1].product_flow_id, "f-elec");
  EXPECT_DOUBLE_EQ(process.allocation_factors[1].value, 0.2);
  EXPECT_EQ(process.allocation_factors[1].formula, "1 - 0.8");
  EXPECT_EQ(process.allocation_factors[2].method, AllocationMethod::kCausal);
  EXPECT_EQ(process.allocation_factors[2].exchange_internal_id, 4);
  EXPECT_TRUE(process.allocation_factors[3].product_flow_id.empty());
  EXPECT_EQ(process.allocation_factors[3].exchange_internal_id, 4);
  EXPECT_FALSE(process.allocation_factors[0].exchange_internal_id.has_value());

  ASSERT_EQ(result->warnings.size(), 1u);
  EXPECT_EQ(result->warnings[0].kind, "allocation-factor-without-product");
}

TEST_F(JsonldImport, DigestIgnoresFileOrderAndFormatting) {
  JsonldFixture fixture;
  std::filesystem::path folder = temp_.path() / "a";
  fixture.write_folder(folder);
  std::filesystem::path zip = temp_.path() / "b.zip";
  fixture.write_zip(zip);

  auto from_folder = read_jsonld_export(folder);
  auto from_zip = read_jsonld_export(zip);
  ASSERT_TRUE(from_folder.ok()) << from_folder.error().message();
  ASSERT_TRUE(from_zip.ok()) << from_zip.error().message();
  EXPECT_EQ(from_folder->digest, from_zip->digest);
  EXPECT_EQ(from_folder->records.size(), 11u);

  fixture.process("pr-elec")["exchanges"][1]["amount"] = 0.11;
  std::filesystem::path changed = temp_.path() / "c";
  fixture.write_folder(changed);
  auto from_changed = read_jsonld_export(changed);
  ASSERT_TRUE(from_changed.ok());
  EXPECT_NE(from_changed->digest, from_folder->digest);
}

}  // namespace
}  // namespace trustpcf::lca
