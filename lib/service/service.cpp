// The service's core: roles and access, the audit log, opening a store, documents, search,
// tasks and reports.
#include "service/service.h"
#include "core/sha256.h"

#include <algorithm>
#include <ctime>
#include <map>
#include <set>
#include <sstream>

#include "codec/codec.h"
#include "codec/records.h"
#include "core/numbers.h"
#include "core/viet.h"
#include "data/data.h"

namespace dondoc::service {

using OJ = nlohmann::ordered_json;

const char* to_string(Role r) {
  switch (r) {
    case Role::kAdmin: return "admin";
    case Role::kClerk: return "clerk";
    case Role::kLeader: return "leader";
    case Role::kUnit: return "unit";
  }
  return "unit";
}

std::optional<Role> role_from_string(std::string_view s) {
  for (Role r : {Role::kAdmin, Role::kClerk, Role::kLeader, Role::kUnit})
    if (s == to_string(r)) return r;
  return std::nullopt;
}

const char* role_label(Role r) {
  switch (r) {
    case Role::kAdmin: return "quản trị";
    case Role::kClerk: return "văn thư";
    case Role::kLeader: return "lãnh đạo";
    case Role::kUnit: return "đơn vị";
  }
  return "";
}

Actor Actor::local() { return Actor{}; }

Clock Clock::system() {
  std::time_t now = std::time(nullptr);
  std::tm local{}, utc{};
  localtime_r(&now, &local);
  gmtime_r(&now, &utc);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return Clock{Date{local.tm_year + 1900, local.tm_mon + 1, local.tm_mday}, buf};
}

namespace {

// The unit directory of data/rules/units.tsv: id, name, aliases separated by '|'.
std::vector<store::Unit> builtin_units() {
  std::vector<store::Unit> out;
  for (const auto& row : rules::parse_tsv(data::file("rules/units.tsv"))) {
    if (row.size() < 2 || row[0].empty()) continue;
    store::Unit u{row[0], row[1], "", true, {}};
    std::stringstream aliases(row.size() > 2 ? row[2] : "");
    for (std::string a; std::getline(aliases, a, '|');)
      if (!a.empty()) u.aliases.push_back(a);
    out.push_back(std::move(u));
  }
  return out;
}

// Programs are never documents: Windows (MZ), Linux (ELF), macOS (Mach-O) executables, scripts.
bool is_executable(std::string_view b) {
  auto starts = [&](std::string_view m) { return b.substr(0, m.size()) == m; };
  return starts("MZ") || starts("\x7F" "ELF") || starts("#!") || starts("\xCF\xFA\xED\xFE") ||
         starts("\xCE\xFA\xED\xFE") || starts("\xCA\xFE\xBA\xBE");
}

Error forbidden(const Actor& a, const std::string& what) {
  return make_error(ErrorCode::kForbidden, std::string("tài khoản vai trò ") + role_label(a.role) + " không được " + what);
}

}  // namespace

Result<std::unique_ptr<store::Store>> open_store(const std::string& location, const store::OpenOptions& opts) {
  auto st = store::open(location, opts);
  if (!st || opts.read_only) return st;
  auto seeded = (*st)->meta("units_seeded");
  if (!seeded) return seeded.error();
  if (!*seeded) {
    // Once: an admin may later remove or rename what was seeded.
    auto s = (*st)->atomically([&]() -> Status {
      for (const auto& u : builtin_units())
        if (auto p = (*st)->put_unit(u); !p) return p;
      return (*st)->set_meta("units_seeded", "1");
    });
    if (!s) return s.error();
  }
  return st;
}

Service::Service(store::Store& st, Clock clock) : st_(st), clock_(std::move(clock)), cal_(calendar::Calendar::builtin()) {}

Status Service::require_reader(const Actor&) { return ok_status(); }

Status Service::require_editor(const Actor& a) {
  if (a.edits_documents()) return ok_status();
  return forbidden(a, "nạp, sửa văn bản hoặc giao nhiệm vụ");
}

Status Service::require_admin(const Actor& a) {
  if (a.role == Role::kAdmin) return ok_status();
  return forbidden(a, "quản trị tài khoản, danh mục đơn vị và nhật ký");
}

Status Service::record(const Actor& a, const std::string& action, const std::string& object_type,
                       const std::string& object_id, const std::optional<OJ>& before, const std::optional<OJ>& after) {
  store::AuditEntry e;
  e.at = clock_.now;
  e.actor = a.name();
  e.role = to_string(a.role);
  e.address = a.address;
  e.action = action;
  e.object_type = object_type;
  e.object_id = object_id;
  auto dump = [](const OJ& j) { return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace); };
  if (before) e.before = dump(*before);
  if (after) e.after = dump(*after);
  return st_.append_audit(e);
}

