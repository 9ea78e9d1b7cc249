// GET/POST /api/documents, GET/PATCH /api/documents/{id}, GET /api/documents/{id}/file,
// PUT /api/documents/{id}/anchors, GET /api/documents/lookup?ref=.
#include "../api.h"
#include "codec/records.h"

namespace dondoc::server {
namespace {

Result<store::DocumentFilter> filter_of(const Context& c) {
  store::DocumentFilter f;
  f.type = c.param("type");
  f.issuer = c.param("issuer");
  if (auto v = c.param("from"); !v.empty()) {
    auto d = date_param(v, "from");
    if (!d) return d.error();
    f.from = *d;
  }
  if (auto v = c.param("to"); !v.empty()) {
    auto d = date_param(v, "to");
    if (!d) return d.error();
    f.to = *d;
  }
  if (auto l = c.param("limit"); !l.empty() && l.find_first_not_of("0123456789") == std::string::npos && l.size() < 7)
    f.limit = std::stoi(l);
  return f;
}

std::string base_name(const std::string& name) {
  std::string s = name.substr(name.find_last_of("/\\") == std::string::npos ? 0 : name.find_last_of("/\\") + 1);
  return s.empty() ? "tai-len" : s;
}

OJ view_json(const service::DocumentView& v, const Date& as_of) {
  return codec::document_json({.doc = &v.doc,
                               .tasks = &v.tasks,
                               .cites = &v.cites,
                               .cited_by = &v.cited_by,
                               .with_text = true,
                               .corrected = &v.corrected,
                               .anchors = &v.anchors},
                              as_of, calendar::Calendar::builtin());
}

}  // namespace

void add_document_routes(Api& api) {
  api.get("/api/documents", [](Context& c) -> Result<Reply> {
    auto f = filter_of(c);
    if (!f) return f.error();
    auto docs = c.svc.list_documents(c.actor, *f);
    if (!docs) return docs.error();
    OJ list = OJ::array();
    for (const auto& d : *docs) list.push_back(codec::summary_json(d));
    return json_reply(OJ{{"documents", list}});
  });

  // Uploads: field "file", one or more. Each file is read and stored on its own; an answer
  // lists what became of each. When none could be stored, the status is the first failure's.
  api.post("/api/documents", [](Context& c) -> Result<Reply> {
    if (!c.req.is_multipart_form_data() || !c.req.has_file("file"))
      return make_error(ErrorCode::kInvalidInput, "cần gửi tệp trong trường 'file' (multipart/form-data)");
    if (!c.actor.edits_documents())
      return make_error(ErrorCode::kForbidden, "tài khoản này không được nạp văn bản");
    ingest::ReaderContext ctx;
    ctx.max_file_bytes = 64u << 20;
    pipeline::ExtractOptions opts = service::file_extract_options();
    opts.today = c.svc.clock().today;
    OJ results = OJ::array();
    std::optional<Error> first_error;
    int stored = 0;
    auto [begin, end] = c.req.files.equal_range("file");
    for (auto it = begin; it != end; ++it) {
      const auto& f = it->second;
      std::string name = base_name(f.filename);
      auto put = c.svc.ingest_bytes(c.actor, f.content, name, ctx, opts);
      if (!put) {
        if (!first_error) first_error = put.error();
        results.push_back(OJ{{"file", name}, {"ok", false}, {"error", put.error().message}});
        continue;
      }
      ++stored;
      const char* outcome = put->put.outcome == store::PutOutcome::kAdded     ? "added"
                            : put->put.outcome == store::PutOutcome::kUpdated ? "updated"
                                                                              : "skipped";
      results.push_back(OJ{{"file", name}, {"ok", true}, {"outcome", outcome}, {"document_id", put->put.document_id},
                           {"tasks_added", put->put.tasks_added}});
    }
    if (stored == 0 && first_error) {
      Reply r = error_reply(*first_error);
      auto j = OJ::parse(r.body);
      j["results"] = results;
      return json_reply(j, r.status);
    }
    return json_reply(OJ{{"results", results}}, 201);
  });

  api.get("/api/documents/lookup", [](Context& c) -> Result<Reply> {
    auto id = c.svc.find_document(c.actor, c.param("ref"));
    if (!id) return id.error();
    return json_reply(OJ{{"id", *id}});
  });

  api.get(R"(/api/documents/(\d+))", [](Context& c) -> Result<Reply> {
    auto id = c.id();
    if (!id) return id.error();
    auto v = c.svc.document(c.actor, *id);
    if (!v) return v.error();
    return json_reply(view_json(*v, c.svc.clock().today));
  });

  api.get(R"(/api/documents/(\d+)/file)", [](Context& c) -> Result<Reply> {
    auto id = c.id();
    if (!id) return id.error();
    auto f = c.svc.document_file(c.actor, *id);
    if (!f) return f.error();
    // Always a download, never rendered by the browser.
    return file_reply(std::move(f->content), "application/octet-stream", f->info.name);
  });

  api.patch(R"(/api/documents/(\d+))", [](Context& c) -> Result<Reply> {
    auto id = c.id();
    if (!id) return id.error();
    auto body = c.body_json();
    if (!body) return body.error();
    auto v = c.svc.correct_document(c.actor, *id, *body);
    if (!v) return v.error();
    return json_reply(view_json(*v, c.svc.clock().today));
  });

  api.put(R"(/api/documents/(\d+)/anchors)", [](Context& c) -> Result<Reply> {
    auto id = c.id();
    if (!id) return id.error();
    auto body = c.body_json();
    if (!body) return body.error();
    if (!body->is_object() || !(*body)["anchor"].is_string() || !(*body)["date"].is_string())
      return make_error(ErrorCode::kInvalidInput, "cần {\"anchor\": \"diễn tập chính thức\", \"date\": \"YYYY-MM-DD\"}");
    auto d = date_param((*body)["date"].get<std::string>(), "date");
    if (!d) return d.error();
    auto v = c.svc.set_anchor(c.actor, *id, (*body)["anchor"].get<std::string>(), *d);
    if (!v) return v.error();
    return json_reply(view_json(*v, c.svc.clock().today));
  });
}

}  // namespace dondoc::server
