// Tracked tasks: merging a document's extracted tasks into the store without touching what a
// person changed, queries for the tracker, updates with history, and whole-store dump/restore.
#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <map>
#include <set>

#include "codec/codec.h"
#include "store/sql_store.h"

namespace dondoc::store {

const char* to_string(TaskStatus s) {
  switch (s) {
    case TaskStatus::kOpen: return "open";
    case TaskStatus::kInProgress: return "in_progress";
    case TaskStatus::kDone: return "done";
    case TaskStatus::kCancelled: return "cancelled";
  }
  return "open";
}

std::optional<TaskStatus> task_status_from_string(std::string_view s) {
  for (auto st : {TaskStatus::kOpen, TaskStatus::kInProgress, TaskStatus::kDone, TaskStatus::kCancelled})
    if (s == to_string(st)) return st;
  return std::nullopt;
}

std::vector<std::string> TrackedTask::leads() const {
  if (!lead_override.empty()) return lead_override;
  std::vector<std::string> out;
  for (const auto& a : task.lead) out.push_back(a.name);
  return out;
}

std::vector<std::string> TrackedTask::supports() const {
  std::vector<std::string> out;
  for (const auto& a : task.support) out.push_back(a.name);
  return out;
}

}  // namespace dondoc::store

namespace dondoc::store::internal {
namespace {

std::string join_lines(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v) s += (s.empty() ? "" : "\n") + x;
  return s;
}

// Keeps empty entries: "a\n\nb" for {"a", "", "b"} (aligned lists such as lead_ids).
std::string join_lines_keep(const std::vector<std::string>& v) {
  std::string s;
  for (size_t i = 0; i < v.size(); ++i) s += (i ? "\n" : "") + v[i];
  return s;
}

std::vector<std::string> split_lines_keep(const std::string& s, size_t n) {
  std::vector<std::string> out;
  size_t start = 0;
  while (out.size() < n) {
    size_t nl = s.find('\n', start);
    if (nl == std::string::npos) nl = s.size();
    out.push_back(start <= s.size() ? s.substr(start, nl - start) : std::string());
    start = nl + 1;
  }
  return out;
}

std::vector<std::string> split_lines(const std::string& s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < s.size()) {
    size_t nl = s.find('\n', start);
    if (nl == std::string::npos) nl = s.size();
    if (nl > start) out.push_back(s.substr(start, nl - start));
    start = nl + 1;
  }
  return out;
}

std::vector<std::string> names(const std::vector<Assignee>& v) {
  std::vector<std::string> out;
  for (const auto& a : v) out.push_back(a.name);
  return out;
}
std::vector<std::string> unit_ids(const std::vector<Assignee>& v) {
  std::vector<std::string> out;
  for (const auto& a : v) out.push_back(a.unit);
  return out;
}

// A recurrence as stored in tasks.recur: "monthly/1", "yearly/1/15/12" (freq/interval[/day/month]).
std::string recurrence_key(const Recurrence& r) {
  std::string k = r.freq + "/" + std::to_string(r.interval);
  if (r.day || r.month) k += "/" + std::to_string(r.day) + "/" + std::to_string(r.month);
  return k;
}

std::optional<Recurrence> recurrence_from_key(const std::string& k) {
  Recurrence r;
  std::vector<std::string> parts;
  size_t start = 0;
  while (start <= k.size()) {
    size_t slash = k.find('/', start);
    if (slash == std::string::npos) slash = k.size();
    parts.push_back(k.substr(start, slash - start));
    start = slash + 1;
  }
  if (parts.size() < 2 || parts[0].empty()) return std::nullopt;
  auto num = [](const std::string& s) { return std::atoi(s.c_str()); };
  r.freq = parts[0];
  r.interval = std::max(1, num(parts[1]));
  if (parts.size() >= 4) r.day = num(parts[2]), r.month = num(parts[3]);
  return r;
}

