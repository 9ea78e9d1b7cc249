// dondoc report [--db DB] [--as-of D] [--format md|csv|xlsx|ics] [--out FILE] [--unit U]
// The periodic report on task execution per unit; ics: the due tasks for a phone calendar.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "../command.h"
#include "commands.h"
#include "core/atomic_file.h"
#include "store_common.h"
#include "track/track.h"

namespace dondoc::cli {

int cmd_report(int argc, char** argv) {
  CLI::App app{"Báo cáo tình hình thực hiện nhiệm vụ theo đơn vị", "dondoc report"};
  std::string db, as_of, format = "md", out, unit;
  add_db_option(app, db);
  add_as_of_option(app, as_of);
  app.add_option("--format", format, "md (mặc định), csv, xlsx, ics");
  app.add_option("--out", out, "ghi ra tệp này (mặc định: màn hình)");
  app.add_option("--unit", unit, "chỉ nhiệm vụ do đơn vị này chủ trì");
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
  auto st = open_store("report", db, {.read_only = true});
  if (!st) return kExitBadInput;
  store::TaskFilter f;
  f.unit = unit;
  if (format == "ics") f = track::open_tasks_filter(), f.unit = unit;
  auto tasks = track::load_tasks(*st, f, *today);
  if (!tasks) {
    std::fprintf(stderr, "dondoc report: %s\n", tasks.error().to_string().c_str());
    return kExitBadInput;
  }
  const auto& cal = calendar::Calendar::builtin();
  std::string bytes;
  if (format == "ics") {
    bytes = track::render_ics(*tasks, *today);
  } else {
    track::Report r = track::build_report(*tasks, *today, cal);
    if (format == "md") bytes = track::render_markdown(r);
    if (format == "csv") bytes = track::render_csv(r);
    if (format == "xlsx") {
      // libxlsxwriter writes files by name: the temporary of the output file (a pipe: one in /tmp).
      std::string target = out.empty() ? (std::filesystem::temp_directory_path() /
                                           ("dondoc-report-" + std::to_string(::getpid()) + ".xlsx")).string()
                                        : out;
      auto file = AtomicFile::create(target);
      if (!file) {
        std::fprintf(stderr, "dondoc report: %s\n", file.error().to_string().c_str());
        return kExitBadInput;
      }
      file->close_stream();
      Status s = track::render_xlsx(r, file->temp_path());
      if (s) s = file->commit();
      if (!s) {
        std::fprintf(stderr, "dondoc report: %s\n", s.error().to_string().c_str());
        return kExitBadInput;
      }
      if (!out.empty()) return kExitOk;
      std::ifstream in(target, std::ios::binary);
      std::stringstream ss;
      ss << in.rdbuf();
      bytes = ss.str();
      std::filesystem::remove(target);
    }
  }
  Status written = out.empty() || format == "xlsx" ? write_stdout(bytes) : write_file_atomic(out, bytes);
  if (!written) {
    std::fprintf(stderr, "dondoc report: %s\n", written.error().to_string().c_str());
    return kExitBadInput;
  }
  return kExitOk;
}

}  // namespace dondoc::cli
