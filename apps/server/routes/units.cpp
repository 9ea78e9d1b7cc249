// The unit directory: GET /api/units, PUT /api/units/{id} (admin), GET /api/units/unresolved,
// POST /api/units/{id}/names (a clerk maps a name written in tasks to the unit).
#include "../api.h"
#include "codec/records.h"

namespace dondoc::server {

void add_unit_routes(Api& api) {
  api.get("/api/units", [](Context& c) -> Result<Reply> {
    auto units = c.svc.units(c.actor);
    if (!units) return units.error();
    OJ list = OJ::array();
    for (const auto& u : *units) list.push_back(codec::unit_json(u));
    return json_reply(OJ{{"units", list}});
  });

  api.get("/api/units/unresolved", [](Context& c) -> Result<Reply> {
    auto names = c.svc.unresolved_names(c.actor);
    if (!names) return names.error();
    OJ list = OJ::array();
    for (const auto& n : *names) list.push_back(OJ{{"name", n.name}, {"tasks", n.tasks}});
    return json_reply(OJ{{"names", list}});
  });

  api.put(R"(/api/units/([a-z0-9-]{1,64}))", [](Context& c) -> Result<Reply> {
    auto body = c.body_json();
    if (!body) return body.error();
    if (!body->is_object() || !(*body)["name"].is_string())
      return make_error(ErrorCode::kInvalidInput, "cần {\"name\", \"aliases\": [...], \"parent\", \"active\"}");
    store::Unit u;
    u.id = c.req.matches[1];
    u.name = (*body)["name"].get<std::string>();
    if (body->contains("parent") && (*body)["parent"].is_string()) u.parent_id = (*body)["parent"].get<std::string>();
    if (body->contains("active")) {
      if (!(*body)["active"].is_boolean()) return make_error(ErrorCode::kInvalidInput, "'active' phải là true hoặc false");
      u.active = (*body)["active"].get<bool>();
    }
    if (body->contains("aliases")) {
      if (!(*body)["aliases"].is_array()) return make_error(ErrorCode::kInvalidInput, "'aliases' phải là danh sách tên");
      for (const auto& a : (*body)["aliases"])
        if (a.is_string() && !a.get<std::string>().empty()) u.aliases.push_back(a.get<std::string>());
    }
    if (auto s = c.svc.put_unit(c.actor, u); !s) return s.error();
    return json_reply(OJ{{"unit", codec::unit_json(u)}});
  });

  api.post(R"(/api/units/([a-z0-9-]{1,64})/names)", [](Context& c) -> Result<Reply> {
    auto body = c.body_json();
    if (!body) return body.error();
    if (!body->is_object() || !(*body)["name"].is_string())
      return make_error(ErrorCode::kInvalidInput, "cần {\"name\": \"tên đơn vị như viết trong văn bản\"}");
    if (auto s = c.svc.map_name(c.actor, (*body)["name"].get<std::string>(), c.req.matches[1]); !s) return s.error();
    return json_reply(OJ{{"ok", true}});
  });
}

}  // namespace dondoc::server
