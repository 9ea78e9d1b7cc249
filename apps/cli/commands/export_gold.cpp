// dondoc export-gold [--db DB] DIR
// Each document people corrected, with its text, as a gold file of shared/eval/score.py:
// DIR/doc-<id>.txt and DIR/doc-<id>.gold.json. The office's corrections become its regression corpus.
#include <cstdio>
#include <filesystem>

#include "../command.h"
#include "commands.h"
#include "store_common.h"

namespace dondoc::cli {
namespace {

// Written beside the target and renamed, so an interrupted export leaves no half file.
bool write_atomically(const std::filesystem::path& path, const std::string& bytes) {
  std::string tmp = path.string() + ".tmp";
  FILE* f = std::fopen(tmp.c_str(), "wb");
  if (!f) return false;
  bool ok = std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size();
  ok = std::fclose(f) == 0 && ok;
  if (ok) ok = std::rename(tmp.c_str(), path.c_str()) == 0;
  if (!ok) std::remove(tmp.c_str());
  return ok;
}

}  // namespace

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
    if (!write_atomically(base.string() + ".txt", text) ||
        !write_atomically(base.string() + ".gold.json", gold.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n")) {
      std::fprintf(stderr, "dondoc export-gold: không ghi được vào '%s'\n", dir.c_str());
      return kExitBadInput;
    }
  }
  std::fprintf(stderr, "Đã xuất %zu văn bản đã sửa vào %s.\n", golds->size(), dir.c_str());
  return kExitOk;
}

}  // namespace dondoc::cli
