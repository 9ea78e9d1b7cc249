// The Vietnamese lunisolar calendar, after Hồ Ngọc Đức, "Thuật toán tính âm lịch"
// (https://www.informatik.uni-leipzig.de/~duc/amlich/calrules.html): new moons and the sun's
// longitude from Meeus' series, evaluated in local time UTC+7.
//
// The rules: a month starts on the local day of a new moon; month 11 contains the winter solstice;
// a year with 13 months between two months 11 repeats (as leap) the first month that contains no
// major solar term (trung khí).
#include <cmath>

#include "calendar/calendar.h"

namespace dondoc::calendar {
namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr double kTimeZone = 7.0;  // hours east of UTC
constexpr double kSynodicMonth = 29.530588853;
constexpr double kNewMoon1900 = 2415021.076998695;  // JD of the new moon of 1900-01-01
constexpr int64_t kJdnOfEpoch = 2440588;            // Julian day number of 1970-01-01

int64_t jdn(const Date& d) { return to_days(d) + kJdnOfEpoch; }
Date from_jdn(int64_t j) { return from_days(j - kJdnOfEpoch); }

// Julian day (UT, fractional) of the k-th new moon after 1900-01-01 (Meeus ch. 49, short form).
double new_moon(int64_t k) {
  const double t = static_cast<double>(k) / 1236.85;  // Julian centuries from 1900-01-01
  const double t2 = t * t, t3 = t2 * t;
  const double dr = kPi / 180;
  double jd1 =
      2415020.75933 + 29.53058868 * static_cast<double>(k) + 0.0001178 * t2 - 0.000000155 * t3;
  jd1 += 0.00033 * std::sin((166.56 + 132.87 * t - 0.009173 * t2) * dr);
  const double m =
      359.2242 + 29.10535608 * static_cast<double>(k) - 0.0000333 * t2 - 0.00000347 * t3;
  const double mpr =
      306.0253 + 385.81691806 * static_cast<double>(k) + 0.0107306 * t2 + 0.00001236 * t3;
  const double f =
      21.2964 + 390.67050646 * static_cast<double>(k) - 0.0016528 * t2 - 0.00000239 * t3;
  double c1 = (0.1734 - 0.000393 * t) * std::sin(m * dr) + 0.0021 * std::sin(2 * dr * m);
  c1 += -0.4068 * std::sin(mpr * dr) + 0.0161 * std::sin(dr * 2 * mpr);
  c1 += -0.0004 * std::sin(dr * 3 * mpr);
  c1 += 0.0104 * std::sin(dr * 2 * f) - 0.0051 * std::sin(dr * (m + mpr));
  c1 += -0.0074 * std::sin(dr * (m - mpr)) + 0.0004 * std::sin(dr * (2 * f + m));
  c1 += -0.0004 * std::sin(dr * (2 * f - m)) - 0.0006 * std::sin(dr * (2 * f + mpr));
  c1 += 0.0010 * std::sin(dr * (2 * f - mpr)) + 0.0005 * std::sin(dr * (2 * mpr + m));
  // Delta T (TT - UT), in days.
  const double delta_t =
      t < -11 ? 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
              : -0.000278 + 0.000265 * t + 0.000262 * t2;
  return jd1 + c1 - delta_t;
}

// The sun's apparent longitude in radians [0, 2π) at Julian day jd (Meeus ch. 25, low accuracy).
double sun_longitude(double jd) {
  const double t = (jd - 2451545.0) / 36525;  // Julian centuries from J2000
  const double t2 = t * t;
  const double dr = kPi / 180;
  const double m = 357.52910 + 35999.05030 * t - 0.0001559 * t2 - 0.00000048 * t * t2;
  const double l0 = 280.46645 + 36000.76983 * t + 0.0003032 * t2;
  double dl = (1.914600 - 0.004817 * t - 0.000014 * t2) * std::sin(dr * m);
  dl += (0.019993 - 0.000101 * t) * std::sin(dr * 2 * m) + 0.000290 * std::sin(dr * 3 * m);
  double l = (l0 + dl) * dr;
  l -= 2 * kPi * std::floor(l / (2 * kPi));
  return l;
}

// Local day number on which the k-th new moon falls.
int64_t new_moon_day(int64_t k) {
  return static_cast<int64_t>(std::floor(new_moon(k) + 0.5 + kTimeZone / 24));
}

// Which 30° sector (0..11) the sun is in at the start of local day `day`; sector 9 starts at the
// winter solstice (270°).
int sun_sector(int64_t day) {
  double jd = static_cast<double>(day) - 0.5 - kTimeZone / 24;
  return static_cast<int>(std::floor(sun_longitude(jd) / kPi * 6));
}

// Day number of the first day of lunar month 11 (the month holding the winter solstice) that
// starts in solar year y.
int64_t month11_start(int y) {
  double off = static_cast<double>(jdn(Date{y, 12, 31}) - 2415021);
  auto k = static_cast<int64_t>(std::floor(off / kSynodicMonth));
  int64_t nm = new_moon_day(k);
  if (sun_sector(nm) >= 9) nm = new_moon_day(k - 1);
  return nm;
}

// For a 13-month year starting at month 11 on day a11: the index (1..) of the month after a11
// that is the leap month, i.e. the first month with no major solar term.
int leap_month_offset(int64_t a11) {
  auto k = static_cast<int64_t>(
      std::floor((static_cast<double>(a11) - kNewMoon1900) / kSynodicMonth + 0.5));
  int i = 1;
  int arc = sun_sector(new_moon_day(k + i));
  int last = 0;
  do {
    last = arc;
    ++i;
    arc = sun_sector(new_moon_day(k + i));
  } while (arc != last && i < 14);
  return i - 1;
}

// Lunar month 11 bounds around a lunar year, and the new-moon index of the first.
struct YearFrame {
  int64_t a11 = 0, b11 = 0;  // month 11 of the previous year, month 11 of this year
  int64_t k = 0;
  int leap_offset = 0;  // months after a11 of the leap month; 0 when none
};

YearFrame frame_for_lunar_year(int year, int month) {
  YearFrame f;
  if (month < 11) {
    f.a11 = month11_start(year - 1);
    f.b11 = month11_start(year);
  } else {
    f.a11 = month11_start(year);
    f.b11 = month11_start(year + 1);
  }
  f.k = static_cast<int64_t>(
      std::floor(0.5 + (static_cast<double>(f.a11) - kNewMoon1900) / kSynodicMonth));
  if (f.b11 - f.a11 > 365) f.leap_offset = leap_month_offset(f.a11);
  return f;
}

bool year_in_domain(int y) { return y >= 1 && y <= 9999; }

}  // namespace

