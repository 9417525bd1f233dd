#include "util/time.hpp"

#include <cstdio>
#include <ctime>

namespace trustpcf::util {

std::string format_rfc3339(Clock::time_point time) {
  std::time_t seconds = Clock::to_time_t(time);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return buffer;
}

Result<Clock::time_point> parse_rfc3339(std::string_view text) {
  auto invalid = [&] {
    return make_error(ErrorCode::kInvalidInput,
                      "'{}' is not an RFC 3339 date-time (expected e.g. 2026-12-04T20:07:16Z)", text);
  };

  std::string s(text);
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  int consumed = 0;
  if (std::sscanf(s.c_str(), "%4d-%2d-%2d%n", &year, &month, &day, &consumed) != 3 || consumed != 10) {
    return invalid();
  }
  size_t pos = 10;
  long offset_seconds = 0;
  double fraction = 0;

  if (pos < s.size()) {
    if (s[pos] != 'T' && s[pos] != 't' && s[pos] != ' ') return invalid();
    ++pos;
    if (std::sscanf(s.c_str() + pos, "%2d:%2d:%2d%n", &hour, &minute, &second, &consumed) != 3 ||
        consumed != 8) {
      return invalid();
    }
    pos += 8;
    if (pos < s.size() && s[pos] == '.') {
      size_t start = pos;
      ++pos;
      while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
      if (pos == start + 1) return invalid();
      fraction = std::stod("0" + s.substr(start, pos - start));
    }
    if (pos >= s.size()) return invalid();
    if (s[pos] == 'Z' || s[pos] == 'z') {
      ++pos;
    } else if (s[pos] == '+' || s[pos] == '-') {
      int oh = 0, om = 0;
      if (std::sscanf(s.c_str() + pos + 1, "%2d:%2d%n", &oh, &om, &consumed) != 2 || consumed != 5) {
        return invalid();
      }
      offset_seconds = (s[pos] == '+' ? 1 : -1) * (oh * 3600L + om * 60L);
      pos += 6;
    } else {
      return invalid();
    }
    if (pos != s.size()) return invalid();
  }

  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) {
    return invalid();
  }
  using namespace std::chrono;
  year_month_day date{std::chrono::year(year), std::chrono::month(static_cast<unsigned>(month)),
                      std::chrono::day(static_cast<unsigned>(day))};
  if (!date.ok()) return invalid();

  auto time = sys_days(date) + hours(hour) + minutes(minute) + seconds(second) -
              std::chrono::seconds(offset_seconds);
  return time_point_cast<Clock::duration>(time) +
         duration_cast<Clock::duration>(duration<double>(fraction));
}

}  // namespace trustpcf::util
