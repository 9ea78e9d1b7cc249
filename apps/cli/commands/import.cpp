// dondoc import [--db DB] [FILE]
// Restores a `dondoc export` file (stdin when no FILE) into an empty store, keeping ids; all or
// nothing: one transaction.
#include <cstdio>

#include "../command.h"
#include "commands.h"
#include "store_common.h"
#include "track/track.h"

namespace dondoc::cli {

int cmd_import(int argc, char** argv) {
  CLI::App app{"Nhập kho từ tệp JSON Lines của dondoc export", "dondoc import"};
  std::string db, file;
  add_db_option(app, db);
  app.add_option("file", file, "tệp xuất (mặc định: đầu vào chuẩn)");
  if (int rc = parse_args(app, argc, argv); rc >= 0) return rc;
  FILE* in = file.empty() || file == "-" ? stdin : std::fopen(file.c_str(), "rb");
  if (!in) {
    std::fprintf(stderr, "dondoc import: không mở được '%s'\n", file.c_str());
    return kExitBadInput;
  }
  auto st = open_store("import", db, {.create = true});
  if (!st) return kExitBadInput;
  auto n = track::import_jsonl(*st, in);
  if (in != stdin) std::fclose(in);
  if (!n) {
    std::fprintf(stderr, "dondoc import: %s; không có gì được nhập\n", n.error().to_string().c_str());
    return kExitBadInput;
  }
  std::fprintf(stderr, "Đã nhập %lld văn bản (%lld tệp gốc), %lld nhiệm vụ.\n", static_cast<long long>(n->documents),
               static_cast<long long>(n->files), static_cast<long long>(n->tasks));
  return kExitOk;
}

}  // namespace dondoc::cli
