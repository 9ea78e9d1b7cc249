// dondoc docs [--db DB] [--json] [--type T] [--issuer I] [--from D] [--to D] [--limit N]
#include <cstdio>

#include "../command.h"
#include "../table.h"
#include "codec/records.h"
#include "commands.h"
#include "common.h"
#include "store_common.h"

namespace dondoc::cli {
namespace {

}  // namespace

int cmd_docs(int argc, char** argv) {
  CLI::App app{"Liệt kê văn bản trong kho", "dondoc docs"};
  std::string db, type, issuer, from, to;
  bool json = false;
  int limit = 0;
  add_db_option(app, db);
  app.add_flag("--json", json, "mỗi văn bản một dòng JSON");
  app.add_option("--type", type, "loại văn bản (Công văn, Kết luận, ...; có dấu hay không đều được)");
  app.add_option("--issuer", issuer, "một phần tên cơ quan ban hành");
  app.add_option("--from", from, "từ ngày ban hành (YYYY-MM-DD)");
  app.add_option("--to", to, "đến ngày ban hành (YYYY-MM-DD)");
  app.add_option("--limit", limit, "số văn bản tối đa");
  if (int rc = parse_args(app, argc, argv); rc >= 0) return rc;
  store::DocumentFilter f{type, issuer, std::nullopt, std::nullopt, limit};
  if (!from.empty() && !(f.from = parse_date_option("docs", "--from", from))) return kExitUsage;
  if (!to.empty() && !(f.to = parse_date_option("docs", "--to", to))) return kExitUsage;
  auto st = open_store("docs", db, {.read_only = true});
  if (!st) return kExitBadInput;
  service::Service svc(*st, cli_clock(local_today()));
  auto docs = svc.list_documents(service::Actor::local(), f);
  if (!docs) {
    print_error("docs", docs.error());
    return kExitBadInput;
  }
  if (json) {
    for (const auto& d : *docs) print_json_line(codec::summary_json(d));
    return kExitOk;
  }
  if (docs->empty()) {
    std::printf("Không có văn bản nào.\n");
    return kExitOk;
  }
  TextTable t({"ID", "Số, ký hiệu", "Loại", "Ngày", "Cơ quan ban hành", "Trích yếu"}, {7, 22, 12, 10, 30, 60});
  for (const auto& d : *docs)
    t.add({std::to_string(d.id), d.identifier.empty() ? "(chưa có số)" : d.identifier, d.type.value_or("-"),
           d.date ? format_partial_date(*d.date) : "-", d.issuer.value_or("-"), d.subject.value_or(d.file_name)});
  t.print(stdout);
  std::printf("\n%zu văn bản.\n", docs->size());
  return kExitOk;
}

}  // namespace dondoc::cli
