// GET /api/report?format=json|md|csv|xlsx|ics&as_of=&unit=&from=&to=&months=
// json (the default): the per-unit counts, the overdue list and the counts behind the charts
// (on-time rate per unit; overdue and done per month); the other formats are downloads.
#include "../api.h"
#include "codec/records.h"

namespace dondoc::server {

void add_report_routes(Api& api) {
  api.get("/api/report", [](Context& c) -> Result<Reply> {
    std::string format = c.param("format");
    std::string unit = c.param("unit");
    service::Service::Period period;
    for (const char* k : {"from", "to"}) {
      if (auto v = c.param(k); !v.empty()) {
        auto d = date_param(v, k);
        if (!d) return d.error();
        (std::string(k) == "from" ? period.from : period.to) = *d;
      }
    }
    if (format.empty() || format == "json") {
      auto r = c.svc.report_data(c.actor, unit, period);
      if (!r) return r.error();
      int months = 12;
      if (auto m = c.param("months"); !m.empty() && m.find_first_not_of("0123456789") == std::string::npos && m.size() < 3)
        months = std::stoi(m);
      auto by_month = c.svc.report_months(c.actor, months);
      if (!by_month) return by_month.error();
      OJ j = codec::report_json(*r);
      j["from"] = period.from ? OJ(to_iso(*period.from)) : OJ(nullptr);
      j["to"] = period.to ? OJ(to_iso(*period.to)) : OJ(nullptr);
      OJ m = OJ::array();
      for (const auto& x : *by_month) m.push_back(OJ{{"month", x.month}, {"overdue", x.overdue}, {"done", x.done}});
      j["months"] = m;
      return json_reply(j);
    }
    auto r = c.svc.report(c.actor, format, unit, period);
    if (!r) return r.error();
    return file_reply(std::move(r->bytes), r->content_type, r->file_name);
  });
}

}  // namespace dondoc::server
