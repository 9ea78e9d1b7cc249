#include "ingest/ocr.h"

#include <fcntl.h>
#include <leptonica/allheaders.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>
#include <tesseract/baseapi.h>
#include <tesseract/ocrclass.h>
#include <tesseract/resultiterator.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
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
// A recognition child that outlives the budget by this much is killed (it gets the budget itself
// as its monitor's deadline, and stops on its own when it is recognising words).
constexpr int kKillGraceMs = 1000;
// Words Tesseract is this unsure of are specks and ruling lines, not text.
constexpr float kMinWordConfidence = 10.0f;

bool user_set_openmp() {
  return std::getenv("OMP_THREAD_LIMIT") != nullptr || std::getenv("OMP_NUM_THREADS") != nullptr;
}

bool cancel_requested(void* token, int /*words*/) { return cancelled(static_cast<const CancelToken*>(token)); }

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
  e.budget_seconds_ = ctx.ocr_budget_seconds > 0 ? ctx.ocr_budget_seconds : 0;
  e.deadline_ = std::chrono::steady_clock::now() +
                std::chrono::milliseconds(static_cast<int64_t>(std::min(e.budget_seconds_, 1e9) * 1000));
  e.pixel_budget_ = ctx.ocr_budget_pixels;
  return e;
}

int OcrEngine::remaining_ms() const {
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline_ - std::chrono::steady_clock::now());
  return static_cast<int>(std::clamp<int64_t>(left.count(), 0, kPageDeadlineMs));
}

bool OcrEngine::take_pixels(uint64_t pixels) {
  if (over_budget_) return false;
  if (remaining_ms() <= 0) {
    over_budget_ = true;
    return false;
  }
  if (pixels > pixel_budget_ || pixels_ > pixel_budget_ - pixels) {
    over_budget_ = over_pixels_ = true;
    return false;
  }
  pixels_ += pixels;
  return true;
}

std::string OcrEngine::budget_message(int pages_read, int pages_total) const {
  std::string limit = over_pixels_ ? std::to_string(pixel_budget_ / 1000000) + " triệu điểm ảnh"
                                   : std::to_string(static_cast<long long>(budget_seconds_)) + " giây";
  return "đã dừng nhận dạng chữ (OCR) vì vượt giới hạn " + limit + " cho một văn bản; đã đọc " +
         std::to_string(pages_read) + "/" + std::to_string(pages_total) +
         " trang, văn bản chưa đầy đủ";
}

namespace {

// What a recognition pass found: words with their boxes, and Tesseract's mean confidence.
struct Found {
  std::vector<LayoutWord> words;
  int mean_confidence = 0;
  bool complete = false;  // the recognition ran to its end (possibly stopped by its monitor)
};

Found collect(tesseract::TessBaseAPI& api) {
  Found f;
  std::unique_ptr<tesseract::ResultIterator> it(api.GetIterator());
  if (it) {
    do {
      if (it->Empty(tesseract::RIL_WORD)) continue;
      std::unique_ptr<char[]> t(it->GetUTF8Text(tesseract::RIL_WORD));
      if (!t || !*t.get() || it->Confidence(tesseract::RIL_WORD) < kMinWordConfidence) continue;
      int l = 0, top = 0, r = 0, b = 0;
      if (!it->BoundingBox(tesseract::RIL_WORD, &l, &top, &r, &b)) continue;
      f.words.push_back(LayoutWord{t.get(), double(l), double(top), double(r), double(b), -1});
    } while (it->Next(tesseract::RIL_WORD));
  }
  f.mean_confidence = f.words.empty() ? 0 : api.MeanTextConf();
  f.complete = true;
  return f;
}

// The child's report through the pipe: per word "W" + four int32 + uint32 length + bytes, then
// "E" + int32 mean confidence. A child killed half-way leaves no "E": nothing is used.
void put_i32(std::string& out, int32_t v) { out.append(reinterpret_cast<const char*>(&v), sizeof v); }

std::string serialize(const Found& f) {
  std::string out;
  for (const auto& w : f.words) {
    out += 'W';
    for (double v : {w.x0, w.y0, w.x1, w.y1}) put_i32(out, static_cast<int32_t>(v));
    put_i32(out, static_cast<int32_t>(w.text.size()));
    out += w.text;
  }
  out += 'E';
  put_i32(out, f.mean_confidence);
  return out;
}

Found deserialize(std::string_view in) {
  Found f;
  size_t i = 0;
  auto get = [&](int32_t& v) {
    if (i + sizeof v > in.size()) return false;
    std::memcpy(&v, in.data() + i, sizeof v);
    i += sizeof v;
    return true;
  };
  while (i < in.size()) {
    char tag = in[i++];
    int32_t box[4], len = 0;
    if (tag == 'E') {
      f.complete = get(f.mean_confidence) && i == in.size();
      break;
    }
    if (tag != 'W' || !get(box[0]) || !get(box[1]) || !get(box[2]) || !get(box[3]) || !get(len) || len < 0 ||
        static_cast<size_t>(len) > in.size() - i)
      break;
    f.words.push_back(LayoutWord{std::string(in.substr(i, static_cast<size_t>(len))), double(box[0]), double(box[1]),
                                 double(box[2]), double(box[3]), -1});
    i += static_cast<size_t>(len);
  }
  if (!f.complete) f.words.clear();
  return f;
}

}  // namespace

