#include "lca/linking.hpp"

#include <algorithm>

#include <spdlog/spdlog.h>

namespace trustpcf::lca {

const char* link_rule_name(LinkRule rule) {
  switch (rule) {
    case LinkRule::kDefaultProvider:
      return "default_provider";
    case LinkRule::kOnlyProvider:
      return "only_provider";
    case LinkRule::kSameLocation:
      return "same_location";
    case LinkRule::kQuantitativeReference:
      return "quantitative_reference";
    case LinkRule::kLowestId:
      return "lowest_id";
  }
  return "unknown";
}

bool is_providing_exchange(const Flow& flow, const Exchange& exchange) {
  if (exchange.is_avoided_product) return false;
  if (flow.type == FlowType::kProduct) return !exchange.is_input;
  if (flow.type == FlowType::kWaste) return exchange.is_input;
  return false;
}

bool needs_provider(const Flow& flow, const Exchange& exchange) {
  if (flow.type == FlowType::kElementary) return false;
  if (exchange.is_avoided_product) return true;
  if (flow.type == FlowType::kProduct) return exchange.is_input;
  return !exchange.is_input;  // a waste output
}

ProviderIndex::ProviderIndex(const Database& database) : database_(database) {
  // Processes are visited in id order, so every provider list is sorted.
  for (const auto& [process_id, process] : database.processes) {
    for (const Exchange& exchange : process.exchanges) {
      auto flow = database.flows.find(exchange.flow_id);
      if (flow == database.flows.end()) continue;
      if (!is_providing_exchange(flow->second, exchange)) continue;
      std::vector<std::string>& list = providers_[exchange.flow_id];
      if (list.empty() || list.back() != process_id) list.push_back(process_id);
    }
  }
}

const std::vector<std::string>& ProviderIndex::providers(const std::string& flow_id) const {
  auto found = providers_.find(flow_id);
  return found == providers_.end() ? empty_ : found->second;
}

namespace {

// Keeps the candidates for which `keep` holds, unless none does.
template <typename Predicate>
std::vector<std::string> narrow(const std::vector<std::string>& candidates, Predicate keep) {
  std::vector<std::string> kept;
  for (const std::string& id : candidates) {
    if (keep(id)) kept.push_back(id);
  }
  return kept.empty() ? candidates : kept;
}

}  // namespace

LinkChoice ProviderIndex::link(const Process& consumer, const Exchange& exchange) const {
  LinkChoice choice;
  choice.consumer_process_id = consumer.id;
  choice.exchange_internal_id = exchange.internal_id;
  choice.flow_id = exchange.flow_id;
  choice.candidate_process_ids = providers(exchange.flow_id);
  const std::vector<std::string>& candidates = choice.candidate_process_ids;
  if (candidates.empty()) return choice;

  if (!exchange.default_provider_id.empty()) {
    if (std::binary_search(candidates.begin(), candidates.end(), exchange.default_provider_id)) {
      choice.provider_process_id = exchange.default_provider_id;
      choice.rule = LinkRule::kDefaultProvider;
      return choice;
    }
    spdlog::warn(
        "default provider does not provide the flow; linking by the other rules "
        "process={} exchange={} flow={} default_provider={}",
        consumer.id, exchange.internal_id, exchange.flow_id, exchange.default_provider_id);
  }

  if (candidates.size() == 1) {
    choice.provider_process_id = candidates.front();
    choice.rule = LinkRule::kOnlyProvider;
    return choice;
  }

  std::vector<std::string> left = candidates;
  if (!consumer.location_id.empty()) {
    std::vector<std::string> local = narrow(left, [&](const std::string& id) {
      return database_.processes.at(id).location_id == consumer.location_id;
    });
    if (local.size() == 1 && local.size() < left.size()) {
      choice.provider_process_id = local.front();
      choice.rule = LinkRule::kSameLocation;
      return choice;
    }
    left = std::move(local);
  }

  std::vector<std::string> referenced = narrow(left, [&](const std::string& id) {
    const Exchange* reference = database_.processes.at(id).quantitative_reference();
    return reference != nullptr && reference->flow_id == exchange.flow_id;
  });
  if (referenced.size() == 1 && referenced.size() < left.size()) {
    choice.provider_process_id = referenced.front();
    choice.rule = LinkRule::kQuantitativeReference;
    return choice;
  }

  // The candidate lists are sorted, so the first one has the lowest id.
  choice.provider_process_id = referenced.front();
  choice.rule = LinkRule::kLowestId;
  return choice;
}

LinkingSummary summarize_linking(const ProviderIndex& index) {
  LinkingSummary summary;
  const Database& database = index.database();
  for (const auto& [process_id, process] : database.processes) {
    for (const Exchange& exchange : process.exchanges) {
      auto flow = database.flows.find(exchange.flow_id);
      if (flow == database.flows.end() || !needs_provider(flow->second, exchange)) continue;

      LinkChoice choice = index.link(process, exchange);
      if (choice.provider_process_id.empty()) {
        summary.cut_offs.push_back(CutOff{process_id, exchange.internal_id, exchange.flow_id,
                                          flow->second.type, exchange.is_input,
                                          database.reference_amount(exchange)});
      } else if (choice.candidate_process_ids.size() > 1) {
        summary.flows_with_several_providers[choice.flow_id] = choice.candidate_process_ids;
        summary.multi_provider_choices.push_back(std::move(choice));
      }
    }
  }
  return summary;
}

}  // namespace trustpcf::lca
