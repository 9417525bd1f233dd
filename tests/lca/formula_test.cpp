#include "lca/formula.hpp"

#include <cmath>
#include <numbers>

#include <gtest/gtest.h>

#include "lca/parameters.hpp"

namespace trustpcf::lca {
namespace {

ParameterLookup no_parameters() {
  return [](const std::string&) -> std::optional<double> { return std::nullopt; };
}

double eval(std::string_view text) {
  auto value = evaluate_formula(text, no_parameters());
  EXPECT_TRUE(value.ok()) << text << ": " << (value.ok() ? "" : value.error().message());
  return value.ok() ? *value : std::nan("");
}

std::string error_of(std::string_view text, const ParameterLookup& lookup) {
  auto value = evaluate_formula(text, lookup);
  EXPECT_FALSE(value.ok()) << text << " evaluated to " << (value.ok() ? *value : 0.0);
  return value.ok() ? std::string() : value.error().message();
}

TEST(Formula, Precedence) {
  EXPECT_DOUBLE_EQ(eval("1 + 2 * 3"), 7.0);
  EXPECT_DOUBLE_EQ(eval("(1 + 2) * 3"), 9.0);
  EXPECT_DOUBLE_EQ(eval("10 - 4 - 3"), 3.0);
  EXPECT_DOUBLE_EQ(eval("12 / 3 / 2"), 2.0);
  EXPECT_DOUBLE_EQ(eval("2 ^ 3 ^ 2"), 512.0);
  EXPECT_DOUBLE_EQ(eval("-2 ^ 2"), -4.0);
  EXPECT_DOUBLE_EQ(eval("2 ^ -1"), 0.5);
  EXPECT_DOUBLE_EQ(eval("--3"), 3.0);
  EXPECT_DOUBLE_EQ(eval("2 * -3"), -6.0);
  EXPECT_DOUBLE_EQ(eval("1 + 2 > 2"), 1.0);
}

TEST(Formula, Numbers) {
  EXPECT_DOUBLE_EQ(eval(".5"), 0.5);
  EXPECT_DOUBLE_EQ(eval("1e-3"), 0.001);
  EXPECT_DOUBLE_EQ(eval("2.5E+2"), 250.0);
  EXPECT_DOUBLE_EQ(eval("  7  "), 7.0);
}

TEST(Formula, ComparisonsAndLogic) {
  EXPECT_DOUBLE_EQ(eval("2 = 2"), 1.0);
  EXPECT_DOUBLE_EQ(eval("2 == 3"), 0.0);
  EXPECT_DOUBLE_EQ(eval("2 <> 3"), 1.0);
  EXPECT_DOUBLE_EQ(eval("2 != 2"), 0.0);
  EXPECT_DOUBLE_EQ(eval("2 <= 2"), 1.0);
  EXPECT_DOUBLE_EQ(eval("3 < 2"), 0.0);
  EXPECT_DOUBLE_EQ(eval("3 >= 4"), 0.0);
  EXPECT_DOUBLE_EQ(eval("1 and 0"), 0.0);
  EXPECT_DOUBLE_EQ(eval("1 AND 2"), 1.0);
  EXPECT_DOUBLE_EQ(eval("0 or 0"), 0.0);
  EXPECT_DOUBLE_EQ(eval("0 || 3"), 1.0);
  EXPECT_DOUBLE_EQ(eval("1 && 1"), 1.0);
  EXPECT_DOUBLE_EQ(eval("not 0"), 1.0);
  EXPECT_DOUBLE_EQ(eval("!1"), 0.0);
  EXPECT_DOUBLE_EQ(eval("not 1 = 2"), 1.0);
  EXPECT_DOUBLE_EQ(eval("1 or 0 and 0"), 1.0);
}

TEST(Formula, IfWithBothSeparators) {
  EXPECT_DOUBLE_EQ(eval("if(1 > 0; 10; 20)"), 10.0);
  EXPECT_DOUBLE_EQ(eval("IF(0, 10, 20)"), 20.0);
  EXPECT_DOUBLE_EQ(eval("iif(2 = 2; 3; 4)"), 3.0);
  // Only the branch taken is evaluated.
  EXPECT_DOUBLE_EQ(eval("if(1; 5; 1 / 0)"), 5.0);
}

TEST(Formula, Functions) {
  EXPECT_DOUBLE_EQ(eval("abs(-3)"), 3.0);
  EXPECT_DOUBLE_EQ(eval("sqrt(16)"), 4.0);
  EXPECT_DOUBLE_EQ(eval("exp(0)"), 1.0);
  EXPECT_DOUBLE_EQ(eval("ln(e)"), 1.0);
  EXPECT_DOUBLE_EQ(eval("log(1000)"), 3.0);
  EXPECT_DOUBLE_EQ(eval("log10(100)"), 2.0);
  EXPECT_DOUBLE_EQ(eval("log(8; 2)"), 3.0);
  EXPECT_DOUBLE_EQ(eval("sin(0)"), 0.0);
  EXPECT_DOUBLE_EQ(eval("cos(0)"), 1.0);
  EXPECT_DOUBLE_EQ(eval("tan(0)"), 0.0);
  EXPECT_DOUBLE_EQ(eval("asin(1)"), std::numbers::pi / 2);
  EXPECT_DOUBLE_EQ(eval("acos(1)"), 0.0);
  EXPECT_DOUBLE_EQ(eval("atan(1)"), std::numbers::pi / 4);
  EXPECT_DOUBLE_EQ(eval("min(3; 1; 2)"), 1.0);
  EXPECT_DOUBLE_EQ(eval("max(3, 1, 2)"), 3.0);
  EXPECT_DOUBLE_EQ(eval("sum(1; 2; 3)"), 6.0);
  EXPECT_DOUBLE_EQ(eval("avg(1; 2; 3)"), 2.0);
  EXPECT_DOUBLE_EQ(eval("round(2.5)"), 3.0);
  EXPECT_DOUBLE_EQ(eval("round(2.345; 2)"), 2.35);
  EXPECT_DOUBLE_EQ(eval("ceil(1.2)"), 2.0);
  EXPECT_DOUBLE_EQ(eval("floor(-1.2)"), -2.0);
  EXPECT_DOUBLE_EQ(eval("pow(2; 10)"), 1024.0);
  EXPECT_DOUBLE_EQ(eval("mod(7; 3)"), 1.0);
  EXPECT_DOUBLE_EQ(eval("PI"), std::numbers::pi);
  EXPECT_DOUBLE_EQ(eval("true + false"), 1.0);
}

TEST(Formula, VariablesAreCaseInsensitive) {
  auto lookup = [](const std::string& name) -> std::optional<double> {
    if (name == "waste_coarse") return 2.0;
    return std::nullopt;
  };
  auto value = evaluate_formula("Waste_Coarse * WASTE_COARSE", lookup);
  ASSERT_TRUE(value.ok()) << value.error().message();
  EXPECT_DOUBLE_EQ(*value, 4.0);

  auto formula = Formula::parse("a + B * if(c; a; d)");
  ASSERT_TRUE(formula.ok());
  EXPECT_EQ(formula->variables(), (std::set<std::string>{"a", "b", "c", "d"}));
}

TEST(Formula, SyntaxErrorsNamePosition) {
  EXPECT_NE(error_of("2 *", no_parameters()).find("does not parse"), std::string::npos);
  EXPECT_NE(error_of("(1 + 2", no_parameters()).find("expected ')'"), std::string::npos);
  EXPECT_NE(error_of("1 + 2)", no_parameters()).find("character 6"), std::string::npos);
  EXPECT_NE(error_of("1,5 * 2", no_parameters()).find("does not parse"), std::string::npos);
  EXPECT_NE(error_of("3 $ 4", no_parameters()).find("'$'"), std::string::npos);
  EXPECT_NE(error_of("", no_parameters()).find("does not parse"), std::string::npos);
}

TEST(Formula, EvaluationErrors) {
  EXPECT_NE(error_of("x + 1", no_parameters()).find("unknown parameter 'x'"), std::string::npos);
  EXPECT_NE(error_of("1 / 0", no_parameters()).find("division by zero"), std::string::npos);
  EXPECT_NE(error_of("sqrt(-1)", no_parameters()).find("outside its domain"), std::string::npos);
  EXPECT_NE(error_of("frobnicate(1)", no_parameters()).find("unknown function 'frobnicate'"), std::string::npos);
  EXPECT_NE(error_of("if(1; 2)", no_parameters()).find("takes 3 arguments"), std::string::npos);
  EXPECT_NE(error_of("abs(1; 2)", no_parameters()).find("takes 1 argument"), std::string::npos);
}

TEST(Formula, NormalizesParameterNames) {
  EXPECT_EQ(normalize_parameter_name(" h2o_Lead "), "h2o_lead");
  EXPECT_EQ(normalize_parameter_name("ABC"), "abc");
}

Parameter input(std::string name, double value) {
  Parameter parameter;
  parameter.name = std::move(name);
  parameter.value = value;
  return parameter;
}

Parameter dependent(std::string name, std::string formula) {
  Parameter parameter;
  parameter.name = std::move(name);
  parameter.is_input_parameter = false;
  parameter.formula = std::move(formula);
  return parameter;
}

TEST(Parameters, DependencyOrderAndOuterScope) {
  std::vector<Parameter> globals = {input("G", 2.0), dependent("g2", "g * 10")};
  auto global_values = evaluate_parameters(globals, {}, "global parameters");
  ASSERT_TRUE(global_values.ok()) << global_values.error().message();
  EXPECT_DOUBLE_EQ(globals[1].value, 20.0);

  // c is listed before the parameters it depends on; g is hidden by the
  // process parameter of the same name.
  std::vector<Parameter> locals = {dependent("c", "b + 1"), dependent("b", "a * g2"), input("a", 3.0),
                                   input("g ", 5.0), dependent("h", "g")};
  auto values = evaluate_parameters(locals, *global_values, "process p1");
  ASSERT_TRUE(values.ok()) << values.error().message();
  EXPECT_DOUBLE_EQ(locals[1].value, 60.0);
  EXPECT_DOUBLE_EQ(locals[0].value, 61.0);
  EXPECT_DOUBLE_EQ(locals[4].value, 5.0);
  EXPECT_DOUBLE_EQ(values->at("g"), 5.0);
  EXPECT_DOUBLE_EQ(values->at("g2"), 20.0);
}

TEST(Parameters, CycleIsAnError) {
  std::vector<Parameter> locals = {dependent("a", "b + 1"), dependent("b", "c * 2"), dependent("c", "a")};
  auto values = evaluate_parameters(locals, {}, "process p1");
  ASSERT_FALSE(values.ok());
  EXPECT_EQ(values.error().code(), util::ErrorCode::kInvalidInput);
  EXPECT_NE(values.error().message().find("cycle (a -> b -> c -> a)"), std::string::npos)
      << values.error().message();
}

TEST(Parameters, SelfReferenceIsACycle) {
  std::vector<Parameter> locals = {dependent("a", "a + 1")};
  auto values = evaluate_parameters(locals, {}, "process p1");
  ASSERT_FALSE(values.ok());
  EXPECT_NE(values.error().message().find("cycle"), std::string::npos);
}

TEST(Parameters, UnknownNameIsAnError) {
  std::vector<Parameter> locals = {dependent("a", "missing * 2")};
  auto values = evaluate_parameters(locals, {}, "process p1");
  ASSERT_FALSE(values.ok());
  EXPECT_NE(values.error().message().find("process p1: parameter 'a', field formula"), std::string::npos)
      << values.error().message();
  EXPECT_NE(values.error().message().find("unknown parameter 'missing'"), std::string::npos);
}

TEST(Parameters, DuplicateNamesAreAnError) {
  std::vector<Parameter> locals = {input("Rate", 1.0), input("rate ", 2.0)};
  auto values = evaluate_parameters(locals, {}, "process p1");
  ASSERT_FALSE(values.ok());
  EXPECT_NE(values.error().message().find("two parameters are named"), std::string::npos);
}

}  // namespace
}  // namespace trustpcf::lca
