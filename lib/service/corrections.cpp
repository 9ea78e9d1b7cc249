// Corrections that teach: what a person typed over a document's header, citations and tasks,
// tasks added and deleted, anchors of relative deadlines; quality counts and gold files from them.
#include <algorithm>
#include <map>
#include <set>

#include "codec/codec.h"
#include "codec/records.h"
#include "core/viet.h"
#include "service/service.h"

namespace dondoc::service {

using OJ = nlohmann::ordered_json;

namespace {

const std::set<std::string>& header_fields() {
  static const std::set<std::string> k = {"type",  "number",  "symbol",     "year",   "issuer", "parent",
                                          "place", "date",    "subject",    "recipients", "signer", "citations",
                                          "distribution"};
  return k;
}

Result<std::vector<std::string>> names_of(const nlohmann::json& v, const char* field) {
  if (!v.is_array()) return make_error(ErrorCode::kInvalidInput, std::string("'") + field + "' phải là một danh sách tên");
  std::vector<std::string> out;
  for (const auto& x : v) {
    if (!x.is_string()) return make_error(ErrorCode::kInvalidInput, std::string("'") + field + "' chỉ gồm tên (chuỗi)");
    std::string s = x.get<std::string>();
    if (!s.empty()) out.push_back(s);
  }
  return out;
}

Result<std::optional<Date>> date_of(const nlohmann::json& v, const char* field) {
  if (v.is_null()) return std::optional<Date>{};
  if (v.is_string())
    if (auto d = parse_iso(v.get<std::string>())) return std::optional<Date>{*d};
  return make_error(ErrorCode::kInvalidInput, std::string("'") + field + "' phải là ngày dạng YYYY-MM-DD hoặc null");
}

std::string anchor_key(std::string_view s) {
  std::string f = viet::fold(s);
  std::string out;
  for (char c : f)
    if (!(c == ' ' && (out.empty() || out.back() == ' '))) out += c;
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

}  // namespace

Result<DocumentView> Service::correct_document(const Actor& a, int64_t id, const nlohmann::json& fields) {
  if (auto s = require_editor(a); !s) return s.error();
  if (!fields.is_object() || fields.empty())
    return make_error(ErrorCode::kInvalidInput, "cần một đối tượng JSON gồm các trường cần sửa");
  auto doc = st_.document(id);
  if (!doc) return doc.error();
  if (!*doc) return make_error(ErrorCode::kNotFound, "không có văn bản #" + std::to_string(id) + " trong kho");
  for (auto& [k, v] : fields.items()) {
    if (!header_fields().count(k)) return make_error(ErrorCode::kInvalidInput, "không sửa được trường '" + k + "'");
    if (k == "date" && !v.is_null() && !(v.is_string() && parse_iso_partial(v.get<std::string>())))
      return make_error(ErrorCode::kInvalidInput, "'date' phải có dạng YYYY-MM-DD (hoặc YYYY-MM, YYYY)");
  }
  // The merged result must read back as a document (citations and signer in their JSON shapes).
  nlohmann::json extracted = codec::to_json((*doc)->doc, {.spans = false});
  nlohmann::json probe = extracted;
  for (auto& [k, v] : fields.items()) probe[k] = v;
  if (auto back = codec::document_from_json(probe); !back)
    return make_error(ErrorCode::kInvalidInput, "giá trị sửa không hợp lệ: " + back.error().message);
  auto old = st_.document_corrections(id);
  if (!old) return old.error();
  nlohmann::json typed = *old ? nlohmann::json::parse(**old, nullptr, false) : nlohmann::json::object();
  if (!typed.is_object()) typed = nlohmann::json::object();
  auto s = st_.atomically([&]() -> Status {
    for (auto& [k, v] : fields.items()) {
      OJ before = extracted.contains(k) ? OJ(extracted[k]) : OJ(nullptr);
      if (typed.contains(k)) before = typed[k];
      typed[k] = v;
      std::string field = k == "citations" ? "citations" : "header." + k;
      store::Correction c{0, clock_.now, a.name(), id, std::nullopt, field, "change", before.dump(), OJ(v).dump()};
      if (auto r = st_.add_correction(c); !r) return r;
      if (auto r = record(a, "document.correct", "document", std::to_string(id), OJ{{k, before}}, OJ{{k, v}}); !r)
        return r;
    }
    return st_.set_document_corrections(id, typed.dump(), clock_.now);
  });
  if (!s) return s.error();
  return document(a, id);
}

Result<TaskView> Service::correct_task(const Actor& a, int64_t id, const nlohmann::json& fields) {
  if (auto s = require_editor(a); !s) return s.error();
  if (!fields.is_object() || fields.empty())
    return make_error(ErrorCode::kInvalidInput, "cần một đối tượng JSON gồm các trường cần sửa");
  auto t = visible_task(a, id);
  if (!t) return t.error();
  TaskChange change;
  nlohmann::json typed = t->corrected ? nlohmann::json::parse(*t->corrected, nullptr, false) : nlohmann::json::object();
  if (!typed.is_object()) typed = nlohmann::json::object();
  bool typed_changed = false;
  for (auto& [k, v] : fields.items()) {
    if (k == "lead") {
      auto n = names_of(v, "lead");
      if (!n) return n.error();
      change.lead = *n;
    } else if (k == "due") {
      auto d = date_of(v, "due");
      if (!d) return d.error();
      if (*d) change.due = **d;
      else change.clear_due = true;
    } else if (k == "support" || k == "report_to") {
      auto n = names_of(v, k.c_str());
      if (!n) return n.error();
      typed[k] = *n;
      typed_changed = true;
    } else if (k == "action") {
      if (!v.is_string() || v.get<std::string>().empty())
        return make_error(ErrorCode::kInvalidInput, "'action' phải là nội dung nhiệm vụ (chuỗi khác rỗng)");
      typed[k] = v;
      typed_changed = true;
    } else {
      return make_error(ErrorCode::kInvalidInput,
                        "không sửa được trường '" + k + "' (lead, support, action, due, report_to)");
    }
  }
  OJ was = codec::task_json(*t, clock_.today, cal_);
  auto s = st_.atomically([&]() -> Status {
    if (typed_changed) {
      for (const char* k : {"support", "report_to", "action"}) {
        if (!fields.contains(k)) continue;
        OJ before = std::string(k) == "action" ? OJ(t->task.action) : OJ(nullptr);
        if (std::string(k) == "support") before = was["support"];
        if (std::string(k) == "report_to") {
          OJ names = OJ::array();
          for (const auto& r : t->task.report_to) names.push_back(r.name);
          before = names;
        }
        store::Correction c{0, clock_.now, a.name(), t->document_id, id, k, "change", before.dump(), OJ(fields[k]).dump()};
        if (auto r = st_.add_correction(c); !r) return r;
      }
      if (auto r = st_.set_task_corrections(id, typed.dump(), clock_.now); !r) return r;
      if (auto r = record(a, "task.correct", "task", std::to_string(id), was, OJ(typed)); !r) return r;
    }
    if (!change.empty()) {
      auto u = update_task(a, id, change);
      if (!u) return u.error();
    }
    return ok_status();
  });
  if (!s) return s.error();
  return task(a, id);
}

Result<TaskView> Service::add_task(const Actor& a, int64_t document_id, const nlohmann::json& fields) {
  if (auto s = require_editor(a); !s) return s.error();
  if (!fields.is_object()) return make_error(ErrorCode::kInvalidInput, "cần một đối tượng JSON mô tả nhiệm vụ");
  Task t;
  auto action = fields.find("action");
  if (action == fields.end() || !action->is_string() || action->get<std::string>().empty())
    return make_error(ErrorCode::kInvalidInput, "nhiệm vụ cần có nội dung ('action')");
  t.action = action->get<std::string>();
  for (const char* k : {"lead", "support", "report_to"}) {
    if (!fields.contains(k)) continue;
    auto n = names_of(fields[k], k);
    if (!n) return n.error();
    auto& list = std::string(k) == "lead" ? t.lead : std::string(k) == "support" ? t.support : t.report_to;
    for (auto& name : *n) list.push_back(Assignee{name, {}, {}});
  }
  if (fields.contains("due")) {
    auto d = date_of(fields["due"], "due");
    if (!d) return d.error();
    if (*d) {
      t.due = **d;
      t.deadlines.push_back(Deadline{"", **d, Bound::kBy, {}, {}, {}, {}, false, false, {}});
    }
  }
  if (auto r = fields.find("ref"); r != fields.end() && r->is_string()) t.ref = r->get<std::string>();
  auto doc = st_.document(document_id);
  if (!doc) return doc.error();
  if (!*doc) return make_error(ErrorCode::kNotFound, "không có văn bản #" + std::to_string(document_id) + " trong kho");
  int64_t id = 0;
  auto s = st_.atomically([&]() -> Status {
    auto added = st_.add_manual_task(document_id, t, clock_.now);
    if (!added) return added.error();
    id = *added;
    OJ after = codec::to_json(t, {.spans = false});
    store::Correction c{0, clock_.now, a.name(), document_id, id, "tasks", "add", std::nullopt, after.dump()};
    if (auto r = st_.add_correction(c); !r) return r;
    return record(a, "task.add", "task", std::to_string(id), std::nullopt, after);
  });
  if (!s) return s.error();
  return task(a, id);
}

Status Service::delete_task(const Actor& a, int64_t id) {
  if (auto s = require_editor(a); !s) return s;
  auto t = visible_task(a, id);
  if (!t) return t.error();
  if (t->rejected) return ok_status();
  OJ was = codec::task_json(*t, clock_.today, cal_);
  return st_.atomically([&]() -> Status {
    if (auto r = st_.reject_task(id, true, clock_.now); !r) return r;
    store::Correction c{0, clock_.now, a.name(), t->document_id, id, "tasks", "delete", was.dump(), std::nullopt};
    if (auto r = st_.add_correction(c); !r) return r;
    return record(a, "task.delete", "task", std::to_string(id), was, std::nullopt);
  });
}

Status Service::apply_anchors(int64_t document_id) {
  auto anchors = st_.anchors(document_id);
  if (!anchors) return anchors.error();
  if (anchors->empty()) return ok_status();
  store::TaskFilter f{.document_id = document_id, .include_absent = true};
  auto tasks = st_.tasks(f);
  if (!tasks) return tasks.error();
  for (const auto& t : *tasks) {
    std::optional<Date> due;
    for (const auto& d : t.task.deadlines) {
      if (d.bound != Bound::kRelative || !d.anchor || !d.offset) continue;
      for (const auto& an : *anchors) {
        if (anchor_key(an.anchor) != anchor_key(*d.anchor)) continue;
        int n = *d.offset;
        Date x = an.date;
        switch (d.unit.value_or(TimeUnit::kDay)) {
          case TimeUnit::kWorkingDay: x = cal_.add_working_days(an.date, n); break;
          case TimeUnit::kWeek: x = add_days(an.date, 7 * n); break;
          case TimeUnit::kMonth: x = add_months(an.date, n); break;
          case TimeUnit::kYear: x = add_months(an.date, 12 * n); break;
          case TimeUnit::kDay: x = add_days(an.date, n); break;
        }
        // A period counted forward that ends on a day off ends on the next working day.
        if (n > 0 && d.unit != TimeUnit::kWorkingDay) x = cal_.roll_forward(x);
        if (!due || x < *due) due = x;
      }
    }
    if (due != t.due_anchor)
      if (auto s = st_.set_due_anchor(t.id, due); !s) return s;
  }
  return ok_status();
}

Result<DocumentView> Service::set_anchor(const Actor& a, int64_t document_id, const std::string& anchor, const Date& date) {
  if (auto s = require_editor(a); !s) return s.error();
  if (anchor_key(anchor).empty()) return make_error(ErrorCode::kInvalidInput, "thiếu mốc thời hạn ('anchor')");
  auto doc = st_.document(document_id);
  if (!doc) return doc.error();
  if (!*doc) return make_error(ErrorCode::kNotFound, "không có văn bản #" + std::to_string(document_id) + " trong kho");
  auto s = st_.atomically([&]() -> Status {
    if (auto r = st_.set_anchor(document_id, store::Anchor{anchor, date}); !r) return r;
    if (auto r = apply_anchors(document_id); !r) return r;
    return record(a, "document.anchor", "document", std::to_string(document_id), std::nullopt,
                  OJ{{"anchor", anchor}, {"date", to_iso(date)}});
  });
  if (!s) return s.error();
  return document(a, document_id);
}

Result<std::vector<FieldQuality>> Service::quality(const Actor& a, const std::string& since) {
  if (a.role == Role::kUnit) return make_error(ErrorCode::kForbidden, "tài khoản vai trò đơn vị không xem được chất lượng trích xuất");
  store::DocumentFilter all;
  auto docs = st_.documents(all);
  if (!docs) return docs.error();
  auto corrections = st_.corrections("");
  if (!corrections) return corrections.error();
  std::set<int64_t> in_range;
  std::map<std::string, FieldQuality> q;
  const char* fields[] = {"type", "number", "symbol", "issuer", "date", "subject", "signer", "citations",
                          "tasks", "lead", "support", "action", "deadline", "report_to"};
  for (const char* f : fields) q[f].field = f;
  for (const auto& s : *docs) {
    if (s.added_at < since) continue;
    in_range.insert(s.id);
    auto d = st_.document(s.id);
    if (!d) return d.error();
    if (!*d) continue;
    const Document& doc = (*d)->doc;
    for (const auto* f : {&doc.type, &doc.number, &doc.symbol, &doc.issuer, &doc.subject}) (void)f;
    if (doc.type) ++q["type"].extracted;
    if (doc.number) ++q["number"].extracted;
    if (doc.symbol) ++q["symbol"].extracted;
    if (doc.issuer) ++q["issuer"].extracted;
    if (doc.date) ++q["date"].extracted;
    if (doc.subject) ++q["subject"].extracted;
    if (doc.signer) ++q["signer"].extracted;
    q["citations"].extracted += static_cast<int64_t>(doc.citations.size());
    q["tasks"].extracted += static_cast<int64_t>(doc.tasks.size());
    for (const auto& t : doc.tasks) {
      ++q["action"].extracted;
      if (!t.lead.empty()) ++q["lead"].extracted;
      if (!t.support.empty()) ++q["support"].extracted;
      if (!t.deadlines.empty()) ++q["deadline"].extracted;
      if (!t.report_to.empty()) ++q["report_to"].extracted;
    }
  }
  // A value changed twice is one changed value; citations are compared as lists.
  std::set<std::tuple<int64_t, int64_t, std::string>> changed;
  std::map<int64_t, std::pair<std::string, std::string>> citation_lists;  // first before, last after
  for (const auto& c : *corrections) {
    if (!in_range.count(c.document_id)) continue;
    std::string field = c.field.rfind("header.", 0) == 0 ? c.field.substr(7) : c.field;
    if (!q.count(field)) continue;
    if (field == "citations") {
      auto& l = citation_lists[c.document_id];
      if (l.first.empty()) l.first = c.before.value_or("[]");
      l.second = c.after.value_or("[]");
      continue;
    }
    if (c.kind == "add") ++q[field].added;
    else if (c.kind == "delete") ++q[field].deleted;
    else if (changed.insert({c.document_id, c.task_id.value_or(0), field}).second) ++q[field].changed;
  }
  auto cite_keys = [](const std::string& json) {
    std::multiset<std::string> out;
    auto j = nlohmann::json::parse(json, nullptr, false);
    if (!j.is_array()) return out;
    for (const auto& c : j)
      if (c.is_object())
        out.insert(viet::fold(c.value("type", "")) + "|" + viet::fold(c.contains("number") && c["number"].is_string()
                                                                         ? c["number"].get<std::string>() : "") +
                   "|" + viet::fold(c.contains("symbol") && c["symbol"].is_string() ? c["symbol"].get<std::string>() : ""));
    return out;
  };
  for (const auto& [id, l] : citation_lists) {
    auto was = cite_keys(l.first), now = cite_keys(l.second);
    for (const auto& k : now)
      if (!was.count(k)) ++q["citations"].added;
    for (const auto& k : was)
      if (!now.count(k)) ++q["citations"].deleted;
  }
  std::vector<FieldQuality> out;
  for (const char* f : fields) {
    FieldQuality x = q[f];
    x.kept = std::max<int64_t>(0, x.extracted - x.changed - x.deleted);
    out.push_back(x);
  }
  return out;
}

Result<std::vector<std::pair<std::string, nlohmann::ordered_json>>> Service::gold_documents(const Actor& a) {
  if (auto s = require_editor(a); !s) return s.error();
  auto corrections = st_.corrections("");
  if (!corrections) return corrections.error();
  std::set<int64_t> ids;
  for (const auto& c : *corrections) ids.insert(c.document_id);
  std::vector<std::pair<std::string, OJ>> out;
  for (int64_t id : ids) {
    auto v = document(a, id);
    if (!v) {
      if (v.error().code == ErrorCode::kNotFound) continue;
      return v.error();
    }
    std::string name = "doc-" + std::to_string(id);
    OJ gold{{"file", name + ".txt"}};
    OJ body = codec::to_json(v->doc.doc, {.spans = false});
    for (auto& [k, val] : body.items())
      if (k != "tasks" && k != "text" && k != "diagnostics") gold[k] = val;
    OJ tasks = OJ::array();
    for (const auto& t : v->tasks) {
      if (!t.present || t.rejected) continue;
      Task eff = t.task;
      eff.lead.clear();
      for (const auto& n : t.leads()) eff.lead.push_back(Assignee{n, {}, {}});
      OJ tj = codec::to_json(eff, {.spans = false});
      OJ g{{"ref", t.task.ref}, {"lead", tj["lead"]}, {"support", tj["support"]}, {"action", t.task.action},
           {"deadlines", tj["deadlines"]}, {"report_to", tj["report_to"]}};
      if (t.due_override || (t.manual && t.task.due))
        g["deadlines"] = OJ::array({OJ{{"text", ""}, {"date", to_iso(*t.due())}, {"bound", "by"}}});
      tasks.push_back(std::move(g));
    }
    gold["tasks"] = tasks;
    gold["text_content"] = v->doc.text;
    out.emplace_back(name, std::move(gold));
  }
  return out;
}

}  // namespace dondoc::service
