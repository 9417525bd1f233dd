#include "lca/result_sanity.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include <fmt/format.h>

namespace trustpcf::lca {

namespace {

// At most this many processes are named in a finding's message; the
// finding's lists keep all of them.
constexpr size_t kMaxNamedProcesses = 20;

// Power iteration limits for the gain of a loop of several columns.
constexpr int kMaxGainIterations = 2000;
constexpr double kGainConvergence = 1e-13;

// Consumption per unit of output: gain[j] lists (i, amount of product i that
// column j consumes per unit of its own output), self-consumption included.
using GainGraph = std::vector<std::vector<std::pair<int, double>>>;

GainGraph build_gain_graph(const ProductSystem& system, const SparseMatrix& technosphere) {
  const int n = static_cast<int>(technosphere.cols());
  GainGraph graph(n);
  for (int j = 0; j < n; ++j) {
    double output = std::abs(system.production[j]);
    if (output == 0.0) continue;
    for (SparseMatrix::InnerIterator entry(technosphere, j); entry; ++entry) {
      int i = static_cast<int>(entry.row());
      double row_sign = system.production[i] < 0.0 ? -1.0 : 1.0;
      // For the diagonal, the consumption is what the column takes of its
      // own product on top of its gross production.
      double consumed = i == j ? row_sign * (system.production[j] - entry.value())
                               : -row_sign * entry.value();
      if (consumed > 0.0) graph[j].emplace_back(i, consumed / output);
    }
  }
  return graph;
}

// Tarjan's strongly connected components, iterative.
std::vector<std::vector<int>> strongly_connected_components(const GainGraph& graph) {
  const int n = static_cast<int>(graph.size());
  std::vector<int> index(n, -1), low(n, 0);
  std::vector<bool> on_stack(n, false);
  std::vector<int> stack;
  std::vector<std::vector<int>> components;
  int counter = 0;

  for (int start = 0; start < n; ++start) {
    if (index[start] != -1) continue;
    std::vector<std::pair<int, size_t>> call_stack{{start, 0}};
    index[start] = low[start] = counter++;
    stack.push_back(start);
    on_stack[start] = true;
    while (!call_stack.empty()) {
      auto& [node, next_edge] = call_stack.back();
      if (next_edge < graph[node].size()) {
        int target = graph[node][next_edge++].first;
        if (index[target] == -1) {
          index[target] = low[target] = counter++;
          stack.push_back(target);
          on_stack[target] = true;
          call_stack.emplace_back(target, 0);
        } else if (on_stack[target]) {
          low[node] = std::min(low[node], index[target]);
        }
        continue;
      }
      int finished = node;
      call_stack.pop_back();
      if (!call_stack.empty()) {
        low[call_stack.back().first] = std::min(low[call_stack.back().first], low[finished]);
      }
      if (low[finished] == index[finished]) {
        std::vector<int> component;
        int member = -1;
        do {
          member = stack.back();
          stack.pop_back();
          on_stack[member] = false;
          component.push_back(member);
        } while (member != finished);
        std::sort(component.begin(), component.end());
        components.push_back(std::move(component));
      }
    }
  }
  return components;
}

// Returns the spectral radius of the gain matrix restricted to `component`
// (non-negative and irreducible), by power iteration on I + M, whose
// dominant eigenvalue is the radius plus one and is alone on its circle.
double loop_gain(const GainGraph& graph, const std::vector<int>& component) {
  std::vector<int> position(graph.size(), -1);
  for (size_t k = 0; k < component.size(); ++k) position[component[k]] = static_cast<int>(k);

  Eigen::VectorXd x = Eigen::VectorXd::Ones(static_cast<Eigen::Index>(component.size()));
  x /= x.norm();
  double estimate = 0.0;
  for (int iteration = 0; iteration < kMaxGainIterations; ++iteration) {
    Eigen::VectorXd next = x;
    for (size_t k = 0; k < component.size(); ++k) {
      for (const auto& [target, gain] : graph[component[k]]) {
        if (position[target] >= 0) next[position[target]] += gain * x[static_cast<Eigen::Index>(k)];
      }
    }
    double norm = next.norm();
    double previous = estimate;
    estimate = norm - 1.0;  // x has unit norm, so norm -> radius of I + M
    x = next / norm;
    if (iteration > 0 && std::abs(estimate - previous) < kGainConvergence * std::max(1.0, estimate)) {
      break;
    }
  }
  return estimate;
}

void fill_names(const ProductSystem& system, SanityFinding& finding) {
  std::set<std::string> processes;
  std::set<std::string> flows;
  for (int column : finding.columns) {
    processes.insert(system.columns[column].process_id);
    flows.insert(system.columns[column].flow_id);
  }
  finding.process_ids.assign(processes.begin(), processes.end());
  finding.flow_ids.assign(flows.begin(), flows.end());
}

std::string name_list(const Database& database, const std::vector<std::string>& ids, bool flows) {
  std::string text;
  for (size_t k = 0; k < ids.size(); ++k) {
    if (k == kMaxNamedProcesses) {
      text += fmt::format(", and {} more", ids.size() - k);
      break;
    }
    std::string name = ids[k];
    if (flows) {
      auto flow = database.flows.find(ids[k]);
      if (flow != database.flows.end()) name = flow->second.name;
    } else {
      auto process = database.processes.find(ids[k]);
      if (process != database.processes.end()) name = process->second.name;
    }
    text += fmt::format("{}'{}' ({})", k == 0 ? "" : ", ", name, ids[k]);
  }
  return text;
}

}  // namespace

const char* sanity_issue_name(SanityIssue issue) {
  return issue == SanityIssue::kNegativeScaling ? "negative_scaling" : "loop_gain";
}

std::vector<SanityFinding> find_unstable_loops(const Database& database,
                                               const ProductSystem& system,
                                               const SparseMatrix& technosphere) {
  GainGraph graph = build_gain_graph(system, technosphere);
  std::vector<std::vector<int>> components = strongly_connected_components(graph);
  std::sort(components.begin(), components.end());

  std::vector<SanityFinding> findings;
  for (const std::vector<int>& component : components) {
    double gain = 0.0;
    if (component.size() == 1) {
      int column = component.front();
      for (const auto& [target, amount] : graph[column]) {
        if (target == column) gain = amount;
      }
    } else {
      gain = loop_gain(graph, component);
    }
    if (gain < 1.0 - kLoopGainTolerance) continue;

    SanityFinding finding;
    finding.issue = SanityIssue::kLoopGain;
    finding.columns = component;
    finding.value = gain;
    fill_names(system, finding);
    finding.message = fmt::format(
        "loop gain {:.6g} (spectral radius, at least 1): processes {} consume at least as much of their products "
        "{} as they make; the result is meaningless. Choose an allocation for their co-products "
        "or correct the amounts",
        gain, name_list(database, finding.process_ids, false),
        name_list(database, finding.flow_ids, true));
    findings.push_back(std::move(finding));
  }
  return findings;
}

std::vector<SanityFinding> check_result_sanity(const Database& database,
                                               const ProductSystem& system,
                                               const SparseMatrix& technosphere,
                                               const Eigen::VectorXd& scaling) {
  std::vector<SanityFinding> findings;

  // Scaling factors have the sign of the demand when the system is sound.
  double demand_sign = 1.0;
  if (system.demand_column >= 0 &&
      system.demand_value * system.production[system.demand_column] < 0.0) {
    demand_sign = -1.0;
  }
  double largest = scaling.size() == 0 ? 0.0 : scaling.cwiseAbs().maxCoeff();
  SanityFinding negative;
  negative.issue = SanityIssue::kNegativeScaling;
  for (Eigen::Index column = 0; column < scaling.size(); ++column) {
    double value = demand_sign * scaling[column];
    if (system.avoided_supply[column]) continue;
    if (value < -kNegativeScalingTolerance * largest) {
      negative.columns.push_back(static_cast<int>(column));
      negative.value = std::min(negative.value, value);
    }
  }
  if (!negative.columns.empty()) {
    fill_names(system, negative);
    negative.message = fmt::format(
        "negative scaling factors (smallest {:.6g}) in {} columns: processes {} for products {}; "
        "the result is meaningless. Usually a loop or unallocated co-products cause this",
        negative.value, negative.columns.size(), name_list(database, negative.process_ids, false),
        name_list(database, negative.flow_ids, true));
    findings.push_back(std::move(negative));
  }

  for (SanityFinding& loop : find_unstable_loops(database, system, technosphere)) {
    findings.push_back(std::move(loop));
  }
  return findings;
}

}  // namespace trustpcf::lca