// ---- documents ----

Error cancelled_error(const std::string& name) {
  return Error{ErrorCode::kCancelled, "đã dừng theo yêu cầu trước khi đọc xong; văn bản chưa được nạp", name};
}

Result<bool> Service::screen(const Actor& a, const std::string& bytes, const std::string& name, std::string& sha256) {
  if (auto s = require_editor(a); !s) return s.error();
  if (is_executable(bytes))
    return make_error(ErrorCode::kUnsupported, "tệp là chương trình chạy được, không phải văn bản; không nạp", name);
  sha256 = dondoc::sha256_hex(bytes);
  return st_.has_file(sha256);
}

Result<IngestOutcome> Service::store_loaded(const Actor& a, LoadedDocument loaded, const std::string& name) {
  if (auto s = require_editor(a); !s) return s.error();
  IngestOutcome out;
  out.file = name;
  for (const auto& d : loaded.doc.diagnostics)
    if (d.code == "ocr.budget") out.warnings.push_back(d.message);
  store::NewDocument nd{std::move(loaded.doc), loaded.sha256, name, std::move(loaded.bytes), std::move(loaded.text),
                        clock_.now};
  auto s = st_.atomically([&]() -> Status {
    auto put = st_.put_document(nd);
    if (!put) return put.error();
    out.put = *put;
    if (put->outcome == store::PutOutcome::kSkipped) return ok_status();
    if (auto an = apply_anchors(put->document_id); !an) return an;
    const char* what = put->outcome == store::PutOutcome::kAdded ? "added" : "updated";
    return record(a, "document.ingest", "document", std::to_string(put->document_id), std::nullopt,
                  OJ{{"file", name}, {"sha256", nd.sha256}, {"outcome", what}, {"tasks_added", put->tasks_added},
                     {"tasks_updated", put->tasks_updated}, {"tasks_removed", put->tasks_removed}});
  });
  if (!s) return s.error();
  return out;
}

std::vector<Result<IngestOutcome>> Service::store_loaded(const Actor& a, std::vector<LoadedDocument> loaded,
                                                         const std::vector<std::string>& names) {
  std::vector<Result<IngestOutcome>> out;
  if (loaded.size() > 1) {
    auto all = st_.atomically([&]() -> Status {
      for (size_t i = 0; i < loaded.size(); ++i) {
        auto r = store_loaded(a, loaded[i], names[i]);  // a copy: kept for the one-by-one retry
        if (!r) return r.error();
        out.push_back(std::move(r));
      }
      return ok_status();
    });
    if (all) return out;
    out.clear();
  }
  for (size_t i = 0; i < loaded.size(); ++i) out.push_back(store_loaded(a, std::move(loaded[i]), names[i]));
  return out;
}

Result<IngestOutcome> Service::ingest_bytes(const Actor& a, std::string bytes, const std::string& name,
                                            const ingest::ReaderContext& ctx, const pipeline::ExtractOptions& opts) {
  std::string sha;
  auto seen = screen(a, bytes, name, sha);
  if (!seen) return seen.error();
  if (*seen) {
    IngestOutcome out;
    out.file = name;
    out.put.outcome = store::PutOutcome::kSkipped;
    return out;  // already stored bytes are skipped before the (slower) extraction
  }
  auto loaded = load_bytes(std::move(bytes), name, rules::Rules::builtin(), opts, ctx, std::move(sha));
  // A reader stopped on request returns the pages it read; half a document is never stored.
  if (cancelled(ctx.cancelled)) return cancelled_error(name);
  if (!loaded) return loaded.error();
  return store_loaded(a, std::move(*loaded), name);
}

