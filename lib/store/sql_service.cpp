// What the web service keeps in the store, written once for both engines: accounts, sessions,
// login throttling, the audit log, the unit directory, corrections, anchors, attachments and
// iCalendar feed tokens.
#include <algorithm>
#include <map>

#include "codec/codec.h"
#include "core/viet.h"
#include "store/sql_store.h"

namespace dondoc::store::internal {
namespace {

User read_user(const Rows& rows, size_t i, size_t c = 0) {
  User u;
  u.id = rows.i64(i, c);
  u.username = rows.str(i, c + 1);
  u.role = rows.str(i, c + 2);
  u.unit_id = rows.str(i, c + 3);
  u.password_hash = rows.str(i, c + 4);
  u.created_at = rows.str(i, c + 5);
  u.updated_at = rows.str(i, c + 6);
  return u;
}
constexpr const char* kUserColumns = "u.id, u.username, u.role, u.unit_id, u.password_hash, u.created_at, u.updated_at";

std::string username_key(std::string_view name) { return viet::to_lower(name); }

std::vector<std::string> json_names(const nlohmann::json& j) {
  std::vector<std::string> out;
  if (!j.is_array()) return out;
  for (const auto& x : j)
    if (x.is_string() && !x.get<std::string>().empty()) out.push_back(x.get<std::string>());
  return out;
}

}  // namespace

TaskFields TaskFields::parse(const std::optional<std::string>& json) {
  TaskFields f;
  if (!json) return f;
  auto j = nlohmann::json::parse(*json, nullptr, false);
  if (!j.is_object()) return f;
  if (auto it = j.find("action"); it != j.end() && it->is_string()) f.action = it->get<std::string>();
  if (auto it = j.find("support"); it != j.end() && it->is_array()) f.support = json_names(*it);
  if (auto it = j.find("report_to"); it != j.end() && it->is_array()) f.report_to = json_names(*it);
  return f;
}

Status SqlStore::atomically(const std::function<Status()>& f) {
  Transaction tx(*db_);
  if (auto s = tx.begin(); !s) return s;
  if (auto s = f(); !s) return s;
  return tx.commit();
}

Result<std::optional<std::string>> SqlStore::meta(const std::string& key) {
  auto rows = db_->query("SELECT value FROM dondoc_meta WHERE key = ?", {key});
  if (!rows) return rows.error();
  if (rows->empty()) return std::optional<std::string>{};
  return std::optional<std::string>{rows->str(0, 0)};
}

Status SqlStore::set_meta(const std::string& key, const std::string& value) {
  return atomically([&]() -> Status {
    if (auto s = db_->exec("DELETE FROM dondoc_meta WHERE key = ?", {key}); !s) return s;
    return db_->exec("INSERT INTO dondoc_meta (key, value) VALUES (?, ?)", {key, value});
  });
}

// ---- accounts and sessions ----

Result<std::vector<User>> SqlStore::users() {
  auto rows = db_->query(std::string("SELECT ") + kUserColumns + " FROM users u ORDER BY u.username_key");
  if (!rows) return rows.error();
  std::vector<User> out;
  for (size_t i = 0; i < rows->size(); ++i) out.push_back(read_user(*rows, i));
  return out;
}

Result<std::optional<User>> SqlStore::user(const std::string& username) {
  auto rows = db_->query(std::string("SELECT ") + kUserColumns + " FROM users u WHERE u.username_key = ?",
                         {username_key(username)});
  if (!rows) return rows.error();
  if (rows->empty()) return std::optional<User>{};
  return std::optional<User>{read_user(*rows, 0)};
}

Result<User> SqlStore::add_user(const User& u) {
  Transaction tx(*db_);
  if (auto s = tx.begin(); !s) return s.error();
  auto seen = user(u.username);
  if (!seen) return seen.error();
  if (*seen) return make_error(ErrorCode::kConflict, "tài khoản '" + u.username + "' đã có", location_);
  auto rows = db_->query(
      "INSERT INTO users (username, username_key, role, unit_id, password_hash, created_at, updated_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {u.username, username_key(u.username), u.role, u.unit_id.empty() ? Param{nullptr} : Param{u.unit_id},
       u.password_hash, u.created_at, u.updated_at});
  if (!rows) return rows.error();
  User out = u;
  out.id = rows->i64(0, 0);
  if (auto s = tx.commit(); !s) return s.error();
  return out;
}

