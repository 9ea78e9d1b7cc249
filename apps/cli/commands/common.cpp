#include "common.h"

#include <signal.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <optional>

#include <nlohmann/json.hpp>

#include "codec/codec.h"

namespace dondoc::cli {

namespace {
// Set by the first Ctrl-C or SIGTERM: readers stop at their next check (between pages, inside
// Tesseract), and commands stop before their next document.
CancelToken g_interrupted;

void on_interrupt(int) {
  if (g_interrupted.cancel()) _exit(130);  // a second Ctrl-C (or SIGTERM) quits at once
  static const char kMsg[] = "\nĐang dừng... (nhấn Ctrl-C lần nữa để thoát ngay)\n";
  ssize_t n = write(STDERR_FILENO, kMsg, sizeof kMsg - 1);
  (void)n;
}
}  // namespace

const CancelToken& interrupt_token() {
  static const bool installed = [] {
    struct sigaction sa{};
    sa.sa_handler = on_interrupt;
    sigemptyset(&sa.sa_mask);
    return sigaction(SIGINT, &sa, nullptr) == 0 && sigaction(SIGTERM, &sa, nullptr) == 0;
  }();
  (void)installed;
  return g_interrupted;
}

ingest::ReaderContext default_reader_context() {
  ingest::ReaderContext ctx;
  ctx.cancelled = &interrupt_token();
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

std::string json_line(const std::string& file, const LoadedDocument& d) {
  codec::JsonOptions jo;
  const auto& raw_map = d.raw_map;
  jo.map_span = [&raw_map](Span s) { return raw_map.maps.empty() ? s : raw_map.to_source(s); };
  return codec::document_json_line({{"file", file}, {"sha256", d.sha256}}, d.doc, jo);
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
