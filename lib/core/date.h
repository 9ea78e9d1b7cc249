#pragma once
// Civil (proleptic Gregorian) dates and partial dates, with day arithmetic.
//
//   Date d{2026, 4, 20};
//   Date e = add_days(d, 5);           // 2026-04-25
//   to_iso(PartialDate{2026, 4, 0});   // "2026-04"
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace dondoc {

struct Date {
  int y = 0, m = 0, d = 0;
  friend bool operator==(const Date&, const Date&) = default;
  friend auto operator<=>(const Date&, const Date&) = default;
};

// A date whose day, or day and month, may be unknown (0): drafts print "ngày   tháng 4 năm 2026".
struct PartialDate {
  int y = 0, m = 0, d = 0;
  bool complete() const { return y && m && d; }
  Date date() const { return Date{y, m, d}; }
  friend bool operator==(const PartialDate&, const PartialDate&) = default;
};

bool is_leap_year(int y);
int days_in_month(int y, int m);
bool is_valid(const Date& d);
// Days since 1970-01-01 (negative before).
int64_t to_days(const Date& d);
Date from_days(int64_t days);
Date add_days(const Date& d, int64_t n);
int64_t days_between(const Date& from, const Date& to);  // to - from
// 0 = Monday ... 6 = Sunday (ISO order).
int weekday(const Date& d);
Date last_day_of_month(int y, int m);
// Adds months the way the Civil Code counts them: 31/1 + 1 month -> 28 or 29/2.
Date add_months(const Date& d, int months);

std::string to_iso(const Date& d);          // "2026-04-20"
std::string to_iso(const PartialDate& d);   // "2026-04-20", "2026-04", "2026", or "" when y == 0
std::string to_vn(const Date& d);           // "20/04/2026"
std::optional<Date> parse_iso(std::string_view s);             // full dates only
std::optional<PartialDate> parse_iso_partial(std::string_view s);

}  // namespace dondoc
