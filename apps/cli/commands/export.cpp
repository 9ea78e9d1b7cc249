// dondoc export [--db DB] [--out FILE]
// The whole store as JSON Lines (documents with their original files, tasks with history), for
// backups and for moving between SQLite and PostgreSQL (dondoc import).
#include <cstdio>
#include <optional>

#include "../command.h"
#include "commands.h"
#include "core/atomic_file.h"
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
  // Written beside the target, synced and renamed at the end: a failed export leaves no half file.
  std::optional<AtomicFile> file;
  if (!out.empty()) {
    auto f = AtomicFile::create(out);
    if (!f) {
      std::fprintf(stderr, "dondoc export: %s\n", f.error().to_string().c_str());
      return kExitBadInput;
    }
    file.emplace(std::move(*f));
  }
  auto n = track::export_jsonl(*st, file ? file->stream() : stdout);
  Status done = n ? (file ? file->commit() : ok_status()) : Status(n.error());
  if (!done) {
    std::fprintf(stderr, "dondoc export: %s\n", done.error().to_string().c_str());
    return kExitBadInput;
  }
  std::fprintf(stderr, "Đã xuất %lld văn bản (%lld tệp gốc), %lld nhiệm vụ.\n", static_cast<long long>(n->documents),
               static_cast<long long>(n->files), static_cast<long long>(n->tasks));
  return kExitOk;
}

}  // namespace dondoc::cli
