#pragma once
// track: the follow-up (đôn đốc) domain over a Store: which tasks are overdue and by how many
// calendar and working days as of a given date, what each unit must do soon, the periodic report
// per unit (done on time, done late, open, overdue, overdue > 30 days, % on time) rendered as
// Markdown, CSV, XLSX or iCalendar, and the whole store as JSON Lines for backup and moving
// between SQLite and PostgreSQL.
//
// Guarantees: pure over its inputs: "today" (as_of) and the calendar are passed in. A task is
// overdue when it is open or in progress and its due date is before as_of; overdue_days counts
// calendar days, overdue_working_days the working days in (due, as_of] of the calendar.
//
//   auto open = store.tasks(track::open_tasks_filter());
//   track::Report r = track::build_report(*open, as_of, calendar::Calendar::builtin());
//   std::string md = track::render_markdown(r);
//   track::export_jsonl(store, stdout);
#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "calendar/calendar.h"
#include "core/result.h"
#include "store/store.h"

namespace dondoc::track {

using store::TaskStatus;
using store::TrackedTask;

bool is_open(TaskStatus s);  // open or in progress
// Calendar days past the due date as of `as_of`; 0 when not overdue, closed, or without a due date.
int overdue_days(const TrackedTask& t, const Date& as_of);
int overdue_working_days(const TrackedTask& t, const Date& as_of, const calendar::Calendar& cal);

// Recurring duties ("trước ngày 25 hằng tháng", "định kỳ hằng quý"). The occurrence due on or
// after `as_of`, counting from the first one (`first`, the extracted due date) by the rule's
// period: monthly from 24/10/2026, as of 20/11/2026 -> 24/11/2026. `first` when as_of is not
// after it. A recurring duty is thus never overdue by its first occurrence; it stays open (and
// comes up in reminders before each occurrence) until a person closes it.
Date next_occurrence(const Recurrence& r, const Date& first, const Date& as_of);
// The task's recurrence rule, else its first deadline's ("trước ngày 25 hằng tháng").
const std::optional<Recurrence>& recurrence_of(const Task& t);
// Sets `occurrence` of each recurring task as of `as_of` (not when a person set the due date).
void roll_recurring(std::vector<TrackedTask>& tasks, const Date& as_of);
// The store's tasks for `filter` as of `as_of`, recurring duties rolled to their next occurrence;
// the filter's due-date bounds are applied to that occurrence (the store knows only the first).
Result<std::vector<TrackedTask>> load_tasks(store::Store& st, const store::TaskFilter& filter, const Date& as_of);

// Filters for the store: open tasks; overdue as of a date; due within n days of a date.
store::TaskFilter open_tasks_filter();
store::TaskFilter overdue_filter(const Date& as_of);
store::TaskFilter due_within_filter(const Date& as_of, int days);


// Folded key and display name of the lead units of a task ("(chưa rõ đơn vị)" when none). A lead
// that resolves to a directory unit is keyed by the unit's id and shown by its directory name
// (`names`: id -> name), so one office written two ways is one unit; others by the name as written.
struct UnitName {
  std::string key, name;
};
using UnitNames = std::map<std::string, std::string>;
std::vector<UnitName> lead_units(const TrackedTask& t, const UnitNames* names = nullptr);

// What each unit must do: overdue tasks and tasks due within `within_days` of as_of.
struct Reminder {
  UnitName unit;
  std::vector<TrackedTask> overdue, due_soon;
};
std::vector<Reminder> reminders(const std::vector<TrackedTask>& tasks, const Date& as_of, int within_days,
                                const UnitNames* names = nullptr);

struct UnitStats {
  UnitName unit;
  int total = 0, done_on_time = 0, done_late = 0, open = 0, overdue = 0, overdue_30 = 0, cancelled = 0;
  // done on time / (done on time + done late + overdue), in percent; -1 when nothing was due yet.
  double on_time_percent() const;
};
struct OverdueItem {
  TrackedTask task;
  UnitName unit;
  int days = 0, working_days = 0;
};
struct Report {
  Date as_of;
  std::vector<UnitStats> units;  // by unit name
  UnitStats total;               // each task once
  std::vector<OverdueItem> overdue;  // most overdue first; one row per lead unit
};
constexpr int kLongOverdueDays = 30;  // "quá thời hạn trên 30 ngày"
Report build_report(const std::vector<TrackedTask>& tasks, const Date& as_of, const calendar::Calendar& cal,
                    const UnitNames* names = nullptr);

std::string render_markdown(const Report& r);
std::string render_csv(const Report& r);  // UTF-8 with BOM (Excel), one row per unit + total
// A4 landscape, fitted to the page width, header row repeated, wrapped cells with their heights.
Status render_xlsx(const Report& r, const std::string& path);
Result<std::string> render_xlsx_bytes(const Report& r);
// iCalendar: one all-day VEVENT per open task with a due date (phone calendars show VEVENTs;
// many ignore VTODO), with a reminder the day before. DTSTAMP is as_of: no clock.
std::string render_ics(const std::vector<TrackedTask>& tasks, const Date& as_of);

// The whole store as JSON Lines: a header line, then documents (with their files, base64), then
// tasks (with history). import_jsonl restores it into an empty store, keeping ids.
struct ExchangeCounts {
  int64_t documents = 0, files = 0, tasks = 0;
};
Result<ExchangeCounts> export_jsonl(store::Store& s, FILE* out);
Result<ExchangeCounts> import_jsonl(store::Store& s, FILE* in);

}  // namespace dondoc::track
