// Overdue arithmetic, the tasks JSON object, and reminders per unit.
#include <algorithm>
#include <map>
#include <set>

#include "codec/codec.h"
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
  if (due_bounds && !filter.task_id) {
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

namespace {

void put_string(std::string& out, std::string_view s) {
  out += '"';
  size_t run = 0;  // start of the characters that need no escape, copied in one go
  for (size_t i = 0; i < s.size(); ++i) {
    auto u = static_cast<unsigned char>(s[i]);
    if (u >= 0x20 && u != '"' && u != '\\') continue;
    out.append(s, run, i - run);
    run = i + 1;
    static const char* kHex = "0123456789abcdef";
    if (u == '"' || u == '\\') out += '\\', out += static_cast<char>(u);
    else if (u == '\n') out += "\\n";
    else if (u == '\t') out += "\\t";
    else out += "\\u00", out += kHex[u >> 4], out += kHex[u & 15];
  }
  out.append(s, run, std::string_view::npos);
  out += '"';
}

void put_key(std::string& out, const char* key) {
  if (out.size() > 1) out += ',';
  put_string(out, key);
  out += ':';
}

void put_names(std::string& out, const std::vector<std::string>& v) {
  out += '[';
  for (size_t i = 0; i < v.size(); ++i) {
    if (i) out += ',';
    put_string(out, v[i]);
  }
  out += ']';
}

void put_date(std::string& out, const std::optional<Date>& d) {
  if (d) put_string(out, to_iso(*d));
  else out += "null";
}

}  // namespace

// Written by hand rather than through nlohmann::ordered_json: `dondoc tasks --overdue --json`
// prints tens of thousands of these, and the stored deadlines JSON is copied, not re-parsed.
std::string task_json_line(const TrackedTask& t, const Date& as_of, const calendar::Calendar& cal) {
  std::string out = "{";
  out.reserve(512 + t.task.action.size() + t.deadlines_json.size());
  put_key(out, "id");
  out += std::to_string(t.id);
  put_key(out, "document");
  put_string(out, t.document);
  put_key(out, "document_id");
  out += std::to_string(t.document_id);
  put_key(out, "document_type");
  if (t.document_type) put_string(out, *t.document_type);
  else out += "null";
  put_key(out, "ref");
  put_string(out, t.task.ref);
  put_key(out, "lead");
  put_names(out, t.leads());
  put_key(out, "support");
  put_names(out, t.supports());
  put_key(out, "action");
  put_string(out, t.task.action);
  put_key(out, "deadlines");
  if (!t.deadlines_json.empty()) {
    out += t.deadlines_json;
  } else {
    codec::JsonOptions jo;
    jo.spans = false;
    nlohmann::ordered_json dl = nlohmann::ordered_json::array();
    for (const auto& d : t.task.deadlines) dl.push_back(codec::to_json(d, jo));
    out += dl.dump();
  }
  put_key(out, "due");
  put_date(out, t.due());
  put_key(out, "status");
  put_string(out, store::to_string(t.status));
  int late = overdue_days(t, as_of);
  put_key(out, "overdue_days");
  out += std::to_string(late);
  put_key(out, "overdue_working_days");
  out += std::to_string(late ? overdue_working_days(t, as_of, cal) : 0);
  put_key(out, "done_on");
  put_date(out, t.done_on);
  put_key(out, "due_extracted");
  put_date(out, t.task.due);
  if (const auto& r = recurrence_of(t.task)) {  // a recurring duty: `due` is its next occurrence
    put_key(out, "recurrence");
    out += "{\"freq\":";
    put_string(out, r->freq);
    out += ",\"interval\":" + std::to_string(r->interval) + "}";
  }
  put_key(out, "present");
  out += t.present ? "true" : "false";
  out += '}';
  return out;
}

nlohmann::ordered_json task_json(const TrackedTask& t, const Date& as_of, const calendar::Calendar& cal) {
  return nlohmann::ordered_json::parse(task_json_line(t, as_of, cal));
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
