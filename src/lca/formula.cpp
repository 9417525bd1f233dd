#include "lca/formula.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <charconv>
#include <numbers>
#include <vector>

#include <fmt/format.h>

// A hand-written recursive-descent parser: openLCA's formula language is a
// small dialect of its own (';' separators, if() as a function, word
// operators), which no packaged expression library parses as written.

namespace trustpcf::lca {

using util::ErrorCode;
using util::make_error;

namespace formula_detail {

enum class NodeKind { kNumber, kVariable, kNegate, kNot, kBinary, kCall };

struct Node {
  NodeKind kind = NodeKind::kNumber;
  double number = 0.0;
  std::string name;  // variable or function name, lower case; operator text for kBinary
  std::vector<std::shared_ptr<const Node>> children;
};

}  // namespace formula_detail

namespace {

using formula_detail::Node;
using formula_detail::NodeKind;
using NodePtr = std::shared_ptr<const Node>;

bool is_identifier_start(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }

bool is_identifier_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}

std::string to_lower(std::string_view text) {
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return lower;
}

NodePtr make_binary(std::string op, NodePtr left, NodePtr right) {
  auto node = std::make_shared<Node>();
  node->kind = NodeKind::kBinary;
  node->name = std::move(op);
  node->children = {std::move(left), std::move(right)};
  return node;
}

NodePtr make_unary(NodeKind kind, NodePtr operand) {
  auto node = std::make_shared<Node>();
  node->kind = kind;
  node->children = {std::move(operand)};
  return node;
}

class Parser {
 public:
  explicit Parser(std::string_view text) : text_(text) {}

  util::Result<NodePtr> parse() {
    TRUSTPCF_ASSIGN_OR_RETURN(NodePtr root, parse_or());
    skip_space();
    if (pos_ < text_.size()) return error("an operator or the end of the formula");
    return root;
  }

  std::set<std::string> variables;

 private:
  util::Error error(std::string_view expected) const {
    std::string found = pos_ < text_.size() ? fmt::format("'{}'", text_[pos_]) : "the end";
    return make_error(ErrorCode::kInvalidInput,
                      "formula '{}' does not parse: expected {} at character {}, found {}", text_,
                      expected, pos_ + 1, found);
  }

