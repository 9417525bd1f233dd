#pragma once

// Provider linking: which process supplies a product input, and which
// treatment process takes a waste output. The rules, applied in this order,
// are
//   1. the exchange's default provider, when it is set and provides the flow;
//   2. the only process that provides the flow;
//   3. the only provider located where the consumer is;
//   4. the only provider whose quantitative reference is the flow;
//   5. the provider with the lowest id (among those left by rules 3 and 4).
// A product flow is provided by a process with a product output of it; a
// waste flow is provided (treated) by a process with a waste input of it.
// Avoided products and avoided wastes never provide; they are linked like
// product inputs and waste outputs. An exchange with no provider is a
// cut-off and is reported as such.

#include <map>
#include <string>
#include <vector>

#include "lca/model.hpp"

namespace trustpcf::lca {

enum class LinkRule {
  kDefaultProvider,
  kOnlyProvider,
  kSameLocation,
  kQuantitativeReference,
  kLowestId,
};

// Returns the stable lower-case name of a rule ("default_provider").
const char* link_rule_name(LinkRule rule);

// True when `exchange` provides its flow: a non-avoided product output or a
// non-avoided waste input.
bool is_providing_exchange(const Flow& flow, const Exchange& exchange);

// True when `exchange` needs a provider: a product input, a waste output, or
// an avoided product or waste of either direction.
bool needs_provider(const Flow& flow, const Exchange& exchange);

// One linking decision between several candidate providers.
struct LinkChoice {
  std::string consumer_process_id;
  int exchange_internal_id = 0;
  std::string flow_id;
  std::vector<std::string> candidate_process_ids;  // sorted
  std::string provider_process_id;
  LinkRule rule = LinkRule::kOnlyProvider;
};

// A product input or waste output that no process provides.
struct CutOff {
  std::string consumer_process_id;
  int exchange_internal_id = 0;
  std::string flow_id;
  FlowType flow_type = FlowType::kProduct;
  bool is_input = true;
  double amount = 0.0;  // in the flow's reference unit, per process as published
};

// The processes providing each product and waste flow of a database, built
// once and kept for every linking decision. The database must outlive it.
class ProviderIndex {
 public:
  explicit ProviderIndex(const Database& database);

  // Returns the ids of the processes providing `flow_id`, sorted; empty when
  // none does.
  const std::vector<std::string>& providers(const std::string& flow_id) const;

  // Decides the provider of `exchange` of `consumer` by the rules above.
  // Returns a LinkChoice whose provider_process_id is empty when no process
  // provides the flow (a cut-off).
  // Precondition: needs_provider(flow, exchange).
  LinkChoice link(const Process& consumer, const Exchange& exchange) const;

  const Database& database() const { return database_; }

 private:
  const Database& database_;
  std::map<std::string, std::vector<std::string>> providers_;
  std::vector<std::string> empty_;
};

// The linking situation of a whole database, for the import summary.
struct LinkingSummary {
  // Every decision among two or more candidates, in consumer then exchange
  // order.
  std::vector<LinkChoice> multi_provider_choices;
  // Every exchange that needs a provider and has none.
  std::vector<CutOff> cut_offs;
  // Flows provided by two or more processes, with their providers (sorted).
  std::map<std::string, std::vector<std::string>> flows_with_several_providers;
};

// Links every exchange of every process of the database and summarizes the
// choices among several providers and the cut-offs.
LinkingSummary summarize_linking(const ProviderIndex& index);

}  // namespace trustpcf::lca
