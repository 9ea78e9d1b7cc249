// dondoc restore [--ocr] [--model PATH] [FILE]
// Reads text (stdin when no FILE) and writes it back with Vietnamese diacritics restored;
// everything that is not a Vietnamese word is copied unchanged.
#include "restore/restore.h"

#include <CLI/CLI.hpp>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>

#include "../command.h"
#include "commands.h"
#include "common.h"
#include "store_common.h"

namespace dondoc::cli {
namespace {

bool read_all(const std::string& file, std::string* out) {
  if (file.empty() || file == "-") {
    out->assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
    return !std::cin.bad();
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) return false;
  out->assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return !in.bad();
}

}  // namespace

int cmd_restore(int argc, char** argv) {
  CLI::App app{"Khôi phục dấu tiếng Việt cho văn bản không dấu (đọc stdin khi không có FILE)",
               "dondoc restore"};
  bool ocr = false;
  std::string file, model_path;
  app.add_flag("--ocr", ocr,
               "sửa thêm lỗi nhận dạng ký tự (OCR): chữ nhầm, dấu đặt sai, âm tiết bị tách");
  app.add_option("--model", model_path,
                 "tệp mô hình (mặc định: $DONDOC_RESTORE_MODEL, restore.model cạnh dondoc)");
  app.add_option("file", file, "tệp văn bản UTF-8");
  if (int rc = parse_args(app, argc, argv); rc >= 0) return rc;
  auto model = find_restore_model(model_path);
  if (!model) {
    const Error& e = model.error();
    std::fprintf(stderr, "dondoc restore: %s\n",
                 e.code == ErrorCode::kNotFound
                     ? e.message.c_str()
                     : ("mô hình khôi phục dấu không dùng được: " + e.to_string()).c_str());
    return kExitBadInput;
  }
  std::string text;
  if (!read_all(file, &text)) {
    std::fprintf(stderr, "dondoc restore: không đọc được tệp '%s'\n", file.c_str());
    return kExitBadInput;
  }
  restore::Restored r =
      ocr ? restore::repair_ocr(*model, text) : restore::restore_text(*model, text);
  std::fwrite(r.text.data(), 1, r.text.size(), stdout);
  std::fflush(stdout);
  return kExitOk;
}

}  // namespace dondoc::cli
