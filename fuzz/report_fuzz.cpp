// Fuzz target: reports made of text that came from documents (unit names from a Kính gửi list,
// actions, document numbers). Checks what an office relies on when it opens them: the Markdown
// runs no HTML, no CSV cell is a formula (OWASP), the iCalendar holds no control characters
// (RFC 5545). Input: fields separated by newlines.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "track/track.h"

namespace {

void check(bool ok) {
  if (!ok) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  std::vector<std::string> fields;
  size_t start = 0;
  while (start <= in.size() && fields.size() < 8) {
    size_t nl = in.find('\n', start);
    if (nl == std::string_view::npos) nl = in.size();
    fields.emplace_back(in.substr(start, nl - start));
    start = nl + 1;
  }
  fields.resize(8);
  std::vector<dondoc::store::TrackedTask> tasks;
  for (int i = 0; i < 2; ++i) {
    dondoc::store::TrackedTask t;
    t.id = i + 1;
    t.document_id = 1;
    t.document = fields[static_cast<size_t>(4 * i)];
    t.task.ref = fields[static_cast<size_t>(4 * i + 1)];
    t.task.lead.push_back(dondoc::Assignee{fields[static_cast<size_t>(4 * i + 2)], {}, {}});
    t.task.action = fields[static_cast<size_t>(4 * i + 3)];
    t.task.due = dondoc::Date{2026, 4, 20 + i};
    tasks.push_back(std::move(t));
  }
  dondoc::Date as_of{2026, 5, 1};
  auto report = dondoc::track::build_report(tasks, as_of, dondoc::calendar::Calendar::builtin());
  std::string md = dondoc::track::render_markdown(report);
  check(md.find('<') == std::string::npos);
  std::string csv = dondoc::track::render_csv(report);
  for (const auto& s : report.units) {
    std::string cell = dondoc::track::csv_cell(s.unit.name);
    char first = cell.empty() ? 'x' : cell[0] == '"' && cell.size() > 1 ? cell[1] : cell[0];
    check(std::string_view("=+-@\t\r").find(first) == std::string_view::npos);
    check(csv.find("\r\n" + cell + ",") != std::string::npos);
  }
  std::string ics = dondoc::track::render_ics(tasks, as_of);
  for (char c : ics) {
    auto u = static_cast<unsigned char>(c);
    check(!((u < 0x20 && c != '\r' && c != '\n' && c != '\t') || u == 0x7F));
  }
  return 0;
}
