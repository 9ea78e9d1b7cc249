// Fuzz target: the PDF reader on bytes in memory (text layer, layout, scanned-page probe).
// OCR is off and pages are few, so that a run takes milliseconds; OCR has its own tests.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/ingest.h"
#include "ingest/readers.h"

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

// The scaling check's runs become a page of text (one PDF text line per line of the run, ASCII
// and Latin-1 bytes as they are): the reading-order layout sees long lines and many lines.
std::string DondocFuzzEmbed(const std::string& /*seed*/, const std::string& run) {
  std::string content = "BT /F1 10 Tf 12 TL 20 820 Td\n";
  size_t start = 0;
  while (start <= run.size()) {
    size_t nl = run.find('\n', start);
    if (nl == std::string::npos) nl = run.size();
    content += "(";
    for (char c : run.substr(start, nl - start)) {
      if (c == '(' || c == ')' || c == '\\') content += '\\';
      content += c;
    }
    content += ") Tj T*\n";
    if (nl == run.size()) break;
    start = nl + 1;
  }
  content += "ET";
  std::vector<std::string> objects = {
      "<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
      "<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content + "\nendstream",
      "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"};
  std::string pdf = "%PDF-1.4\n";
  std::vector<size_t> offsets;
  for (size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(pdf.size());
    pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  size_t xref = pdf.size();
  pdf += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
  for (size_t off : offsets) {
    char line[32];
    std::snprintf(line, sizeof line, "%010zu 00000 n \n", off);
    pdf += line;
  }
  pdf += "trailer\n<< /Size " + std::to_string(objects.size() + 1) + " /Root 1 0 R >>\nstartxref\n" + std::to_string(xref) +
         "\n%%EOF\n";
  return pdf;
}

// fontconfig, started by poppler, keeps a process-lifetime cache that LeakSanitizer reports.
extern "C" const char* __lsan_default_suppressions() { return "leak:libfontconfig.so\n"; }
