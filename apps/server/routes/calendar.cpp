// GET /api/calendar?month=YYYY-MM: every day of the month (working or not, the holiday's name)
// and the tasks due in it; POST /api/units/{id}/feed: a secret iCalendar feed URL for a unit;
// GET /api/feeds/{token}.ics: the feed itself (no session: phones subscribe to the URL).
#include "../api.h"
#include "codec/records.h"

namespace dondoc::server {

void add_calendar_routes(Api& api) {
  api.get("/api/calendar", [](Context& c) -> Result<Reply> {
    std::string m = c.param("month");
    Date today = c.svc.clock().today;
    Date first{today.y, today.m, 1};
    if (!m.empty()) {
      auto d = parse_iso(m + "-01");
      if (!d || m.size() != 7) return make_error(ErrorCode::kInvalidInput, "month phải có dạng YYYY-MM");
      first = *d;
    }
    Date last = add_days(add_months(first, 1), -1);
    const auto& cal = calendar::Calendar::builtin();
    std::map<std::string, std::string> names;
    for (const auto& d : cal.year(first.y)) names[to_iso(d.date)] = d.name;
    OJ days = OJ::array();
    for (Date d = first; !(last < d); d = add_days(d, 1)) {
      auto it = names.find(to_iso(d));
      days.push_back(OJ{{"date", to_iso(d)}, {"working", cal.is_working_day(d)},
                        {"name", it == names.end() ? OJ(nullptr) : OJ(it->second)}});
    }
    service::TaskQuery q;
    auto tasks = c.svc.list_tasks(c.actor, q);
    if (!tasks) return tasks.error();
    OJ due = OJ::array();
    for (const auto& t : *tasks) {
      auto d = t.due();
      if (d && !(*d < first) && !(last < *d)) due.push_back(codec::task_json(t, today, cal));
    }
    return json_reply(OJ{{"month", m.empty() ? to_iso(first).substr(0, 7) : m}, {"days", days}, {"tasks", due}});
  });

  api.post(R"(/api/units/([a-z0-9-]{1,64})/feed)", [](Context& c) -> Result<Reply> {
    auto token = c.svc.create_feed(c.actor, c.req.matches[1]);
    if (!token) return token.error();
    return json_reply(OJ{{"url", "/api/feeds/" + *token + ".ics"}, {"token", *token}}, 201);
  });

  api.get(R"(/api/feeds/([A-Za-z0-9_-]{16,64})\.ics)", [](Context& c) -> Result<Reply> {
    auto unit = c.svc.feed_unit(c.req.matches[1]);
    if (!unit) return unit.error();
    if (!*unit) return make_error(ErrorCode::kNotFound, "không có lịch này (đường dẫn sai hoặc đã bị thu hồi)");
    auto ics = c.svc.unit_calendar(**unit);
    if (!ics) return ics.error();
    Reply r;
    r.body = std::move(*ics);
    r.content_type = "text/calendar; charset=utf-8";
    return r;
  }, Access::kPublic);
}

}  // namespace dondoc::server
