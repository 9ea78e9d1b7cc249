// The working-day calendar: Labour Code holiday rules, the announced-schedule table, and a
// prefix-sum cache that makes is_working_day and working-day arithmetic O(1)/O(log n).
#include "calendar/calendar.h"

#include <algorithm>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <set>

#include "data/data.h"

namespace dondoc::calendar {
namespace {

// Years held in the cache; others are computed on demand (slower, same answers).
constexpr int kFirstYear = 1900;
constexpr int kLastYear = 2100;
// Holidays exist for these years; outside them only the weekly rest applies.
constexpr int kMinYear = 1;
constexpr int kMaxYear = 9999;

// Bộ luật Lao động 2019 Điều 112 khoản 1, in the law's order. "extra" rows add to them.
struct Statutory {
  const char* key;
  const char* name;
};
constexpr Statutory kStatutory[] = {
    {"new_year", "Tết Dương lịch"},          {"tet", "Tết Nguyên đán"},
    {"hung_kings", "Giỗ Tổ Hùng Vương"},     {"victory_day", "Ngày Chiến thắng"},
    {"labour_day", "Ngày Quốc tế lao động"}, {"national_day", "Quốc khánh"},
};
constexpr const char* kExtra = "extra";
constexpr const char* kCompensatoryPrefix = "Nghỉ bù ";

bool known_key(std::string_view key) {
  if (key == kExtra) return true;
  for (const auto& s : kStatutory)
    if (key == s.key) return true;
  return false;
}

const char* statutory_name(std::string_view key) {
  for (const auto& s : kStatutory)
    if (key == s.key) return s.name;
  return "";
}

bool is_weekend(int64_t day) {
  int64_t w = (day + 3) % 7;  // 1970-01-01 (day 0) was a Thursday
  if (w < 0) w += 7;
  return w >= 5;
}

// Weekdays (Mon–Fri) in (a, b], any a <= b: closed form, used outside the holiday years.
int64_t weekdays_between(int64_t a, int64_t b) {
  // g(x) = weekdays in [kMonday, x]; 1970-01-05 (day 4) was a Monday.
  auto g = [](int64_t x) {
    int64_t r = x - 4 + 1;
    int64_t q = r >= 0 ? r / 7 : -((-r + 6) / 7);
    int64_t m = r - q * 7;
    return 5 * q + std::min<int64_t>(m, 5);
  };
  return g(b) - g(a);
}

int64_t day_of(int y, int m, int d) { return to_days(Date{y, m, d}); }

// to_days for any Date a caller may pass: an impossible day (30/2) rolls over as to_days does,
// and absurd years or months are clamped first so that the arithmetic cannot overflow.
int64_t day_number(const Date& d) {
  return to_days(Date{std::clamp(d.y, -1000000, 1000000), std::clamp(d.m, -12000, 12000), d.d});
}
int64_t min_day() { return day_of(kMinYear, 1, 1); }
int64_t max_day() { return day_of(kMaxYear, 12, 31); }

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\r' || s.front() == '\t'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\r' || s.back() == '\t'))
    s.remove_suffix(1);
  return s;
}