LunarDate to_lunar(const Date& solar) {
  if (!is_valid(solar)) return {};
  const int64_t day = jdn(solar);
  auto k =
      static_cast<int64_t>(std::floor((static_cast<double>(day) - kNewMoon1900) / kSynodicMonth));
  int64_t month_start = new_moon_day(k + 1);
  // The true new moon strays up to ~14 hours from the mean one that k counts, so lunation k
  // itself can start after `day` (2054-05-07, 2062-04-09): step back until it does not.
  for (int64_t j = k; month_start > day; --j) month_start = new_moon_day(j);
  int64_t a11 = month11_start(solar.y);
  int64_t b11 = a11;
  int lunar_year = 0;
  if (a11 >= month_start) {
    lunar_year = solar.y;
    a11 = month11_start(solar.y - 1);
  } else {
    lunar_year = solar.y + 1;
    b11 = month11_start(solar.y + 1);
  }
  LunarDate out;
  out.day = static_cast<int>(day - month_start + 1);
  const int diff = static_cast<int>((month_start - a11) / 29);
  out.month = diff + 11;
  if (b11 - a11 > 365) {
    const int leap_diff = leap_month_offset(a11);
    if (diff >= leap_diff) {
      out.month = diff + 10;
      out.leap = diff == leap_diff;
    }
  }
  if (out.month > 12) out.month -= 12;
  if (out.month >= 11 && diff < 4) lunar_year -= 1;
  out.year = lunar_year;
  return out;
}

int leap_month(int lunar_year) {
  if (!year_in_domain(lunar_year)) return 0;
  // Months 1..10 of the year sit in the frame that starts at the previous month 11 (a leap at
  // offset >= 3 repeats one of them); months 11 and 12 in the next frame (offset 1 or 2).
  YearFrame a = frame_for_lunar_year(lunar_year, 1);
  if (a.leap_offset >= 3) return (a.leap_offset + 9) % 12 + 1;
  YearFrame b = frame_for_lunar_year(lunar_year, 11);
  if (b.leap_offset == 1 || b.leap_offset == 2) return b.leap_offset + 10;
  return 0;
}

std::optional<Date> to_solar(const LunarDate& lunar) {
  if (!year_in_domain(lunar.year) || lunar.month < 1 || lunar.month > 12 || lunar.day < 1 ||
      lunar.day > 30)
    return std::nullopt;
  YearFrame f = frame_for_lunar_year(lunar.year, lunar.month);
  int off = lunar.month - 11;
  if (off < 0) off += 12;
  if (f.leap_offset != 0) {
    int leap = f.leap_offset - 2;
    if (leap < 0) leap += 12;
    if (lunar.leap && lunar.month != leap) return std::nullopt;
    if (lunar.leap || off >= f.leap_offset) off += 1;
  } else if (lunar.leap) {
    return std::nullopt;
  }
  const int64_t start = new_moon_day(f.k + off);
  const int64_t next = new_moon_day(f.k + off + 1);
  if (lunar.day > next - start) return std::nullopt;
  return from_jdn(start + lunar.day - 1);
}

}  // namespace dondoc::calendar
