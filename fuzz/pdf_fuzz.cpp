// Fuzz target: the PDF reader on bytes in memory (text layer, layout, scanned-page probe).
// OCR is off and pages are few, so that a run takes milliseconds; OCR has its own tests.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "ingest/ingest.h"
#include "ingest/readers.h"
#include "ingest/testing.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const auto reader = dondoc::ingest::make_pdf_reader();
  static const dondoc::ingest::ReaderContext ctx = [] {
    dondoc::ingest::ReaderContext c;
    c.ocr = false;
    c.max_pages = 8;
    c.max_text_bytes = 1u << 20;
    return c;
  }();
  auto r = reader->read(std::string_view(reinterpret_cast<const char*>(data), size), ctx);
  if (r && r->text.size() > ctx.max_text_bytes) __builtin_trap();  // the text limit holds
  return 0;
}

// The scaling check's runs become a page of text (one PDF text line per line of the run, bytes
// as they are): the reading-order layout sees long lines and many lines.
std::string DondocFuzzEmbed(const std::string& /*seed*/, const std::string& run) {
  return dondoc::ingest::fixtures::make_text_page_pdf(run);
}

// fontconfig, started by poppler, keeps a process-lifetime cache that LeakSanitizer reports.
extern "C" const char* __lsan_default_suppressions() { return "leak:libfontconfig.so\n"; }
