#include "core/date.h"

#include <cstdio>

namespace dondoc {

bool is_leap_year(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12) return 0;
  return m == 2 && is_leap_year(y) ? 29 : kDays[m - 1];
}

bool is_valid(const Date& d) {
  return d.y >= 1 && d.y <= 9999 && d.m >= 1 && d.m <= 12 && d.d >= 1 && d.d <= days_in_month(d.y, d.m);
}

// Howard Hinnant's days_from_civil / civil_from_days.
int64_t to_days(const Date& dt) {
  int64_t y = dt.y - (dt.m <= 2 ? 1 : 0);
  int64_t era = (y >= 0 ? y : y - 399) / 400;
  int64_t yoe = y - era * 400;
  int64_t mp = (dt.m + 9) % 12;
  int64_t doy = (153 * mp + 2) / 5 + dt.d - 1;
  int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

Date from_days(int64_t z) {
  z += 719468;
  int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  int64_t doe = z - era * 146097;
  int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t y = yoe + era * 400;
  int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int64_t mp = (5 * doy + 2) / 153;
  int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  return Date{static_cast<int>(y + (m <= 2 ? 1 : 0)), m, d};
}

Date add_days(const Date& d, int64_t n) { return from_days(to_days(d) + n); }
int64_t days_between(const Date& from, const Date& to) { return to_days(to) - to_days(from); }

int weekday(const Date& d) {
  int64_t z = to_days(d);  // 1970-01-01 was a Thursday (3)
  int64_t w = (z + 3) % 7;
  return static_cast<int>(w < 0 ? w + 7 : w);
}

Date last_day_of_month(int y, int m) { return Date{y, m, days_in_month(y, m)}; }

Date add_months(const Date& d, int months) {
  int total = d.y * 12 + (d.m - 1) + months;
  int y = total / 12, m = total % 12 + 1;
  int day = d.d;
  if (day > days_in_month(y, m)) day = days_in_month(y, m);
  return Date{y, m, day};
}

std::string to_iso(const Date& d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.y, d.m, d.d);
  return buf;
}

std::string to_iso(const PartialDate& d) {
  char buf[16];
  if (!d.y) return {};
  if (!d.m) std::snprintf(buf, sizeof buf, "%04d", d.y);
  else if (!d.d) std::snprintf(buf, sizeof buf, "%04d-%02d", d.y, d.m);
  else std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.y, d.m, d.d);
  return buf;
}

std::string to_vn(const Date& d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d/%02d/%04d", d.d, d.m, d.y);
  return buf;
}

namespace {
bool digits(std::string_view s, size_t pos, size_t n, int* out) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  *out = v;
  return true;
}
}  // namespace

std::optional<PartialDate> parse_iso_partial(std::string_view s) {
  PartialDate p;
  if (!digits(s, 0, 4, &p.y) || p.y < 1) return std::nullopt;
  if (s.size() == 4) return p;
  if (s.size() < 7 || s[4] != '-' || !digits(s, 5, 2, &p.m) || p.m < 1 || p.m > 12) return std::nullopt;
  if (s.size() == 7) return p;
  if (s.size() != 10 || s[7] != '-' || !digits(s, 8, 2, &p.d)) return std::nullopt;
  if (!is_valid(p.date())) return std::nullopt;
  return p;
}

std::optional<Date> parse_iso(std::string_view s) {
  auto p = parse_iso_partial(s);
  if (!p || !p->complete()) return std::nullopt;
  return p->date();
}

}  // namespace dondoc
