#pragma once

// Name search over an imported LCI model: processes, products (product and
// waste flows, with the processes that provide them) and flows.

#include <string>
#include <string_view>
#include <vector>

#include "lca/model.hpp"

namespace trustpcf::lca {

enum class SearchType { kProcess, kProduct, kFlow };

struct SearchHit {
  SearchType type = SearchType::kProcess;
  std::string id;
  std::string name;
  // kProcess: the process's location code; kFlow: the category path joined
  // with '/'; kProduct: empty.
  std::string detail;
  // kProduct: ids of the processes whose outputs (or, for waste flows,
  // inputs) include this flow and are not avoided products, in id order.
  std::vector<std::string> provider_ids;
};

// Returns the entities of the requested types whose name contains `text`,
// ignoring ASCII case and surrounding spaces (an empty text matches all):
// processes first, then products, then flows, each in name then id order.
std::vector<SearchHit> search_model(const Database& database, std::string_view text,
                                    const std::vector<SearchType>& types);

// Returns "process", "product" or "flow".
const char* search_type_name(SearchType type);

}  // namespace trustpcf::lca