// Tesseract checks its monitor (cancel, deadline) only while it recognises words; its page
// layout analysis cannot be stopped, and a hostile image (fine stripes) keeps it busy for
// minutes. So each pass runs in a child process, which is killed when the document's budget runs
// out or the job is cancelled; the parent keeps only what a child finished.
OcrEngine::Pass OcrEngine::run(Pix* pix, int dpi, const ReaderContext& ctx) {
  Pass pass;
  api_->SetImage(pix);
  api_->SetSourceResolution(dpi);
  const int left = remaining_ms();
  auto recognise_here = [&]() {
    tesseract::ETEXT_DESC monitor;
    monitor.cancel = cancel_requested;
    monitor.cancel_this = const_cast<CancelToken*>(ctx.cancelled);
    // The page's own limit, or what is left of the document's budget when that is less.
    monitor.set_deadline_msecs(std::max(left, 1));
    api_->Recognize(&monitor);
    return collect(*api_);
  };
  Found found;
  int fds[2] = {-1, -1};
  pid_t parent = ::getpid(), pid = -1;
  if (::pipe2(fds, O_CLOEXEC) == 0) {
    pid = ::fork();
    if (pid < 0) ::close(fds[0]), ::close(fds[1]);
  }
  if (pid == 0) {
    // The child: dies with its parent, leaves signals to the parent (which kills it), reports, exits.
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent) ::_exit(1);
    ::signal(SIGINT, SIG_IGN);
    ::signal(SIGTERM, SIG_DFL);
    ::close(fds[0]);
    std::string out = serialize(recognise_here());
    for (size_t at = 0; at < out.size();) {
      ssize_t n = ::write(fds[1], out.data() + at, out.size() - at);
      if (n <= 0 && errno != EINTR) ::_exit(1);
      if (n > 0) at += static_cast<size_t>(n);
    }
    ::_exit(0);
  }
  if (pid < 0) {
    // No child process (a process limit): recognised here, stoppable only between words.
    found = recognise_here();
  } else {
    ::close(fds[1]);
    std::string report;
    auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(left + kKillGraceMs);
    bool killed = false;
    for (;;) {
      if (internal::cancelled(ctx) || std::chrono::steady_clock::now() >= deadline) {
        ::kill(pid, SIGKILL);
        killed = true;
        break;
      }
      pollfd p{fds[0], POLLIN, 0};
      int r = ::poll(&p, 1, 50);
      if (r < 0 && errno != EINTR) break;
      if (r <= 0) continue;
      char buf[65536];
      ssize_t n = ::read(fds[0], buf, sizeof buf);
      if (n > 0) report.append(buf, static_cast<size_t>(n));
      else if (n == 0 || errno != EINTR) break;
    }
    ::close(fds[0]);
    while (::waitpid(pid, nullptr, 0) < 0 && errno == EINTR) {
    }
    if (!killed) found = deserialize(report);
  }
  pass.cancelled = internal::cancelled(ctx);
  if (left < kPageDeadlineMs && remaining_ms() <= 0) pass.over_budget = over_budget_ = true;
  pass.confidence = found.mean_confidence;
  pass.text = lay_out_page(std::move(found.words));
  api_->Clear();
  return pass;
}

Result<OcrPage> OcrEngine::recognize(Pix* pix, int dpi, const ReaderContext& ctx) {
  if (!api_) return make_error(ErrorCode::kInternal, "Tesseract chưa được khởi động");
  if (!pix) return make_error(ErrorCode::kInvalidInput, "ảnh rỗng");
  prepare_ocr_runtime();
  if (dpi <= 0) dpi = 300;
  OcrPage page;
  if (over_budget_ || remaining_ms() <= 0) {
    page.over_budget = over_budget_ = true;
    return page;
  }
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
  page.over_budget = first.over_budget;
  if (!page.cancelled && !page.over_budget && page.confidence < kRetryBelow) {
    // Uneven lighting and grey backgrounds (photos, yellowed paper): normalise the background,
    // then threshold, and keep whichever pass Tesseract trusts more.
    PixPtr norm(pixOtsuThreshOnBackgroundNorm(straight.p, nullptr, 10, 15, 100, 50, 255, 2, 2, 0.1f, nullptr));
    if (norm.p) {
      Pass second = run(norm.p, dpi, ctx);
      page.cancelled = second.cancelled;
      page.over_budget = second.over_budget;
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