Result<IngestOutcome> Service::ingest_file(const Actor& a, const std::string& path, const ingest::ReaderContext& ctx,
                                           const pipeline::ExtractOptions& opts) {
  if (auto s = require_editor(a); !s) return s.error();
  auto bytes = ingest::read_file(path, ctx);
  if (!bytes) return bytes.error();
  return ingest_bytes(a, std::move(*bytes), path, ctx, opts);
}

namespace {
// The documents that give a unit work: those of the tasks it leads or supports.
Result<std::set<int64_t>> unit_documents(store::Store& st, const std::string& unit) {
  store::TaskFilter f;
  f.unit_ids = std::vector<std::string>{unit};
  f.include_absent = true;
  f.parse_deadlines = false;
  auto tasks = st.tasks(f);
  if (!tasks) return tasks.error();
  std::set<int64_t> ids;
  for (const auto& t : *tasks) ids.insert(t.document_id);
  return ids;
}
}  // namespace

Result<std::vector<store::DocumentSummary>> Service::list_documents(const Actor& a, const store::DocumentFilter& f) {
  if (a.reads_everything()) return st_.documents(f);
  auto mine = unit_documents(st_, a.unit);
  if (!mine) return mine.error();
  store::DocumentFilter all = f;
  all.limit = 0;
  auto docs = st_.documents(all);
  if (!docs) return docs;
  std::erase_if(*docs, [&](const store::DocumentSummary& d) { return !mine->count(d.id); });
  if (f.limit > 0 && static_cast<int>(docs->size()) > f.limit) docs->resize(static_cast<size_t>(f.limit));
  return docs;
}

Result<int64_t> Service::find_document(const Actor&, const std::string& ref) {
  std::string digits = !ref.empty() && ref[0] == '#' ? ref.substr(1) : ref;
  if (!digits.empty() && std::all_of(digits.begin(), digits.end(), [](unsigned char c) { return std::isdigit(c); })) {
    // Decimal and range-checked: "010" is document 10; an id past INT64_MAX is refused, not cut.
    auto number = parse_decimal(digits, 1, INT64_MAX);
    if (!number) return make_error(ErrorCode::kUsage, "ID văn bản " + number.error().message);
    int64_t id = *number;
    auto d = st_.document(id);
    if (!d) return d.error();
    if (!*d) return make_error(ErrorCode::kNotFound, "không có văn bản #" + digits + " trong kho");
    return id;
  }
  auto found = st_.find_identifier(ref);
  if (!found) return found.error();
  if (found->empty())
    return make_error(ErrorCode::kNotFound, "không có văn bản số '" + ref + "' trong kho (thử dondoc search)");
  if (found->size() > 1) {
    std::string msg = "có " + std::to_string(found->size()) + " văn bản cùng số '" + ref + "'; hãy chọn theo ID:";
    for (const auto& d : *found)
      msg += "\n  #" + std::to_string(d.id) + "  " + d.label() + "  " + (d.date ? to_iso(*d.date) : "-") + "  " +
             d.issuer.value_or("-");
    return make_error(ErrorCode::kConflict, msg);
  }
  return found->front().id;
}