Status SqlStore::update_user(const User& u) {
  return db_->exec("UPDATE users SET role = ?, unit_id = ?, password_hash = ?, updated_at = ? WHERE id = ?",
                   {u.role, u.unit_id.empty() ? Param{nullptr} : Param{u.unit_id}, u.password_hash, u.updated_at, u.id});
}

Status SqlStore::remove_user(int64_t id) {
  return atomically([&]() -> Status {
    if (auto s = db_->exec("DELETE FROM sessions WHERE user_id = ?", {id}); !s) return s;
    return db_->exec("DELETE FROM users WHERE id = ?", {id});
  });
}

Status SqlStore::add_session(const Session& s) {
  // Expired sessions and day-old failed logins go when a new session comes.
  if (auto d = db_->exec("DELETE FROM sessions WHERE expires_at <= ?", {s.created_at}); !d) return d;
  if (auto today = parse_iso(s.created_at.substr(0, 10))) {
    if (auto d = db_->exec("DELETE FROM login_failures WHERE at < ?", {to_iso(add_days(*today, -1))}); !d) return d;
  }
  return db_->exec("INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
                   {s.id_hash, s.user_id, s.csrf_token, s.created_at, s.expires_at});
}

Result<std::optional<std::pair<Session, User>>> SqlStore::session(const std::string& id_hash, const std::string& now) {
  auto rows = db_->query(std::string("SELECT s.id_hash, s.user_id, s.csrf_token, s.created_at, s.expires_at, ") +
                             kUserColumns + " FROM sessions s JOIN users u ON u.id = s.user_id "
                             "WHERE s.id_hash = ? AND s.expires_at > ?",
                         {id_hash, now});
  if (!rows) return rows.error();
  if (rows->empty()) return std::optional<std::pair<Session, User>>{};
  Session s{rows->str(0, 0), rows->i64(0, 1), rows->str(0, 2), rows->str(0, 3), rows->str(0, 4)};
  return std::optional<std::pair<Session, User>>{std::make_pair(std::move(s), read_user(*rows, 0, 5))};
}

Status SqlStore::remove_session(const std::string& id_hash) {
  return db_->exec("DELETE FROM sessions WHERE id_hash = ?", {id_hash});
}

Status SqlStore::remove_sessions(int64_t user_id) {
  return db_->exec("DELETE FROM sessions WHERE user_id = ?", {user_id});
}

Status SqlStore::add_login_failure(const std::string& key, const std::string& at) {
  return db_->exec("INSERT INTO login_failures (key, at) VALUES (?, ?)", {key, at});
}

Result<int64_t> SqlStore::login_failures(const std::string& key, const std::string& since) {
  auto rows = db_->query("SELECT count(*) FROM login_failures WHERE key = ? AND at >= ?", {key, since});
  if (!rows) return rows.error();
  return rows->i64(0, 0);
}

Status SqlStore::clear_login_failures(const std::string& key) {
  return db_->exec("DELETE FROM login_failures WHERE key = ?", {key});
}

// ---- audit ----

Status SqlStore::append_audit(const AuditEntry& e) {
  return db_->exec(
      "INSERT INTO audit (at, actor, role, address, action, object_type, object_id, before, after) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {e.at, clean_text(e.actor), e.role, e.address, e.action, e.object_type, e.object_id,
       opt_param(clean_opt(e.before)), opt_param(clean_opt(e.after))});
}