// The machine's columns of a task, from its extraction.
struct TaskColumns {
  std::string extracted, action, lead, support, deadlines;
  std::optional<std::string> due, recur;
  static TaskColumns make(const Task& t) {
    codec::JsonOptions jo;
    TaskColumns c;
    c.extracted = codec::to_json(t, jo).dump();
    c.action = t.action;
    c.lead = join_lines(names(t.lead));
    c.support = join_lines(names(t.support));
    // Without spans: this copy is for listings; spans stay in `extracted`.
    codec::JsonOptions plain;
    plain.spans = false;
    nlohmann::ordered_json dl = nlohmann::ordered_json::array();
    for (const auto& d : t.deadlines) dl.push_back(codec::to_json(d, plain));
    c.deadlines = dl.dump();
    if (t.due) c.due = to_iso(*t.due);
    // The task's rule, else the first deadline's ("trước ngày 25 hằng tháng").
    if (t.recurrence) c.recur = recurrence_key(*t.recurrence);
    for (const auto& d : t.deadlines)
      if (!c.recur && d.recurrence) c.recur = recurrence_key(*d.recurrence);
    return c;
  }
};

const char* const kPersonEvents = "('status', 'note', 'done_on', 'due', 'lead', 'correct', 'attachment')";

}  // namespace

std::vector<std::string> split_name_lines(const std::string& s) { return split_lines(s); }

Status SqlStore::add_event(int64_t task_id, const std::string& at, const std::string& kind,
                           const std::optional<std::string>& old_value, const std::optional<std::string>& new_value) {
  return db_->exec("INSERT INTO task_events (task_id, at, kind, old_value, new_value) VALUES (?, ?, ?, ?, ?)",
                   {task_id, at, kind, opt_param(old_value), opt_param(new_value)});
}

Result<std::string> SqlStore::resolve_unit(const std::string& name, const std::string& extracted_id) {
  auto rows = db_->query(
      "SELECT COALESCE((SELECT unit_id FROM unit_aliases WHERE name_key = ?), (SELECT id FROM units WHERE id = ?))",
      {fold_key(name), extracted_id});
  if (!rows) return rows.error();
  return rows->empty() ? std::string() : rows->str(0, 0);
}

Status SqlStore::refresh_lead_ids(int64_t task_id) {
  auto rows = db_->query("SELECT unit_id FROM task_units WHERE task_id = ? AND role = 'lead' ORDER BY ord", {task_id});
  if (!rows) return rows.error();
  std::vector<std::string> ids;
  for (size_t i = 0; i < rows->size(); ++i) ids.push_back(rows->str(i, 0));
  return db_->exec("UPDATE tasks SET lead_ids = ? WHERE id = ?", {join_lines_keep(ids), task_id});
}

Status SqlStore::write_units(int64_t task_id, const std::vector<std::string>& lead,
                             const std::vector<std::string>& lead_units, const std::vector<std::string>& support,
                             const std::vector<std::string>& support_units, const std::vector<std::string>& report_to,
                             const std::vector<std::string>& report_to_units) {
  if (auto s = db_->exec("DELETE FROM task_units WHERE task_id = ?", {task_id}); !s) return s.error();
  auto add = [&](const char* role, const std::vector<std::string>& v, const std::vector<std::string>& ids) -> Status {
    for (size_t i = 0; i < v.size(); ++i) {
      std::string extracted = i < ids.size() ? ids[i] : std::string();
      std::string key = !extracted.empty() ? extracted : fold_key(v[i]);
      auto unit = resolve_unit(v[i], extracted);
      if (!unit) return unit.error();
      auto s = db_->exec(
          "INSERT INTO task_units (task_id, role, name, name_key, unit_key, unit_id, ord) VALUES (?, ?, ?, ?, ?, ?, ?)",
          {task_id, std::string(role), v[i], fold_key(v[i]), key, unit->empty() ? Param{nullptr} : Param{*unit},
           static_cast<int64_t>(i)});
      if (!s) return s.error();
    }
    return ok_status();
  };
  if (auto s = add("lead", lead, lead_units); !s) return s;
  if (auto s = add("support", support, support_units); !s) return s;
  if (auto s = add("report_to", report_to, report_to_units); !s) return s;
  return refresh_lead_ids(task_id);
}

