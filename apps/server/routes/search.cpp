// GET /api/search?q=&limit=&type=&issuer=&from=&to=
#include "../api.h"
#include "codec/records.h"

namespace dondoc::server {

void add_search_routes(Api& api) {
  api.get("/api/search", [](Context& c) -> Result<Reply> {
    store::SearchQuery q;
    q.text = c.param("q");
    if (q.text.find_first_not_of(" \t") == std::string::npos)
      return make_error(ErrorCode::kInvalidInput, "thiếu từ cần tìm (q)");
    if (auto l = c.param("limit"); !l.empty() && l.find_first_not_of("0123456789") == std::string::npos && l.size() < 4)
      q.limit = std::clamp(std::stoi(l), 1, 200);
    q.filter.type = c.param("type");
    q.filter.issuer = c.param("issuer");
    for (const char* k : {"from", "to"}) {
      if (auto v = c.param(k); !v.empty()) {
        auto d = date_param(v, k);
        if (!d) return d.error();
        (std::string(k) == "from" ? q.filter.from : q.filter.to) = *d;
      }
    }
    auto hits = c.svc.search(c.actor, q);
    if (!hits) return hits.error();
    OJ list = OJ::array();
    for (const auto& h : *hits) list.push_back(codec::search_hit_json(h));
    return json_reply(OJ{{"query", q.text}, {"hits", list}});
  });
}

}  // namespace dondoc::server