  void skip_space() {
    while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_]))) ++pos_;
  }

  // Consumes `token` when it comes next. Word operators must not run into
  // an identifier ("order" is not "or" + "der").
  bool accept(std::string_view token) {
    skip_space();
    if (text_.size() - pos_ < token.size()) return false;
    std::string candidate = to_lower(text_.substr(pos_, token.size()));
    if (candidate != token) return false;
    if (is_identifier_start(token[0])) {
      std::size_t end = pos_ + token.size();
      if (end < text_.size() && is_identifier_char(text_[end])) return false;
    }
    pos_ += token.size();
    return true;
  }

  util::Result<NodePtr> parse_or() {
    TRUSTPCF_ASSIGN_OR_RETURN(NodePtr left, parse_and());
    while (accept("||") || accept("or")) {
      TRUSTPCF_ASSIGN_OR_RETURN(NodePtr right, parse_and());
      left = make_binary("or", left, right);
    }
    return left;
  }

  util::Result<NodePtr> parse_and() {
    TRUSTPCF_ASSIGN_OR_RETURN(NodePtr left, parse_not());
    while (accept("&&") || accept("and")) {
      TRUSTPCF_ASSIGN_OR_RETURN(NodePtr right, parse_not());
      left = make_binary("and", left, right);
    }
    return left;
  }

  util::Result<NodePtr> parse_not() {
    skip_space();
    // "!=" is a comparison, so a lone "!" only.
    bool bang = pos_ < text_.size() && text_[pos_] == '!' &&
                (pos_ + 1 >= text_.size() || text_[pos_ + 1] != '=');
    if (bang) {
      ++pos_;
    }
    if (bang || accept("not")) {
      TRUSTPCF_ASSIGN_OR_RETURN(NodePtr operand, parse_not());
      return make_unary(NodeKind::kNot, operand);
    }
    return parse_comparison();
  }

  util::Result<NodePtr> parse_comparison() {
    TRUSTPCF_ASSIGN_OR_RETURN(NodePtr left, parse_additive());
    while (true) {
      std::string op;
      if (accept("==") || accept("=")) {
        op = "=";
      } else if (accept("<>") || accept("!=")) {
        op = "<>";
      } else if (accept("<=")) {
        op = "<=";
      } else if (accept(">=")) {
        op = ">=";
      } else if (accept("<")) {
        op = "<";
      } else if (accept(">")) {
        op = ">";
      } else {
        return left;
      }
      TRUSTPCF_ASSIGN_OR_RETURN(NodePtr right, parse_additive());
      left = make_binary(op, left, right);
    }
  }

  util::Result<NodePtr> parse_additive() {
    TRUSTPCF_ASSIGN_OR_RETURN(NodePtr left, parse_multiplicative());
    while (true) {
      std::string op;
      if (accept("+")) {
        op = "+";
      } else if (accept("-")) {
        op = "-";
      } else {
        return left;
      }
      TRUSTPCF_ASSIGN_OR_RETURN(NodePtr right, parse_multiplicative());
      left = make_binary(op, left, right);
    }
  }

  util::Result<NodePtr> parse_multiplicative() {
    TRUSTPCF_ASSIGN_OR_RETURN(NodePtr left, parse_sign());
    while (true) {
      std::string op;
      if (accept("*")) {
        op = "*";
      } else if (accept("/")) {
        op = "/";
      } else {
        return left;
      }
      TRUSTPCF_ASSIGN_OR_RETURN(NodePtr right, parse_sign());
      left = make_binary(op, left, right);
    }
  }

  // Unary sign binds looser than ^, so -2^2 is -4 as in mathematics.
  util::Result<NodePtr> parse_sign() {
    if (accept("-")) {
      TRUSTPCF_ASSIGN_OR_RETURN(NodePtr operand, parse_sign());
      return make_unary(NodeKind::kNegate, operand);
    }
    if (accept("+")) return parse_sign();
    return parse_power();
  }

  util::Result<NodePtr> parse_power() {
    TRUSTPCF_ASSIGN_OR_RETURN(NodePtr base, parse_primary());
    if (accept("^")) {
      // Right-associative: 2^3^2 is 2^(3^2); the exponent may carry a sign.
      TRUSTPCF_ASSIGN_OR_RETURN(NodePtr exponent, parse_sign());
      return make_binary("^", base, exponent);
    }
    return base;
  }

  util::Result<NodePtr> parse_primary() {
    skip_space();
    if (pos_ >= text_.size()) return error("a number, a parameter name or '('");
    char c = text_[pos_];

    if (c == '(') {
      ++pos_;
      TRUSTPCF_ASSIGN_OR_RETURN(NodePtr inner, parse_or());
      if (!accept(")")) return error("')'");
      return inner;
    }
    if (std::isdigit(static_cast<unsigned char>(c)) || c == '.') return parse_number();
    if (is_identifier_start(c)) return parse_identifier();
    return error("a number, a parameter name or '('");
  }

  // Scans digits, an optional fraction and an optional exponent, then
  // converts; hexadecimal and "inf" are never read as numbers.
  util::Result<NodePtr> parse_number() {
    std::size_t start = pos_;
    auto skip_digits = [&] {
      while (pos_ < text_.size() && std::isdigit(static_cast<unsigned char>(text_[pos_]))) ++pos_;
    };
    skip_digits();
    if (pos_ < text_.size() && text_[pos_] == '.') {
      ++pos_;
      skip_digits();
    }
    if (pos_ - start == 1 && text_[start] == '.') {
      pos_ = start;
      return error("a number");
    }
    if (pos_ < text_.size() && (text_[pos_] == 'e' || text_[pos_] == 'E')) {
      std::size_t exponent = pos_ + 1;
      if (exponent < text_.size() && (text_[exponent] == '+' || text_[exponent] == '-')) ++exponent;
      if (exponent < text_.size() && std::isdigit(static_cast<unsigned char>(text_[exponent]))) {
        pos_ = exponent;
        skip_digits();
      }
    }
    auto node = std::make_shared<Node>();
    node->kind = NodeKind::kNumber;
    // from_chars is locale-independent; it rejects a leading '.', so parse
    // ".5" as "0.5".
    std::string digits = (text_[start] == '.' ? "0" : "") + std::string(text_.substr(start, pos_ - start));
    std::from_chars(digits.data(), digits.data() + digits.size(), node->number);
    return NodePtr(node);
  }

  util::Result<NodePtr> parse_identifier() {
    std::size_t start = pos_;
    while (pos_ < text_.size() && is_identifier_char(text_[pos_])) ++pos_;
    std::string name = to_lower(text_.substr(start, pos_ - start));

    std::size_t after_name = pos_;
    skip_space();
    if (pos_ < text_.size() && text_[pos_] == '(') {
      ++pos_;
      auto call = std::make_shared<Node>();
      call->kind = NodeKind::kCall;
      call->name = name;
      if (!accept(")")) {
        while (true) {
          TRUSTPCF_ASSIGN_OR_RETURN(NodePtr argument, parse_or());
          call->children.push_back(argument);
          if (accept(";") || accept(",")) continue;
          if (accept(")")) break;
          return error("';', ',' or ')'");
        }
      }
      return NodePtr(call);
    }
    pos_ = after_name;

    auto node = std::make_shared<Node>();
    if (name == "pi") {
      node->number = std::numbers::pi;
    } else if (name == "e") {
      node->number = std::numbers::e;
    } else if (name == "true") {
      node->number = 1.0;
    } else if (name == "false") {
      node->number = 0.0;
    } else {
      node->kind = NodeKind::kVariable;
      node->name = name;
      variables.insert(name);
    }
    return NodePtr(node);
  }

  std::string_view text_;
  std::size_t pos_ = 0;
};

