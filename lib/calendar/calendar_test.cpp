#include "calendar/calendar.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace dondoc::calendar {
namespace {

Date D(int y, int m, int d) { return Date{y, m, d}; }

// ---------------------------------------------------------------------------------------------
// Lunar calendar

struct LunarCase {
  LunarDate lunar;
  Date solar;
  const char* what;
};

TEST(Lunar, KnownDates) {
  const LunarCase cases[] = {
      {{2026, 1, 1}, D(2026, 2, 17), "Tết Bính Ngọ"},
      {{2025, 1, 1}, D(2025, 1, 29), "Tết Ất Tỵ"},
      {{2027, 1, 1}, D(2027, 2, 6), "Tết Đinh Mùi"},
      {{2026, 3, 10}, D(2026, 4, 26), "Giỗ Tổ Hùng Vương 2026 (Chủ nhật)"},
      // UTC+7 vs China's UTC+8: Vietnam had Tết 1985 on 21/1, China on 20/2.
      {{1985, 1, 1}, D(1985, 1, 21), "Tết Ất Sửu, Việt Nam"},
      {{2007, 1, 1}, D(2007, 2, 17), "Tết Đinh Hợi, Việt Nam (Trung Quốc 18/2)"},
      {{2025, 12, 29}, D(2026, 2, 16), "29 tháng Chạp Ất Tỵ, the last day of the year"},
      {{2025, 12, 27}, D(2026, 2, 14), "27 tháng Chạp: first day of the 2026 Tết break"},
      {{2026, 1, 6}, D(2026, 2, 22), "mùng 6 tháng Giêng: last day of the 2026 Tết break"},
      {{2023, 12, 30}, D(2024, 2, 9), "30 Tết Quý Mão"},
      {{2024, 8, 15}, D(2024, 9, 17), "Trung thu 2024"},
      // Leap months (tháng nhuận).
      {{2025, 6, 1, true}, D(2025, 7, 25), "1/6 nhuận Ất Tỵ"},
      {{2025, 7, 1}, D(2025, 8, 23), "1/7 Ất Tỵ, after the leap month"},
      {{2023, 2, 1, true}, D(2023, 3, 22), "1/2 nhuận Quý Mão"},
      {{2020, 4, 1, true}, D(2020, 5, 23), "1/4 nhuận Canh Tý"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.what);
    auto solar = to_solar(c.lunar);
    ASSERT_TRUE(solar.has_value());
    EXPECT_EQ(to_iso(*solar), to_iso(c.solar));
    EXPECT_EQ(to_lunar(c.solar), c.lunar);
  }
}

TEST(Lunar, LeapMonthOfYear) {
  const std::pair<int, int> cases[] = {{2017, 6}, {2020, 4},  {2023, 2}, {2025, 6}, {2028, 5},
                                       {2031, 3}, {2033, 11}, {2024, 0}, {2026, 0}, {2027, 0}};
  for (auto [year, month] : cases) EXPECT_EQ(leap_month(year), month) << year;
}

TEST(Lunar, DatesThatDoNotExist) {
  const LunarDate cases[] = {
      {2026, 2, 1, true},  // 2026 has no leap month
      {2025, 5, 1, true},  // 2025's leap month is 6, not 5
      {2026, 13, 1},      {2026, 0, 1}, {2026, 1, 0}, {2026, 1, 31}, {0, 1, 1}, {10000, 1, 1},
  };
  for (const auto& c : cases)
    EXPECT_FALSE(to_solar(c).has_value())
        << c.year << "-" << c.month << "-" << c.day << (c.leap ? " nhuận" : "");
  // Day 30 exists only in a 30-day month: the day before Tết is 29 or 30.
  for (int y = 2020; y <= 2030; ++y) {
    Date tet = *to_solar({y, 1, 1});
    LunarDate eve = to_lunar(add_days(tet, -1));
    EXPECT_EQ(eve.month, 12);
    EXPECT_EQ(to_solar({eve.year, 12, eve.day + 1}).has_value(), false) << y;
  }
}

TEST(Lunar, InvalidSolarDateGivesZero) {
  EXPECT_EQ(to_lunar(D(2026, 2, 30)), LunarDate{});
  EXPECT_EQ(to_lunar(D(0, 0, 0)), LunarDate{});
}

// Every day of 1900–2100: solar -> lunar -> solar is the identity, and lunar days run 1, 2, ...
// without gaps, months having 29 or 30 days.
TEST(Lunar, RoundTripEveryDay1900To2100) {
  const int64_t first = to_days(D(1900, 1, 1)), last = to_days(D(2100, 12, 31));
  LunarDate prev = to_lunar(from_days(first - 1));
  int failures = 0;
  for (int64_t day = first; day <= last && failures < 5; ++day) {
    const Date d = from_days(day);
    const LunarDate l = to_lunar(d);
    auto back = to_solar(l);
    if (!back || *back != d) {
      ++failures;
      ADD_FAILURE() << to_iso(d) << " -> " << l.year << "-" << l.month << "-" << l.day
                    << (l.leap ? " nhuận" : "") << " -> " << (back ? to_iso(*back) : "nullopt");
    }
    if (l.day == 1) {
      EXPECT_TRUE(prev.day == 29 || prev.day == 30) << to_iso(d);
    } else if (l.day != prev.day + 1 || l.month != prev.month || l.leap != prev.leap) {
      ++failures;
      ADD_FAILURE() << "gap at " << to_iso(d);
    }
    prev = l;
  }
}

// Independent published table: python-holidays, holidays/calendars/chinese.py
// (https://github.com/vacanza/holidays/blob/0d3079bdc9eedeba4a3d3b3203731a8ed01b4b03/holidays/calendars/chinese.py),
// LUNAR_NEW_YEAR_DATES and HUNG_KINGS_DATES with their VIETNAMESE_CALENDAR_* corrections.
// (All 400 dates of 1901–2100 in both tables were compared once while writing this; a sample
// is kept here, every Vietnamese correction included.)
TEST(Lunar, MatchesPublishedTable) {
  const std::pair<int, Date> tet[] = {
      {1901, D(1901, 2, 19)}, {1903, D(1903, 1, 28)}, {1912, D(1912, 2, 18)},
      {1916, D(1916, 2, 3)},  {1920, D(1920, 2, 20)}, {1935, D(1935, 2, 3)},
      {1945, D(1945, 2, 13)}, {1954, D(1954, 2, 3)},  {1965, D(1965, 2, 1)},
      {1966, D(1966, 1, 21)}, {1968, D(1968, 1, 29)}, {1969, D(1969, 2, 16)},
      {1975, D(1975, 2, 11)}, {1985, D(1985, 1, 21)}, {1990, D(1990, 1, 27)},
      {2000, D(2000, 2, 5)},  {2007, D(2007, 2, 17)}, {2010, D(2010, 2, 14)},
      {2020, D(2020, 1, 25)}, {2023, D(2023, 1, 22)}, {2024, D(2024, 2, 10)},
      {2030, D(2030, 2, 2)},  {2033, D(2033, 1, 31)}, {2034, D(2034, 2, 19)},
      {2045, D(2045, 2, 17)}, {2053, D(2053, 2, 18)}, {2061, D(2061, 1, 21)},
      {2072, D(2072, 2, 19)}, {2088, D(2088, 1, 24)}, {2099, D(2099, 1, 21)},
      {2100, D(2100, 2, 9)},
  };
  for (auto [year, date] : tet)
    EXPECT_EQ(to_iso(*to_solar({year, 1, 1})), to_iso(date)) << "Tết " << year;
  const std::pair<int, Date> hung_kings[] = {
      {1916, D(1916, 4, 11)}, {1917, D(1917, 4, 1)},  {1939, D(1939, 4, 28)},
      {1966, D(1966, 3, 31)}, {1975, D(1975, 4, 20)}, {2007, D(2007, 4, 26)},
      {2009, D(2009, 4, 4)},  {2012, D(2012, 3, 31)}, {2023, D(2023, 4, 29)},
      {2024, D(2024, 4, 18)}, {2025, D(2025, 4, 7)},  {2027, D(2027, 4, 16)},
      {2037, D(2037, 4, 24)}, {2038, D(2038, 4, 13)}, {2080, D(2080, 3, 30)},
      {2085, D(2085, 4, 3)},  {2086, D(2086, 4, 22)}, {2095, D(2095, 4, 13)},
      {2100, D(2100, 4, 18)},
  };
  for (auto [year, date] : hung_kings)
    EXPECT_EQ(to_iso(*to_solar({year, 3, 10})), to_iso(date)) << "Giỗ Tổ " << year;
}

// ---------------------------------------------------------------------------------------------
// Working days, built-in table

const Calendar& cal() { return Calendar::builtin(); }

// Each range is an announced break: every day off, the days around it working.
struct Break {
  Date first, last;
  const char* what;
};

TEST(Builtin, AnnouncedBreaks) {
  const Break cases[] = {
      {D(2024, 2, 8), D(2024, 2, 14), "Tết Giáp Thìn"},
      {D(2024, 4, 27), D(2024, 5, 1), "30/4–1/5/2024 with swap"},
      {D(2024, 8, 31), D(2024, 9, 3), "Quốc khánh 2024"},
      {D(2025, 1, 25), D(2025, 2, 2), "Tết Ất Tỵ"},
      {D(2025, 4, 5), D(2025, 4, 7), "Giỗ Tổ 2025 (thứ Hai)"},
      {D(2025, 4, 30), D(2025, 5, 4), "30/4–1/5/2025 with swap"},
      {D(2025, 8, 30), D(2025, 9, 2), "Quốc khánh 2025"},
      {D(2026, 1, 1), D(2026, 1, 4), "Tết Dương lịch 2026 with swap"},
      {D(2026, 2, 14), D(2026, 2, 22), "Tết Bính Ngọ"},
      {D(2026, 4, 25), D(2026, 4, 27), "Giỗ Tổ 2026 + nghỉ bù"},
      {D(2026, 4, 30), D(2026, 5, 3), "30/4–1/5/2026"},
      {D(2026, 8, 29), D(2026, 9, 2), "Quốc khánh 2026 with swap"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.what);
    EXPECT_TRUE(cal().is_working_day(add_days(c.first, -1)) || weekday(add_days(c.first, -1)) >= 5)
        << to_iso(add_days(c.first, -1));
    EXPECT_TRUE(cal().is_working_day(add_days(c.last, 1))) << to_iso(add_days(c.last, 1));
    for (Date d = c.first; d <= c.last; d = add_days(d, 1))
      EXPECT_FALSE(cal().is_working_day(d)) << to_iso(d);
  }
}

TEST(Builtin, Tet2026) {
  EXPECT_EQ(to_iso(*to_solar({2026, 1, 1})), "2026-02-17");
  EXPECT_TRUE(cal().is_working_day(D(2026, 2, 13)));  // Friday before
  EXPECT_TRUE(cal().is_working_day(D(2026, 2, 23)));  // Monday after
  EXPECT_EQ(cal().day_off_name(D(2026, 2, 17)), "Tết Nguyên đán");
  EXPECT_EQ(cal().day_off_name(D(2026, 2, 14)), std::nullopt);  // a plain Saturday in the break
  EXPECT_EQ(cal().working_days_between(D(2026, 2, 13), D(2026, 2, 23)), 1);
}

TEST(Builtin, NamesOfDaysOff) {
  const std::pair<Date, std::optional<std::string>> cases[] = {
      {D(2026, 1, 1), "Tết Dương lịch"},
      {D(2026, 1, 2), "Nghỉ hoán đổi (làm bù thứ Bảy 10/01/2026)"},
      {D(2026, 1, 10), std::nullopt},  // make-up Saturday: a working day
      {D(2026, 4, 26), "Giỗ Tổ Hùng Vương"},
      {D(2026, 4, 27), "Nghỉ bù Giỗ Tổ Hùng Vương"},
      {D(2026, 4, 30), "Ngày Chiến thắng"},
      {D(2026, 5, 1), "Ngày Quốc tế lao động"},
      {D(2026, 9, 2), "Quốc khánh"},
      {D(2026, 3, 4), std::nullopt},
      {D(2026, 3, 7), std::nullopt},  // plain Saturday
  };
  for (const auto& [d, name] : cases) EXPECT_EQ(cal().day_off_name(d), name) << to_iso(d);
}

TEST(Builtin, YearListsHolidaysAndMakeUpDaysSorted) {
  auto days = cal().year(2026);
  ASSERT_FALSE(days.empty());
  for (size_t i = 1; i < days.size(); ++i) EXPECT_LT(days[i - 1].date, days[i].date);
  EXPECT_NE(std::find(days.begin(), days.end(), DayOff{D(2026, 2, 17), "Tết Nguyên đán", false}),
            days.end());
  EXPECT_NE(std::find(days.begin(), days.end(),
                      DayOff{D(2026, 1, 10), "Làm bù cho ngày 02/01/2026", true}),
            days.end());
  for (const auto& d : days) {
    if (d.working) {
      EXPECT_GE(weekday(d.date), 5) << to_iso(d.date);
    }
    EXPECT_FALSE(d.name.empty());
    EXPECT_EQ(d.date.y, 2026);
  }
  // 1/1, 2/1, 5 Tết days, Giỗ Tổ + bù, 30/4, 1/5, 31/8, 1/9, 2/9 off; 10/1 and 22/8 worked.
  EXPECT_EQ(days.size(), 16u);
}

TEST(Builtin, WorkingDayArithmetic) {
  struct Case {
    Date from;
    int n;
    Date want;
    const char* what;
  };
  const Case cases[] = {
      {D(2026, 2, 13), 1, D(2026, 2, 23), "over Tết"},
      {D(2026, 2, 23), -1, D(2026, 2, 13), "back over Tết"},
      {D(2026, 2, 12), 5, D(2026, 2, 26), "Thu + 5: Fri 13, then 23..26"},
      {D(2026, 1, 9), 1, D(2026, 1, 10), "the make-up Saturday counts"},
      {D(2026, 1, 10), 1, D(2026, 1, 12), "then Monday"},
      {D(2025, 12, 31), 1, D(2026, 1, 5), "over Tết Dương lịch and the swap"},
      {D(2026, 3, 6), 1, D(2026, 3, 9), "plain weekend"},
      {D(2026, 3, 9), 0, D(2026, 3, 9), "n = 0"},
      {D(2026, 3, 7), 0, D(2026, 3, 7), "n = 0 on a Saturday"},
      {D(2026, 4, 24), 1, D(2026, 4, 28), "over Giỗ Tổ + nghỉ bù"},
      {D(2026, 4, 29), 1, D(2026, 5, 4), "over 30/4–1/5"},
      {D(2026, 4, 1), 30, D(2026, 5, 18), "a month of working days"},
      {D(2026, 5, 18), -30, D(2026, 4, 1), "and back"},
  };
  for (const auto& c : cases)
    EXPECT_EQ(to_iso(cal().add_working_days(c.from, c.n)), to_iso(c.want)) << c.what;

  EXPECT_EQ(cal().working_days_between(D(2025, 12, 31), D(2026, 1, 12)), 7);  // 5..9, 10 (Sat), 12
  EXPECT_EQ(cal().working_days_between(D(2026, 1, 12), D(2025, 12, 31)), -7);
  EXPECT_EQ(cal().working_days_between(D(2026, 3, 9), D(2026, 3, 9)), 0);
  // 2026: 261 weekdays - 13 weekdays off (1/1, 2/1, 16–20/2, 27/4, 30/4, 1/5, 31/8, 1/9, 2/9)
  // + 2 make-up Saturdays = 250.
  EXPECT_EQ(cal().working_days_between(D(2025, 12, 31), D(2026, 12, 31)), 261 - 13 + 2);
}

TEST(Builtin, RollForward) {
  const std::pair<Date, Date> cases[] = {
      {D(2026, 2, 17), D(2026, 2, 23)},  // Tết
      {D(2026, 2, 14), D(2026, 2, 23)},  // Saturday in the Tết break
      {D(2026, 4, 26), D(2026, 4, 28)},  // Giỗ Tổ (Sunday) and its nghỉ bù Monday
      {D(2026, 4, 30), D(2026, 5, 4)},  {D(2026, 9, 2), D(2026, 9, 3)},
      {D(2026, 1, 10), D(2026, 1, 10)},  // make-up Saturday is a working day
      {D(2026, 3, 10), D(2026, 3, 10)},  // an ordinary Tuesday
  };
  for (const auto& [due, want] : cases) {
    EXPECT_EQ(to_iso(cal().roll_forward(due)), to_iso(want)) << to_iso(due);
    EXPECT_EQ(cal().next_working_day(due), cal().roll_forward(due));
  }
}

// Years with no announcement fall back to the Labour Code rules.
TEST(Rules, FallbackWithoutAnnouncement) {
  // Tết 2027 = Saturday 6/2: the last day of the old year (Fri 5/2) + mùng 1–4 (6–9/2); mùng 1 and
  // mùng 2 fall on the weekend, so Wed 10/2 and Thu 11/2 are nghỉ bù.
  EXPECT_TRUE(cal().is_working_day(D(2027, 2, 4)));
  for (Date d = D(2027, 2, 5); d <= D(2027, 2, 11); d = add_days(d, 1))
    EXPECT_FALSE(cal().is_working_day(d)) << to_iso(d);
  EXPECT_TRUE(cal().is_working_day(D(2027, 2, 12)));
  EXPECT_EQ(cal().day_off_name(D(2027, 2, 10)), "Nghỉ bù Tết Nguyên đán");
  EXPECT_FALSE(cal().announced(2027));
  EXPECT_TRUE(cal().announced(2026));
  // Quốc khánh: the adjacent day that joins a weekend.
  EXPECT_EQ(cal().day_off_name(D(2027, 9, 3)), "Quốc khánh");          // Thu 2/9 -> Fri 3/9
  EXPECT_EQ(cal().day_off_name(D(2028, 9, 1)), "Quốc khánh");          // Sat 2/9 -> Fri 1/9
  EXPECT_EQ(cal().day_off_name(D(2028, 9, 4)), "Nghỉ bù Quốc khánh");  // and Mon 4/9 for Sat 2/9
  EXPECT_EQ(cal().day_off_name(D(2029, 9, 3)), "Quốc khánh");          // Sun 2/9 -> Mon 3/9
  EXPECT_EQ(cal().day_off_name(D(2029, 9, 4)), "Nghỉ bù Quốc khánh");
  // 30/4 Saturday and 1/5 Sunday (2033): nghỉ bù Monday 2/5 and Tuesday 3/5.
  EXPECT_EQ(cal().day_off_name(D(2033, 5, 2)), "Nghỉ bù Ngày Chiến thắng");
  EXPECT_EQ(cal().day_off_name(D(2033, 5, 3)), "Nghỉ bù Ngày Quốc tế lao động");
  // 2023 (Giỗ Tổ Sat 29/4, 30/4 Sun, 1/5 Mon): the actual break was 29/4–3/5.
  for (Date d = D(2023, 4, 29); d <= D(2023, 5, 3); d = add_days(d, 1))
    EXPECT_FALSE(cal().is_working_day(d)) << to_iso(d);
  EXPECT_TRUE(cal().is_working_day(D(2023, 5, 4)));
}

// The cache (1900–2100) and the on-demand path must agree with counting one day at a time,
// including across the cache's edges and far outside it.
TEST(Rules, ArithmeticAgreesWithDayByDayCounting) {
  auto naive_add = [](Date from, int n) {
    int64_t d = to_days(from);
    while (n > 0)
      if (cal().is_working_day(from_days(++d))) --n;
    while (n < 0)
      if (cal().is_working_day(from_days(--d))) ++n;
    return from_days(d);
  };
  auto naive_between = [](Date a, Date b) {
    int sign = 1;
    if (b < a) std::swap(a, b), sign = -1;
    int n = 0;
    for (int64_t d = to_days(a) + 1; d <= to_days(b); ++d) n += cal().is_working_day(from_days(d));
    return sign * n;
  };
  const Date starts[] = {D(1899, 12, 20), D(1900, 1, 1), D(1950, 6, 15), D(2026, 2, 10),
                         D(2100, 12, 20), D(2101, 1, 1), D(2500, 2, 1),  D(9999, 12, 20)};
  const int steps[] = {1, 2, 7, 23, 60, 300, -1, -5, -23, -60, -300};
  for (Date s : starts)
    for (int n : steps) {
      Date want = naive_add(s, n);
      if (want.y > 9999) continue;  // saturates; checked below
      EXPECT_EQ(to_iso(cal().add_working_days(s, n)), to_iso(want)) << to_iso(s) << " " << n;
      // n > 0 counts (s, want]; n < 0 counts [want, s), i.e. (want - 1, s - 1].
      const Date a = n > 0 ? s : add_days(s, -1), b = n > 0 ? want : add_days(want, -1);
      EXPECT_EQ(cal().working_days_between(a, b), n) << to_iso(s) << " " << n;
      EXPECT_EQ(naive_between(a, b), n);
    }
  EXPECT_EQ(to_iso(cal().add_working_days(D(9999, 12, 20), 1000)), "9999-12-31");
  EXPECT_EQ(to_iso(cal().add_working_days(D(1, 1, 5), -1000)), "0001-01-01");
  // Huge inputs stay fast and total.
  EXPECT_EQ(to_iso(cal().add_working_days(D(2026, 1, 1), 2147483647)), "9999-12-31");
  const int all = cal().working_days_between(D(1, 1, 1), D(9999, 12, 31));
  EXPECT_GT(all, 2400000);  // ~2.61 million weekdays less ~10 holidays a year
  EXPECT_LT(all, 2608614);
  // Holidays exist out of the cache too: Tết 2150 and Tết 1800.
  Date tet2150 = *to_solar({2150, 1, 1});
  EXPECT_EQ(cal().day_off_name(tet2150), "Tết Nguyên đán");
  EXPECT_FALSE(cal().is_working_day(add_days(tet2150, weekday(tet2150) >= 5 ? 2 : 0)));
  EXPECT_EQ(cal().day_off_name(*to_solar({1800, 1, 1})), "Tết Nguyên đán");
}

// ---------------------------------------------------------------------------------------------
// The table format

constexpr const char* kHeader = "# date\tkind\tholiday\tname\tsource\n";

TEST(Table, RowsReplaceTheRuleForTheirHoliday) {
  // 2030 (Tết 2/2, Saturday): announce a different Tết and a swap.
  std::string tsv = std::string(kHeader) +
                    "2030-01-31\toff\ttet\tTết Nguyên đán\ttest\n"
                    "2030-02-01\toff\ttet\tTết Nguyên đán\ttest\n"
                    "2030-02-04\toff\ttet\tTết Nguyên đán\ttest\n"
                    "2030-02-05\toff\ttet\tTết Nguyên đán\ttest\n"
                    "2030-02-06\toff\ttet\tTết Nguyên đán\ttest\n"
                    "2030-02-07\toff\textra\tNghỉ hoán đổi\ttest\n"
                    "2030-02-16\twork\textra\tLàm bù\ttest\n";
  auto c = Calendar::from_table(tsv);
  ASSERT_TRUE(c) << c.error().to_string();
  EXPECT_FALSE(c->is_working_day(D(2030, 1, 31)));
  EXPECT_FALSE(c->is_working_day(D(2030, 2, 7)));
  EXPECT_TRUE(c->is_working_day(D(2030, 2, 8)));            // the rule's nghỉ bù is gone
  EXPECT_TRUE(c->is_working_day(D(2030, 2, 16)));           // make-up Saturday
  EXPECT_EQ(c->day_off_name(D(2030, 2, 2)), std::nullopt);  // mùng 1 on Saturday, not listed
  // Other holidays of 2030 still follow the rules.
  EXPECT_EQ(c->day_off_name(D(2030, 1, 1)), "Tết Dương lịch");
  // An empty table is the pure rules: Tết 2026 is then 16–20/2 plus nothing else.
  auto rules_only = Calendar::from_table("");
  ASSERT_TRUE(rules_only);
  EXPECT_FALSE(rules_only->is_working_day(D(2026, 2, 16)));
  EXPECT_FALSE(rules_only->is_working_day(D(2026, 2, 20)));
  EXPECT_TRUE(rules_only->is_working_day(D(2026, 1, 2)));  // no swap without the announcement
  EXPECT_FALSE(rules_only->is_working_day(D(2026, 1, 10)));
}

TEST(Table, BadTablesAreErrorsWithTheLine) {
  struct Case {
    std::string tsv;
    std::string context, message_part;
  };
  const Case cases[] = {
      {"2026-02-16\toff\ttet\tTết Nguyên đán\n", "holidays.tsv:1", "5 tab-separated columns"},
      {"# c\n2026-02-30\toff\ttet\tTết\tx\n", "holidays.tsv:2", "bad date"},
      {"16/02/2026\toff\ttet\tTết\tx\n", "holidays.tsv:1", "bad date"},
      {"2026-02-16\tnghỉ\ttet\tTết\tx\n", "holidays.tsv:1", "kind must be off or work"},
      {"2026-02-16\toff\ttết\tTết\tx\n", "holidays.tsv:1", "unknown holiday"},
      {"2026-02-16\toff\ttet\t\tx\n", "holidays.tsv:1", "must not be empty"},
      {"2026-01-12\twork\textra\tLàm bù\tx\n", "holidays.tsv:1", "Saturday or Sunday"},
      {"2026-01-02\toff\textra\ta\tx\n\n2026-01-02\toff\textra\tb\tx\n", "holidays.tsv:3",
       "listed twice"},
      {"2026-04-30\toff\textra\tNghỉ\tx\n", "holidays.tsv",
       "falls on the holiday Ngày Chiến thắng"},
      {"2026-04-26\twork\textra\tLàm bù\tx\n", "holidays.tsv", "is the holiday Giỗ Tổ Hùng Vương"},
  };
  for (const auto& c : cases) {
    auto r = Calendar::from_table(c.tsv);
    ASSERT_FALSE(r) << c.tsv;
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidInput);
    EXPECT_EQ(r.error().context, c.context) << c.tsv;
    EXPECT_NE(r.error().message.find(c.message_part), std::string::npos) << r.error().message;
  }
}

TEST(Table, BuiltinTableLoads) {
  auto r = Calendar::from_table(std::string(kHeader) + "2026-02-16\toff\ttet\tTết Nguyên đán\tx\n");
  ASSERT_TRUE(r);
  // builtin() aborts on a bad embedded table; reaching here with a 2026 row proves it loaded.
  EXPECT_EQ(Calendar::builtin().day_off_name(D(2026, 8, 31)),
            "Nghỉ hoán đổi (làm bù thứ Bảy 22/08/2026)");
}

}  // namespace
}  // namespace dondoc::calendar