// Quốc khánh: 2/9 plus the day before or after. The government picks the one that joins a
// weekend (2021 Fri 3/9, 2022 Thu 1/9, 2023 Fri 1/9, 2024 Tue 3/9, 2025 Mon 1/9, 2026 Tue 1/9:
// all agree with this rule); a tie goes to the day before.
Date national_day_adjacent(int y) {
  const int64_t qk = day_of(y, 9, 2);
  auto run = [](int64_t s, int64_t e) {  // length of the off-run [s, e] stretched over weekends
    while (is_weekend(s - 1)) --s;
    while (is_weekend(e + 1)) ++e;
    return e - s + 1;
  };
  const bool before_ok = !is_weekend(qk - 1), after_ok = !is_weekend(qk + 1);
  if (before_ok && (!after_ok || run(qk - 1, qk) >= run(qk, qk + 1))) return from_days(qk - 1);
  return from_days(qk + 1);
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Building a year

Calendar::Year Calendar::build_year(int y) const {
  Year out;
  if (y < kMinYear || y > kMaxYear) return out;
  const Date first{y, 1, 1}, last{y, 12, 31};
  auto lo = std::lower_bound(rows_.begin(), rows_.end(), first,
                             [](const Row& r, const Date& d) { return r.date < d; });
  auto hi = std::upper_bound(rows_.begin(), rows_.end(), last,
                             [](const Date& d, const Row& r) { return d < r.date; });
  std::set<std::string> announced;  // statutory holidays the table states for this year
  for (auto it = lo; it != hi; ++it)
    if (it->holiday != kExtra) announced.insert(it->holiday);

  // Rule-made holidays, in date order; each that falls on a day already off gets a
  // compensatory day (Điều 112 khoản 3).
  struct RuleDay {
    int64_t day;
    const char* name;
  };
  std::vector<RuleDay> rule_days;
  auto add = [&](const char* key, std::optional<Date> d) {
    if (d && !announced.count(key)) rule_days.push_back({to_days(*d), statutory_name(key)});
  };
  add("new_year", Date{y, 1, 1});
  // Tết: the last day of the old year and days 1–4 of tháng Giêng.
  if (auto tet = to_solar(LunarDate{y, 1, 1, false}))
    for (int i = -1; i <= 3; ++i) add("tet", add_days(*tet, i));
  add("hung_kings", to_solar(LunarDate{y, 3, 10, false}));
  add("victory_day", Date{y, 4, 30});
  add("labour_day", Date{y, 5, 1});
  const Date qk{y, 9, 2}, qk_adjacent = national_day_adjacent(y);
  add("national_day", std::min(qk, qk_adjacent));
  add("national_day", std::max(qk, qk_adjacent));
  std::stable_sort(rule_days.begin(), rule_days.end(),
                   [](const RuleDay& a, const RuleDay& b) { return a.day < b.day; });

  std::map<int64_t, std::string> off;  // day -> name
  std::set<int64_t> make_up;           // Saturdays (or Sundays) worked
  for (auto it = lo; it != hi; ++it) {
    if (it->working)
      make_up.insert(to_days(it->date));
    else
      off.emplace(to_days(it->date), it->name);
  }
  const std::map<int64_t, std::string> table_off = off;
  std::vector<RuleDay> need_compensation;
  for (const auto& r : rule_days) {
    if (table_off.count(r.day)) {
      // A compensatory day written as "extra" would be granted twice: a holiday's own days must
      // be listed under its key, which replaces the rule.
      if (out.error.empty())
        out.error = "the table row on " + to_iso(from_days(r.day)) + " falls on the holiday " +
                    r.name + "; list that holiday's days under its own key";
      continue;
    }
    const bool inserted = off.emplace(r.day, r.name).second;
    if (!inserted || is_weekend(r.day))
      need_compensation.push_back(r);  // weekend, or Giỗ Tổ on 30/4
    if (make_up.count(r.day) && out.error.empty())
      out.error = "make-up working day " + to_iso(from_days(r.day)) + " is the holiday " + r.name;
  }
  for (const auto& r : need_compensation) {
    int64_t d = r.day + 1;
    while (is_weekend(d) || off.count(d)) ++d;
    off.emplace(d, kCompensatoryPrefix + std::string(r.name));
  }
  for (int64_t d : make_up) {
    if (off.count(d) && out.error.empty())
      out.error = "make-up working day " + to_iso(from_days(d)) + " is also a day off";
  }

  for (const auto& [d, name] : off) out.days.push_back(DayOff{from_days(d), name, false});
  for (auto it = lo; it != hi; ++it)
    if (it->working) out.days.push_back(DayOff{it->date, it->name, true});
  std::stable_sort(out.days.begin(), out.days.end(),
                   [](const DayOff& a, const DayOff& b) { return a.date < b.date; });
  return out;
}

// ---------------------------------------------------------------------------------------------
// Loading

Result<Calendar> Calendar::from_table(std::string_view tsv) {
  Calendar cal;
  int line_no = 0;
  size_t start = 0;
  while (start < tsv.size()) {
    size_t nl = tsv.find('\n', start);
    if (nl == std::string_view::npos) nl = tsv.size();
    std::string_view line = tsv.substr(start, nl - start);
    start = nl + 1;
    ++line_no;
    if (trim(line).empty() || trim(line).front() == '#') continue;
    const std::string where = "holidays.tsv:" + std::to_string(line_no);
    std::vector<std::string_view> f;
    for (size_t p = 0;;) {
      size_t tab = line.find('\t', p);
      f.push_back(
          trim(line.substr(p, tab == std::string_view::npos ? std::string_view::npos : tab - p)));
      if (tab == std::string_view::npos) break;
      p = tab + 1;
    }
    if (f.size() != 5)
      return make_error(
          ErrorCode::kInvalidInput,
          "expected 5 tab-separated columns (date, kind, holiday, name, source), found " +
              std::to_string(f.size()),
          where);
    Row r;
    r.line = line_no;
    auto date = parse_iso(f[0]);
    if (!date || !is_valid(*date))
      return make_error(ErrorCode::kInvalidInput, "bad date '" + std::string(f[0]) + "'", where);
    r.date = *date;
    if (f[1] == "work")
      r.working = true;
    else if (f[1] != "off")
      return make_error(ErrorCode::kInvalidInput,
                        "kind must be off or work, not '" + std::string(f[1]) + "'", where);
    if (!known_key(f[2]))
      return make_error(ErrorCode::kInvalidInput, "unknown holiday '" + std::string(f[2]) + "'",
                        where);
    r.holiday = f[2];
    if (f[3].empty() || f[4].empty())
      return make_error(ErrorCode::kInvalidInput, "name and source must not be empty", where);
    r.name = f[3];
    r.source = f[4];
    if (r.working && weekday(r.date) < 5)
      return make_error(ErrorCode::kInvalidInput,
                        "a make-up working day must be a Saturday or Sunday: " + to_iso(r.date),
                        where);
    cal.rows_.push_back(std::move(r));
  }
  std::stable_sort(cal.rows_.begin(), cal.rows_.end(),
                   [](const Row& a, const Row& b) { return a.date < b.date; });
  for (size_t i = 1; i < cal.rows_.size(); ++i)
    if (cal.rows_[i].date == cal.rows_[i - 1].date)
      return make_error(ErrorCode::kInvalidInput,
                        "date " + to_iso(cal.rows_[i].date) + " is listed twice (also line " +
                            std::to_string(cal.rows_[i - 1].line) + ")",
                        "holidays.tsv:" + std::to_string(cal.rows_[i].line));

  // The cache, and the context checks for every year the table touches.
  cal.first_day_ = day_of(kFirstYear, 1, 1);
  const int64_t n_days = day_of(kLastYear, 12, 31) - cal.first_day_ + 1;
  std::vector<uint8_t> working(static_cast<size_t>(n_days));
  for (int64_t i = 0; i < n_days; ++i) working[i] = is_weekend(cal.first_day_ + i) ? 0 : 1;
  cal.years_.reserve(kLastYear - kFirstYear + 1);
  for (int y = kFirstYear; y <= kLastYear; ++y) {
    Year yr = cal.build_year(y);
    if (!yr.error.empty()) return make_error(ErrorCode::kInvalidInput, yr.error, "holidays.tsv");
    for (const auto& d : yr.days) working[to_days(d.date) - cal.first_day_] = d.working ? 1 : 0;
    cal.years_.push_back(std::move(yr.days));
  }
  for (const auto& r : cal.rows_) {
    if (r.date.y >= kFirstYear && r.date.y <= kLastYear) continue;
    Year yr = cal.build_year(r.date.y);
    if (!yr.error.empty()) return make_error(ErrorCode::kInvalidInput, yr.error, "holidays.tsv");
  }
  cal.working_before_.assign(static_cast<size_t>(n_days) + 1, 0);
  for (int64_t i = 0; i < n_days; ++i)
    cal.working_before_[i + 1] = cal.working_before_[i] + working[i];
  return cal;
}

const Calendar& Calendar::builtin() {
  static const Calendar k = [] {
    auto r = from_table(data::file("rules/holidays.tsv"));
    if (!r) {
      // The table is compiled in and covered by tests: failing here is a build defect.
      std::fprintf(stderr, "dondoc: bảng ngày nghỉ lỗi: %s\n", r.error().to_string().c_str());
      std::abort();
    }
    return std::move(*r);
  }();
  return k;
}

// ---------------------------------------------------------------------------------------------
// Queries

std::vector<uint8_t> Calendar::working_flags(int y) const {
  const int64_t start = day_of(y, 1, 1);
  const int64_t n = day_of(y, 12, 31) - start + 1;
  std::vector<uint8_t> w(static_cast<size_t>(n));
  if (y >= kFirstYear && y <= kLastYear) {
    const int64_t base = start - first_day_;
    for (int64_t i = 0; i < n; ++i)
      w[i] = static_cast<uint8_t>(working_before_[base + i + 1] - working_before_[base + i]);
    return w;
  }
  for (int64_t i = 0; i < n; ++i) w[i] = is_weekend(start + i) ? 0 : 1;
  for (const auto& d : build_year(y).days) w[to_days(d.date) - start] = d.working ? 1 : 0;
  return w;
}

bool Calendar::working_at(int64_t day) const {
  const int64_t i = day - first_day_;
  if (i >= 0 && i + 1 < static_cast<int64_t>(working_before_.size()))
    return working_before_[i + 1] != working_before_[i];
  if (day < min_day() || day > max_day()) return !is_weekend(day);
  const Date d = from_days(day);
  for (const auto& off : build_year(d.y).days)
    if (off.date == d) return off.working;
  return !is_weekend(day);
}

int64_t Calendar::count_working(int64_t a, int64_t b) const {
  if (b <= a) return 0;
  const int64_t n = static_cast<int64_t>(working_before_.size()) - 1;
  if (a - first_day_ >= -1 && b - first_day_ < n)  // (a, b] inside the cache
    return working_before_[b - first_day_ + 1] - working_before_[a - first_day_ + 1];
  // Outside the holiday years only weekends count; inside, year by year.
  int64_t total = 0;
  const int64_t lo = min_day(), hi = max_day();
  if (a < lo - 1) {
    total += weekdays_between(a, std::min(b, lo - 1));
    a = lo - 1;
  }
  if (b > hi) {
    total += weekdays_between(std::max(a, hi), b);
    b = hi;
  }
  while (a < b) {
    const Date next = from_days(a + 1);
    const int64_t year_start = day_of(next.y, 1, 1), year_end = day_of(next.y, 12, 31);
    const int64_t end = std::min(b, year_end);
    if (next.y >= kFirstYear && next.y <= kLastYear && end - first_day_ < n) {
      total += working_before_[end - first_day_ + 1] - working_before_[a - first_day_ + 1];
    } else {
      auto w = working_flags(next.y);
      for (int64_t d = a + 1; d <= end; ++d) total += w[d - year_start];
    }
    a = end;
  }
  return total;
}

int64_t Calendar::step_working(int64_t from, int64_t n) const {
  const int64_t lo = min_day(), hi = max_day();
  from = std::clamp(from, lo, hi);
  if (n == 0) return from;
  const int64_t size = static_cast<int64_t>(working_before_.size()) - 1;
  const int64_t pos = from - first_day_;
  if (pos >= 0 && pos < size) {  // fast path: binary search over the prefix sums
    if (n > 0) {
      const int64_t target = working_before_[pos + 1] + n;
      if (target <= working_before_[size]) {
        auto it = std::lower_bound(working_before_.begin(), working_before_.end(), target);
        return first_day_ + (it - working_before_.begin()) - 1;
      }
    } else {
      const int64_t target = working_before_[pos] + n;  // working days before the answer
      if (target >= 0) {
        auto it = std::lower_bound(working_before_.begin(), working_before_.end(), target + 1);
        return first_day_ + (it - working_before_.begin()) - 1;
      }
    }
  }
  // Slow path: whole years at a time, then day by day inside the last one. A year has at most 262
  // weekdays plus the table's make-up days, so an n beyond that many saturates without walking.
  int64_t left = n > 0 ? n : -n;
  int64_t cur = from;
  const int64_t years_left =
      n > 0 ? kMaxYear - from_days(from).y + 1 : from_days(from).y - kMinYear + 1;
  if (left > years_left * 262 + static_cast<int64_t>(rows_.size())) return n > 0 ? hi : lo;
  while (true) {
    if ((n > 0 && cur >= hi) || (n < 0 && cur <= lo)) return cur;
    const Date next = from_days(n > 0 ? cur + 1 : cur - 1);
    const int64_t year_start = day_of(next.y, 1, 1), year_end = day_of(next.y, 12, 31);
    const int64_t in_year =
        n > 0 ? count_working(cur, year_end) : count_working(year_start - 1, cur - 1);
    if (in_year < left) {
      left -= in_year;
      cur = n > 0 ? year_end : year_start;
      continue;
    }
    auto w = working_flags(next.y);
    for (int64_t d = n > 0 ? cur + 1 : cur - 1;; d += n > 0 ? 1 : -1)
      if (w[d - year_start] && --left == 0) return d;
  }
}

bool Calendar::is_working_day(const Date& d) const { return working_at(day_number(d)); }

std::optional<std::string> Calendar::day_off_name(const Date& date) const {
  const Date d = from_days(day_number(date));  // normalise an impossible day
  auto find = [&](const std::vector<DayOff>& days) -> std::optional<std::string> {
    auto it = std::lower_bound(days.begin(), days.end(), d,
                               [](const DayOff& o, const Date& x) { return o.date < x; });
    if (it == days.end() || it->date != d || it->working) return std::nullopt;
    return it->name;
  };
  if (d.y >= kFirstYear && d.y <= kLastYear) return find(years_[d.y - kFirstYear]);
  return find(build_year(d.y).days);
}

std::vector<DayOff> Calendar::year(int y) const {
  if (y >= kFirstYear && y <= kLastYear) return years_[y - kFirstYear];
  return build_year(y).days;
}

bool Calendar::announced(int y) const {
  auto it = std::lower_bound(rows_.begin(), rows_.end(), Date{y, 1, 1},
                             [](const Row& r, const Date& d) { return r.date < d; });
  return it != rows_.end() && it->date.y == y;
}

Date Calendar::next_working_day(const Date& d) const {
  const int64_t day = day_number(d);
  if (working_at(day)) return d;
  return from_days(step_working(day, 1));
}

Date Calendar::add_working_days(const Date& from, int n) const {
  if (n == 0) return from;
  return from_days(step_working(day_number(from), n));
}

int Calendar::working_days_between(const Date& a, const Date& b) const {
  const int64_t da = day_number(a), db = day_number(b);
  const int64_t r = db >= da ? count_working(da, db) : -count_working(db, da);
  return static_cast<int>(std::clamp<int64_t>(r, INT_MIN, INT_MAX));
}

Date Calendar::roll_forward(const Date& due) const { return next_working_day(due); }

}  // namespace dondoc::calendar
