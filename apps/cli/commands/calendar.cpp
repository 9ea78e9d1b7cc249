// dondoc calendar [--year Y] [--json] [--as-of D]
// dondoc calendar --to-solar YYYY-MM-DD [--leap]
// dondoc calendar --to-lunar YYYY-MM-DD
#include <CLI/CLI.hpp>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "../command.h"
#include "../table.h"
#include "calendar/calendar.h"
#include "commands.h"
#include "store_common.h"

namespace dondoc::cli {
namespace {

constexpr const char* kWeekdays[] = {"thứ Hai", "thứ Ba",  "thứ Tư",  "thứ Năm",
                                     "thứ Sáu", "thứ Bảy", "Chủ nhật"};

int usage_error(const std::string& msg) {
  std::fprintf(stderr, "dondoc calendar: %s\n", msg.c_str());
  return kExitUsage;
}

// "YYYY-MM-DD" (month and day may have one digit). No range check here: whether a lunar day 30
// or a month exists is the lunar calendar's answer, not a format question.
std::optional<calendar::LunarDate> parse_lunar(std::string_view s) {
  int parts[3] = {0, 0, 0};
  int part = 0, digits = 0;
  for (char c : s) {
    if (c == '-' && digits > 0 && part < 2) {
      ++part;
      digits = 0;
    } else if (c >= '0' && c <= '9' && digits < (part == 0 ? 4 : 2)) {
      parts[part] = parts[part] * 10 + (c - '0');
      ++digits;
    } else {
      return std::nullopt;
    }
  }
  if (part != 2 || digits == 0) return std::nullopt;
  return calendar::LunarDate{parts[0], parts[1], parts[2], false};
}

std::string lunar_iso(const calendar::LunarDate& l) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d%s", l.year, l.month, l.day,
                l.leap ? " nhuận" : "");
  return buf;
}

void print_year_json(const std::vector<calendar::DayOff>& days) {
  // The spec's spacing ("key": value, ...), which is also valid JSON.
  for (const auto& d : days)
    std::printf("{\"date\": \"%s\", \"name\": %s, \"working\": %s}\n", to_iso(d.date).c_str(),
                nlohmann::json(d.name).dump().c_str(), d.working ? "true" : "false");
}

void print_year_text(int year, const calendar::Calendar& cal) {
  const auto days = cal.year(year);
  std::printf("Ngày nghỉ lễ, Tết năm %d (cơ quan nghỉ thứ Bảy, Chủ nhật)\n", year);
  if (!cal.announced(year))
    std::printf(
        "Chưa có thông báo lịch nghỉ năm %d: tính theo Bộ luật Lao động 2019 Điều 112\n"
        "(Tết: ngày cuối năm cũ và mùng 1 đến mùng 4; lễ trùng ngày nghỉ thì nghỉ bù).\n",
        year);
  std::printf("\n");
  TextTable t({"Ngày", "Thứ", "Âm lịch", "Loại", "Nội dung"});
  for (const auto& d : days) {
    auto l = calendar::to_lunar(d.date);
    char lunar[32];
    std::snprintf(lunar, sizeof lunar, "%02d/%02d%s", l.day, l.month, l.leap ? " nhuận" : "");
    t.add(
        {to_vn(d.date), kWeekdays[weekday(d.date)], lunar, d.working ? "đi làm" : "nghỉ", d.name});
  }
  t.print(stdout);
}

}  // namespace

int cmd_calendar(int argc, char** argv) {
  CLI::App app{"Ngày nghỉ lễ, Tết trong năm; đổi ngày âm lịch - dương lịch", "dondoc calendar"};
  int year = 0;
  bool json = false, leap = false;
  std::string as_of, to_solar_arg, to_lunar_arg;
  auto* year_opt = add_number_option(app, "--year", year, "năm cần xem (mặc định: năm của --as-of hoặc hôm nay)", 1, 9999);
  app.add_flag("--json", json, "in mỗi ngày một dòng JSON (JSON Lines)");
  auto* as_of_opt =
      app.add_option("--as-of", as_of, "ngày hôm nay (YYYY-MM-DD), để chọn năm mặc định");
  auto* solar_opt =
      app.add_option("--to-solar", to_solar_arg,
                     "đổi ngày âm lịch YYYY-MM-DD (tháng 1 = tháng Giêng) sang dương lịch");
  auto* lunar_opt =
      app.add_option("--to-lunar", to_lunar_arg, "đổi ngày dương lịch YYYY-MM-DD sang âm lịch");
  app.add_flag("--leap", leap, "ngày thuộc tháng nhuận (dùng với --to-solar)");
  if (int rc = parse_args(app, argc, argv); rc >= 0) return rc;
  const bool solar = solar_opt->count() > 0, lunar = lunar_opt->count() > 0;
  if (solar && lunar) return usage_error("chỉ dùng một trong hai: --to-solar hoặc --to-lunar");
  if ((solar || lunar) && (year_opt->count() || json || as_of_opt->count()))
    return usage_error("--year, --json, --as-of không dùng cùng --to-solar hoặc --to-lunar");
  if (leap && !solar) return usage_error("--leap chỉ dùng cùng --to-solar");

  if (solar) {
    auto l = parse_lunar(to_solar_arg);
    if (!l)
      return usage_error(
          "--to-solar phải có dạng YYYY-MM-DD (năm-tháng-ngày âm lịch), nhận được '" +
          to_solar_arg + "'");
    l->leap = leap;
    auto date = calendar::to_solar(*l);
    if (!date) {
      std::fprintf(stderr, "dondoc calendar: không có ngày %d tháng %d%s năm %d âm lịch\n", l->day,
                   l->month, leap ? " nhuận" : "", l->year);
      if (leap && l->year >= 1 && l->year <= 9999) {
        int lm = calendar::leap_month(l->year);
        if (lm)
          std::fprintf(stderr, "  (năm %d âm lịch nhuận tháng %d)\n", l->year, lm);
        else
          std::fprintf(stderr, "  (năm %d âm lịch không có tháng nhuận)\n", l->year);
      }
      return kExitBadInput;
    }
    std::printf("%s\n", to_iso(*date).c_str());
    return kExitOk;
  }
  if (lunar) {
    auto d = parse_iso(to_lunar_arg);
    if (!d || !is_valid(*d))
      return usage_error(
          "--to-lunar phải là một ngày dương lịch có thật dạng YYYY-MM-DD, nhận được '" +
          to_lunar_arg + "'");
    std::printf("%s\n", lunar_iso(calendar::to_lunar(*d)).c_str());
    return kExitOk;
  }

  // "Today" is only a default for the year, so only the command reads the clock.
  Date today = local_today();
  if (as_of_opt->count()) {
    auto d = parse_iso(as_of);
    if (!d || !is_valid(*d))
      return usage_error("--as-of phải có dạng YYYY-MM-DD, nhận được '" + as_of + "'");
    today = *d;
  }
  if (!year_opt->count()) year = today.y;
  const auto& cal = calendar::Calendar::builtin();
  if (json)
    print_year_json(cal.year(year));
  else
    print_year_text(year, cal);
  return kExitOk;
}

}  // namespace dondoc::cli