Result<std::vector<AuditEntry>> SqlStore::audit(const AuditFilter& f) {
  Params p;
  std::string sql = "SELECT id, at, actor, role, address, action, object_type, object_id, before, after FROM audit WHERE 1 = 1";
  if (!f.actor.empty()) sql += " AND actor = ?", p.emplace_back(f.actor);
  if (!f.action.empty()) {
    // "task" matches task.update, task.correct, ...
    sql += " AND (action = ? OR action LIKE ? ESCAPE '\\')";
    p.emplace_back(f.action);
    p.emplace_back(like_escape(f.action) + ".%");
  }
  if (!f.object_type.empty()) sql += " AND object_type = ?", p.emplace_back(f.object_type);
  if (!f.object_id.empty()) sql += " AND object_id = ?", p.emplace_back(f.object_id);
  if (!f.from.empty()) sql += " AND at >= ?", p.emplace_back(f.from);
  // A date "2026-05-01" covers its whole day: compare below the next character after it.
  if (!f.to.empty()) sql += " AND at <= ?", p.emplace_back(f.to.size() == 10 ? f.to + "T99" : f.to);
  if (f.before_id > 0) sql += " AND id < ?", p.emplace_back(f.before_id);
  sql += " ORDER BY id DESC";
  if (f.limit > 0) sql += " LIMIT " + std::to_string(f.limit);
  auto rows = db_->query(sql, p);
  if (!rows) return rows.error();
  std::vector<AuditEntry> out;
  for (size_t i = 0; i < rows->size(); ++i)
    out.push_back(AuditEntry{rows->i64(i, 0), rows->str(i, 1), rows->str(i, 2), rows->str(i, 3), rows->str(i, 4),
                             rows->str(i, 5), rows->str(i, 6), rows->str(i, 7), rows->at(i, 8), rows->at(i, 9)});
  return out;
}

// ---- unit directory ----

Result<std::vector<Unit>> SqlStore::units() {
  auto rows = db_->query("SELECT id, name, parent_id, active FROM units ORDER BY name, id");
  if (!rows) return rows.error();
  auto aliases = db_->query("SELECT unit_id, name FROM unit_aliases ORDER BY unit_id, name");
  if (!aliases) return aliases.error();
  std::vector<Unit> out;
  std::map<std::string, size_t> at;
  for (size_t i = 0; i < rows->size(); ++i) {
    at[rows->str(i, 0)] = out.size();
    out.push_back(Unit{rows->str(i, 0), rows->str(i, 1), rows->str(i, 2), rows->i64(i, 3) != 0, {}});
  }
  for (size_t i = 0; i < aliases->size(); ++i) {
    auto it = at.find(aliases->str(i, 0));
    if (it == at.end()) continue;
    Unit& u = out[it->second];
    if (fold_key(aliases->str(i, 1)) != fold_key(u.name)) u.aliases.push_back(aliases->str(i, 1));
  }
  return out;
}

Status SqlStore::put_unit(const Unit& u) {
  return atomically([&]() -> Status {
    auto seen = db_->query("SELECT 1 FROM units WHERE id = ?", {u.id});
    if (!seen) return seen.error();
    Param parent = u.parent_id.empty() ? Param{nullptr} : Param{u.parent_id};
    int64_t active = u.active ? 1 : 0;
    auto s = seen->empty()
                 ? db_->exec("INSERT INTO units (id, name, parent_id, active) VALUES (?, ?, ?, ?)",
                             {u.id, clean_text(u.name), parent, active})
                 : db_->exec("UPDATE units SET name = ?, parent_id = ?, active = ? WHERE id = ?",
                             {clean_text(u.name), parent, active, u.id});
    if (!s) return s;
    // The unit's own aliases are replaced; names mapped to it stay unless listed elsewhere.
    if (auto d = db_->exec("DELETE FROM unit_aliases WHERE unit_id = ?", {u.id}); !d) return d;
    std::vector<std::string> all = u.aliases;
    all.insert(all.begin(), u.name);
    for (const auto& a : all) {
      std::string key = fold_key(a);
      if (key.empty()) continue;
      if (auto d = db_->exec("DELETE FROM unit_aliases WHERE name_key = ?", {key}); !d) return d;
      if (auto i = db_->exec("INSERT INTO unit_aliases (name_key, name, unit_id) VALUES (?, ?, ?)",
                             {key, clean_text(a), u.id});
          !i)
        return i;
      if (auto r = map_name(a, u.id); !r) return r;
    }
    return ok_status();
  });
}

