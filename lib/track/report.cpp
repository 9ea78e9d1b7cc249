// The periodic report: per unit counts and the overdue list, as Markdown and CSV.
#include <algorithm>
#include <cstdio>
#include <map>

#include "core/viet.h"
#include "track/track.h"

namespace dondoc::track {
namespace {

enum class Outcome { kOnTime, kLate, kOpen, kOverdue, kCancelled };

Outcome classify(const TrackedTask& t, const Date& as_of) {
  auto due = t.due();
  switch (t.status) {
    case TaskStatus::kCancelled: return Outcome::kCancelled;
    case TaskStatus::kDone:
      // Done without a recorded date cannot be shown late.
      return due && t.done_on && *due < *t.done_on ? Outcome::kLate : Outcome::kOnTime;
    default: return due && *due < as_of ? Outcome::kOverdue : Outcome::kOpen;
  }
}

void count(UnitStats& s, Outcome o, int days) {
  ++s.total;
  switch (o) {
    case Outcome::kOnTime: ++s.done_on_time; break;
    case Outcome::kLate: ++s.done_late; break;
    case Outcome::kOpen: ++s.open; break;
    case Outcome::kCancelled: ++s.cancelled; break;
    case Outcome::kOverdue:
      ++s.overdue;
      if (days > kLongOverdueDays) ++s.overdue_30;
      break;
  }
}

// "85,7%" as Vietnamese offices write it; "-" when nothing was due.
std::string percent(double p) {
  if (p < 0) return "-";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f%%", p);
  std::string s = buf;
  std::replace(s.begin(), s.end(), '.', ',');
  return s;
}

std::string md_cell(std::string s) {
  std::string out;
  for (char c : s) {
    if (c == '|') out += "\\|";
    else if (c == '\n' || c == '\r') out += ' ';
    else out += c;
  }
  return out;
}

std::string csv_cell(const std::string& s) {
  if (s.find_first_of(",\"\n\r;") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

}  // namespace

double UnitStats::on_time_percent() const {
  int due = done_on_time + done_late + overdue;
  return due == 0 ? -1 : 100.0 * done_on_time / due;
}

Report build_report(const std::vector<TrackedTask>& tasks, const Date& as_of, const calendar::Calendar& cal,
                    const UnitNames* names) {
  Report r;
  r.as_of = as_of;
  r.total.unit = UnitName{"", "Tổng cộng"};
  std::map<std::string, UnitStats> by_unit;
  for (const auto& t : tasks) {
    if (!t.present) continue;
    Outcome o = classify(t, as_of);
    int days = overdue_days(t, as_of);
    count(r.total, o, days);
    for (const auto& u : lead_units(t, names)) {
      UnitStats& s = by_unit[u.key];
      if (s.unit.name.empty()) s.unit = u;
      count(s, o, days);
      if (o == Outcome::kOverdue) r.overdue.push_back(OverdueItem{t, u, days, overdue_working_days(t, as_of, cal)});
    }
  }
  for (auto& [key, s] : by_unit) r.units.push_back(std::move(s));
  std::stable_sort(r.units.begin(), r.units.end(),
                   [](const UnitStats& a, const UnitStats& b) { return viet::fold(a.unit.name) < viet::fold(b.unit.name); });
  std::stable_sort(r.overdue.begin(), r.overdue.end(), [](const OverdueItem& a, const OverdueItem& b) {
    return a.days != b.days ? a.days > b.days : a.task.id < b.task.id;
  });
  return r;
}

std::string render_markdown(const Report& r) {
  std::string out = "# Báo cáo tình hình thực hiện nhiệm vụ\n\nTính đến ngày " + to_vn(r.as_of) + ".\n\n";
  out += "## Tổng hợp theo đơn vị chủ trì\n\n";
  out += "| Đơn vị | Tổng số | Hoàn thành đúng hạn | Hoàn thành quá hạn | Đang thực hiện trong hạn | Quá hạn | "
         "Quá hạn trên 30 ngày | Đã hủy | Tỷ lệ đúng hạn |\n";
  out += "|---|---:|---:|---:|---:|---:|---:|---:|---:|\n";
  auto row = [&](const UnitStats& s, bool bold) {
    std::string name = bold ? "**" + md_cell(s.unit.name) + "**" : md_cell(s.unit.name);
    char buf[256];
    std::snprintf(buf, sizeof buf, " | %d | %d | %d | %d | %d | %d | %d | %s |\n", s.total, s.done_on_time, s.done_late,
                  s.open, s.overdue, s.overdue_30, s.cancelled, percent(s.on_time_percent()).c_str());
    out += "| " + name + buf;
  };
  for (const auto& s : r.units) row(s, false);
  row(r.total, true);
  out += "\n## Nhiệm vụ quá hạn (" + std::to_string(r.overdue.size()) + ")\n\n";
  if (r.overdue.empty()) {
    out += "Không có nhiệm vụ quá hạn.\n";
  } else {
    out += "| STT | Đơn vị chủ trì | Văn bản | Mục | Nội dung | Thời hạn | Số ngày quá hạn | Số ngày làm việc quá hạn |\n";
    out += "|---:|---|---|---|---|---|---:|---:|\n";
    int n = 0;
    for (const auto& o : r.overdue) {
      out += "| " + std::to_string(++n) + " | " + md_cell(o.unit.name) + " | " + md_cell(o.task.document) + " | " +
             md_cell(o.task.task.ref) + " | " + md_cell(o.task.task.action) + " | " + to_vn(*o.task.due()) + " | " +
             std::to_string(o.days) + " | " + std::to_string(o.working_days) + " |\n";
    }
  }
  size_t long_overdue = static_cast<size_t>(std::count_if(r.overdue.begin(), r.overdue.end(),
                                                          [](const OverdueItem& o) { return o.days > kLongOverdueDays; }));
  out += "\n## Nhiệm vụ quá thời hạn trên 30 ngày (" + std::to_string(long_overdue) + ")\n\n";
  if (long_overdue == 0) out += "Không có.\n";
  for (const auto& o : r.overdue) {
    if (o.days <= kLongOverdueDays) continue;
    out += "- " + md_cell(o.unit.name) + ": " + md_cell(o.task.task.action) + " (" + md_cell(o.task.document) + ", mục " +
           md_cell(o.task.task.ref) + "; hạn " + to_vn(*o.task.due()) + ", quá " + std::to_string(o.days) + " ngày)\n";
  }
  return out;
}

std::string render_csv(const Report& r) {
  std::string out = "\xEF\xBB\xBF";  // BOM: Excel then reads UTF-8
  out += "Đơn vị,Tổng số,Hoàn thành đúng hạn,Hoàn thành quá hạn,Đang thực hiện trong hạn,Quá hạn,"
         "Quá hạn trên 30 ngày,Đã hủy,Tỷ lệ đúng hạn (%)\r\n";
  auto row = [&](const UnitStats& s) {
    char pct[32] = "";
    if (s.on_time_percent() >= 0) std::snprintf(pct, sizeof pct, "%.1f", s.on_time_percent());
    char buf[256];
    std::snprintf(buf, sizeof buf, ",%d,%d,%d,%d,%d,%d,%d,%s\r\n", s.total, s.done_on_time, s.done_late, s.open, s.overdue,
                  s.overdue_30, s.cancelled, pct);
    out += csv_cell(s.unit.name) + buf;
  };
  for (const auto& s : r.units) row(s);
  row(r.total);
  return out;
}

}  // namespace dondoc::track
