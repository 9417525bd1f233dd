#include "util/time.hpp"

#include <gtest/gtest.h>

namespace trustpcf::util {
namespace {

TEST(Rfc3339, RoundTripsUtc) {
  auto parsed = parse_rfc3339("2026-12-04T20:07:16Z");
  ASSERT_TRUE(parsed.ok()) << parsed.error().message();
  EXPECT_EQ(format_rfc3339(*parsed), "2026-12-04T20:07:16Z");
}

TEST(Rfc3339, AppliesOffset) {
  auto parsed = parse_rfc3339("2026-12-05T04:07:16+08:00");
  ASSERT_TRUE(parsed.ok()) << parsed.error().message();
  EXPECT_EQ(format_rfc3339(*parsed), "2026-12-04T20:07:16Z");
}

TEST(Rfc3339, AcceptsPlainDateAndFraction) {
  EXPECT_EQ(format_rfc3339(parse_rfc3339("2025-01-01").value()), "2025-01-01T00:00:00Z");
  EXPECT_EQ(format_rfc3339(parse_rfc3339("2025-01-01T00:00:00.750Z").value()), "2025-01-01T00:00:00Z");
}

TEST(Rfc3339, RejectsInvalidDates) {
  for (const char* text : {"2025-02-30", "2025-13-01T00:00:00Z", "2025-01-01T00:00:00", "yesterday",
                           "2025-01-01T25:00:00Z"}) {
    EXPECT_FALSE(parse_rfc3339(text).ok()) << text;
  }
}

}  // namespace
}  // namespace trustpcf::util
