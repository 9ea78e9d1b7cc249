#pragma once
// ingest: bytes of a file -> RawText (UTF-8) for the pipeline. One Reader per format, chosen by
// content (magic bytes) first and file name second; each reports what it did in TextInfo.
// This is the edge of the system: it may fail, and returns Result.
//
// Readers: "txt" (UTF-8, UTF-16, Windows-1258, TCVN3), "docx" (paragraphs, tables cell by cell,
// list labels, footnotes at the end as "[n] ..."), "pdf" (text layer in reading order, the two
// header columns on separate lines; pages without text go to OCR), "ocr" (PNG, JPEG, TIFF and
// scanned PDFs: Tesseract "vie", confidence per page), "doc" (legacy .doc and .rtf converted by
// LibreOffice, an optional dependency). Guarantees: bad or hostile input gives an Error
// (kInvalidInput, kTooLarge, kUnsupported) with a Vietnamese message, never a crash or a hang;
// limits (file size, inflated ZIP bytes, image pixels, pages, text size) come from ReaderContext;
// what a reader could not do (pages skipped, cut, cancelled) is in RawText::notes.
//
//   auto bytes = ingest::read_file("cv.docx", ctx);
//   auto raw = ingest::read_bytes(*bytes, "cv.docx", ctx);
//   raw->text;          // UTF-8
//   raw->info.reader;   // "docx"
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/cancel.h"
#include "core/document.h"
#include "core/result.h"
#include "core/source_map.h"

namespace dondoc::ingest {

struct RawText {
  std::string text;      // UTF-8
  SourceMapChain map;    // text -> file bytes; empty when offsets cannot be traced (DOCX, PDF, OCR)
  TextInfo info;
  std::vector<Diagnostic> notes;  // what a reader could not do (a page it skipped, ...)
};

struct ReaderContext {
  size_t max_file_bytes = 256u << 20;     // larger files are refused
  size_t max_text_bytes = 64u << 20;      // larger decoded texts are cut, with a note
  int ocr_dpi = 300;
  int max_pages = 500;                    // PDF pages read (more: partial result with a note)
  std::string ocr_language = "vie";
  std::string tessdata_dir;               // empty: Tesseract's default
  std::function<void(int done, int total)> progress;  // pages, for long OCR jobs
  const CancelToken* cancelled = nullptr; // set (Ctrl-C, a server cancelling a job) to stop
  bool ocr = true;                        // false: scanned pages and images are skipped, with a note
  size_t max_image_pixels = 50'000'000;   // larger images (and scanned pages) are refused
  // What OCR may cost one document, over all its pages: Tesseract's time, and the pixels of the
  // pages rendered or decoded for it (a small file can hold hundreds of pages that all show one
  // huge image). Past either, reading stops; the pages read so far are kept, with a note.
  double ocr_budget_seconds = 900;
  uint64_t ocr_budget_pixels = 4'000'000'000;  // about 460 A4 pages at 300 dpi
  std::string soffice = "soffice";        // LibreOffice, for legacy .doc; looked up on PATH
  int convert_timeout_seconds = 120;      // a conversion running longer is killed
};

class Reader {
 public:
  virtual ~Reader() = default;
  virtual const char* name() const = 0;
  // How well this reader fits: 0 = cannot read it; higher wins. `head` is the first bytes.
  virtual int score(std::string_view head, std::string_view filename) const = 0;
  virtual Result<RawText> read(std::string_view bytes, const ReaderContext& ctx) const = 0;
};

// Registered readers, best first when scores tie.
const std::vector<std::unique_ptr<Reader>>& readers();
void register_reader(std::unique_ptr<Reader> r);

// Reads a whole file with clear errors: missing, a directory, unreadable, too large.
Result<std::string> read_file(const std::string& path, const ReaderContext& ctx);
// Picks the reader by content and name and runs it. A file without a single letter or digit (a
// blank page, a scan of nothing) is an error: "không tìm thấy chữ nào trong tệp".
Result<RawText> read_bytes(std::string_view bytes, std::string_view filename, const ReaderContext& ctx);
// Whether text holds at least one letter or digit.
bool has_text(std::string_view text);

// Text decoding used by the text reader: BOMs, UTF-8, UTF-16 (with or without BOM),
// Windows-1258 and TCVN3 when the bytes are not UTF-8. Refuses binary data.
Result<RawText> decode_text(std::string_view bytes);

}  // namespace dondoc::ingest
