#pragma once
// OCR of page images: Tesseract (its C++ API, language from ReaderContext, "vie" by default) on a
// Leptonica image, after deskewing; a second pass on a background-normalised, binarised copy
// when the first one reads poorly. Words are put in reading order by layout.h, so a scanned
// two-column header comes out as the text layer of a PDF would. Internal to ingest.
//
// One engine reads one document, within that document's OCR budget (ReaderContext::ocr_budget_*):
// a page image is counted against the pixel budget before it is rendered or decoded, and
// Tesseract is stopped when the time budget runs out, even in the middle of a page.
//
//   auto engine = OcrEngine::create(ctx);        // fails without tesseract-ocr-vie
//   if (!engine->take_pixels(w * h)) ...         // over budget: stop, keep what was read
//   auto page = engine->recognize(pix, 300, ctx);
//   page->text; page->confidence;                // 0..100, Tesseract's mean word confidence
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "core/result.h"
#include "ingest/ingest.h"

struct Pix;
namespace tesseract {
class TessBaseAPI;
}

namespace dondoc::ingest {

struct OcrPage {
  std::string text;
  double confidence = 0;   // 0..100
  bool blank = false;      // nothing printed on the page: not recognised
  bool cancelled = false;  // stopped by ReaderContext::cancelled; text may be partial
  bool over_budget = false;  // stopped by the document's OCR time budget; text may be partial
  bool binarised = false;  // the second pass (binarised copy) gave the text
  double skew_degrees = 0; // the rotation that was corrected
};

class OcrEngine {
 public:
  // A page that Tesseract has not finished after this long is given up.
  static constexpr int kPageDeadlineMs = 180000;
  // Below this mean confidence the binarised second pass is tried.
  static constexpr double kRetryBelow = 75;

  static Result<OcrEngine> create(const ReaderContext& ctx);
  OcrEngine(OcrEngine&&) noexcept;
  OcrEngine& operator=(OcrEngine&&) noexcept;
  ~OcrEngine();

  // `pix` is not taken over; any depth. dpi: the image's resolution (<= 0: assume 300).
  Result<OcrPage> recognize(Pix* pix, int dpi, const ReaderContext& ctx);

  // Counts a page image of `pixels` against the document's pixel budget; false (and nothing
  // counted) when it does not fit, or when the time budget is already spent.
  bool take_pixels(uint64_t pixels);
  bool over_budget() const { return over_budget_; }
  // "đã dừng nhận dạng chữ (OCR): vượt giới hạn ... cho một văn bản; ..." for the reader's note.
  std::string budget_message(int pages_read, int pages_total) const;

 private:
  OcrEngine();
  struct Pass {
    std::string text;
    double confidence = 0;
    bool cancelled = false;
    bool over_budget = false;
  };
  Pass run(Pix* pix, int dpi, const ReaderContext& ctx);
  int remaining_ms() const;
  std::unique_ptr<tesseract::TessBaseAPI> api_;
  std::chrono::steady_clock::time_point deadline_;
  double budget_seconds_ = 0;
  uint64_t pixels_ = 0, pixel_budget_ = 0;
  bool over_budget_ = false;
  bool over_pixels_ = false;  // which budget ran out, for the message
};

// Refuses an image of more than ctx.max_image_pixels before it is decoded.
Status check_image_size(long long width, long long height, const ReaderContext& ctx);

// Quiets Leptonica's messages on stderr and keeps Tesseract's OpenMP to one thread per page
// (on two cores, its default threading is six times slower; pages can be run in parallel
// instead). Respects OMP_THREAD_LIMIT / OMP_NUM_THREADS when the user set them.
void prepare_ocr_runtime();

}  // namespace dondoc::ingest