Result<DocumentView> Service::document(const Actor& a, int64_t id) {
  if (!a.reads_everything()) {
    auto mine = unit_documents(st_, a.unit);
    if (!mine) return mine.error();
    if (!mine->count(id)) {
      auto d = st_.document(id);
      if (!d) return d.error();
      if (!*d) return make_error(ErrorCode::kNotFound, "không có văn bản #" + std::to_string(id) + " trong kho");
      return forbidden(a, "xem văn bản không giao nhiệm vụ cho đơn vị mình");
    }
  }
  auto doc = st_.document(id);
  if (!doc) return doc.error();
  if (!*doc) return make_error(ErrorCode::kNotFound, "không có văn bản #" + std::to_string(id) + " trong kho");
  DocumentView v;
  v.doc = std::move(**doc);
  auto corrected = st_.document_corrections(id);
  if (!corrected) return corrected.error();
  v.corrected = *corrected;
  auto merged = store::with_corrections(v.doc.doc, v.corrected);
  if (!merged) return merged.error();
  v.doc.doc = std::move(*merged);
  store::TaskFilter f{.document_id = id, .include_absent = true};
  if (!a.reads_everything()) f.unit_ids = std::vector<std::string>{a.unit};
  auto tasks = track::load_tasks(st_, f, clock_.today);
  auto cites = st_.citations_from(id);
  auto cited = st_.cited_by(id);
  auto anchors = st_.anchors(id);
  if (!tasks) return tasks.error();
  if (!cites) return cites.error();
  if (!cited) return cited.error();
  if (!anchors) return anchors.error();
  v.tasks = std::move(*tasks);
  // A task a person added keeps what only its own record has (report_to): read it alone.
  for (auto& t : v.tasks) {
    if (!t.manual) continue;
    auto one = track::load_tasks(st_, store::TaskFilter{.task_id = t.id, .include_absent = true}, clock_.today);
    if (!one) return one.error();
    if (one->size() == 1) t = std::move(one->front());
  }
  v.cites = std::move(*cites);
  v.cited_by = std::move(*cited);
  v.anchors = std::move(*anchors);
  return v;
}

Result<store::FileRecord> Service::document_file(const Actor& a, int64_t id) {
  auto v = document(a, id);
  if (!v) return v.error();
  auto f = st_.file(v->doc.summary.sha256);
  if (!f) return f.error();
  if (!*f) return make_error(ErrorCode::kNotFound, "không có tệp gốc của văn bản #" + std::to_string(id));
  return std::move(**f);
}

Result<std::vector<store::SearchHit>> Service::search(const Actor& a, const store::SearchQuery& q) {
  if (a.reads_everything()) return st_.search(q);
  auto mine = unit_documents(st_, a.unit);
  if (!mine) return mine.error();
  store::SearchQuery wide = q;
  wide.limit = std::max(q.limit, 1) * 10;
  auto hits = st_.search(wide);
  if (!hits) return hits;
  std::erase_if(*hits, [&](const store::SearchHit& h) { return !mine->count(h.doc.id); });
  if (static_cast<int>(hits->size()) > q.limit) hits->resize(static_cast<size_t>(std::max(q.limit, 0)));
  return hits;
}

// ---- tasks ----

Result<std::string> Service::resolve_unit(const std::string& name) {
  if (name.empty()) return std::string();
  auto units = st_.units();
  if (!units) return units.error();
  std::string key = viet::fold(name);
  for (const auto& u : *units) {
    if (u.id == name || viet::fold(u.name) == key) return u.id;
    for (const auto& a : u.aliases)
      if (viet::fold(a) == key) return u.id;
  }
  return std::string();
}

Status Service::scope(store::TaskFilter& f, const Actor& a, const std::string& unit) {
  // A unit account sees the tasks its unit leads or supports, whatever else is asked.
  if (!a.reads_everything()) f.unit_ids = std::vector<std::string>{a.unit};
  if (unit.empty()) return ok_status();
  // A unit of the directory (its id, name or an alias) is filtered by id, which covers every way
  // it is written; anything else by part of the name as written.
  auto id = resolve_unit(unit);
  if (!id) return id.error();
  if (id->empty()) f.unit = unit;
  else f.unit_id = *id;
  return ok_status();
}

Result<std::vector<store::TrackedTask>> Service::list_tasks(const Actor& a, const TaskQuery& q) {
  const Date& today = clock_.today;
  store::TaskFilter f;
  if (q.overdue || q.due_within >= 0) f = track::open_tasks_filter();
  if (q.overdue) f.due_before = today;
  // With both: everything open that is due by the end of the window, late ones included.
  if (q.due_within >= 0) {
    if (!q.overdue) f.due_from = today;
    else f.due_before.reset();
    f.due_to = add_days(today, q.due_within);
  }
  if (!q.statuses.empty()) f.statuses = q.statuses;
  if (auto s = scope(f, a, q.unit); !s) return s.error();
  f.unit_support = q.support;
  f.include_absent = q.all;
  f.parse_deadlines = q.parse_deadlines;
  f.document_id = q.document_id;
  f.limit = q.limit;
  return track::load_tasks(st_, f, today);
}

