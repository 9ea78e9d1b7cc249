// iCalendar (RFC 5545) of due tasks, so a unit's deadlines open in a phone calendar.
#include <algorithm>
#include "core/utf8.h"
#include "track/track.h"

namespace dondoc::track {
namespace {

// RFC 5545 TEXT: \\ ; , escaped, line breaks as \\n, and no control characters besides TAB
// (imported or extracted text may carry NUL, VT, ESC: dropped).
std::string escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    if (c == '\\' || c == ';' || c == ',') out += '\\', out += c;
    else if (c == '\n') out += "\\n";
    else if ((u < 0x20 && c != '\t') || u == 0x7F) continue;
    else out += c;
  }
  return out;
}

// Lines longer than 75 octets are folded (CRLF + space), never inside a UTF-8 sequence.
void add_line(std::string& out, const std::string& line) {
  size_t start = 0, limit = 75;
  while (line.size() - start > limit) {
    size_t cut = utf8::floor_boundary(line, start + limit);
    if (cut <= start) cut = start + limit;
    out.append(line, start, cut - start);
    out += "\r\n ";
    start = cut;
    limit = 74;  // the leading space counts
  }
  out.append(line, start, std::string::npos);
  out += "\r\n";
}

std::string ics_date(const Date& d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d%02d%02d", d.y, d.m, d.d);
  return buf;
}

std::string join(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v) s += (s.empty() ? "" : "; ") + x;
  return s;
}

}  // namespace

std::string render_ics(const std::vector<TrackedTask>& tasks, const Date& as_of) {
  std::string out;
  add_line(out, "BEGIN:VCALENDAR");
  add_line(out, "VERSION:2.0");
  add_line(out, "PRODID:-//dondoc//Theo doi nhiem vu//VI");
  add_line(out, "CALSCALE:GREGORIAN");
  add_line(out, "METHOD:PUBLISH");
  add_line(out, "X-WR-CALNAME:" + escape("Nhiệm vụ cần thực hiện"));
  for (const auto& t : tasks) {
    auto due = t.due();
    if (!due || !is_open(t.status) || !t.present) continue;
    std::string lead = join(t.leads());
    std::string action = t.task.action;
    if (action.size() > 160) action = action.substr(0, utf8::floor_boundary(action, 160)) + "…";
    add_line(out, "BEGIN:VEVENT");
    add_line(out, "UID:task-" + std::to_string(t.id) + "@dondoc");
    add_line(out, "DTSTAMP:" + ics_date(as_of) + "T000000Z");
    add_line(out, "DTSTART;VALUE=DATE:" + ics_date(*due));
    add_line(out, "DTEND;VALUE=DATE:" + ics_date(add_days(*due, 1)));
    // A recurring duty repeats in the calendar from its next occurrence (RFC 5545 RRULE).
    if (t.occurrence && recurrence_of(t.task)) {
      static const std::pair<const char*, const char*> kFreq[] = {
          {"weekly", "WEEKLY"}, {"monthly", "MONTHLY"}, {"yearly", "YEARLY"}};
      const auto& r = *recurrence_of(t.task);
      int interval = std::max(1, r.interval) * (r.freq == "quarterly" ? 3 : r.freq == "half_yearly" ? 6 : 1);
      const char* freq = r.freq == "quarterly" || r.freq == "half_yearly" ? "MONTHLY" : nullptr;
      for (const auto& [k, v] : kFreq)
        if (!freq && r.freq == k) freq = v;
      if (freq) add_line(out, std::string("RRULE:FREQ=") + freq + ";INTERVAL=" + std::to_string(interval));
    }
    add_line(out, "SUMMARY:" + escape((lead.empty() ? "" : "[" + lead + "] ") + action));
    std::string desc = "Văn bản: " + t.document + "\nMục: " + t.task.ref + "\nChủ trì: " + (lead.empty() ? "-" : lead) +
                       "\nThời hạn: " + to_vn(*due) + "\nNội dung: " + t.task.action;
    add_line(out, "DESCRIPTION:" + escape(desc));
    if (*due < as_of) add_line(out, "CATEGORIES:" + escape("Quá hạn"));
    add_line(out, "TRANSP:TRANSPARENT");
    add_line(out, "BEGIN:VALARM");
    add_line(out, "ACTION:DISPLAY");
    add_line(out, "DESCRIPTION:" + escape("Sắp đến hạn: " + action));
    add_line(out, "TRIGGER:-P1D");
    add_line(out, "END:VALARM");
    add_line(out, "END:VEVENT");
  }
  add_line(out, "END:VCALENDAR");
  return out;
}

}  // namespace dondoc::track
