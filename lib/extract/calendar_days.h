#pragma once
// lib/calendar behind extract's WorkingDays interface: working days and the lunar calendar of the
// calendar passed in.
//
//   extract::CalendarDays days(calendar::Calendar::builtin());
//   extract::TaskOptions opts{.calendar = &days};
#include "calendar/calendar.h"
#include "extract/extract.h"

namespace dondoc::extract {

class CalendarDays : public WorkingDays {
 public:
  explicit CalendarDays(const calendar::Calendar& cal) : cal_(cal) {}
  Date add_working_days(const Date& from, int n) const override { return cal_.add_working_days(from, n); }
  Date roll_forward(const Date& d) const override { return cal_.roll_forward(d); }
  std::optional<Date> from_lunar(int year, int month, int day) const override {
    return calendar::to_solar(calendar::LunarDate{year, month, day, false});
  }
  int lunar_year(const Date& d) const override { return calendar::to_lunar(d).year; }

 private:
  const calendar::Calendar& cal_;
};

}  // namespace dondoc::extract
