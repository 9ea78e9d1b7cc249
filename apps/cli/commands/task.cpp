// dondoc task ID [--db DB] [--json] [--status S] [--note TEXT] [--done-on D] [--due D | --clear-due]
//                [--lead UNIT]... [--as-of D]
// Shows one task with its history; with options, records a person's change first.
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
const char* event_label(const std::string& kind) {
  if (kind == "created") return "tạo mới";
  if (kind == "extracted") return "trích xuất lại";
  if (kind == "status") return "trạng thái";
  if (kind == "note") return "ghi chú";
  if (kind == "done_on") return "ngày xong";
  if (kind == "due") return "sửa hạn";
  if (kind == "lead") return "giao lại";
  return kind.c_str();
}
}  // namespace

int cmd_task(int argc, char** argv) {
  CLI::App app{"Xem hoặc cập nhật một nhiệm vụ", "dondoc task"};
  std::string db, as_of, status, done_on, due;
  std::string note;
  std::vector<std::string> lead;
  bool json = false, clear_due = false, clear_lead = false;
  int64_t id = 0;
  add_db_option(app, db);
  add_as_of_option(app, as_of);
  app.add_option("id", id, "ID nhiệm vụ (xem dondoc tasks)")->required();
  app.add_flag("--json", json, "in một dòng JSON (kèm lịch sử)");
  app.add_option("--status", status, "open, in_progress, done, cancelled");
  auto* note_opt = app.add_option("--note", note, "ghi chú (lưu vào lịch sử)");
  app.add_option("--done-on", done_on, "ngày hoàn thành (YYYY-MM-DD); mặc định --as-of khi --status done");
  app.add_option("--due", due, "sửa hạn (YYYY-MM-DD); hạn trích xuất vẫn được giữ");
  app.add_flag("--clear-due", clear_due, "bỏ hạn đã sửa, dùng lại hạn trích xuất");
  app.add_option("--lead", lead, "giao lại cho đơn vị chủ trì này (lặp lại cho nhiều đơn vị)");
  app.add_flag("--clear-lead", clear_lead, "bỏ việc giao lại, dùng đơn vị trích xuất");
  if (int rc = parse_args(app, argc, argv); rc >= 0) return rc;
  auto today = as_of_or_today("task", as_of);
  if (!today) return kExitUsage;
  service::TaskChange c;
  if (!status.empty() && !(c.status = parse_status(status))) {
    std::fprintf(stderr, "dondoc task: trạng thái '%s' không hợp lệ (open, in_progress, done, cancelled)\n", status.c_str());
    return kExitUsage;
  }
  if (!done_on.empty() && !(c.done_on = parse_date_option("task", "--done-on", done_on))) return kExitUsage;
  if (!due.empty() && !(c.due = parse_date_option("task", "--due", due))) return kExitUsage;
  c.clear_due = clear_due;
  if (note_opt->count()) c.note = note;
  if (!lead.empty() || clear_lead) c.lead = lead;
  auto st = open_store("task", db, {.read_only = c.empty()});
  if (!st) return kExitBadInput;
  service::Service svc(*st, cli_clock(*today));
  // A done date means done, done means today: the service's rule, as for the web.
  auto view = c.empty() ? svc.task(service::Actor::local(), id) : svc.update_task(service::Actor::local(), id, c);
  if (!view) {
    print_error("task", view.error());
    return kExitBadInput;
  }
  const auto& t = view->task;
  const auto& cal = calendar::Calendar::builtin();
  if (json) {
    auto j = codec::task_json(t, *today, cal);
    j["history"] = codec::history_json(view->history);
    print_json_line(j);
    return kExitOk;
  }
  int late = track::overdue_days(t, *today);
  std::printf("Nhiệm vụ #%lld  (văn bản %s, mục %s)\n", static_cast<long long>(t.id), t.document.c_str(), t.task.ref.c_str());
  std::printf("  Nội dung    : %s\n", t.task.action.c_str());
  std::printf("  Chủ trì     : %s%s\n", join_names(t.leads()).c_str(), t.lead_override.empty() ? "" : " (đã giao lại)");
  std::printf("  Phối hợp    : %s\n", join_names(t.supports()).c_str());
  std::printf("  Thời hạn    : %s\n", format_deadlines(t.task).c_str());
  std::printf("  Hạn         : %s%s\n", t.due() ? to_vn(*t.due()).c_str() : "-", t.due_override ? " (đã sửa)" : t.occurrence ? " (kỳ tới của nhiệm vụ định kỳ)" : "");
  std::printf("  Trạng thái  : %s%s%s\n", status_label(t.status),
              t.done_on ? (" ngày " + to_vn(*t.done_on)).c_str() : "",
              late ? (", quá hạn " + std::to_string(late) + " ngày (" +
                      std::to_string(track::overdue_working_days(t, *today, cal)) + " ngày làm việc)").c_str()
                   : "");
  std::printf("\nLịch sử:\n");
  TextTable h({"Thời điểm", "Sự kiện", "Trước", "Sau"}, {19, 14, 40, 60});
  for (const auto& e : view->history) h.add({e.at, event_label(e.kind), e.old_value.value_or("-"), e.new_value.value_or("-")});
  h.print(stdout);
  return kExitOk;
}

}  // namespace dondoc::cli
