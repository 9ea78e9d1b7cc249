// dondoc report [--db DB] [--as-of D] [--format md|csv|xlsx|ics] [--out FILE] [--unit U] [--from D] [--to D]
// The periodic report on task execution per unit; ics: the due tasks for a phone calendar.
#include <cstdio>

#include "../command.h"
#include "commands.h"
#include "store_common.h"
#include "track/track.h"

namespace dondoc::cli {
namespace {

bool write_file(const std::string& path, const std::string& bytes) {
  FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) return false;
  bool ok = std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size();
  return std::fclose(f) == 0 && ok;
}

}  // namespace

int cmd_report(int argc, char** argv) {
  CLI::App app{"Báo cáo tình hình thực hiện nhiệm vụ theo đơn vị", "dondoc report"};
  std::string db, as_of, format = "md", out, unit, from, to;
  add_db_option(app, db);
  add_as_of_option(app, as_of);
  app.add_option("--format", format, "md (mặc định), csv, xlsx, ics");
  app.add_option("--out", out, "ghi ra tệp này (mặc định: màn hình)");
  app.add_option("--unit", unit, "chỉ nhiệm vụ do đơn vị này chủ trì");
  app.add_option("--from", from, "kỳ báo cáo: nhiệm vụ có hạn từ ngày (YYYY-MM-DD)");
  app.add_option("--to", to, "kỳ báo cáo: nhiệm vụ có hạn đến ngày (YYYY-MM-DD)");
  if (int rc = parse_args(app, argc, argv); rc >= 0) return rc;
  auto today = as_of_or_today("report", as_of);
  if (!today) return kExitUsage;
  if (format != "md" && format != "csv" && format != "xlsx" && format != "ics") {
    std::fprintf(stderr, "dondoc report: --format phải là md, csv, xlsx hoặc ics\n");
    return kExitUsage;
  }
  if (format == "xlsx" && out.empty() && stdout_is_terminal()) {
    std::fprintf(stderr, "dondoc report: tệp Excel cần --out TỆP.xlsx (hoặc chuyển hướng ra tệp)\n");
    return kExitUsage;
  }
  service::Service::Period period;
  if (!from.empty() && !(period.from = parse_date_option("report", "--from", from))) return kExitUsage;
  if (!to.empty() && !(period.to = parse_date_option("report", "--to", to))) return kExitUsage;
  auto st = open_store("report", db, {.read_only = true});
  if (!st) return kExitBadInput;
  service::Service svc(*st, cli_clock(*today));
  auto rendered = svc.report(service::Actor::local(), format, unit, period);
  if (!rendered) {
    print_error("report", rendered.error());
    return kExitBadInput;
  }
  const std::string& bytes = rendered->bytes;
  if (out.empty()) {
    std::fwrite(bytes.data(), 1, bytes.size(), stdout);
    return kExitOk;
  }
  if (!write_file(out, bytes)) {
    std::fprintf(stderr, "dondoc report: không ghi được '%s'\n", out.c_str());
    return kExitBadInput;
  }
  return kExitOk;
}

}  // namespace dondoc::cli
