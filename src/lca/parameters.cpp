#include "lca/parameters.hpp"

#include <optional>

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace trustpcf::lca {

using util::ErrorCode;
using util::make_error;

namespace {

enum class VisitState { kUnvisited, kInProgress, kDone };

// Depth-first evaluation of one scope: each dependent parameter is
// evaluated after the parameters its formula names.
class ScopeEvaluator {
 public:
  ScopeEvaluator(std::vector<Parameter>& parameters, const ParameterValues& outer, std::string_view owner)
      : parameters_(parameters), outer_(outer), owner_(owner) {}

  util::Result<ParameterValues> run() {
    for (std::size_t i = 0; i < parameters_.size(); ++i) {
      std::string name = normalize_parameter_name(parameters_[i].name);
      if (name.empty()) {
        return make_error(ErrorCode::kInvalidInput, "{}: parameter {} has an empty name; give it a name",
                          owner_, describe(i));
      }
      auto [it, inserted] = index_.emplace(name, i);
      if (!inserted) {
        return make_error(ErrorCode::kInvalidInput,
                          "{}: two parameters are named '{}' (names are case-insensitive); rename one",
                          owner_, parameters_[i].name);
      }
    }

    states_.assign(parameters_.size(), VisitState::kUnvisited);
    formulas_.resize(parameters_.size());
    for (std::size_t i = 0; i < parameters_.size(); ++i) {
      TRUSTPCF_RETURN_IF_ERROR(visit(i));
    }

    ParameterValues values = outer_;
    for (const auto& [name, index] : index_) values[name] = parameters_[index].value;
    return values;
  }

 private:
  bool is_dependent(const Parameter& parameter) const {
    return !parameter.is_input_parameter && !parameter.formula.empty();
  }

  std::string describe(std::size_t index) const {
    const Parameter& parameter = parameters_[index];
    if (!parameter.id.empty()) return fmt::format("'{}' ({})", parameter.name, parameter.id);
    return fmt::format("'{}'", parameter.name);
  }

  util::Status visit(std::size_t index) {
    if (states_[index] == VisitState::kDone) return {};
    Parameter& parameter = parameters_[index];
    if (!is_dependent(parameter)) {
      states_[index] = VisitState::kDone;
      return {};
    }
    if (states_[index] == VisitState::kInProgress) {
      return make_error(ErrorCode::kInvalidInput,
                        "{}: parameters depend on each other in a cycle ({} -> {}); replace one "
                        "formula by a value",
                        owner_, fmt::join(path_, " -> "), parameter.name);
    }
    states_[index] = VisitState::kInProgress;
    path_.push_back(parameter.name);

    auto parsed = Formula::parse(parameter.formula);
    if (!parsed.ok()) {
      return parsed.error().with_context(fmt::format("{}: parameter {}, field formula", owner_, describe(index)));
    }
    formulas_[index] = std::move(parsed).value();

    for (const std::string& variable : formulas_[index]->variables()) {
      auto it = index_.find(variable);
      if (it != index_.end()) TRUSTPCF_RETURN_IF_ERROR(visit(it->second));
    }

    auto lookup = [this](const std::string& name) -> std::optional<double> {
      auto local = index_.find(name);
      if (local != index_.end()) return parameters_[local->second].value;
      auto global = outer_.find(name);
      if (global != outer_.end()) return global->second;
      return std::nullopt;
    };
    auto value = formulas_[index]->evaluate(lookup);
    if (!value.ok()) {
      return value.error().with_context(fmt::format("{}: parameter {}, field formula", owner_, describe(index)));
    }
    parameter.value = *value;

    path_.pop_back();
    states_[index] = VisitState::kDone;
    return {};
  }

  std::vector<Parameter>& parameters_;
  const ParameterValues& outer_;
  std::string_view owner_;
  std::map<std::string, std::size_t> index_;
  std::vector<VisitState> states_;
  std::vector<std::optional<Formula>> formulas_;
  std::vector<std::string> path_;
};

}  // namespace

util::Result<ParameterValues> evaluate_parameters(std::vector<Parameter>& parameters,
                                                  const ParameterValues& outer, std::string_view owner) {
  ScopeEvaluator evaluator(parameters, outer, owner);
  return evaluator.run();
}

ParameterLookup make_lookup(const ParameterValues& values) {
  return [&values](const std::string& name) -> std::optional<double> {
    auto it = values.find(name);
    if (it == values.end()) return std::nullopt;
    return it->second;
  };
}

}  // namespace trustpcf::lca
