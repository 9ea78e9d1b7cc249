#include "common.h"

#include <cstdio>

namespace dondoc::cli {

ingest::ReaderContext default_reader_context() { return ingest::ReaderContext{}; }

Result<LoadedDocument> load_document(const std::string& path, const rules::Rules& rules,
                                     const pipeline::ExtractOptions& opts, const ingest::ReaderContext& ctx) {
  auto bytes = ingest::read_file(path, ctx);
  if (!bytes) return bytes.error();
  auto raw = ingest::read_bytes(*bytes, path, ctx);
  if (!raw) return make_error(raw.error().code, raw.error().message, path);
  LoadedDocument out;
  out.sha256 = ingest::sha256_hex(*bytes);
  out.doc = pipeline::extract(raw->text, rules, opts);
  out.doc.text.reader = raw->info.reader;
  out.doc.text.encoding = raw->info.encoding;
  out.doc.text.ocr = out.doc.text.ocr || raw->info.ocr;
  out.doc.text.page_confidence = raw->info.page_confidence;
  for (auto& n : raw->notes) out.doc.diagnostics.push_back(n);
  out.raw_map = std::move(raw->map);
  out.text = std::move(raw->text);
  out.bytes = std::move(*bytes);
  return out;
}

std::string format_partial_date(const PartialDate& d) {
  char buf[32];
  if (d.complete()) std::snprintf(buf, sizeof buf, "%02d/%02d/%04d", d.d, d.m, d.y);
  else if (d.m) std::snprintf(buf, sizeof buf, "%02d/%04d", d.m, d.y);
  else std::snprintf(buf, sizeof buf, "%04d", d.y);
  return buf;
}

std::string format_deadline(const Deadline& d) {
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