Result<store::TrackedTask> Service::visible_task(const Actor& a, int64_t id) {
  store::TaskFilter f{.task_id = id, .include_absent = true};
  f.include_rejected = a.edits_documents();
  auto found = track::load_tasks(st_, f, clock_.today);
  if (!found) return found.error();
  if (found->empty()) return make_error(ErrorCode::kNotFound, "không có nhiệm vụ #" + std::to_string(id));
  if (!a.reads_everything()) {
    f.unit_ids = std::vector<std::string>{a.unit};
    auto mine = st_.tasks(f);
    if (!mine) return mine.error();
    if (mine->empty()) return forbidden(a, "xem nhiệm vụ của đơn vị khác");
  }
  return std::move(found->front());
}

Result<TaskView> Service::task(const Actor& a, int64_t id) {
  auto t = visible_task(a, id);
  if (!t) return t.error();
  auto history = st_.task_history(id);
  if (!history) return history.error();
  auto files = st_.attachments(id);
  if (!files) return files.error();
  return TaskView{std::move(*t), std::move(*history), std::move(*files)};
}

Result<TaskView> Service::update_task(const Actor& a, int64_t id, const TaskChange& c) {
  if (a.role == Role::kLeader) return forbidden(a, "thay đổi nhiệm vụ");
  if (a.role == Role::kUnit && (c.due || c.clear_due || c.lead))
    return forbidden(a, "sửa hạn hoặc giao lại nhiệm vụ (chỉ cập nhật trạng thái, ghi chú, ngày hoàn thành)");
  auto before = visible_task(a, id);
  if (!before) return before.error();
  store::TaskUpdate u;
  u.at = clock_.now;
  u.status = c.status;
  u.done_on = c.done_on;
  u.due = c.due;
  u.clear_due = c.clear_due;
  u.note = c.note;
  u.lead = c.lead;
  // A done date means the task is done; done without a date was done today; a done date goes
  // only with done and lies between the document's date and today (kUsage otherwise).
  if (auto checked = track::check_task_update(st_, id, u, clock_.today); !checked) return checked.error();
  auto s = st_.atomically([&]() -> Status {
    auto after = st_.update_task(id, u);
    if (!after) return after.error();
    OJ was = codec::task_json(*before, clock_.today, cal_), now = codec::task_json(*after, clock_.today, cal_);
    if (u.note) now["note"] = *u.note;
    auto correction = [&](const char* field, const OJ& old_v, const OJ& new_v) -> Status {
      if (old_v == new_v) return ok_status();
      store::Correction k{0, clock_.now, a.name(), before->document_id, id, field, "change", old_v.dump(), new_v.dump()};
      return st_.add_correction(k);
    };
    if (u.lead) {
      if (auto k = correction("lead", was["lead"], now["lead"]); !k) return k;
    }
    if (u.due || u.clear_due) {
      if (auto k = correction("deadline", was["due"], now["due"]); !k) return k;
    }
    return record(a, u.lead ? "task.assign" : "task.update", "task", std::to_string(id), was, now);
  });
  if (!s) return s.error();
  return task(a, id);
}

Result<std::vector<track::Reminder>> Service::reminders(const Actor& a, int within, const std::string& unit) {
  store::TaskFilter f = track::open_tasks_filter();
  f.due_to = add_days(clock_.today, within);
  if (auto s = scope(f, a, unit); !s) return s.error();
  auto tasks = track::load_tasks(st_, f, clock_.today);
  if (!tasks) return tasks.error();
  auto names = unit_names();
  if (!names) return names.error();
  return track::reminders(*tasks, clock_.today, within, &*names);
}

