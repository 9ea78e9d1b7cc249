#include "common.h"

#include "codec/codec.h"

#include <signal.h>
#include <unistd.h>

#include <atomic>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <optional>

namespace dondoc::cli {

namespace {
// Set by the first Ctrl-C: readers stop between pages and return what they have.
std::atomic<bool> g_interrupted{false};

void on_interrupt(int) {
  if (g_interrupted.exchange(true)) _exit(130);  // a second Ctrl-C quits at once
  static const char kMsg[] = "\nĐang dừng... (nhấn Ctrl-C lần nữa để thoát ngay)\n";
  ssize_t n = write(STDERR_FILENO, kMsg, sizeof kMsg - 1);
  (void)n;
}
}  // namespace

ingest::ReaderContext default_reader_context() {
  static const bool installed = [] {
    struct sigaction sa{};
    sa.sa_handler = on_interrupt;
    sigemptyset(&sa.sa_mask);
    return sigaction(SIGINT, &sa, nullptr) == 0;
  }();
  (void)installed;
  ingest::ReaderContext ctx;
  ctx.cancelled = &g_interrupted;
  if (isatty(STDERR_FILENO)) {
    // Long OCR jobs show where they are; "\r" rewrites one line, cleared when done.
    ctx.progress = [](int done, int total) {
      if (total < 2) return;
      std::fprintf(stderr, "\rĐang đọc trang %d/%d...", done, total);
      if (done >= total) std::fputs("\r\033[K", stderr);
      std::fflush(stderr);
    };
  }
  return ctx;
}

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

Result<LoadedDocument> load_document(const std::string& path, const rules::Rules& rules,
                                     const pipeline::ExtractOptions& opts, const ingest::ReaderContext& ctx) {
  auto bytes = ingest::read_file(path, ctx);
  if (!bytes) return bytes.error();
  return load_bytes(std::move(*bytes), path, rules, opts, ctx);
}

Result<LoadedDocument> load_bytes(std::string bytes, const std::string& path, const rules::Rules& rules,
                                  const pipeline::ExtractOptions& opts, const ingest::ReaderContext& ctx,
                                  std::string sha256) {
  auto raw = ingest::read_bytes(bytes, path, ctx);
  if (!raw) return make_error(raw.error().code, raw.error().message, path);
  LoadedDocument out;
  out.sha256 = sha256.empty() ? ingest::sha256_hex(bytes) : std::move(sha256);
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

std::string json_line(const std::string& file, const LoadedDocument& d) {
  codec::JsonOptions jo;
  const auto& raw_map = d.raw_map;
  jo.map_span = [&raw_map](Span s) { return raw_map.maps.empty() ? s : raw_map.to_source(s); };
  nlohmann::ordered_json j{{"file", file}, {"sha256", d.sha256}};
  nlohmann::ordered_json body = codec::to_json(d.doc, jo);
  for (auto& [k, v] : body.items()) j[k] = v;
  return j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

std::string format_partial_date(const PartialDate& d) {
  char buf[32];
  if (d.complete()) std::snprintf(buf, sizeof buf, "%02d/%02d/%04d", d.d, d.m, d.y);
  else if (d.m) std::snprintf(buf, sizeof buf, "%02d/%04d", d.m, d.y);
  else std::snprintf(buf, sizeof buf, "%04d", d.y);
  return buf;
}

std::string format_deadline(const Deadline& d) {
  // A recurring duty reads best as written: "trước ngày 25 hằng tháng".
  if (d.recurrence && !d.text.empty()) return d.text;
  if (d.bound == Bound::kRelative) {
    std::string unit = d.unit == TimeUnit::kWorkingDay ? " ngày làm việc" : d.unit == TimeUnit::kMonth ? " tháng" : " ngày";
    int off = d.offset.value_or(0);
    return std::to_string(off < 0 ? -off : off) + unit + (off < 0 ? " trước " : " sau ") + d.anchor.value_or("");
  }
  std::string date = d.date ? to_vn(*d.date) : "?";
  switch (d.bound) {
    case Bound::kBefore: return "trước " + date;
    case Bound::kOn: return "ngày " + date;
    default: return "chậm nhất " + date;
  }
}

std::string format_deadlines(const Task& t) {
  std::string s;
  for (const auto& d : t.deadlines) s += (s.empty() ? "" : "; ") + format_deadline(d);
  return s.empty() ? "-" : s;
}

}  // namespace dondoc::cli
