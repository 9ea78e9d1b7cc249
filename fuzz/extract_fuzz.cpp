// Fuzz target: bytes -> text decoding -> normalize -> structure -> extraction, in memory.
// Checks the invariants the pipeline promises: no crash, spans inside the text, the same input
// gives the same output, normalize is idempotent.
#include <cstdint>
#include <cstdlib>
#include <cstdio>
#include <string>

#include "codec/codec.h"
#include "ingest/ingest.h"
#include "normalize/normalize.h"
#include "pipeline/pipeline.h"

namespace {
void check(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "fuzz invariant broken: %s\n", what);
    std::abort();
  }
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto raw = dondoc::ingest::decode_text(bytes);
  if (!raw) return 0;
  const auto& rules = dondoc::rules::Rules::builtin();
  dondoc::pipeline::ExtractOptions opts;
  opts.today = dondoc::Date{2026, 11, 25};
  dondoc::Document a = dondoc::pipeline::extract(raw->text, rules, opts);
  auto len = static_cast<uint32_t>(raw->text.size());
  for (const auto& [k, s] : a.spans) check(s.begin <= s.end && s.end <= len, "header span in bounds");
  for (const auto& c : a.citations) check(c.span.end <= len, "citation span in bounds");
  for (const auto& t : a.tasks) {
    check(t.span.end <= len, "task span in bounds");
    for (const auto& d : t.deadlines) check(d.span.end <= len, "deadline span in bounds");
  }
  dondoc::Document b = dondoc::pipeline::extract(raw->text, rules, opts);
  // Every string the pipeline produces is valid UTF-8 (dump throws otherwise).
  check(dondoc::codec::to_json(a).dump() == dondoc::codec::to_json(b).dump(), "deterministic");
  std::string once = dondoc::normalize::normalize(raw->text).text;
  check(dondoc::normalize::normalize(once).text == once, "normalize idempotent");
  // A text file does not turn binary by one stray NUL (an editor's slip): it is dropped.
  size_t controls = 0;
  for (char c : bytes) controls += static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\r' && c != '\t';
  if (raw->info.encoding != "utf-16le" && raw->info.encoding != "utf-16be" && controls * 100 < bytes.size()) {
    std::string with_nul(bytes);
    with_nul.insert(with_nul.find('\n') == std::string::npos ? 0 : with_nul.find('\n'), 1, '\0');
    check(static_cast<bool>(dondoc::ingest::decode_text(with_nul)), "one NUL does not make a text binary");
  }
  return 0;
}
