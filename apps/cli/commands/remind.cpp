// dondoc remind [--db DB] [--json] [--within N] [--unit U] [--as-of D]
// Per unit: what is overdue and what falls due within N days.
#include <cstdio>

#include "../command.h"
#include "../table.h"
#include "codec/records.h"
#include "commands.h"
#include "store_common.h"
#include "track/track.h"

namespace dondoc::cli {

int cmd_remind(int argc, char** argv) {
  CLI::App app{"Nhắc việc theo đơn vị: sắp đến hạn, quá hạn", "dondoc remind"};
  std::string db, as_of, unit;
  bool json = false;
  int within = 7;
  add_db_option(app, db);
  add_as_of_option(app, as_of);
  app.add_flag("--json", json, "mỗi đơn vị một dòng JSON");
  app.add_option("--within", within, "số ngày tới cần nhắc (mặc định 7)");
  app.add_option("--unit", unit, "chỉ đơn vị này (một phần tên)");
  if (int rc = parse_args(app, argc, argv); rc >= 0) return rc;
  auto today = as_of_or_today("remind", as_of);
  if (!today) return kExitUsage;
  if (within < 0) {
    std::fprintf(stderr, "dondoc remind: --within phải là số ngày không âm\n");
    return kExitUsage;
  }
  auto st = open_store("remind", db, {.read_only = true});
  if (!st) return kExitBadInput;
  service::Service svc(*st, cli_clock(*today));
  auto found = svc.reminders(service::Actor::local(), within, unit);
  if (!found) {
    print_error("remind", found.error());
    return kExitBadInput;
  }
  const auto& groups = *found;
  const auto& cal = calendar::Calendar::builtin();
  if (json) {
    for (const auto& g : groups) print_json_line(codec::reminder_json(g, *today, within, cal));
    return kExitOk;
  }
  if (groups.empty()) {
    std::printf("Không có nhiệm vụ quá hạn hoặc đến hạn trong %d ngày tới (tính đến %s).\n", within, to_vn(*today).c_str());
    return kExitOk;
  }
  for (const auto& g : groups) {
    std::printf("== %s ==\n", g.unit.name.c_str());
    auto list = [&](const std::vector<track::TrackedTask>& v, const char* title) {
      if (v.empty()) return;
      std::printf("%s (%zu):\n", title, v.size());
      for (const auto& t : v) {
        int late = track::overdue_days(t, *today);
        int left = static_cast<int>(days_between(*today, *t.due()));
        std::string when = late ? "quá " + std::to_string(late) + " ngày" : left == 0 ? "hạn hôm nay" : "còn " + std::to_string(left) + " ngày";
        std::printf("  - #%lld [%s, hạn %s] %s (%s, mục %s)\n", static_cast<long long>(t.id), when.c_str(),
                    to_vn(*t.due()).c_str(), truncate_display(t.task.action, 90).c_str(), t.document.c_str(),
                    t.task.ref.c_str());
      }
    };
    list(g.overdue, "Quá hạn");
    list(g.due_soon, ("Đến hạn trong " + std::to_string(within) + " ngày tới").c_str());
    std::printf("\n");
  }
  return kExitOk;
}

}  // namespace dondoc::cli
