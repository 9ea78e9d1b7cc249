// Reading files into Documents: the diacritics model, bytes -> text -> extraction, and walking
// folders. Moved from the command line so that the CLI and the server read files the same way.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "service/service.h"
#include "core/sha256.h"

namespace dondoc::service {

namespace fs = std::filesystem;

Result<restore::Model> find_restore_model(const std::string& explicit_path) {
  std::vector<std::string> paths;
  if (!explicit_path.empty()) {
    paths.push_back(explicit_path);
  } else if (const char* env = std::getenv("DONDOC_RESTORE_MODEL"); env && *env) {
    paths.emplace_back(env);  // an explicit choice is not second-guessed
  } else {
    std::error_code ec;
    fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) paths.push_back((exe.parent_path() / "restore.model").string());
    paths.emplace_back("/usr/local/share/dondoc/restore.model");
  }
  for (const auto& p : paths) {
    std::error_code ec;
    if (fs::exists(p, ec)) return restore::Model::load(p);
  }
  std::string tried;
  for (const auto& p : paths) tried += "\n  " + p;
  return make_error(
      ErrorCode::kNotFound,
      "không tìm thấy mô hình khôi phục dấu (restore.model). Đã tìm:" + tried +
          "\nHãy dựng mô hình từ kho ngữ liệu: cmake --build <thư mục build> --target restore_model"
          " (khi DONDOC_SHARED_DIR có thư mục corpus), hoặc chạy: dondoc-train-restorer --out"
          " <thư mục build>/restore.model <corpus>/lm <corpus>/train; hoặc đặt biến môi trường"
          " DONDOC_RESTORE_MODEL trỏ tới tệp mô hình.");
}

const restore::Model* default_restore_model() {
  static const std::optional<restore::Model> model = []() -> std::optional<restore::Model> {
    auto m = find_restore_model();
    if (m) return std::move(*m);
    std::fprintf(stderr, "dondoc: chưa có mô hình khôi phục dấu; văn bản không dấu được đọc như đang có (%s)\n",
                 m.error().message.substr(0, m.error().message.find('\n')).c_str());
    return std::nullopt;
  }();
  return model ? &*model : nullptr;
}

pipeline::ExtractOptions file_extract_options() {
  pipeline::ExtractOptions o;
  o.restorer = default_restore_model();
  return o;
}

Result<LoadedDocument> load_bytes(std::string bytes, const std::string& name, const rules::Rules& rules,
                                  const pipeline::ExtractOptions& opts, const ingest::ReaderContext& ctx,
                                  std::string sha256) {
  auto raw = ingest::read_bytes(bytes, name, ctx);
  if (!raw) return make_error(raw.error().code, raw.error().message, name);
  LoadedDocument out;
  out.sha256 = sha256.empty() ? dondoc::sha256_hex(bytes) : std::move(sha256);
  pipeline::ExtractOptions o = opts;
  o.ocr = o.ocr || raw->info.ocr;
  out.doc = pipeline::extract(raw->text, rules, o);
  out.doc.text.reader = raw->info.reader;
  out.doc.text.encoding = raw->info.encoding;
  out.doc.text.ocr = out.doc.text.ocr || raw->info.ocr;
  out.doc.text.page_confidence = raw->info.page_confidence;
  for (auto& n : raw->notes) out.doc.diagnostics.push_back(n);
  out.raw_map = std::move(raw->map);
  out.text = std::move(raw->text);
  out.bytes = std::move(bytes);
  return out;
}

Result<LoadedDocument> load_document(const std::string& path, const rules::Rules& rules,
                                     const pipeline::ExtractOptions& opts, const ingest::ReaderContext& ctx) {
  auto bytes = ingest::read_file(path, ctx);
  if (!bytes) return bytes.error();
  return load_bytes(std::move(*bytes), path, rules, opts, ctx);
}

ingest::WalkResult collect_files(const std::vector<std::string>& paths, const std::string& db, bool follow_links) {
  ingest::WalkOptions o;
  o.follow_links = follow_links;
  if (!db.empty()) o.exclude = {db, db + "-wal", db + "-shm", db + "-journal"};
  return ingest::collect_files(paths, o);
}

}  // namespace dondoc::service
