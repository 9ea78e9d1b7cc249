// dondoc show [--db DB] [--json] [--as-of D] [--save FILE] ID-or-SYMBOL
// One document: its fields, its tracked tasks, what it cites and what cites it; --save writes
// the original file back out.
#include <cstdio>

#include "../command.h"
#include "../table.h"
#include "codec/records.h"
#include "commands.h"
#include "common.h"
#include "store_common.h"
#include "track/track.h"

namespace dondoc::cli {
namespace {

std::string citation_label(const Citation& c) {
  DocKind k = c.symbol && c.symbol->find('/') != std::string::npos ? DocKind::kParty : DocKind::kState;
  std::string id = document_identifier(k, c.number, c.symbol, c.year);
  return c.type + " " + (id.empty() ? c.text : id) + (c.date ? " ngày " + to_vn(*c.date) : "");
}

}  // namespace

int cmd_show(int argc, char** argv) {
  CLI::App app{"Xem một văn bản: thông tin, nhiệm vụ, văn bản dẫn chiếu và được dẫn chiếu", "dondoc show"};
  std::string db, as_of, ref, save;
  bool json = false;
  add_db_option(app, db);
  add_as_of_option(app, as_of);
  app.add_flag("--json", json, "in một dòng JSON");
  app.add_option("--save", save, "ghi lại tệp gốc (bản mới nhất) ra tệp này");
  app.add_option("document", ref, "ID hoặc số, ký hiệu (1275-CV/ĐUK, 30/2020/NĐ-CP)")->required();
  if (int rc = parse_args(app, argc, argv); rc >= 0) return rc;
  auto today = as_of_or_today("show", as_of);
  if (!today) return kExitUsage;
  auto st = open_store("show", db, {.read_only = true});
  if (!st) return kExitBadInput;
  auto id = resolve_document("show", *st, ref);
  if (!id) return kExitBadInput;
  service::Service svc(*st, cli_clock(*today));
  auto view = svc.document(service::Actor::local(), *id);
  if (!view) {
    print_error("show", view.error());
    return kExitBadInput;
  }
  const store::StoredDocument& d = view->doc;
  const auto* tasks = &view->tasks;
  const auto* cites = &view->cites;
  const auto* cited = &view->cited_by;
  const auto& cal = calendar::Calendar::builtin();
  if (!save.empty()) {
    auto f = st->file(d.summary.sha256);
    FILE* out = f && *f ? std::fopen(save.c_str(), "wb") : nullptr;
    if (!out || std::fwrite((*f)->content.data(), 1, (*f)->content.size(), out) != (*f)->content.size() ||
        std::fclose(out) != 0) {
      std::fprintf(stderr, "dondoc show: không ghi được '%s'\n", save.c_str());
      return kExitBadInput;
    }
    std::fprintf(stderr, "Đã ghi tệp gốc %s (%zu byte) ra %s\n", d.summary.file_name.c_str(), (*f)->content.size(),
                 save.c_str());
  }
  if (json) {
    print_json_line(codec::document_json({.doc = &d, .tasks = tasks, .cites = cites, .cited_by = cited}, *today, cal));
    return kExitOk;
  }
  const auto& s = d.summary;
  std::printf("Văn bản #%lld  %s\n", static_cast<long long>(s.id), s.identifier.empty() ? "(chưa có số)" : s.identifier.c_str());
  std::printf("  Loại văn bản : %s\n", s.type.value_or("-").c_str());
  std::printf("  Ngày         : %s%s\n", s.date ? format_partial_date(*s.date).c_str() : "-",
              d.doc.place ? (", " + *d.doc.place).c_str() : "");
  std::printf("  Cơ quan      : %s\n", s.issuer.value_or("-").c_str());
  std::printf("  Trích yếu    : %s\n", s.subject.value_or("-").c_str());
  for (const auto& f : d.files)
    std::printf("  Tệp          : %s (%lld byte, nạp %s, sha256 %.12s…)\n", f.name.c_str(), static_cast<long long>(f.size),
                f.added_at.c_str(), f.sha256.c_str());
  std::printf("\nNhiệm vụ (%zu):\n", tasks->size());
  if (!tasks->empty()) {
    TextTable t({"ID", "Mục", "Chủ trì", "Hạn", "Trạng thái", "Nội dung"}, {7, 10, 30, 10, 22, 60});
    for (const auto& x : *tasks) {
      int late = track::overdue_days(x, *today);
      std::string state = status_label(x.status);
      if (late) state += ", quá " + std::to_string(late) + " ngày";
      if (!x.present) state += " (không còn trong bản mới)";
      t.add({std::to_string(x.id), x.task.ref, join_names(x.leads()), x.due() ? to_vn(*x.due()) : "-", state, x.task.action});
    }
    t.print(stdout);
  }
  std::printf("\nVăn bản được dẫn chiếu (%zu):\n", cites->size());
  for (const auto& l : *cites)
    std::printf("  - %s%s\n", citation_label(l.citation).c_str(),
                l.target_id ? (" → #" + std::to_string(*l.target_id) + " trong kho").c_str() : " (chưa có trong kho)");
  std::printf("\nĐược dẫn chiếu bởi (%zu):\n", cited->size());
  for (const auto& l : *cited)
    std::printf("  - #%lld %s %s\n", static_cast<long long>(l.document_id), l.document_type.value_or("").c_str(),
                l.document_label.c_str());
  return kExitOk;
}

}  // namespace dondoc::cli
