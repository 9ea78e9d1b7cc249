// POST /api/login, POST /api/logout, GET /api/session.
#include "../api.h"
#include "codec/records.h"

namespace dondoc::server {

void add_auth_routes(Api& api) {
  api.post("/api/login", [](Context& c) -> Result<Reply> {
    auto body = c.body_json();
    if (!body) return body.error();
    if (!body->is_object() || !(*body)["username"].is_string() || !(*body)["password"].is_string())
      return make_error(ErrorCode::kInvalidInput, "cần {\"username\": ..., \"password\": ...}");
    // A session already in the browser ends: the new one gets a new id (no fixation).
    if (!c.session_id.empty()) {
      if (auto s = c.svc.logout(c.session_id); !s) return s.error();
    }
    auto login = c.svc.login((*body)["username"].get<std::string>(), (*body)["password"].get<std::string>(),
                             c.actor.address);
    if (!login) return login.error();
    Reply r = json_reply(OJ{{"csrf_token", login->csrf_token}, {"user", codec::user_json(login->user)}});
    r.headers.emplace_back("Set-Cookie", std::string(kSessionCookie) + "=" + login->session_id +
                                             "; Path=/; HttpOnly; SameSite=Strict; Max-Age=43200" +
                                             (c.secure ? "; Secure" : ""));
    return r;
  }, Access::kPublic);

  api.post("/api/logout", [](Context& c) -> Result<Reply> {
    if (auto s = c.svc.logout(c.session_id); !s) return s.error();
    Reply r = json_reply(OJ{{"ok", true}});
    r.headers.emplace_back("Set-Cookie", std::string(kSessionCookie) + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0" +
                                             (c.secure ? "; Secure" : ""));
    return r;
  });

  // Who is signed in, and the CSRF token again (a reloaded page has lost it).
  api.get("/api/session", [](Context& c) -> Result<Reply> {
    auto who = c.svc.authenticate(c.session_id, c.actor.address);
    if (!who) return who.error();
    auto u = c.svc.store().user(c.actor.username);
    if (!u) return u.error();
    if (!*u) return make_error(ErrorCode::kUnauthorized, "tài khoản không còn");
    return json_reply(OJ{{"csrf_token", who->second}, {"user", codec::user_json(**u)}});
  });
}

}  // namespace dondoc::server
