#include "ingest/ocr.h"

#include <leptonica/allheaders.h>
#include <tesseract/baseapi.h>
#include <tesseract/ocrclass.h>
#include <tesseract/resultiterator.h>

#include <cstdlib>
#include <mutex>
#include <vector>

#include "ingest/internal.h"
#include "ingest/layout.h"

// From libgomp, which libtesseract links; declared here so that no OpenMP header is needed.
extern "C" void omp_set_max_active_levels(int max_levels);

namespace dondoc::ingest {
namespace {

// Owns a Leptonica image.
struct PixPtr {
  Pix* p = nullptr;
  PixPtr() = default;
  explicit PixPtr(Pix* q) : p(q) {}
  PixPtr(const PixPtr&) = delete;
  PixPtr& operator=(const PixPtr&) = delete;
  ~PixPtr() {
    if (p) pixDestroy(&p);
  }
  void reset(Pix* q) {
    if (p) pixDestroy(&p);
    p = q;
  }
};

// A page with less ink than this (fraction of its pixels) has nothing to read.
constexpr double kBlankInk = 0.0002;
// Words Tesseract is this unsure of are specks and ruling lines, not text.
constexpr float kMinWordConfidence = 10.0f;

bool user_set_openmp() {
  return std::getenv("OMP_THREAD_LIMIT") != nullptr || std::getenv("OMP_NUM_THREADS") != nullptr;
}

bool cancel_requested(void* flag, int /*words*/) {
  return flag != nullptr && static_cast<const std::atomic<bool>*>(flag)->load(std::memory_order_relaxed);
}

}  // namespace

void prepare_ocr_runtime() {
  static std::once_flag once;
  static bool user_threads = false;
  std::call_once(once, [] {
    user_threads = user_set_openmp();
    // libgomp reads its environment when it is loaded, which is before main() for a program
    // linked with libtesseract; the variable still reaches anything loaded or started later.
    if (!user_threads) setenv("OMP_THREAD_LIMIT", "1", 0);
    setMsgSeverity(L_SEVERITY_NONE);
  });
  // What works for an already loaded libgomp: no nested or parallel regions from this thread.
  if (!user_threads) omp_set_max_active_levels(0);
}

Status check_image_size(long long width, long long height, const ReaderContext& ctx) {
  if (width <= 0 || height <= 0)
    return make_error(ErrorCode::kInvalidInput, "ảnh có kích thước không hợp lệ (" + std::to_string(width) + "×" +
                                                    std::to_string(height) + ")");
  if (width * height > static_cast<long long>(ctx.max_image_pixels)) {
    return make_error(ErrorCode::kTooLarge,
                      "ảnh quá lớn: " + std::to_string(width) + "×" + std::to_string(height) +
                          " điểm ảnh (giới hạn " + std::to_string(ctx.max_image_pixels / 1000000) +
                          " triệu điểm ảnh); hãy quét lại ở độ phân giải thấp hơn (300 dpi là đủ)");
  }
  return ok_status();
}

OcrEngine::OcrEngine() = default;
OcrEngine::OcrEngine(OcrEngine&&) noexcept = default;
OcrEngine& OcrEngine::operator=(OcrEngine&&) noexcept = default;
OcrEngine::~OcrEngine() {
  if (api_) api_->End();
}

Result<OcrEngine> OcrEngine::create(const ReaderContext& ctx) {
  prepare_ocr_runtime();
  OcrEngine e;
  e.api_ = std::make_unique<tesseract::TessBaseAPI>();
  const char* datapath = ctx.tessdata_dir.empty() ? nullptr : ctx.tessdata_dir.c_str();
  if (e.api_->Init(datapath, ctx.ocr_language.c_str(), tesseract::OEM_LSTM_ONLY) != 0) {
    e.api_.reset();
    return make_error(ErrorCode::kUnsupported,
                      "không khởi động được Tesseract với ngôn ngữ '" + ctx.ocr_language +
                          "'; hãy cài gói tesseract-ocr-vie (hoặc đặt đúng thư mục tessdata)");
  }
  // Tesseract's diagnostics ("Estimating resolution...") are not for our users.
  e.api_->SetVariable("debug_file", "/dev/null");
  e.api_->SetPageSegMode(tesseract::PSM_AUTO);
  return e;
}

OcrEngine::Pass OcrEngine::run(Pix* pix, int dpi, const ReaderContext& ctx) {
  Pass pass;
  api_->SetImage(pix);
  api_->SetSourceResolution(dpi);
  tesseract::ETEXT_DESC monitor;
  monitor.cancel = cancel_requested;
  monitor.cancel_this = const_cast<std::atomic<bool>*>(ctx.cancelled);
  monitor.set_deadline_msecs(kPageDeadlineMs);
  api_->Recognize(&monitor);
  pass.cancelled = internal::cancelled(ctx);
  std::vector<LayoutWord> words;
  std::unique_ptr<tesseract::ResultIterator> it(api_->GetIterator());
  if (it) {
    do {
      if (it->Empty(tesseract::RIL_WORD)) continue;
      std::unique_ptr<char[]> t(it->GetUTF8Text(tesseract::RIL_WORD));
      if (!t || !*t.get() || it->Confidence(tesseract::RIL_WORD) < kMinWordConfidence) continue;
      int l = 0, top = 0, r = 0, b = 0;
      if (!it->BoundingBox(tesseract::RIL_WORD, &l, &top, &r, &b)) continue;
      words.push_back(LayoutWord{t.get(), double(l), double(top), double(r), double(b), -1});
    } while (it->Next(tesseract::RIL_WORD));
  }
  pass.confidence = words.empty() ? 0 : api_->MeanTextConf();
  pass.text = lay_out_page(std::move(words));
  api_->Clear();
  return pass;
}

Result<OcrPage> OcrEngine::recognize(Pix* pix, int dpi, const ReaderContext& ctx) {
  if (!api_) return make_error(ErrorCode::kInternal, "Tesseract chưa được khởi động");
  if (!pix) return make_error(ErrorCode::kInvalidInput, "ảnh rỗng");
  prepare_ocr_runtime();
  if (dpi <= 0) dpi = 300;
  OcrPage page;
  PixPtr gray(pixConvertTo8(pix, 0));
  if (!gray.p) return make_error(ErrorCode::kInvalidInput, "không chuyển được ảnh sang ảnh xám");

  {
    PixPtr bin(pixConvertTo1(gray.p, 128));
    l_int32 ink = 0;
    if (bin.p && pixCountPixels(bin.p, &ink, nullptr) == 0) {
      double total = double(pixGetWidth(bin.p)) * pixGetHeight(bin.p);
      if (ink < kBlankInk * total) {
        page.blank = true;
        return page;
      }
    }
  }

  // Scans are often a degree or two off; Tesseract reads straight lines best.
  l_float32 angle = 0, conf = 0;
  PixPtr straight(pixFindSkewAndDeskew(gray.p, 2, &angle, &conf));
  if (!straight.p) straight.reset(pixClone(gray.p));
  else page.skew_degrees = conf > 0 ? angle : 0;

  Pass first = run(straight.p, dpi, ctx);
  page.text = std::move(first.text);
  page.confidence = first.confidence;
  page.cancelled = first.cancelled;
  if (!page.cancelled && page.confidence < kRetryBelow) {
    // Uneven lighting and grey backgrounds (photos, yellowed paper): normalise the background,
    // then threshold, and keep whichever pass Tesseract trusts more.
    PixPtr norm(pixOtsuThreshOnBackgroundNorm(straight.p, nullptr, 10, 15, 100, 50, 255, 2, 2, 0.1f, nullptr));
    if (norm.p) {
      Pass second = run(norm.p, dpi, ctx);
      page.cancelled = second.cancelled;
      if (second.confidence > page.confidence && !second.text.empty()) {
        page.text = std::move(second.text);
        page.confidence = second.confidence;
        page.binarised = true;
      }
    }
  }
  return page;
}

}  // namespace dondoc::ingest
