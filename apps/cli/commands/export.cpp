// dondoc export [--db DB] [--out FILE]
// The whole store as JSON Lines (documents with their original files, tasks with history), for
// backups and for moving between SQLite and PostgreSQL (dondoc import).
#include <cstdio>

#include "../command.h"
#include "commands.h"
#include "store_common.h"
#include "track/track.h"

namespace dondoc::cli {

int cmd_export(int argc, char** argv) {
  CLI::App app{"Xuất toàn bộ kho ra JSON Lines", "dondoc export"};
  std::string db, out;
  add_db_option(app, db);
  app.add_option("--out", out, "ghi ra tệp này (mặc định: đầu ra chuẩn)");
  if (int rc = parse_args(app, argc, argv); rc >= 0) return rc;
  auto st = open_store("export", db, {.read_only = true});
  if (!st) return kExitBadInput;
  // Written beside the target and renamed at the end, so a failed export leaves no half file.
  std::string tmp = out.empty() ? "" : out + ".tmp";
  FILE* f = out.empty() ? stdout : std::fopen(tmp.c_str(), "wb");
  if (!f) {
    std::fprintf(stderr, "dondoc export: không tạo được '%s'\n", out.c_str());
    return kExitBadInput;
  }
  auto n = track::export_jsonl(*st, f);
  bool closed = f == stdout || std::fclose(f) == 0;
  if (!n || !closed || (!out.empty() && std::rename(tmp.c_str(), out.c_str()) != 0)) {
    std::fprintf(stderr, "dondoc export: %s\n", n ? "không ghi được tệp" : n.error().to_string().c_str());
    if (!out.empty()) std::remove(tmp.c_str());
    return kExitBadInput;
  }
  std::fprintf(stderr, "Đã xuất %lld văn bản (%lld tệp gốc), %lld nhiệm vụ.\n", static_cast<long long>(n->documents),
               static_cast<long long>(n->files), static_cast<long long>(n->tasks));
  return kExitOk;
}

}  // namespace dondoc::cli