Status SqlStore::write_task_units(int64_t task_id, const Task& extracted, const std::vector<std::string>& lead_override,
                                  const std::optional<std::string>& corrected) {
  TaskFields typed = TaskFields::parse(corrected);
  std::vector<std::string> lead = lead_override.empty() ? names(extracted.lead) : lead_override;
  std::vector<std::string> lead_ids = lead_override.empty() ? unit_ids(extracted.lead) : std::vector<std::string>{};
  std::vector<std::string> support = typed.support ? *typed.support : names(extracted.support);
  std::vector<std::string> support_ids = typed.support ? std::vector<std::string>{} : unit_ids(extracted.support);
  std::vector<std::string> report = typed.report_to ? *typed.report_to : names(extracted.report_to);
  std::vector<std::string> report_ids = typed.report_to ? std::vector<std::string>{} : unit_ids(extracted.report_to);
  return write_units(task_id, lead, lead_ids, support, support_ids, report, report_ids);
}

Status SqlStore::merge_tasks(int64_t id, const Document& doc, const std::string& at, PutResult& out) {
  auto label_rows = db_->query("SELECT identifier, type FROM documents WHERE id = ?", {id});
  if (!label_rows) return label_rows.error();
  std::string label = label_rows->str(0, 0).empty() ? "#" + std::to_string(id) : label_rows->str(0, 0);
  Param doc_type = opt_param(label_rows->at(0, 1));
  // A new version may have a new number or type: every task of the document follows.
  if (auto s = db_->exec("UPDATE tasks SET doc_label = ?, doc_type = ? WHERE document_id = ?", {label, doc_type, id}); !s)
    return s.error();
  auto rows = db_->query(
      "SELECT id, ref, extracted, present, ord, due, action, lead, lead_override, status, due_override, corrected "
      "FROM tasks WHERE document_id = ? AND origin = 'machine'",
      {id});
  if (!rows) return rows.error();
  std::map<std::string, size_t> existing;
  for (size_t i = 0; i < rows->size(); ++i) existing[rows->str(i, 1)] = i;
  std::map<std::string, int> used;
  std::set<std::string> kept;
  int ord = 0;
  for (const auto& t : doc.tasks) {
    // A ref printed twice (two tables both numbered 1, 2, ...) still names two tasks.
    std::string ref = t.ref.empty() ? "#" + std::to_string(ord + 1) : t.ref;
    if (int n = ++used[ref]; n > 1) ref += "~" + std::to_string(n);
    kept.insert(ref);
    TaskColumns c = TaskColumns::make(t);
    auto it = existing.find(ref);
    if (it != existing.end()) {
      size_t r = it->second;
      int64_t tid = rows->i64(r, 0);
      bool changed = rows->str(r, 2) != c.extracted;
      if (changed || rows->i64(r, 3) != 1 || rows->i64(r, 4) != ord) {
        auto s = db_->exec(
            "UPDATE tasks SET ord = ?, present = 1, extracted = ?, action = ?, lead = ?, support = ?, "
            "deadlines = ?, due = ?, due_eff = COALESCE(due_override, ?, due_anchor), recur = ?, updated_at = ? WHERE id = ?",
            {int64_t{ord}, c.extracted, c.action, c.lead, c.support, c.deadlines, opt_param(c.due),
             opt_param(c.due), opt_param(c.recur), at, tid});
        if (!s) return s.error();
      }
      if (rows->i64(r, 3) == 0) {  // a task a later version had dropped is back
        if (auto e = add_event(tid, at, "extracted", std::string("absent"), std::string("present")); !e) return e.error();
      }
      if (changed) {
        ++out.tasks_updated;
        nlohmann::ordered_json was, now;
        if (rows->at(r, 5) != c.due) {
          was["due"] = rows->at(r, 5) ? nlohmann::ordered_json(*rows->at(r, 5)) : nullptr;
          now["due"] = c.due ? nlohmann::ordered_json(*c.due) : nullptr;
        }
        if (rows->str(r, 6) != c.action) was["action"] = rows->str(r, 6), now["action"] = c.action;
        if (rows->str(r, 7) != c.lead) was["lead"] = split_lines(rows->str(r, 7)), now["lead"] = names(t.lead);
        auto s = add_event(tid, at, "extracted", was.empty() ? std::nullopt : std::optional(was.dump()),
                           now.empty() ? std::nullopt : std::optional(now.dump()));
        if (!s) return s.error();
        // A person's reassignment and corrections win over what the new version says.
        auto u = write_task_units(tid, t, split_lines(rows->str(r, 8)), rows->at(r, 11));
        if (!u) return u.error();
      }
    } else {
      auto ins = db_->query(
          "INSERT INTO tasks (document_id, ref, ord, doc_label, doc_type, present, extracted, action, lead, support, "
          "deadlines, due, status, due_eff, recur, updated_at) VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, 'open', ?, ?, ?) "
          "RETURNING id",
          {id, ref, int64_t{ord}, label, doc_type, c.extracted, c.action, c.lead, c.support, c.deadlines,
           opt_param(c.due), opt_param(c.due), opt_param(c.recur), at});
      if (!ins) return ins.error();
      int64_t tid = ins->i64(0, 0);
      if (auto u = write_task_units(tid, t, {}, std::nullopt); !u) return u.error();
      if (auto e = add_event(tid, at, "created", std::nullopt, c.due); !e) return e.error();
      ++out.tasks_added;
    }
    ++ord;
  }
  // Tasks the new version no longer has: forgotten when nobody touched them, else kept (absent).
  for (const auto& [ref, r] : existing) {
    if (kept.count(ref) || rows->i64(r, 3) == 0) continue;
    int64_t tid = rows->i64(r, 0);
    auto touched = db_->query(std::string("SELECT count(*) FROM task_events WHERE task_id = ? AND kind IN ") +
                                  kPersonEvents,
                              {tid});
    if (!touched) return touched.error();
    ++out.tasks_removed;
    if (touched->i64(0, 0) == 0 && rows->str(r, 9) == "open" && rows->is_null(r, 10) && rows->is_null(r, 8)) {
      if (auto s = db_->exec("DELETE FROM tasks WHERE id = ?", {tid}); !s) return s.error();
    } else {
      if (auto s = db_->exec("UPDATE tasks SET present = 0, updated_at = ? WHERE id = ?", {at, tid}); !s)
        return s.error();
      if (auto s = add_event(tid, at, "extracted", std::string("present"), std::string("absent")); !s) return s;
    }
  }
  return ok_status();
}