Result<int64_t> Service::attach(const Actor& a, int64_t task_id, const std::string& name, const std::string& content) {
  if (a.role == Role::kLeader) return forbidden(a, "đính kèm tệp vào nhiệm vụ");
  auto t = visible_task(a, task_id);
  if (!t) return t.error();
  if (content.empty()) return make_error(ErrorCode::kInvalidInput, "tệp đính kèm rỗng", name);
  int64_t id = 0;
  auto s = st_.atomically([&]() -> Status {
    auto added = st_.add_attachment(task_id, name, content, clock_.now, a.name());
    if (!added) return added.error();
    id = *added;
    return record(a, "task.attach", "task", std::to_string(task_id), std::nullopt,
                  OJ{{"attachment_id", id}, {"name", name}, {"size", content.size()}});
  });
  if (!s) return s.error();
  return id;
}

Result<std::pair<store::AttachmentInfo, std::string>> Service::attachment(const Actor& a, int64_t id) {
  auto f = st_.attachment(id);
  if (!f) return f.error();
  if (!*f) return make_error(ErrorCode::kNotFound, "không có tệp đính kèm #" + std::to_string(id));
  auto t = visible_task(a, (*f)->first.task_id);
  if (!t) return t.error();
  return std::move(**f);
}

// ---- reports ----

Result<track::Report> Service::report_data(const Actor& a, const std::string& unit, const Period& p) {
  store::TaskFilter f;
  if (auto s = scope(f, a, unit); !s) return s.error();
  if (p.from && p.to && *p.to < *p.from) return make_error(ErrorCode::kInvalidInput, "kỳ báo cáo: ngày đầu sau ngày cuối");
  f.due_from = p.from;
  f.due_to = p.to;
  auto tasks = track::load_tasks(st_, f, clock_.today);
  if (!tasks) return tasks.error();
  auto names = unit_names();
  if (!names) return names.error();
  return track::build_report(*tasks, clock_.today, cal_, &*names);
}

Result<Rendered> Service::report(const Actor& a, const std::string& format, const std::string& unit, const Period& p) {
  std::string date = to_iso(clock_.today);
  if (format == "ics") {
    store::TaskFilter f = track::open_tasks_filter();
    if (auto s = scope(f, a, unit); !s) return s.error();
    auto tasks = track::load_tasks(st_, f, clock_.today);
    if (!tasks) return tasks.error();
    return Rendered{track::render_ics(*tasks, clock_.today), "text/calendar; charset=utf-8", "nhiem-vu-" + date + ".ics"};
  }
  if (format != "md" && format != "csv" && format != "xlsx")
    return make_error(ErrorCode::kUsage, "định dạng báo cáo phải là md, csv, xlsx hoặc ics");
  auto r = report_data(a, unit, p);
  if (!r) return r.error();
  std::string name = "bao-cao-" + date + "." + format;
  if (format == "md") return Rendered{track::render_markdown(*r), "text/markdown; charset=utf-8", name};
  if (format == "csv") return Rendered{track::render_csv(*r), "text/csv; charset=utf-8", name};
  auto bytes = track::render_xlsx_bytes(*r);
  if (!bytes) return bytes.error();
  return Rendered{std::move(*bytes), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name};
}

Result<std::vector<MonthCount>> Service::report_months(const Actor& a, int months) {
  store::TaskFilter f;
  if (!a.reads_everything()) f.unit_ids = std::vector<std::string>{a.unit};
  f.parse_deadlines = false;
  auto tasks = track::load_tasks(st_, f, clock_.today);
  if (!tasks) return tasks.error();
  std::vector<MonthCount> out;
  for (int k = std::clamp(months, 1, 36) - 1; k >= 0; --k) {
    Date first = add_months(Date{clock_.today.y, clock_.today.m, 1}, -k);
    Date end = add_days(add_months(first, 1), -1);
    if (clock_.today < end) end = clock_.today;
    MonthCount m;
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d", first.y, first.m);
    m.month = buf;
    for (const auto& t : *tasks) {
      if (!t.present) continue;
      auto due = t.due();
      bool done_by_end = t.status == store::TaskStatus::kDone && t.done_on && !(end < *t.done_on);
      if (t.status == store::TaskStatus::kDone && t.done_on && !(*t.done_on < first) && !(end < *t.done_on)) ++m.done;
      // Overdue at the month's end: due before it and not done by then (history approximated
      // by the done date).
      if (t.status != store::TaskStatus::kCancelled && due && *due < end && !done_by_end &&
          (t.status != store::TaskStatus::kDone || t.done_on))
        ++m.overdue;
    }
    out.push_back(m);
  }
  return out;
}

