// dondoc quality [--db DB] [--from D] [--json]
// Extraction quality from real use: per field, how many extracted values people kept, changed,
// added and deleted (documents stored since --from).
#include <cstdio>

#include "../command.h"
#include "../table.h"
#include "commands.h"
#include "store_common.h"

namespace dondoc::cli {

int cmd_quality(int argc, char** argv) {
  CLI::App app{"Chất lượng trích xuất theo thực tế sử dụng: giữ nguyên, sửa, thêm, xóa", "dondoc quality"};
  std::string db, from;
  bool json = false;
  add_db_option(app, db);
  app.add_option("--from", from, "chỉ văn bản nạp từ ngày này (YYYY-MM-DD)");
  app.add_flag("--json", json, "mỗi trường một dòng JSON");
  if (int rc = parse_args(app, argc, argv); rc >= 0) return rc;
  if (!from.empty() && !parse_date_option("quality", "--from", from)) return kExitUsage;
  auto st = open_store("quality", db, {.read_only = true});
  if (!st) return kExitBadInput;
  service::Service svc(*st, cli_clock(local_today()));
  auto q = svc.quality(service::Actor::local(), from);
  if (!q) {
    print_error("quality", q.error());
    return kExitBadInput;
  }
  if (json) {
    for (const auto& f : *q)
      print_json_line({{"field", f.field}, {"extracted", f.extracted}, {"kept", f.kept}, {"changed", f.changed},
                       {"added", f.added}, {"deleted", f.deleted}});
    return kExitOk;
  }
  TextTable t({"Trường", "Trích xuất", "Giữ nguyên", "Sửa", "Thêm", "Xóa", "Độ chính xác"}, {12, 10, 10, 8, 8, 8, 12});
  for (const auto& f : *q) {
    std::string precision = "-";
    if (f.extracted > 0) {
      char buf[16];
      std::snprintf(buf, sizeof buf, "%.1f%%", 100.0 * static_cast<double>(f.kept) / static_cast<double>(f.extracted));
      precision = buf;
    }
    t.add({f.field, std::to_string(f.extracted), std::to_string(f.kept), std::to_string(f.changed),
           std::to_string(f.added), std::to_string(f.deleted), precision});
  }
  t.print(stdout);
  std::printf("\nĐộ chính xác: phần giá trị trích xuất được giữ nguyên%s.\n",
              from.empty() ? "" : (", văn bản nạp từ " + from).c_str());
  return kExitOk;
}

}  // namespace dondoc::cli
