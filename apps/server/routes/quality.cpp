// GET /api/quality?from=YYYY-MM-DD: per field, extracted values kept, changed, added, deleted.
#include "../api.h"

namespace dondoc::server {

void add_quality_routes(Api& api) {
  api.get("/api/quality", [](Context& c) -> Result<Reply> {
    std::string from = c.param("from");
    if (!from.empty()) {
      auto d = date_param(from, "from");
      if (!d) return d.error();
    }
    auto q = c.svc.quality(c.actor, from);
    if (!q) return q.error();
    OJ list = OJ::array();
    for (const auto& f : *q)
      list.push_back(OJ{{"field", f.field}, {"extracted", f.extracted}, {"kept", f.kept}, {"changed", f.changed},
                        {"added", f.added}, {"deleted", f.deleted}});
    return json_reply(OJ{{"from", from.empty() ? OJ(nullptr) : OJ(from)}, {"fields", list}});
  });
}

}  // namespace dondoc::server
