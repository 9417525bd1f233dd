// Provider linking rules, one case each, and the database-wide summary.

#include <gtest/gtest.h>

#include "engine_fixture.hpp"
#include "lca/linking.hpp"

namespace trustpcf::lca {
namespace {

using testing::ModelBuilder;

// Consumer "c" (in China) needs steel; providers are added per test.
ModelBuilder consumer_of_steel() {
  ModelBuilder model;
  model.product("steel");
  model.product("widget");
  model.process("c", "loc-cn");
  model.output("c", "widget", 1.0);
  model.input("c", "steel", 2.0);
  return model;
}

void add_steel_provider(ModelBuilder& model, const std::string& id, const std::string& location,
                        bool steel_is_reference = true) {
  model.process(id, location);
  if (!steel_is_reference) {
    model.product("slag-" + id);
    model.output(id, "slag-" + id, 1.0);
  }
  model.output(id, "steel", 1.0);
}

LinkChoice link_steel(const ModelBuilder& model) {
  ProviderIndex index(model.db);
  const Process& consumer = model.db.processes.at("c");
  return index.link(consumer, consumer.exchanges[1]);
}

TEST(Linking, DefaultProviderWins) {
  ModelBuilder model = consumer_of_steel();
  add_steel_provider(model, "s1", "loc-cn");
  add_steel_provider(model, "s2", "loc-us");
  model.db.processes.at("c").exchanges[1].default_provider_id = "s2";
  LinkChoice choice = link_steel(model);
  EXPECT_EQ(choice.provider_process_id, "s2");
  EXPECT_EQ(choice.rule, LinkRule::kDefaultProvider);
  EXPECT_EQ(choice.candidate_process_ids, (std::vector<std::string>{"s1", "s2"}));
}

TEST(Linking, DefaultProviderThatDoesNotProvideIsIgnored) {
  ModelBuilder model = consumer_of_steel();
  add_steel_provider(model, "s1", "loc-us");
  model.db.processes.at("c").exchanges[1].default_provider_id = "c";
  LinkChoice choice = link_steel(model);
  EXPECT_EQ(choice.provider_process_id, "s1");
  EXPECT_EQ(choice.rule, LinkRule::kOnlyProvider);
}

TEST(Linking, OnlyProvider) {
  ModelBuilder model = consumer_of_steel();
  add_steel_provider(model, "s1", "loc-us");
  LinkChoice choice = link_steel(model);
  EXPECT_EQ(choice.provider_process_id, "s1");
  EXPECT_EQ(choice.rule, LinkRule::kOnlyProvider);
}

TEST(Linking, SameLocation) {
  ModelBuilder model = consumer_of_steel();
  add_steel_provider(model, "s1", "loc-us");
  add_steel_provider(model, "s2", "loc-cn");
  LinkChoice choice = link_steel(model);
  EXPECT_EQ(choice.provider_process_id, "s2");
  EXPECT_EQ(choice.rule, LinkRule::kSameLocation);
}

TEST(Linking, QuantitativeReference) {
  ModelBuilder model = consumer_of_steel();
  add_steel_provider(model, "s1", "loc-us", /*steel_is_reference=*/false);
  add_steel_provider(model, "s2", "loc-us", /*steel_is_reference=*/true);
  LinkChoice choice = link_steel(model);
  EXPECT_EQ(choice.provider_process_id, "s2");
  EXPECT_EQ(choice.rule, LinkRule::kQuantitativeReference);
}

TEST(Linking, QuantitativeReferenceAmongLocalProviders) {
  ModelBuilder model = consumer_of_steel();
  add_steel_provider(model, "s1", "loc-cn", /*steel_is_reference=*/false);
  add_steel_provider(model, "s2", "loc-us", /*steel_is_reference=*/true);
  add_steel_provider(model, "s3", "loc-cn", /*steel_is_reference=*/true);
  LinkChoice choice = link_steel(model);
  EXPECT_EQ(choice.provider_process_id, "s3");
  EXPECT_EQ(choice.rule, LinkRule::kQuantitativeReference);
}

TEST(Linking, LowestId) {
  ModelBuilder model = consumer_of_steel();
  add_steel_provider(model, "s2", "loc-us");
  add_steel_provider(model, "s1", "loc-us");
  LinkChoice choice = link_steel(model);
  EXPECT_EQ(choice.provider_process_id, "s1");
  EXPECT_EQ(choice.rule, LinkRule::kLowestId);
}

TEST(Linking, NoProviderIsCutOff) {
  ModelBuilder model = consumer_of_steel();
  LinkChoice choice = link_steel(model);
  EXPECT_TRUE(choice.provider_process_id.empty());
  EXPECT_TRUE(choice.candidate_process_ids.empty());
}

TEST(Linking, WasteOutputLinksToTreatment) {
  ModelBuilder model;
  model.product("p");
  model.waste("w");
  model.process("f");
  model.output("f", "p", 1.0);
  model.output("f", "w", 0.2);
  model.process("t");
  model.input("t", "w", 1.0).is_quantitative_reference = true;
  // A second process also outputs the waste: it is a producer, not a
  // treatment, so it is no candidate.
  model.process("g");
  model.output("g", "p", 1.0);
  model.output("g", "w", 0.1);

  ProviderIndex index(model.db);
  EXPECT_EQ(index.providers("w"), (std::vector<std::string>{"t"}));
  const Process& factory = model.db.processes.at("f");
  LinkChoice choice = index.link(factory, factory.exchanges[1]);
  EXPECT_EQ(choice.provider_process_id, "t");
  EXPECT_EQ(choice.rule, LinkRule::kOnlyProvider);
}

TEST(Linking, AvoidedProductNeverProvides) {
  ModelBuilder model;
  model.product("p");
  model.product("e", testing::kEnergy);
  model.process("i");
  model.output("i", "p", 1.0);
  model.input("i", "e", 0.5).is_avoided_product = true;
  ProviderIndex index(model.db);
  EXPECT_TRUE(index.providers("e").empty());
  EXPECT_TRUE(needs_provider(model.db.flows.at("e"), model.db.processes.at("i").exchanges[1]));
}

TEST(LinkingSummary, ListsChoicesAndCutOffs) {
  ModelBuilder model = consumer_of_steel();
  add_steel_provider(model, "s1", "loc-us");
  add_steel_provider(model, "s2", "loc-us");
  model.product("ore");
  model.input("s1", "ore", 3.0);

  LinkingSummary summary = summarize_linking(ProviderIndex(model.db));
  ASSERT_EQ(summary.multi_provider_choices.size(), 1u);
  EXPECT_EQ(summary.multi_provider_choices[0].consumer_process_id, "c");
  EXPECT_EQ(summary.multi_provider_choices[0].provider_process_id, "s1");
  ASSERT_EQ(summary.cut_offs.size(), 1u);
  EXPECT_EQ(summary.cut_offs[0].consumer_process_id, "s1");
  EXPECT_EQ(summary.cut_offs[0].flow_id, "ore");
  EXPECT_DOUBLE_EQ(summary.cut_offs[0].amount, 3.0);
  ASSERT_EQ(summary.flows_with_several_providers.count("steel"), 1u);
  EXPECT_EQ(summary.flows_with_several_providers.at("steel"),
            (std::vector<std::string>{"s1", "s2"}));
}

}  // namespace
}  // namespace trustpcf::lca
