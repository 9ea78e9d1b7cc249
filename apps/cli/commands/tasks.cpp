// dondoc tasks [--db DB] [--json] [--unit U] [--status S] [--overdue] [--due-within N] [--as-of D]
//              [--document ID-or-SYMBOL] [--all]
#include <cstdio>
#include <sstream>

#include "../command.h"
#include "../table.h"
#include "commands.h"
#include "store_common.h"
#include "codec/records.h"
#include "track/track.h"

namespace dondoc::cli {

int cmd_tasks(int argc, char** argv) {
  CLI::App app{"Liệt kê nhiệm vụ được theo dõi", "dondoc tasks"};
  std::string db, as_of, unit, status, document;
  bool json = false, overdue = false, all = false, support = false;
  int within = -1;
  add_db_option(app, db);
  add_as_of_option(app, as_of);
  app.add_flag("--json", json, "mỗi nhiệm vụ một dòng JSON");
  app.add_option("--unit", unit, "đơn vị chủ trì (một phần tên, có dấu hay không đều được)");
  app.add_flag("--support", support, "--unit tính cả đơn vị phối hợp");
  app.add_option("--status", status, "open, in_progress, done, cancelled (nhiều giá trị cách nhau bởi dấu phẩy)");
  app.add_flag("--overdue", overdue, "chỉ nhiệm vụ quá hạn (tính đến --as-of)");
  app.add_option("--due-within", within, "chỉ nhiệm vụ đến hạn trong N ngày tới");
  app.add_option("--document", document, "chỉ nhiệm vụ của văn bản này (ID hoặc số, ký hiệu)");
  app.add_flag("--all", all, "cả nhiệm vụ không còn trong bản mới nhất của văn bản");
  if (int rc = parse_args(app, argc, argv); rc >= 0) return rc;
  auto today = as_of_or_today("tasks", as_of);
  if (!today) return kExitUsage;
  service::TaskQuery q;
  q.overdue = overdue;
  q.due_within = within;
  if (!status.empty()) {
    std::stringstream ss(status);
    for (std::string s; std::getline(ss, s, ',');) {
      auto st = parse_status(s);
      if (!st) {
        std::fprintf(stderr, "dondoc tasks: trạng thái '%s' không hợp lệ (open, in_progress, done, cancelled)\n", s.c_str());
        return kExitUsage;
      }
      q.statuses.push_back(*st);
    }
  }
  q.unit = unit;
  q.support = support;
  q.all = all;
  q.parse_deadlines = false;  // neither the table nor the JSON lines need them parsed
  auto st = open_store("tasks", db, {.read_only = true});
  if (!st) return kExitBadInput;
  if (!document.empty()) {
    auto id = resolve_document("tasks", *st, document);
    if (!id) return kExitBadInput;
    q.document_id = *id;
  }
  service::Service svc(*st, cli_clock(*today));
  auto tasks = svc.list_tasks(service::Actor::local(), q);
  if (!tasks) {
    print_error("tasks", tasks.error());
    return kExitBadInput;
  }
  const auto& cal = calendar::Calendar::builtin();
  if (json) {
    std::string out;
    for (const auto& t : *tasks) out += codec::task_json_line(t, *today, cal) + "\n";
    std::fwrite(out.data(), 1, out.size(), stdout);
    return kExitOk;
  }
  if (tasks->empty()) {
    std::printf("Không có nhiệm vụ nào.\n");
    return kExitOk;
  }
  TextTable table({"ID", "Văn bản", "Mục", "Chủ trì", "Hạn", "Trạng thái", "Quá hạn", "Nội dung"},
                  {7, 18, 10, 28, 10, 15, 16, 50});
  int late_count = 0;
  for (const auto& t : *tasks) {
    int late = track::overdue_days(t, *today);
    std::string late_s = "-";
    if (late) {
      ++late_count;
      late_s = std::to_string(late) + " ngày (" + std::to_string(track::overdue_working_days(t, *today, cal)) + " NLV)";
    }
    table.add({std::to_string(t.id), t.document, t.task.ref, join_names(t.leads()), t.due() ? to_vn(*t.due()) : "-",
               status_label(t.status), late_s, t.task.action});
  }
  table.print(stdout);
  std::printf("\n%zu nhiệm vụ, %d quá hạn tính đến %s (NLV: ngày làm việc).\n", tasks->size(), late_count,
              to_vn(*today).c_str());
  return kExitOk;
}

}  // namespace dondoc::cli
