// dondoc export-gold [--db DB] DIR
// Each document people corrected, with its text, as a gold file of shared/eval/score.py:
// DIR/doc-<id>.txt and DIR/doc-<id>.gold.json. The office's corrections become its regression corpus.
#include <cstdio>
#include <filesystem>

#include "../command.h"
#include "commands.h"
#include "core/atomic_file.h"
#include "store_common.h"

namespace dondoc::cli {

int cmd_export_gold(int argc, char** argv) {
  CLI::App app{"Xuất các văn bản đã được sửa thành tệp chuẩn (gold) cho eval/score.py", "dondoc export-gold"};
  std::string db, dir;
  add_db_option(app, db);
  app.add_option("dir", dir, "thư mục đích")->required();
  if (int rc = parse_args(app, argc, argv); rc >= 0) return rc;
  auto st = open_store("export-gold", db, {.read_only = true});
  if (!st) return kExitBadInput;
  service::Service svc(*st, cli_clock(local_today()));
  auto golds = svc.gold_documents(service::Actor::local());
  if (!golds) {
    print_error("export-gold", golds.error());
    return kExitBadInput;
  }
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) {
    std::fprintf(stderr, "dondoc export-gold: không tạo được thư mục '%s'\n", dir.c_str());
    return kExitBadInput;
  }
  for (auto& [name, gold] : *golds) {
    std::string text = gold["text_content"].get<std::string>();
    gold.erase("text_content");
    std::filesystem::path base = std::filesystem::path(dir) / name;
    // Each file written whole (a temporary beside it, synced, renamed): an interrupted export
    // leaves no half file.
    Status s = write_file_atomic(base.string() + ".txt", text);
    if (s)
      s = write_file_atomic(base.string() + ".gold.json",
                            gold.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");
    if (!s) {
      print_error("export-gold", s.error());
      return kExitBadInput;
    }
  }
  std::fprintf(stderr, "Đã xuất %zu văn bản đã sửa vào %s.\n", golds->size(), dir.c_str());
  return kExitOk;
}

}  // namespace dondoc::cli