Status SqlStore::map_name(const std::string& name, const std::string& unit_id) {
  return atomically([&]() -> Status {
    std::string key = fold_key(name);
    auto unit = db_->query("SELECT 1 FROM units WHERE id = ?", {unit_id});
    if (!unit) return unit.error();
    if (unit->empty()) return make_error(ErrorCode::kNotFound, "không có đơn vị '" + unit_id + "' trong danh mục");
    auto seen = db_->query("SELECT unit_id FROM unit_aliases WHERE name_key = ?", {key});
    if (!seen) return seen.error();
    if (seen->empty()) {
      if (auto s = db_->exec("INSERT INTO unit_aliases (name_key, name, unit_id) VALUES (?, ?, ?)",
                             {key, clean_text(name), unit_id});
          !s)
        return s;
    } else if (seen->str(0, 0) != unit_id) {
      if (auto s = db_->exec("UPDATE unit_aliases SET unit_id = ? WHERE name_key = ?", {unit_id, key}); !s) return s;
    }
    // Every task that writes the name, past ones included; their lead lists follow.
    auto tasks = db_->query("SELECT DISTINCT task_id FROM task_units WHERE name_key = ? AND role = 'lead'", {key});
    if (!tasks) return tasks.error();
    if (auto s = db_->exec("UPDATE task_units SET unit_id = ? WHERE name_key = ?", {unit_id, key}); !s) return s;
    for (size_t i = 0; i < tasks->size(); ++i)
      if (auto s = refresh_lead_ids(tasks->i64(i, 0)); !s) return s;
    return ok_status();
  });
}

Result<std::vector<UnresolvedName>> SqlStore::unresolved_names() {
  auto rows = db_->query(
      "SELECT min(u.name), count(DISTINCT u.task_id) FROM task_units u JOIN tasks t ON t.id = u.task_id "
      "WHERE u.unit_id IS NULL AND t.present = 1 AND t.rejected = 0 GROUP BY u.name_key "
      "ORDER BY count(DISTINCT u.task_id) DESC, min(u.name)");
  if (!rows) return rows.error();
  std::vector<UnresolvedName> out;
  for (size_t i = 0; i < rows->size(); ++i) out.push_back(UnresolvedName{rows->str(i, 0), rows->i64(i, 1)});
  return out;
}

// ---- corrections ----

Status SqlStore::set_document_corrections(int64_t id, const std::string& json, const std::string& at) {
  return atomically([&]() -> Status {
    auto rows = db_->query("SELECT extracted, identity, sha256, file_name, body, added_at FROM documents WHERE id = ?", {id});
    if (!rows) return rows.error();
    if (rows->empty()) return make_error(ErrorCode::kNotFound, "không có văn bản #" + std::to_string(id));
    std::optional<std::string> typed;
    if (json != "{}") typed = clean_text(json);
    auto machine = codec::document_from_json(nlohmann::json::parse(rows->str(0, 0), nullptr, false));
    if (!machine) return machine.error();
    auto doc = with_corrections(*machine, typed);
    if (!doc) return doc.error();
    // Lists, look-ups by number, search and citation links follow what people typed.
    DocRow row = DocRow::make(*doc, rows->str(0, 2), rows->str(0, 3), rows->str(0, 4), rows->str(0, 0), rows->str(0, 5));
    row.identity = rows->str(0, 1);
    row.updated_at = at;
    if (auto w = write_document(row, id, std::nullopt); !w) return w.error();
    if (auto c = write_citations(id, *doc); !c) return c;
    return db_->exec("UPDATE documents SET corrected = ? WHERE id = ?", {opt_param(typed), id});
  });
}

Result<std::optional<std::string>> SqlStore::document_corrections(int64_t id) {
  auto rows = db_->query("SELECT corrected FROM documents WHERE id = ?", {id});
  if (!rows) return rows.error();
  if (rows->empty()) return std::optional<std::string>{};
  return rows->at(0, 0);
}

Status SqlStore::set_task_corrections(int64_t id, const std::optional<std::string>& json, const std::string& at) {
  return atomically([&]() -> Status {
    auto row = db_->query("SELECT extracted, lead_override FROM tasks WHERE id = ?", {id});
    if (!row) return row.error();
    if (row->empty()) return make_error(ErrorCode::kNotFound, "không có nhiệm vụ #" + std::to_string(id));
    auto s = db_->exec("UPDATE tasks SET corrected = ?, updated_at = ? WHERE id = ?",
                       {json ? Param{clean_text(*json)} : Param{nullptr}, at, id});
    if (!s) return s;
    auto extracted = codec::task_from_json(nlohmann::json::parse(row->str(0, 0), nullptr, false));
    if (!extracted) return extracted.error();
    std::vector<std::string> lead_override;
    for (auto& n : split_name_lines(row->str(0, 1))) lead_override.push_back(std::move(n));
    return write_task_units(id, *extracted, lead_override, json);
  });
}

