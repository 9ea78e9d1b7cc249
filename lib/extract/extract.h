#pragma once
// extract: finders over a structured document: citations, tasks and their deadlines.
//
//   auto parsed = structure::parse(text, rules);
//   parsed.doc.citations = extract::find_citations(parsed, rules);
//   parsed.doc.tasks = extract::find_tasks(parsed, rules, {.today = ...});
//
// Finders are total and pure: no files, clock or locale. Every Span they return lies in
// parsed.text; a task's deadline spans lie inside the task's span, or in the heading above it
// when the limit is the heading's (DECISIONS D7: "Nhiệm vụ trọng tâm trong tháng 12/2026:").
#include <optional>
#include <vector>

#include "core/document.h"
#include "rules/rules.h"
#include "structure/structure.h"

namespace dondoc::extract {

// Every other document the text names with a type and a number, once each, in order of first
// mention. The document's own number is not a citation.
std::vector<Citation> find_citations(const structure::Parsed& p, const rules::Rules& rules);

// The calendar (the calendar library implements it): working days for resolving "N ngày làm
// việc", and the lunar calendar for days set by it ("trước Tết Nguyên đán", "Rằm tháng Giêng").
class WorkingDays {
 public:
  virtual ~WorkingDays() = default;
  virtual Date add_working_days(const Date& from, int n) const = 0;
  // Civil Code art. 148: a period that ends on a day off ends on the next working day.
  virtual Date roll_forward(const Date& d) const = 0;
  // The solar date of lunar day/month/year (month 1 = tháng Giêng, not a leap month); nullopt
  // when that day does not exist.
  virtual std::optional<Date> from_lunar(int year, int month, int day) const = 0;
  // The lunar year of a solar date.
  virtual int lunar_year(const Date& d) const = 0;
};

struct TaskOptions {
  std::optional<Date> received;        // "ngày nhận" of the document, when known
  const WorkingDays* calendar = nullptr;
};

// Tasks in order: numbered items that ask for work (leaves of the outline), or, when the
// body has no numbered items, one task per request in running text ("#1", "#2"...).
// Expects p.doc.citations filled (their dates are not deadlines).
std::vector<Task> find_tasks(const structure::Parsed& p, const rules::Rules& rules, const TaskOptions& opts = {});

}  // namespace dondoc::extract