namespace {
constexpr const char* kTaskColumns =
    "t.id, t.document_id, t.doc_label, t.doc_type, t.ref, t.present, t.action, t.lead, t.support, t.deadlines, "
    "t.due, t.status, t.done_on, t.due_override, t.lead_override, t.updated_at, t.recur, t.lead_ids, t.due_anchor, "
    "t.origin, t.rejected, t.corrected";
constexpr size_t kTaskColumnCount = 22;

// What a person typed replaces what was read: action, support, report_to.
void apply_corrections(TrackedTask& t) {
  if (!t.corrected) return;
  TaskFields f = TaskFields::parse(t.corrected);
  if (f.action) t.task.action = *f.action;
  auto assignees = [](const std::vector<std::string>& v) {
    std::vector<Assignee> out;
    for (const auto& n : v) out.push_back(Assignee{n, {}, {}});
    return out;
  };
  if (f.support) t.task.support = assignees(*f.support);
  if (f.report_to) t.task.report_to = assignees(*f.report_to);
}

TrackedTask read_task(const Rows& rows, size_t i, bool parse_deadlines = true) {
  TrackedTask t;
  t.id = rows.i64(i, 0);
  t.document_id = rows.i64(i, 1);
  t.document = rows.str(i, 2);
  t.document_type = rows.at(i, 3);
  t.task.ref = rows.str(i, 4);
  t.present = rows.i64(i, 5) != 0;
  t.task.action = rows.str(i, 6);
  for (auto& n : split_lines(rows.str(i, 7))) t.task.lead.push_back(Assignee{std::move(n), {}, {}});
  for (auto& n : split_lines(rows.str(i, 8))) t.task.support.push_back(Assignee{std::move(n), {}, {}});
  t.deadlines_json = rows.str(i, 9);
  if (parse_deadlines) {
    auto dl = nlohmann::json::parse(t.deadlines_json, nullptr, false);
    if (dl.is_array()) {
      for (const auto& dj : dl)
        if (auto d = codec::deadline_from_json(dj)) t.task.deadlines.push_back(std::move(*d));
    }
  }
  if (auto d = rows.at(i, 10)) t.task.due = parse_iso(*d);
  t.status = task_status_from_string(rows.str(i, 11)).value_or(TaskStatus::kOpen);
  if (auto d = rows.at(i, 12)) t.done_on = parse_iso(*d);
  if (auto d = rows.at(i, 13)) t.due_override = parse_iso(*d);
  t.lead_override = split_lines(rows.str(i, 14));
  t.updated_at = rows.str(i, 15);
  if (auto r = rows.at(i, 16)) t.task.recurrence = recurrence_from_key(*r);
  t.lead_ids = split_lines_keep(rows.str(i, 17), t.leads().size());
  if (auto d = rows.at(i, 18)) t.due_anchor = parse_iso(*d);
  t.manual = rows.str(i, 19) == "person";
  t.rejected = rows.i64(i, 20) != 0;
  t.corrected = rows.at(i, 21);
  apply_corrections(t);
  return t;
}
}  // namespace