Result<int64_t> SqlStore::add_manual_task(int64_t document_id, const Task& t, const std::string& at) {
  Transaction tx(*db_);
  if (auto s = tx.begin(); !s) return s.error();
  auto doc = db_->query("SELECT identifier, type FROM documents WHERE id = ?", {document_id});
  if (!doc) return doc.error();
  if (doc->empty()) return make_error(ErrorCode::kNotFound, "không có văn bản #" + std::to_string(document_id));
  std::string label = doc->str(0, 0).empty() ? "#" + std::to_string(document_id) : doc->str(0, 0);
  // Refs of added tasks start with '+', so they never meet a ref the reader gives.
  auto n = db_->query("SELECT count(*), COALESCE(max(ord), -1) FROM tasks WHERE document_id = ?", {document_id});
  if (!n) return n.error();
  std::string ref = t.ref.empty() ? "+" + std::to_string(n->i64(0, 0) + 1) : "+" + t.ref;
  codec::JsonOptions jo;
  jo.spans = false;
  std::string extracted = codec::to_json(t, jo).dump();
  nlohmann::ordered_json dl = nlohmann::ordered_json::array();
  for (const auto& d : t.deadlines) dl.push_back(codec::to_json(d, jo));
  std::string lead, support;
  for (const auto& a : t.lead) lead += (lead.empty() ? "" : "\n") + a.name;
  for (const auto& a : t.support) support += (support.empty() ? "" : "\n") + a.name;
  std::optional<std::string> due;
  if (t.due) due = to_iso(*t.due);
  auto ins = db_->query(
      "INSERT INTO tasks (document_id, ref, ord, doc_label, doc_type, present, extracted, action, lead, support, "
      "deadlines, due, status, due_eff, updated_at, origin) VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, 'open', ?, ?, "
      "'person') RETURNING id",
      {document_id, clean_text(ref), n->i64(0, 1) + 1, label, opt_param(doc->at(0, 1)), clean_text(extracted),
       clean_text(t.action), clean_text(lead), clean_text(support), dl.dump(), opt_param(due), opt_param(due), at});
  if (!ins) return ins.error();
  int64_t id = ins->i64(0, 0);
  if (auto s = write_task_units(id, t, {}, std::nullopt); !s) return s.error();
  if (auto s = add_event(id, at, "created", std::nullopt, due); !s) return s.error();
  if (auto s = tx.commit(); !s) return s.error();
  return id;
}

Status SqlStore::reject_task(int64_t id, bool rejected, const std::string& at) {
  return db_->exec("UPDATE tasks SET rejected = ?, updated_at = ? WHERE id = ?", {int64_t{rejected ? 1 : 0}, at, id});
}

Status SqlStore::add_correction(const Correction& c) {
  return db_->exec(
      "INSERT INTO corrections (at, actor, document_id, task_id, field, kind, before, after) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      {c.at, clean_text(c.actor), c.document_id, c.task_id ? Param{*c.task_id} : Param{nullptr}, c.field, c.kind,
       opt_param(clean_opt(c.before)), opt_param(clean_opt(c.after))});
}

Result<std::vector<Correction>> SqlStore::corrections(const std::string& since) {
  auto rows = db_->query(
      "SELECT id, at, actor, document_id, task_id, field, kind, before, after FROM corrections WHERE at >= ? ORDER BY id",
      {since});
  if (!rows) return rows.error();
  std::vector<Correction> out;
  for (size_t i = 0; i < rows->size(); ++i) {
    Correction c{rows->i64(i, 0), rows->str(i, 1), rows->str(i, 2), rows->i64(i, 3), std::nullopt,
                 rows->str(i, 5), rows->str(i, 6), rows->at(i, 7), rows->at(i, 8)};
    if (!rows->is_null(i, 4)) c.task_id = rows->i64(i, 4);
    out.push_back(std::move(c));
  }
  return out;
}

// ---- anchors, attachments, feeds ----

