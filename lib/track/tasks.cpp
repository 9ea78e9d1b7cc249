// Overdue arithmetic, the tasks JSON object, and reminders per unit.
#include <algorithm>
#include <map>
#include <set>

#include "core/viet.h"
#include "track/track.h"

namespace dondoc::track {

bool is_open(TaskStatus s) { return s == TaskStatus::kOpen || s == TaskStatus::kInProgress; }

int overdue_days(const TrackedTask& t, const Date& as_of) {
  auto due = t.due();
  if (!is_open(t.status) || !due || !(*due < as_of)) return 0;
  return static_cast<int>(days_between(*due, as_of));
}

int overdue_working_days(const TrackedTask& t, const Date& as_of, const calendar::Calendar& cal) {
  if (overdue_days(t, as_of) == 0) return 0;
  return cal.working_days_between(*t.due(), as_of);
}

Date next_occurrence(const Recurrence& r, const Date& first, const Date& as_of) {
  if (!(first < as_of)) return first;
  int interval = std::max(1, r.interval);
  if (r.freq == "weekly") {
    int64_t step = 7 * interval;
    int64_t k = (days_between(first, as_of) + step - 1) / step;
    return add_days(first, k * step);
  }
  int months = r.freq == "quarterly" ? 3 : r.freq == "half_yearly" ? 6 : r.freq == "yearly" ? 12 : 1;
  months *= interval;
  // Counted from the first occurrence each time, so that a 31st stays the month's last day.
  int64_t k = std::max<int64_t>(0, ((as_of.y - first.y) * 12 + (as_of.m - first.m)) / months - 1);
  Date d = add_months(first, static_cast<int>(k * months));
  while (d < as_of) d = add_months(first, static_cast<int>(++k * months));
  return d;
}

const std::optional<Recurrence>& recurrence_of(const Task& t) {
  for (const auto& d : t.deadlines)
    if (!t.recurrence && d.recurrence) return d.recurrence;
  return t.recurrence;
}

void roll_recurring(std::vector<TrackedTask>& tasks, const Date& as_of) {
  for (auto& t : tasks) {
    const auto& r = recurrence_of(t.task);
    if (r && t.task.due && !t.due_override) t.occurrence = next_occurrence(*r, *t.task.due, as_of);
  }
}

Result<std::vector<TrackedTask>> load_tasks(store::Store& st, const store::TaskFilter& filter, const Date& as_of) {
  auto out = st.tasks(filter);
  if (!out) return out;
  bool due_bounds = filter.due_before || filter.due_from || filter.due_to;
  // A recurring duty's next occurrence is never before as_of: "overdue" finds none of them.
  bool only_overdue = filter.due_before && !filter.due_from && !filter.due_to && !(as_of < *filter.due_before);
  if (due_bounds && !filter.task_id && !only_overdue) {
    // Recurring duties whose first occurrence is outside the bounds may have one inside.
    store::TaskFilter rf = filter;
    rf.due_before.reset(), rf.due_from.reset(), rf.due_to.reset();
    rf.recurring_only = true;
    rf.limit = 0;
    auto rec = st.tasks(rf);
    if (!rec) return rec;
    std::set<int64_t> have;
    for (const auto& t : *out) have.insert(t.id);
    for (auto& t : *rec)
      if (!have.count(t.id)) out->push_back(std::move(t));
  }
  roll_recurring(*out, as_of);
  if (due_bounds) {
    std::erase_if(*out, [&](const TrackedTask& t) {
      auto d = t.due();
      if (!d) return true;
      return (filter.due_before && !(*d < *filter.due_before)) || (filter.due_from && *d < *filter.due_from) ||
             (filter.due_to && *filter.due_to < *d);
    });
  }
  // The store's order (due date, undated last, then document and item), with rolled dates.
  std::stable_sort(out->begin(), out->end(), [](const TrackedTask& a, const TrackedTask& b) {
    auto x = a.due(), y = b.due();
    return x && (!y || *x < *y);
  });
  if (filter.limit > 0 && out->size() > static_cast<size_t>(filter.limit)) out->resize(static_cast<size_t>(filter.limit));
  return out;
}

store::TaskFilter open_tasks_filter() {
  store::TaskFilter f;
  f.statuses = {TaskStatus::kOpen, TaskStatus::kInProgress};
  return f;
}

store::TaskFilter overdue_filter(const Date& as_of) {
  store::TaskFilter f = open_tasks_filter();
  f.due_before = as_of;
  return f;
}

store::TaskFilter due_within_filter(const Date& as_of, int days) {
  store::TaskFilter f = open_tasks_filter();
  f.due_from = as_of;
  f.due_to = add_days(as_of, days);
  return f;
}

std::vector<UnitName> lead_units(const TrackedTask& t, const UnitNames* names) {
  std::vector<UnitName> out;
  auto leads = t.leads();
  for (size_t i = 0; i < leads.size(); ++i) {
    std::string name = leads[i];
    std::string key = viet::fold(name);
    if (i < t.lead_ids.size() && !t.lead_ids[i].empty()) {
      key = "\x01" + t.lead_ids[i];  // never a folded name
      if (names) {
        if (auto it = names->find(t.lead_ids[i]); it != names->end()) name = it->second;
      }
    }
    if (std::none_of(out.begin(), out.end(), [&](const UnitName& u) { return u.key == key; }))
      out.push_back(UnitName{key, name});
  }
  if (out.empty()) out.push_back(UnitName{"", "(chưa rõ đơn vị)"});
  return out;
}

std::vector<Reminder> reminders(const std::vector<TrackedTask>& tasks, const Date& as_of, int within_days,
                                const UnitNames* names) {
  std::map<std::string, Reminder> by_unit;
  Date until = add_days(as_of, within_days);
  for (const auto& t : tasks) {
    auto due = t.due();
    if (!is_open(t.status) || !due || !t.present) continue;
    bool late = *due < as_of;
    bool soon = !late && *due <= until;
    if (!late && !soon) continue;
    for (const auto& u : lead_units(t, names)) {
      Reminder& r = by_unit[u.key];
      if (r.unit.name.empty()) r.unit = u;
      (late ? r.overdue : r.due_soon).push_back(t);
    }
  }
  std::vector<Reminder> out;
  for (auto& [key, r] : by_unit) {
    auto by_due = [](const TrackedTask& a, const TrackedTask& b) { return *a.due() < *b.due() || (*a.due() == *b.due() && a.id < b.id); };
    std::sort(r.overdue.begin(), r.overdue.end(), by_due);
    std::sort(r.due_soon.begin(), r.due_soon.end(), by_due);
    out.push_back(std::move(r));
  }
  // By name, as people look for their unit.
  std::stable_sort(out.begin(), out.end(),
                   [](const Reminder& a, const Reminder& b) { return viet::fold(a.unit.name) < viet::fold(b.unit.name); });
  return out;
}

}  // namespace dondoc::track