struct Evaluator {
  const std::string& text;
  const ParameterLookup& lookup;

  util::Error arity_error(const Node& node, std::string_view expected) const {
    return make_error(ErrorCode::kInvalidInput, "formula '{}': function {}() takes {}, got {}", text,
                      node.name, expected, node.children.size());
  }

  util::Result<double> evaluate(const Node& node) const {
    switch (node.kind) {
      case NodeKind::kNumber:
        return node.number;
      case NodeKind::kVariable: {
        std::optional<double> value = lookup(node.name);
        if (!value) {
          return make_error(ErrorCode::kInvalidInput,
                            "formula '{}' names unknown parameter '{}'; define it as a process or "
                            "global parameter or correct the name",
                            text, node.name);
        }
        return *value;
      }
      case NodeKind::kNegate: {
        TRUSTPCF_ASSIGN_OR_RETURN(double value, evaluate(*node.children[0]));
        return -value;
      }
      case NodeKind::kNot: {
        TRUSTPCF_ASSIGN_OR_RETURN(double value, evaluate(*node.children[0]));
        return value == 0.0 ? 1.0 : 0.0;
      }
      case NodeKind::kBinary:
        return evaluate_binary(node);
      case NodeKind::kCall:
        return evaluate_call(node);
    }
    return make_error(ErrorCode::kInternal, "formula '{}': unknown node kind", text);
  }

  util::Result<double> evaluate_binary(const Node& node) const {
    const std::string& op = node.name;
    TRUSTPCF_ASSIGN_OR_RETURN(double left, evaluate(*node.children[0]));

    // Short-circuit, so that "x <> 0 and 1 / x > 2" never divides by zero.
    if (op == "and" && left == 0.0) return 0.0;
    if (op == "or" && left != 0.0) return 1.0;

    TRUSTPCF_ASSIGN_OR_RETURN(double right, evaluate(*node.children[1]));
    if (op == "and" || op == "or") return right != 0.0 ? 1.0 : 0.0;
    if (op == "+") return left + right;
    if (op == "-") return left - right;
    if (op == "*") return left * right;
    if (op == "/") return left / right;
    if (op == "^") return std::pow(left, right);
    if (op == "=") return left == right ? 1.0 : 0.0;
    if (op == "<>") return left != right ? 1.0 : 0.0;
    if (op == "<") return left < right ? 1.0 : 0.0;
    if (op == "<=") return left <= right ? 1.0 : 0.0;
    if (op == ">") return left > right ? 1.0 : 0.0;
    if (op == ">=") return left >= right ? 1.0 : 0.0;
    return make_error(ErrorCode::kInternal, "formula '{}': unknown operator {}", text, op);
  }

