// GET /api/tasks, GET/PATCH/DELETE /api/tasks/{id}, POST /api/tasks/bulk,
// POST /api/tasks/{id}/attachments, GET /api/attachments/{id}, POST /api/documents/{id}/tasks.
#include <sstream>

#include "../api.h"
#include "codec/records.h"

namespace dondoc::server {
namespace {

std::optional<store::TaskStatus> status_of(const std::string& s) { return store::task_status_from_string(s); }

OJ task_view_json(const service::TaskView& v, const Date& as_of) {
  const auto& cal = calendar::Calendar::builtin();
  OJ j = codec::task_json(v.task, as_of, cal);
  OJ report_to = OJ::array();
  for (const auto& a : v.task.task.report_to) report_to.push_back(a.name);
  j["report_to"] = report_to;
  j["manual"] = v.task.manual;
  j["rejected"] = v.task.rejected;
  j["due_anchor"] = v.task.due_anchor ? OJ(to_iso(*v.task.due_anchor)) : OJ(nullptr);
  j["lead_units"] = v.task.lead_ids;
  j["history"] = codec::history_json(v.history);
  OJ files = OJ::array();
  for (const auto& a : v.attachments) files.push_back(codec::attachment_json(a));
  j["attachments"] = files;
  return j;
}

// The fields of a PATCH: status, note, done_on, due, lead change the task's state; action,
// support and report_to correct what was read.
Result<service::TaskChange> change_of(const nlohmann::json& b) {
  service::TaskChange c;
  for (auto& [k, v] : b.items()) {
    if (k == "status") {
      if (!v.is_string() || !(c.status = status_of(v.get<std::string>())))
        return make_error(ErrorCode::kInvalidInput, "'status' phải là open, in_progress, done hoặc cancelled");
    } else if (k == "note") {
      if (!v.is_string()) return make_error(ErrorCode::kInvalidInput, "'note' phải là chuỗi");
      c.note = v.get<std::string>();
    } else if (k == "done_on" || k == "due") {
      if (v.is_null() && k == "due") {
        c.clear_due = true;
        continue;
      }
      auto d = v.is_string() ? parse_iso(v.get<std::string>()) : std::nullopt;
      if (!d) return make_error(ErrorCode::kInvalidInput, "'" + k + "' phải là ngày dạng YYYY-MM-DD");
      (k == "due" ? c.due : c.done_on) = *d;
    } else if (k == "lead") {
      if (!v.is_array()) return make_error(ErrorCode::kInvalidInput, "'lead' phải là danh sách tên đơn vị");
      std::vector<std::string> names;
      for (const auto& x : v) {
        if (!x.is_string()) return make_error(ErrorCode::kInvalidInput, "'lead' chỉ gồm tên đơn vị");
        names.push_back(x.get<std::string>());
      }
      c.lead = names;
    } else if (k != "action" && k != "support" && k != "report_to") {
      return make_error(ErrorCode::kInvalidInput, "không có trường '" + k + "' (status, note, done_on, due, lead, action, support, report_to)");
    }
  }
  return c;
}

}  // namespace

void add_task_routes(Api& api) {
  api.get("/api/tasks", [](Context& c) -> Result<Reply> {
    service::TaskQuery q;
    q.unit = c.param("unit");
    q.support = c.param("support") == "1";
    q.overdue = c.param("overdue") == "1" || c.param("overdue") == "true";
    q.all = c.param("all") == "1";
    q.parse_deadlines = false;  // the JSON lines copy the stored deadlines
    std::stringstream ss(c.param("status"));
    for (std::string s; std::getline(ss, s, ',');) {
      auto st = status_of(s);
      if (!st) return make_error(ErrorCode::kInvalidInput, "trạng thái '" + s + "' không hợp lệ (open, in_progress, done, cancelled)");
      q.statuses.push_back(*st);
    }
    if (auto w = c.param("due_within"); !w.empty()) {
      if (w.find_first_not_of("0123456789") != std::string::npos || w.size() > 4)
        return make_error(ErrorCode::kInvalidInput, "due_within phải là số ngày");
      q.due_within = std::stoi(w);
    }
    if (auto d = c.param("document"); !d.empty()) {
      auto id = c.svc.find_document(c.actor, d);
      if (!id) return id.error();
      q.document_id = *id;
    }
    if (auto l = c.param("limit"); !l.empty() && l.find_first_not_of("0123456789") == std::string::npos && l.size() < 7)
      q.limit = std::stoi(l);
    auto tasks = c.svc.list_tasks(c.actor, q);
    if (!tasks) return tasks.error();
    // Lines written without a JSON tree: task lists can be long.
    const auto& cal = calendar::Calendar::builtin();
    Reply r;
    r.body = "{\"as_of\":\"" + to_iso(c.svc.clock().today) + "\",\"tasks\":[";
    for (size_t i = 0; i < tasks->size(); ++i) {
      if (i) r.body += ',';
      r.body += codec::task_json_line((*tasks)[i], c.svc.clock().today, cal);
    }
    r.body += "]}";
    return r;
  });

  api.get(R"(/api/tasks/(\d+))", [](Context& c) -> Result<Reply> {
    auto id = c.id();
    if (!id) return id.error();
    auto v = c.svc.task(c.actor, *id);
    if (!v) return v.error();
    return json_reply(task_view_json(*v, c.svc.clock().today));
  });

  api.patch(R"(/api/tasks/(\d+))", [](Context& c) -> Result<Reply> {
    auto id = c.id();
    if (!id) return id.error();
    auto body = c.body_json();
    if (!body) return body.error();
    if (!body->is_object() || body->empty()) return make_error(ErrorCode::kInvalidInput, "cần một đối tượng JSON gồm các trường cần đổi");
    auto change = change_of(*body);
    if (!change) return change.error();
    nlohmann::json typed = nlohmann::json::object();
    for (const char* k : {"action", "support", "report_to"})
      if (body->contains(k)) typed[k] = (*body)[k];
    if (!typed.empty()) {
      auto v = c.svc.correct_task(c.actor, *id, typed);
      if (!v) return v.error();
    }
    auto v = change->empty() ? c.svc.task(c.actor, *id) : c.svc.update_task(c.actor, *id, *change);
    if (!v) return v.error();
    return json_reply(task_view_json(*v, c.svc.clock().today));
  });

  api.del(R"(/api/tasks/(\d+))", [](Context& c) -> Result<Reply> {
    auto id = c.id();
    if (!id) return id.error();
    if (auto s = c.svc.delete_task(c.actor, *id); !s) return s.error();
    return json_reply(OJ{{"ok", true}, {"id", *id}});
  });

  // The same change for several tasks (the task board's bulk status change); each is checked
  // and audited on its own.
  api.post("/api/tasks/bulk", [](Context& c) -> Result<Reply> {
    auto body = c.body_json();
    if (!body) return body.error();
    if (!body->is_object() || !(*body)["ids"].is_array())
      return make_error(ErrorCode::kInvalidInput, "cần {\"ids\": [...], \"status\": ...}");
    nlohmann::json fields = *body;
    fields.erase("ids");
    auto change = change_of(fields);
    if (!change) return change.error();
    if (change->empty()) return make_error(ErrorCode::kInvalidInput, "không có thay đổi nào");
    OJ results = OJ::array();
    for (const auto& x : (*body)["ids"]) {
      if (!x.is_number_integer()) return make_error(ErrorCode::kInvalidInput, "'ids' chỉ gồm số");
      auto v = c.svc.update_task(c.actor, x.get<int64_t>(), *change);
      results.push_back(v ? OJ{{"id", x}, {"ok", true}} : OJ{{"id", x}, {"ok", false}, {"error", v.error().to_string()}});
    }
    return json_reply(OJ{{"results", results}});
  });

  api.post(R"(/api/tasks/(\d+)/attachments)", [](Context& c) -> Result<Reply> {
    auto id = c.id();
    if (!id) return id.error();
    if (!c.req.is_multipart_form_data() || !c.req.has_file("file"))
      return make_error(ErrorCode::kInvalidInput, "cần gửi tệp trong trường 'file' (multipart/form-data)");
    const auto& f = c.req.get_file_value("file");
    auto added = c.svc.attach(c.actor, *id, f.filename.empty() ? "tep-dinh-kem" : f.filename, f.content);
    if (!added) return added.error();
    auto v = c.svc.task(c.actor, *id);
    if (!v) return v.error();
    return json_reply(task_view_json(*v, c.svc.clock().today), 201);
  });

  api.get(R"(/api/attachments/(\d+))", [](Context& c) -> Result<Reply> {
    auto id = c.id();
    if (!id) return id.error();
    auto f = c.svc.attachment(c.actor, *id);
    if (!f) return f.error();
    return file_reply(std::move(f->second), "application/octet-stream", f->first.name);
  });

  api.post(R"(/api/documents/(\d+)/tasks)", [](Context& c) -> Result<Reply> {
    auto id = c.id();
    if (!id) return id.error();
    auto body = c.body_json();
    if (!body) return body.error();
    auto v = c.svc.add_task(c.actor, *id, *body);
    if (!v) return v.error();
    return json_reply(task_view_json(*v, c.svc.clock().today), 201);
  });
}

}  // namespace dondoc::server