Result<std::vector<TrackedTask>> SqlStore::tasks(const TaskFilter& f) {
  if (auto s = check_limit(f.limit); !s) return s.error();
  // Unit filters are joins on the distinct task ids task_units' indexes give (a unit has a few
  // percent of the tasks), not a test on every task.
  Params p;
  std::string joins;
  int n = 0;
  auto join = [&](const std::string& where) {
    std::string m = "m" + std::to_string(++n);
    joins += " JOIN (SELECT DISTINCT u.task_id FROM task_units u WHERE " + where + ") " + m + " ON " + m + ".task_id = t.id";
  };
  if (f.unit_ids) {
    // Per-unit access: the unit leads or supports the task (an empty list matches nothing).
    std::string in = "''";
    for (const auto& id : *f.unit_ids) in += ", ?", p.emplace_back(id);
    join("u.unit_id IN (" + in + ") AND u.role IN ('lead', 'support')");
  }
  if (!f.unit_id.empty()) {
    join(std::string("u.unit_id = ? AND u.role IN ") + (f.unit_support ? "('lead', 'support')" : "('lead')"));
    p.emplace_back(f.unit_id);
  }
  if (!f.unit.empty()) {
    // Part of the name as written ("tai chinh"), or the directory id ("stc").
    join(std::string("u.role IN ") + (f.unit_support ? "('lead', 'support')" : "('lead')") +
         " AND (u.name_key LIKE ? ESCAPE '\\' OR u.unit_key = ? OR u.unit_id = ?)");
    p.emplace_back("%" + like_escape(fold_key(f.unit)) + "%");
    p.emplace_back(fold_key(f.unit));
    p.emplace_back(f.unit);
  }
  std::string sql = std::string("SELECT ") + kTaskColumns + " FROM tasks t" + joins + " WHERE 1 = 1";
  if (!f.include_absent) sql += " AND t.present = 1";
  if (!f.include_rejected) sql += " AND t.rejected = 0";
  if (f.recurring_only) sql += " AND t.recur IS NOT NULL";
  if (f.document_id) sql += " AND t.document_id = ?", p.emplace_back(*f.document_id);
  if (f.task_id) sql += " AND t.id = ?", p.emplace_back(*f.task_id);
  // A short list of the whole store in due order reads tasks_due_order from the start and stops
  // at its limit; SQLite would rather take tasks_status_due and sort every open task, so there
  // its status and due terms are kept off indexes (unary +). PostgreSQL plans this by itself.
  bool walk = f.limit > 0 && joins.empty() && !f.document_id && !f.task_id && db_->engine() == Engine::kSqlite;
  const char* col_status = walk ? "+t.status" : "t.status";
  const char* col_due = walk ? "+t.due_eff" : "t.due_eff";
  if (!f.statuses.empty()) {
    sql += std::string(" AND ") + col_status + " IN (";
    for (size_t i = 0; i < f.statuses.size(); ++i) {
      sql += i ? ", ?" : "?";
      p.emplace_back(std::string(to_string(f.statuses[i])));
    }
    sql += ")";
  }
  if (f.due_before) sql += std::string(" AND ") + col_due + " < ?", p.emplace_back(date_bound(*f.due_before));
  if (f.due_from) sql += std::string(" AND ") + col_due + " >= ?", p.emplace_back(date_bound(*f.due_from));
  if (f.due_to) sql += std::string(" AND ") + col_due + " <= ?", p.emplace_back(date_bound(*f.due_to));
  const char* order = " ORDER BY t.due_eff IS NULL, t.due_eff, t.document_id, t.ord";
  sql += order;
  if (f.limit > 0) {
    sql += " LIMIT " + std::to_string(f.limit);
    // PostgreSQL: the page is chosen on the keys alone (tasks_list_keys, without the rows), then
    // only its rows are read; a unit's 1,600 open tasks were otherwise read whole and sorted
    // with all their columns for 100 of them.
    if (db_->engine() == Engine::kPostgres) {
      std::string keys = sql;
      keys.replace(keys.find(kTaskColumns), std::strlen(kTaskColumns), "t.id");
      sql = std::string("SELECT ") + kTaskColumns + " FROM tasks t WHERE t.id IN (" + keys + ")" + order;
    }
  }
  auto rows = db_->query(sql, p);
  if (!rows) return rows.error();
  std::vector<TrackedTask> out;
  out.reserve(rows->size());
  for (size_t i = 0; i < rows->size(); ++i) out.push_back(read_task(*rows, i, f.parse_deadlines));
  // One task asked by id: also what only the full extraction has (report_to, unit ids, spans).
  if (f.task_id && out.size() == 1) {
    auto ex = db_->query("SELECT extracted FROM tasks WHERE id = ?", {*f.task_id});
    if (!ex) return ex.error();
    auto j = nlohmann::json::parse(ex->str(0, 0), nullptr, false);
    if (auto full = codec::task_from_json(j); full) {
      full->ref = out[0].task.ref;
      full->lead = std::move(out[0].task.lead);  // names as read from the row (manual tasks have no extraction units)
      if (out[0].manual) full->due = out[0].task.due;
      out[0].task = std::move(*full);
      apply_corrections(out[0]);
    }
  }
  return out;
}