  util::Result<double> evaluate_call(const Node& node) const {
    const std::string& name = node.name;
    std::size_t count = node.children.size();

    // if() evaluates only the branch it takes.
    if (name == "if" || name == "iif") {
      if (count != 3) return arity_error(node, "3 arguments (condition; then; else)");
      TRUSTPCF_ASSIGN_OR_RETURN(double condition, evaluate(*node.children[0]));
      return evaluate(*node.children[condition != 0.0 ? 1 : 2]);
    }

    std::vector<double> args;
    args.reserve(count);
    for (const NodePtr& child : node.children) {
      TRUSTPCF_ASSIGN_OR_RETURN(double value, evaluate(*child));
      args.push_back(value);
    }

    if (name == "min" || name == "max" || name == "sum" || name == "avg") {
      if (count == 0) return arity_error(node, "at least 1 argument");
      if (name == "min") return *std::min_element(args.begin(), args.end());
      if (name == "max") return *std::max_element(args.begin(), args.end());
      double total = 0.0;
      for (double value : args) total += value;
      return name == "sum" ? total : total / static_cast<double>(count);
    }

    if (name == "pow" || name == "power" || name == "mod") {
      if (count != 2) return arity_error(node, "2 arguments");
      return name == "mod" ? std::fmod(args[0], args[1]) : std::pow(args[0], args[1]);
    }
    if (name == "log" && count == 2) return std::log(args[0]) / std::log(args[1]);
    if (name == "round" && count == 2) {
      double scale = std::pow(10.0, args[1]);
      return std::round(args[0] * scale) / scale;
    }

    using UnaryFunction = double (*)(double);
    static const std::pair<const char*, UnaryFunction> kUnary[] = {
        {"abs", [](double x) { return std::fabs(x); }},
        {"sqrt", [](double x) { return std::sqrt(x); }},
        {"exp", [](double x) { return std::exp(x); }},
        {"ln", [](double x) { return std::log(x); }},
        // NOTE: log(x) is the base-10 logarithm, as in spreadsheet formulas;
        // use ln(x) for the natural logarithm.
        {"log", [](double x) { return std::log10(x); }},
        {"log10", [](double x) { return std::log10(x); }},
        {"sin", [](double x) { return std::sin(x); }},
        {"cos", [](double x) { return std::cos(x); }},
        {"tan", [](double x) { return std::tan(x); }},
        {"asin", [](double x) { return std::asin(x); }},
        {"acos", [](double x) { return std::acos(x); }},
        {"atan", [](double x) { return std::atan(x); }},
        {"round", [](double x) { return std::round(x); }},
        {"ceil", [](double x) { return std::ceil(x); }},
        {"floor", [](double x) { return std::floor(x); }},
        {"int", [](double x) { return std::floor(x); }},
        {"trunc", [](double x) { return std::trunc(x); }},
        {"frac", [](double x) { return x - std::trunc(x); }},
        {"sign", [](double x) { return x > 0.0 ? 1.0 : (x < 0.0 ? -1.0 : 0.0); }},
    };
    for (const auto& [function_name, function] : kUnary) {
      if (name != function_name) continue;
      if (count != 1) return arity_error(node, "1 argument");
      return function(args[0]);
    }

    return make_error(ErrorCode::kInvalidInput,
                      "formula '{}' calls unknown function '{}'; see the list of formula functions "
                      "in lca/formula.hpp",
                      text, name);
  }
};

}  // namespace

util::Result<Formula> Formula::parse(std::string_view text) {
  Parser parser(text);
  TRUSTPCF_ASSIGN_OR_RETURN(NodePtr root, parser.parse());
  Formula formula;
  formula.text_ = std::string(text);
  formula.root_ = std::move(root);
  formula.variables_ = std::move(parser.variables);
  return formula;
}

util::Result<double> Formula::evaluate(const ParameterLookup& lookup) const {
  Evaluator evaluator{text_, lookup};
  TRUSTPCF_ASSIGN_OR_RETURN(double value, evaluator.evaluate(*root_));
  if (!std::isfinite(value)) {
    return make_error(ErrorCode::kInvalidInput,
                      "formula '{}' gives {} (a division by zero or a function outside its "
                      "domain); correct the formula or its parameters",
                      text_, value);
  }
  return value;
}

util::Result<double> evaluate_formula(std::string_view text, const ParameterLookup& lookup) {
  TRUSTPCF_ASSIGN_OR_RETURN(Formula formula, Formula::parse(text));
  return formula.evaluate(lookup);
}

std::string normalize_parameter_name(std::string_view name) {
  std::size_t begin = 0;
  std::size_t end = name.size();
  while (begin < end && std::isspace(static_cast<unsigned char>(name[begin]))) ++begin;
  while (end > begin && std::isspace(static_cast<unsigned char>(name[end - 1]))) --end;
  return to_lower(name.substr(begin, end - begin));
}

}  // namespace trustpcf::lca
