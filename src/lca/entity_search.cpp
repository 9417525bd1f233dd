#include "lca/entity_search.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "lca/formula.hpp"

namespace trustpcf::lca {

namespace {

bool contains_ignoring_case(const std::string& name, const std::string& lower_needle) {
  if (lower_needle.empty()) return true;
  auto it = std::search(name.begin(), name.end(), lower_needle.begin(), lower_needle.end(), [](char a, char b) {
    return std::tolower(static_cast<unsigned char>(a)) == b;
  });
  return it != name.end();
}

void sort_hits(std::vector<SearchHit>& hits) {
  std::sort(hits.begin(), hits.end(), [](const SearchHit& a, const SearchHit& b) {
    return a.name != b.name ? a.name < b.name : a.id < b.id;
  });
}

std::string join_path(const std::vector<std::string>& parts) {
  std::string path;
  for (const std::string& part : parts) {
    if (!path.empty()) path += '/';
    path += part;
  }
  return path;
}

}  // namespace

const char* search_type_name(SearchType type) {
  switch (type) {
    case SearchType::kProcess:
      return "process";
    case SearchType::kProduct:
      return "product";
    case SearchType::kFlow:
      return "flow";
  }
  return "unknown";
}

std::vector<SearchHit> search_model(const Database& database, std::string_view text,
                                    const std::vector<SearchType>& types) {
  // normalize_parameter_name trims and lower-cases, which is what matching
  // names needs too.
  const std::string needle = normalize_parameter_name(text);
  auto wanted = [&](SearchType type) { return std::find(types.begin(), types.end(), type) != types.end(); };
  std::vector<SearchHit> results;

  if (wanted(SearchType::kProcess)) {
    std::vector<SearchHit> hits;
    for (const auto& [id, process] : database.processes) {
      if (!contains_ignoring_case(process.name, needle)) continue;
      SearchHit hit{SearchType::kProcess, id, process.name, {}, {}};
      if (auto location = database.locations.find(process.location_id); location != database.locations.end()) {
        hit.detail = location->second.code.empty() ? location->second.name : location->second.code;
      }
      hits.push_back(std::move(hit));
    }
    sort_hits(hits);
    results.insert(results.end(), hits.begin(), hits.end());
  }

  if (wanted(SearchType::kProduct)) {
    std::map<std::string, std::set<std::string>> providers;
    for (const auto& [id, process] : database.processes) {
      for (const Exchange& exchange : process.exchanges) {
        auto flow = database.flows.find(exchange.flow_id);
        if (flow == database.flows.end() || exchange.is_avoided_product) continue;
        bool provides = (flow->second.type == FlowType::kProduct && !exchange.is_input) ||
                        (flow->second.type == FlowType::kWaste && exchange.is_input);
        if (provides) providers[exchange.flow_id].insert(id);
      }
    }
    std::vector<SearchHit> hits;
    for (const auto& [id, flow] : database.flows) {
      if (flow.type == FlowType::kElementary || !contains_ignoring_case(flow.name, needle)) continue;
      SearchHit hit{SearchType::kProduct, id, flow.name, {}, {}};
      if (auto it = providers.find(id); it != providers.end()) {
        hit.provider_ids.assign(it->second.begin(), it->second.end());
      }
      hits.push_back(std::move(hit));
    }
    sort_hits(hits);
    results.insert(results.end(), hits.begin(), hits.end());
  }

  if (wanted(SearchType::kFlow)) {
    std::vector<SearchHit> hits;
    for (const auto& [id, flow] : database.flows) {
      if (!contains_ignoring_case(flow.name, needle)) continue;
      hits.push_back({SearchType::kFlow, id, flow.name, join_path(flow.category_path), {}});
    }
    sort_hits(hits);
    results.insert(results.end(), hits.begin(), hits.end());
  }
  return results;
}

}  // namespace trustpcf::lca