Result<std::vector<TaskEvent>> SqlStore::task_history(int64_t id) {
  auto rows = db_->query("SELECT at, kind, old_value, new_value FROM task_events WHERE task_id = ? ORDER BY id", {id});
  if (!rows) return rows.error();
  std::vector<TaskEvent> out;
  for (size_t i = 0; i < rows->size(); ++i)
    out.push_back(TaskEvent{rows->str(i, 0), rows->str(i, 1), rows->at(i, 2), rows->at(i, 3)});
  return out;
}

Result<TrackedTask> SqlStore::update_task(int64_t id, const TaskUpdate& u) {
  Transaction tx(*db_);
  if (auto s = tx.begin(); !s) return s.error();
  TaskFilter f;
  f.task_id = id;
  f.include_absent = true;
  f.include_rejected = true;
  auto cur = tasks(f);
  if (!cur) return cur.error();
  if (cur->empty()) return make_error(ErrorCode::kNotFound, "không có nhiệm vụ #" + std::to_string(id));
  const TrackedTask& t = cur->front();
  auto set = [&](const char* column, const char* kind, const std::optional<std::string>& old_v,
                 const std::optional<std::string>& new_v) -> Status {
    if (old_v == new_v) return ok_status();
    auto s = db_->exec(std::string("UPDATE tasks SET ") + column + " = ?, updated_at = ? WHERE id = ?",
                       {opt_param(new_v), u.at, id});
    if (!s) return s;
    return add_event(id, u.at, kind, old_v, new_v);
  };
  auto opt_date = [](const std::optional<Date>& d) { return d ? std::optional(to_iso(*d)) : std::nullopt; };
  std::optional<TaskStatus> status = u.status;
  if (status) {
    auto s = set("status", "status", std::string(to_string(t.status)), std::string(to_string(*status)));
    if (!s) return s.error();
    // Reopened: the old done date no longer holds.
    if (*status != TaskStatus::kDone && !u.done_on) {
      if (auto c = set("done_on", "done_on", opt_date(t.done_on), std::nullopt); !c) return c.error();
    }
  }
  if (u.done_on) {
    if (auto s = set("done_on", "done_on", opt_date(t.done_on), opt_date(u.done_on)); !s) return s.error();
  }
  if (u.due || u.clear_due) {
    std::optional<std::string> nd = u.clear_due ? std::nullopt : opt_date(u.due);
    if (auto s = set("due_override", "due", opt_date(t.due_override), nd); !s) return s.error();
    auto s = db_->exec("UPDATE tasks SET due_eff = COALESCE(due_override, due, due_anchor) WHERE id = ?", {id});
    if (!s) return s.error();
  }
  if (u.lead) {
    std::optional<std::string> old_v, new_v;
    if (!t.lead_override.empty()) old_v = join_lines(t.lead_override);
    if (!u.lead->empty()) new_v = join_lines(*u.lead);
    if (auto s = set("lead_override", "lead", old_v, new_v); !s) return s.error();
    auto ex = db_->query("SELECT extracted, corrected FROM tasks WHERE id = ?", {id});
    if (!ex) return ex.error();
    auto extracted = codec::task_from_json(nlohmann::json::parse(ex->str(0, 0), nullptr, false));
    if (!extracted) return extracted.error();
    if (auto s = write_task_units(id, *extracted, *u.lead, ex->at(0, 1)); !s) return s.error();
  }
  if (u.note && !u.note->empty()) {
    if (auto s = add_event(id, u.at, "note", std::nullopt, *u.note); !s) return s.error();
    if (auto s = db_->exec("UPDATE tasks SET updated_at = ? WHERE id = ?", {u.at, id}); !s) return s.error();
  }
  auto after = tasks(f);
  if (!after) return after.error();
  if (auto s = tx.commit(); !s) return s.error();
  return after->front();
}

