#pragma once
// calendar: the Vietnamese lunar calendar and the working-day calendar of state bodies.
//
// Lunar dates follow Hồ Ngọc Đức's astronomical algorithm evaluated at UTC+7, which is how the
// Vietnamese calendar has been computed since 1967 (China computes at UTC+8, so Tết 1985 or 2007
// differs). Working days are Monday–Friday (QĐ 188/1999/QĐ-TTg) minus the public holidays of
// Bộ luật Lao động 2019 Điều 112, their compensatory days (khoản 3), and what the government
// announces each year (data/rules/holidays.tsv: Tết schedule, hoán đổi, make-up Saturdays).
//
//   const auto& cal = calendar::Calendar::builtin();
//   cal.is_working_day({2026, 2, 17});                 // false: Tết Bính Ngọ
//   cal.add_working_days({2026, 2, 13}, 1);            // 2026-02-23
//   calendar::to_solar({2026, 3, 10});                 // 2026-04-26, Giỗ Tổ Hùng Vương
//   calendar::to_lunar({2026, 2, 17});                 // {2026, 1, 1, false}
//
// Guarantees: pure (no clock, locale or files; the table is compiled in), const methods are
// thread-safe, to_solar(to_lunar(d)) == d for every date in 1900–2100. Holidays are computed for
// years 1–9999 with today's law (schedules before 2021 differed); outside, only weekends are off.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/result.h"

namespace dondoc::calendar {

// month 1 = tháng Giêng ... 12 = tháng Chạp; leap = tháng nhuận (the repeated month).
struct LunarDate {
  int year = 0, month = 0, day = 0;
  bool leap = false;
  friend bool operator==(const LunarDate&, const LunarDate&) = default;
};

// The lunar date of a solar date (UTC+7). An invalid Date gives LunarDate{} (all zero).
LunarDate to_lunar(const Date& solar);
// nullopt when that lunar date does not exist: day 30 of a 29-day month, a leap month the year
// does not have, month outside 1..12, year outside 1..9999.
std::optional<Date> to_solar(const LunarDate& lunar);
// The year's leap month (1..12), 0 when the lunar year has none.
int leap_month(int lunar_year);

// A day that differs from a plain Monday–Friday week: a holiday (even on a weekend), a
// compensatory or swapped day off, or (working = true) a make-up working Saturday.
struct DayOff {
  Date date;
  std::string name;
  bool working = false;
  friend bool operator==(const DayOff&, const DayOff&) = default;
};

class Calendar {
 public:
  // Labour Code rules + data/rules/holidays.tsv (embedded), built once; aborts on a bad table
  // (a build defect, caught by the unit tests).
  static const Calendar& builtin();
  // The same rules with another table (format: see data/rules/holidays.tsv).
  static Result<Calendar> from_table(std::string_view holidays_tsv);

  bool is_working_day(const Date& d) const;
  // "Tết Nguyên đán", "Nghỉ bù Giỗ Tổ Hùng Vương"...; nullopt for working days and plain weekends.
  std::optional<std::string> day_off_name(const Date& d) const;
  // Every DayOff of year y, sorted by date.
  std::vector<DayOff> year(int y) const;
  // Whether the table holds an announcement for year y; without one, year y is the law's rules.
  bool announced(int y) const;

  // d itself when it is a working day, else the first working day after it.
  Date next_working_day(const Date& d) const;
  // n > 0: the n-th working day after `from` (from excluded); n < 0: the |n|-th before it;
  // n == 0: from. Saturates at 0001-01-01 and 9999-12-31.
  Date add_working_days(const Date& from, int n) const;
  // Working days in (a, b]; negative when b < a.
  int working_days_between(const Date& a, const Date& b) const;
  // Bộ luật Dân sự 2015 Điều 148: a period whose last day is a weekly rest day or a holiday ends
  // on the next working day.
  Date roll_forward(const Date& due) const;

 private:
  struct Row {  // one line of holidays.tsv
    Date date;
    bool working = false;
    std::string holiday;  // new_year, tet, hung_kings, victory_day, labour_day, national_day, extra
    std::string name, source;
    int line = 0;
  };
  struct Year {
    std::vector<DayOff> days;
    std::string error;  // a table conflict that only shows in context (make-up day on a holiday)
  };

  Calendar() = default;
  Year build_year(int y) const;
  // Working flag per day of year y (index 0 = 1 January), from the cache when it covers y.
  std::vector<uint8_t> working_flags(int y) const;
  bool working_at(int64_t day) const;
  int64_t count_working(int64_t from_day, int64_t to_day) const;  // working days in (from, to]
  int64_t step_working(int64_t from_day, int64_t n) const;        // add_working_days on day numbers

  std::vector<Row> rows_;  // sorted by date
  // Cache for kFirstYear..kLastYear: working_before_[i] = working days in [first_day_,
  // first_day_+i).
  int64_t first_day_ = 0;
  std::vector<int32_t> working_before_;
  std::vector<std::vector<DayOff>> years_;
};

}  // namespace dondoc::calendar
