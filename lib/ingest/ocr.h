#pragma once
// OCR of page images: Tesseract (its C++ API, language from ReaderContext, "vie" by default) on a
// Leptonica image, after deskewing; a second pass on a background-normalised, binarised copy
// when the first one reads poorly. Words are put in reading order by layout.h, so a scanned
// two-column header comes out as the text layer of a PDF would. Internal to ingest.
//
//   auto engine = OcrEngine::create(ctx);        // fails without tesseract-ocr-vie
//   auto page = engine->recognize(pix, 300, ctx);
//   page->text; page->confidence;                // 0..100, Tesseract's mean word confidence
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

 private:
  OcrEngine();
  struct Pass {
    std::string text;
    double confidence = 0;
    bool cancelled = false;
  };
  Pass run(Pix* pix, int dpi, const ReaderContext& ctx);
  std::unique_ptr<tesseract::TessBaseAPI> api_;
};

// Refuses an image of more than ctx.max_image_pixels before it is decoded.
Status check_image_size(long long width, long long height, const ReaderContext& ctx);

// Quiets Leptonica's messages on stderr and keeps Tesseract's OpenMP to one thread per page
// (on two cores, its default threading is six times slower; pages can be run in parallel
// instead). Respects OMP_THREAD_LIMIT / OMP_NUM_THREADS when the user set them.
void prepare_ocr_runtime();

}  // namespace dondoc::ingest