Status SqlStore::dump(const std::function<Status(const DocumentRecord&)>& on_document,
                      const std::function<Status(const TaskRecord&)>& on_task) {
  // Paged by id so a large store is never held in memory at once.
  int64_t last = 0;
  for (;;) {
    auto rows = db_->query(std::string("SELECT ") + kSummaryColumns +
                               ", d.extracted, d.body FROM documents d WHERE d.id > ? ORDER BY d.id LIMIT 200",
                           {last});
    if (!rows) return rows.error();
    if (rows->empty()) break;
    for (size_t i = 0; i < rows->size(); ++i) {
      DocumentRecord rec;
      rec.summary = read_summary(*rows, i);
      rec.extracted = rows->str(i, kSummaryColumnCount);
      rec.text = rows->str(i, kSummaryColumnCount + 1);
      last = rec.summary.id;
      auto files = db_->query(
          "SELECT sha256, name, size, added_at, content FROM files WHERE document_id = ? ORDER BY added_at, sha256",
          {last});
      if (!files) return files.error();
      for (size_t k = 0; k < files->size(); ++k)
        rec.files.push_back(FileRecord{FileInfo{files->str(k, 0), files->str(k, 1), files->str(k, 3), files->i64(k, 2)},
                                       files->str(k, 4)});
      if (auto s = on_document(rec); !s) return s;
    }
  }
  last = 0;
  for (;;) {
    auto rows = db_->query(std::string("SELECT ") + kTaskColumns +
                               ", t.extracted FROM tasks t WHERE t.id > ? ORDER BY t.id LIMIT 1000",
                           {last});
    if (!rows) return rows.error();
    if (rows->empty()) break;
    int64_t first = rows->i64(0, 0);
    last = rows->i64(rows->size() - 1, 0);
    auto ev = db_->query(
        "SELECT task_id, at, kind, old_value, new_value FROM task_events WHERE task_id >= ? AND task_id <= ? "
        "ORDER BY task_id, id",
        {first, last});
    if (!ev) return ev.error();
    size_t e = 0;
    for (size_t i = 0; i < rows->size(); ++i) {
      TaskRecord rec;
      rec.task = read_task(*rows, i);
      rec.extracted = rows->str(i, kTaskColumnCount);
      while (e < ev->size() && ev->i64(e, 0) < rec.task.id) ++e;
      for (; e < ev->size() && ev->i64(e, 0) == rec.task.id; ++e)
        rec.events.push_back(TaskEvent{ev->str(e, 1), ev->str(e, 2), ev->at(e, 3), ev->at(e, 4)});
      if (auto s = on_task(rec); !s) return s;
    }
  }
  return ok_status();
}

