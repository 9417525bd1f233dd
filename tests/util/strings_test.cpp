#include "util/strings.hpp"

#include <gtest/gtest.h>

namespace trustpcf::util {
namespace {

TEST(Trim, DropsSurroundingWhiteSpace) {
  EXPECT_EQ(trim("  Steel, billets \t\r\n"), "Steel, billets");
  EXPECT_EQ(trim("   "), "");
  EXPECT_EQ(trim(""), "");
}

TEST(TrimLower, LowersAsciiOnly) {
  EXPECT_EQ(trim_lower(" Window Frame "), "window frame");
  EXPECT_EQ(trim_lower("Al\xC3\x9C"), "al\xC3\x9C");
}

}  // namespace
}  // namespace trustpcf::util