Result<std::string> Service::unit_calendar(const std::string& unit_id) {
  store::TaskFilter f = track::open_tasks_filter();
  f.unit_ids = std::vector<std::string>{unit_id};
  auto tasks = track::load_tasks(st_, f, clock_.today);
  if (!tasks) return tasks.error();
  return track::render_ics(*tasks, clock_.today);
}

Result<std::string> Service::create_feed(const Actor& a, const std::string& unit_id) {
  if (a.role == Role::kUnit && unit_id != a.unit) return forbidden(a, "tạo lịch của đơn vị khác");
  auto names = unit_names();
  if (!names) return names.error();
  if (!names->count(unit_id)) return make_error(ErrorCode::kNotFound, "không có đơn vị '" + unit_id + "' trong danh mục");
  std::string token = random_token(24);
  // One feed URL per unit: a new one revokes the ones given before (a phone lost, a URL that
  // went round), whose URLs then answer 404.
  auto s = st_.atomically([&]() -> Status {
    auto revoked = st_.remove_feed_tokens(unit_id);
    if (!revoked) return revoked.error();
    if (auto t = st_.add_feed_token(sha256_hex(token), unit_id, clock_.now, a.name()); !t) return t;
    return record(a, "feed.create", "unit", unit_id, std::nullopt, OJ{{"unit", unit_id}, {"revoked", *revoked}});
  });
  if (!s) return s.error();
  return token;
}

Result<std::optional<std::string>> Service::feed_unit(const std::string& token) {
  return st_.feed_unit(sha256_hex(token));
}

// ---- the unit directory ----

Result<std::vector<store::Unit>> Service::units(const Actor& a) {
  if (auto s = require_reader(a); !s) return s.error();
  return st_.units();
}

Result<track::UnitNames> Service::unit_names() {
  auto units = st_.units();
  if (!units) return units.error();
  track::UnitNames out;
  for (const auto& u : *units) out[u.id] = u.name;
  return out;
}

Status Service::put_unit(const Actor& a, const store::Unit& u) {
  if (auto s = require_admin(a); !s) return s;
  if (u.id.empty() || u.name.empty()) return make_error(ErrorCode::kInvalidInput, "đơn vị cần có mã (id) và tên");
  auto all = st_.units();
  if (!all) return all.error();
  std::optional<OJ> before;
  for (const auto& x : *all)
    if (x.id == u.id) before = codec::unit_json(x);
  if (!u.parent_id.empty() && std::none_of(all->begin(), all->end(), [&](const auto& x) { return x.id == u.parent_id; }))
    return make_error(ErrorCode::kInvalidInput, "không có đơn vị cấp trên '" + u.parent_id + "' trong danh mục");
  return st_.atomically([&]() -> Status {
    if (auto s = st_.put_unit(u); !s) return s;
    return record(a, "unit.put", "unit", u.id, before, codec::unit_json(u));
  });
}

Status Service::map_name(const Actor& a, const std::string& name, const std::string& unit_id) {
  if (auto s = require_editor(a); !s) return s;
  if (name.empty()) return make_error(ErrorCode::kInvalidInput, "thiếu tên đơn vị cần gắn");
  return st_.atomically([&]() -> Status {
    if (auto s = st_.map_name(name, unit_id); !s) return s;
    return record(a, "unit.map", "unit", unit_id, std::nullopt, OJ{{"name", name}, {"unit", unit_id}});
  });
}

Result<std::vector<store::UnresolvedName>> Service::unresolved_names(const Actor& a) {
  if (auto s = require_editor(a); !s) return s.error();
  return st_.unresolved_names();
}

Result<std::vector<store::AuditEntry>> Service::audit(const Actor& a, const store::AuditFilter& f) {
  if (auto s = require_admin(a); !s) return s.error();
  return st_.audit(f);
}

}  // namespace dondoc::service
