#include "util/numbers.hpp"

#include <gtest/gtest.h>

namespace trustpcf::util {
namespace {

TEST(FormatDecimal, ShortestRoundTrip) {
  EXPECT_EQ(format_decimal(1.5), "1.5");
  EXPECT_EQ(format_decimal(0.1), "0.1");
  EXPECT_EQ(format_decimal(-2.25), "-2.25");
  EXPECT_EQ(format_decimal(100.0), "100");
}

TEST(FormatDecimal, NeverUsesExponent) {
  EXPECT_EQ(format_decimal(1e21), "1000000000000000000000");
  EXPECT_EQ(format_decimal(1.25e-7), "0.000000125");
}

TEST(FormatDecimal, ZeroAndNegativeZero) {
  EXPECT_EQ(format_decimal(0.0), "0");
  EXPECT_EQ(format_decimal(-0.0), "0");
}

TEST(FormatDecimal, SignificantDigits) {
  EXPECT_EQ(format_decimal(2.0 / 3.0, 4), "0.6667");
  EXPECT_EQ(format_decimal(123456.0, 3), "123000");
  EXPECT_EQ(format_decimal(1.0000001, 3), "1");
}

TEST(ParseDouble, AcceptsDecimalAndScientific) {
  EXPECT_DOUBLE_EQ(parse_double("12.5").value(), 12.5);
  EXPECT_DOUBLE_EQ(parse_double(" -3e-4 ").value(), -3e-4);
  EXPECT_DOUBLE_EQ(parse_double("+7").value(), 7.0);
}

TEST(ParseDouble, RejectsGarbage) {
  for (const char* text : {"", "abc", "1.5x", "nan", "inf", "1e999"}) {
    auto result = parse_double(text);
    ASSERT_FALSE(result.ok()) << text;
    EXPECT_EQ(result.error().code(), ErrorCode::kInvalidInput) << text;
  }
}

}  // namespace
}  // namespace trustpcf::util