Status SqlStore::restore(const std::function<Result<std::optional<Record>>()>& next) {
  auto n = count_documents();
  if (!n) return n.error();
  auto nt = db_->query("SELECT count(*) FROM tasks");
  if (!nt) return nt.error();
  if (*n > 0 || nt->i64(0, 0) > 0)
    return make_error(ErrorCode::kUsage,
                      "kho đích đã có dữ liệu (" + std::to_string(*n) + " văn bản); hãy nhập vào một kho trống",
                      location_);
  Transaction tx(*db_);
  if (auto s = tx.begin(); !s) return s;
  for (;;) {
    auto rec = next();
    if (!rec) return rec.error();
    if (!*rec) break;
    if (const auto* d = std::get_if<DocumentRecord>(&**rec)) {
      auto j = nlohmann::json::parse(d->extracted, nullptr, false);
      auto doc = codec::document_from_json(j);
      if (!doc)
        return make_error(ErrorCode::kInvalidInput, "văn bản #" + std::to_string(d->summary.id) + ": " + doc.error().message);
      DocRow row = DocRow::make(*doc, d->summary.sha256, d->summary.file_name, d->text, d->extracted, d->summary.added_at);
      row.updated_at = d->summary.updated_at;
      auto id = write_document(row, std::nullopt, d->summary.id);
      if (!id) return id.error();
      for (const auto& f : d->files) {
        auto s = db_->exec(
            "INSERT INTO files (sha256, document_id, name, size, content, added_at) VALUES (?, ?, ?, ?, ?, ?)",
            {f.info.sha256, *id, f.info.name, static_cast<int64_t>(f.content.size()), Blob{f.content}, f.info.added_at});
        if (!s) return s;
      }
      if (auto s = write_citations(*id, *doc); !s) return s;
    } else {
      const auto& r = std::get<TaskRecord>(**rec);
      const TrackedTask& t = r.task;
      auto j = nlohmann::json::parse(r.extracted, nullptr, false);
      auto task = codec::task_from_json(j);
      if (!task)
        return make_error(ErrorCode::kInvalidInput, "nhiệm vụ #" + std::to_string(t.id) + ": " + task.error().message);
      TaskColumns c = TaskColumns::make(*task);
      c.extracted = r.extracted;
      auto due_override = t.due_override ? std::optional(to_iso(*t.due_override)) : std::nullopt;
      auto due_eff = due_override ? due_override : c.due;
      auto doc = db_->query("SELECT identifier, type FROM documents WHERE id = ?", {t.document_id});
      if (!doc) return doc.error();
      if (doc->empty())
        return make_error(ErrorCode::kInvalidInput, "nhiệm vụ #" + std::to_string(t.id) + " thuộc văn bản #" +
                                                        std::to_string(t.document_id) + " không có trong tệp nhập");
      std::string label = doc->str(0, 0).empty() ? "#" + std::to_string(t.document_id) : doc->str(0, 0);
      auto s = db_->exec(
          "INSERT INTO tasks (id, document_id, ref, ord, doc_label, doc_type, present, extracted, action, lead, support, "
          "deadlines, due, status, done_on, due_override, lead_override, due_eff, recur, updated_at) "
          "VALUES (?, ?, ?, (SELECT count(*) FROM tasks WHERE document_id = ?), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          {t.id, t.document_id, t.task.ref, t.document_id, label, opt_param(doc->at(0, 1)), int64_t{t.present ? 1 : 0},
           c.extracted, c.action, c.lead,
           c.support, c.deadlines, opt_param(c.due), std::string(to_string(t.status)),
           t.done_on ? Param{to_iso(*t.done_on)} : Param{nullptr}, opt_param(due_override),
           t.lead_override.empty() ? Param{nullptr} : Param{join_lines(t.lead_override)}, opt_param(due_eff),
           opt_param(c.recur), t.updated_at});
      if (!s) return s;
      if (auto u = write_task_units(t.id, *task, t.lead_override, std::nullopt); !u) return u;
      for (const auto& e : r.events)
        if (auto a = add_event(t.id, e.at, e.kind, e.old_value, e.new_value); !a) return a;
    }
  }
  if (auto s = after_restore(); !s) return s;
  if (auto s = tx.commit(); !s) return s;
  return db_->tx_depth == 0 ? after_restore_committed() : ok_status();
}

}  // namespace dondoc::store::internal