Status SqlStore::set_anchor(int64_t document_id, const Anchor& a) {
  return atomically([&]() -> Status {
    std::string key = fold_key(a.anchor);
    if (auto s = db_->exec("DELETE FROM anchors WHERE document_id = ? AND anchor_key = ?", {document_id, key}); !s)
      return s;
    return db_->exec("INSERT INTO anchors (document_id, anchor_key, anchor, date) VALUES (?, ?, ?, ?)",
                     {document_id, key, clean_text(a.anchor), to_iso(a.date)});
  });
}

Result<std::vector<Anchor>> SqlStore::anchors(int64_t document_id) {
  auto rows = db_->query("SELECT anchor, date FROM anchors WHERE document_id = ? ORDER BY anchor_key", {document_id});
  if (!rows) return rows.error();
  std::vector<Anchor> out;
  for (size_t i = 0; i < rows->size(); ++i)
    if (auto d = parse_iso(rows->str(i, 1))) out.push_back(Anchor{rows->str(i, 0), *d});
  return out;
}

Status SqlStore::set_due_anchor(int64_t task_id, const std::optional<Date>& due) {
  std::optional<std::string> d;
  if (due) d = to_iso(*due);
  return db_->exec("UPDATE tasks SET due_anchor = ?, due_eff = COALESCE(due_override, due, ?) WHERE id = ?",
                   {opt_param(d), opt_param(d), task_id});
}

Result<int64_t> SqlStore::add_attachment(int64_t task_id, const std::string& name, const std::string& content,
                                         const std::string& at, const std::string& by) {
  auto rows = db_->query(
      "INSERT INTO attachments (task_id, name, size, content, added_at, added_by) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
      {task_id, clean_text(name), static_cast<int64_t>(content.size()), Blob{content}, at, clean_text(by)});
  if (!rows) return rows.error();
  int64_t id = rows->i64(0, 0);
  if (auto s = add_event(task_id, at, "attachment", std::nullopt, clean_text(name)); !s) return s.error();
  return id;
}

Result<std::vector<AttachmentInfo>> SqlStore::attachments(int64_t task_id) {
  auto rows = db_->query("SELECT id, task_id, size, name, added_at, added_by FROM attachments WHERE task_id = ? ORDER BY id",
                         {task_id});
  if (!rows) return rows.error();
  std::vector<AttachmentInfo> out;
  for (size_t i = 0; i < rows->size(); ++i)
    out.push_back(AttachmentInfo{rows->i64(i, 0), rows->i64(i, 1), rows->i64(i, 2), rows->str(i, 3), rows->str(i, 4),
                                 rows->str(i, 5)});
  return out;
}

Result<std::optional<std::pair<AttachmentInfo, std::string>>> SqlStore::attachment(int64_t id) {
  auto rows = db_->query("SELECT id, task_id, size, name, added_at, added_by, content FROM attachments WHERE id = ?", {id});
  if (!rows) return rows.error();
  if (rows->empty()) return std::optional<std::pair<AttachmentInfo, std::string>>{};
  AttachmentInfo a{rows->i64(0, 0), rows->i64(0, 1), rows->i64(0, 2), rows->str(0, 3), rows->str(0, 4), rows->str(0, 5)};
  return std::optional<std::pair<AttachmentInfo, std::string>>{std::make_pair(std::move(a), rows->str(0, 6))};
}

Status SqlStore::add_feed_token(const std::string& token_hash, const std::string& unit_id, const std::string& at,
                                const std::string& by) {
  return db_->exec("INSERT INTO feed_tokens (token_hash, unit_id, created_at, created_by) VALUES (?, ?, ?, ?)",
                   {token_hash, unit_id, at, clean_text(by)});
}

Result<int64_t> SqlStore::remove_feed_tokens(const std::string& unit_id) {
  auto n = db_->query("SELECT count(*) FROM feed_tokens WHERE unit_id = ?", {unit_id});
  if (!n) return n.error();
  if (auto s = db_->exec("DELETE FROM feed_tokens WHERE unit_id = ?", {unit_id}); !s) return s.error();
  return n->i64(0, 0);
}

Result<std::optional<std::string>> SqlStore::feed_unit(const std::string& token_hash) {
  auto rows = db_->query("SELECT unit_id FROM feed_tokens WHERE token_hash = ?", {token_hash});
  if (!rows) return rows.error();
  if (rows->empty()) return std::optional<std::string>{};
  return std::optional<std::string>{rows->str(0, 0)};
}

}  // namespace dondoc::store::internal
