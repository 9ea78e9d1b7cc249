// Accounts and the audit log (admin): GET/POST /api/users, PATCH/DELETE /api/users/{name},
// GET /api/audit (JSON), GET /api/audit.csv.
#include "../api.h"
#include "codec/records.h"

namespace dondoc::server {
namespace {

Result<store::AuditFilter> audit_filter(const Context& c) {
  store::AuditFilter f;
  f.actor = c.param("actor");
  f.action = c.param("action");
  f.object_type = c.param("object_type");
  f.object_id = c.param("object_id");
  f.from = c.param("from");
  f.to = c.param("to");
  f.limit = 200;
  if (auto l = c.param("limit"); !l.empty() && l.find_first_not_of("0123456789") == std::string::npos && l.size() < 7)
    f.limit = std::stoi(l);
  if (auto b = c.param("before_id"); !b.empty() && b.find_first_not_of("0123456789") == std::string::npos && b.size() < 18)
    f.before_id = std::stoll(b);
  return f;
}

std::string csv_cell(const std::string& s) {
  // A cell starting with = + - @ would be read by a spreadsheet as a formula: quoted with '.
  std::string v = !s.empty() && std::string("=+-@\t\r").find(s[0]) != std::string::npos ? "'" + s : s;
  if (v.find_first_of(",\"\n\r;") == std::string::npos) return v;
  std::string out = "\"";
  for (char ch : v) out += ch == '"' ? std::string("\"\"") : std::string(1, ch);
  return out + "\"";
}

Result<std::string> user_name(const Context& c) {
  std::string s = c.req.matches.size() > 1 ? std::string(c.req.matches[1]) : "";
  if (s.empty()) return make_error(ErrorCode::kNotFound, "thiếu tên tài khoản");
  return httplib::detail::decode_url(s, false);
}

}  // namespace

void add_admin_routes(Api& api) {
  api.get("/api/users", [](Context& c) -> Result<Reply> {
    auto users = c.svc.users(c.actor);
    if (!users) return users.error();
    OJ list = OJ::array();
    for (const auto& u : *users) list.push_back(codec::user_json(u));
    return json_reply(OJ{{"users", list}});
  });

  api.post("/api/users", [](Context& c) -> Result<Reply> {
    auto body = c.body_json();
    if (!body) return body.error();
    if (!body->is_object() || !(*body)["username"].is_string() || !(*body)["password"].is_string() ||
        !(*body)["role"].is_string())
      return make_error(ErrorCode::kInvalidInput, "cần {\"username\", \"password\", \"role\", \"unit\"}");
    auto role = service::role_from_string((*body)["role"].get<std::string>());
    if (!role) return make_error(ErrorCode::kInvalidInput, "'role' phải là admin, clerk, leader hoặc unit");
    std::string unit = body->contains("unit") && (*body)["unit"].is_string() ? (*body)["unit"].get<std::string>() : "";
    auto u = c.svc.add_user(c.actor, (*body)["username"].get<std::string>(), *role, unit,
                            (*body)["password"].get<std::string>());
    if (!u) return u.error();
    return json_reply(OJ{{"user", codec::user_json(*u)}}, 201);
  });

  api.patch(R"(/api/users/([^/]+))", [](Context& c) -> Result<Reply> {
    auto name = user_name(c);
    if (!name) return name.error();
    auto body = c.body_json();
    if (!body) return body.error();
    if (!body->is_object() || !(*body)["password"].is_string())
      return make_error(ErrorCode::kInvalidInput, "cần {\"password\": ...}");
    if (auto s = c.svc.set_password(c.actor, *name, (*body)["password"].get<std::string>()); !s) return s.error();
    return json_reply(OJ{{"ok", true}});
  });

  api.del(R"(/api/users/([^/]+))", [](Context& c) -> Result<Reply> {
    auto name = user_name(c);
    if (!name) return name.error();
    if (auto s = c.svc.remove_user(c.actor, *name); !s) return s.error();
    return json_reply(OJ{{"ok", true}});
  });

  api.get("/api/audit", [](Context& c) -> Result<Reply> {
    auto f = audit_filter(c);
    if (!f) return f.error();
    auto entries = c.svc.audit(c.actor, *f);
    if (!entries) return entries.error();
    OJ list = OJ::array();
    for (const auto& e : *entries) list.push_back(codec::audit_json(e));
    return json_reply(OJ{{"entries", list}});
  });

  api.get("/api/audit.csv", [](Context& c) -> Result<Reply> {
    auto f = audit_filter(c);
    if (!f) return f.error();
    if (c.param("limit").empty()) f->limit = 0;
    auto entries = c.svc.audit(c.actor, *f);
    if (!entries) return entries.error();
    std::string out = "\xEF\xBB\xBF";  // BOM: Excel then reads UTF-8
    out += "ID,Thời điểm,Người thực hiện,Vai trò,Địa chỉ,Hành động,Đối tượng,Mã đối tượng,Trước,Sau\r\n";
    for (const auto& e : *entries) {
      out += std::to_string(e.id) + "," + csv_cell(e.at) + "," + csv_cell(e.actor) + "," + csv_cell(e.role) + "," +
             csv_cell(e.address) + "," + csv_cell(e.action) + "," + csv_cell(e.object_type) + "," +
             csv_cell(e.object_id) + "," + csv_cell(e.before.value_or("")) + "," + csv_cell(e.after.value_or("")) + "\r\n";
    }
    return file_reply(std::move(out), "text/csv; charset=utf-8", "nhat-ky-" + to_iso(c.svc.clock().today) + ".csv");
  });
}

}  // namespace dondoc::server
