// PDF -> text: the text layer of each page through poppler-cpp, words put in reading order by
// layout.h; pages without a text layer (scans) are rendered at ctx.ocr_dpi and read by OCR.
#include <leptonica/allheaders.h>
#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-image.h>
#include <poppler-page-renderer.h>
#include <poppler-page.h>

#include <climits>
#include <cstdio>
#include <cmath>
#include <cstring>
#include <mutex>
#include <optional>

#include "ingest/internal.h"
#include "ingest/layout.h"
#include "ingest/ocr.h"
#include "ingest/readers.h"

namespace dondoc::ingest {
namespace {

// A text layer this long is trusted. A shorter one (nothing, a page number, a stamp added by a
// scanner) is checked for a scan under it: ink outside its words means an image of a page.
constexpr size_t kTrustedTextChars = 40;
constexpr double kProbeDpi = 24;
constexpr double kScanInk = 0.003;  // fraction of the page dark outside the text's words
// Below this, rendering a page to fit the pixel budget would make it unreadable.
constexpr int kMinOcrDpi = 100;
// Pages read this poorly are pointed out to the user.
constexpr double kLowConfidence = 60;

void quiet_poppler() {
  // poppler reports every syntax problem of a damaged file on stderr; the reader reports what
  // matters itself. The hook is process-wide, so it is set once.
  static std::once_flag once;
  std::call_once(once, [] { poppler::set_debug_error_function([](const std::string&, void*) {}, nullptr); });
}

std::string utf8(const poppler::ustring& s) {
  poppler::byte_array b = s.to_utf8();
  return std::string(b.begin(), b.end());
}

size_t visible_chars(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s)
    if (c > 0x20 && (c & 0xC0) != 0x80) ++n;  // count code points, not bytes
  return n;
}

std::string page_list(const std::vector<int>& pages) {
  std::string s;
  for (size_t i = 0; i < pages.size(); ++i) {
    if (i == 8) return s + ", …";
    s += (i ? ", " : "") + std::to_string(pages[i]);
  }
  return s;
}

struct PixOwner {
  Pix* p = nullptr;
  ~PixOwner() {
    if (p) pixDestroy(&p);
  }
};

class PdfReader : public Reader {
 public:
  const char* name() const override { return "pdf"; }
  int score(std::string_view head, std::string_view filename) const override {
    return internal::pdf_score(head, filename);
  }

  Result<RawText> read(std::string_view bytes, const ReaderContext& ctx) const override {
    try {
      return read_pdf(bytes, ctx);
    } catch (const std::exception& e) {
      // poppler-cpp does not throw by design; allocation can.
      return make_error(ErrorCode::kInternal, std::string("lỗi khi đọc PDF: ") + e.what());
    }
  }

 private:
  Result<RawText> read_pdf(std::string_view bytes, const ReaderContext& ctx) const {
    if (bytes.empty()) return make_error(ErrorCode::kInvalidInput, "tệp PDF rỗng (0 byte)");
    if (!internal::has_pdf_magic(bytes)) return make_error(ErrorCode::kInvalidInput, "tệp không phải PDF (thiếu phần đầu %PDF)");
    if (bytes.size() > static_cast<size_t>(INT_MAX)) return make_error(ErrorCode::kTooLarge, "tệp PDF quá lớn");
    quiet_poppler();
    std::unique_ptr<poppler::document> doc(
        poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
    if (!doc) return make_error(ErrorCode::kInvalidInput, "tệp PDF bị hỏng, không đọc được");
    if (doc->is_locked())
      return make_error(ErrorCode::kInvalidInput, "PDF được bảo vệ bằng mật khẩu; hãy gỡ mật khẩu rồi thử lại");
    const int total = doc->pages();
    if (total <= 0) return make_error(ErrorCode::kInvalidInput, "tệp PDF không có trang nào (tệp hỏng?)");
    const int pages = std::min(total, std::max(ctx.max_pages, 1));

    RawText r;
    r.info.encoding = "utf-8";
    std::optional<Result<OcrEngine>> engine;  // started at the first scanned page
    std::vector<int> ocr_pages, low_pages, skipped_pages, failed_pages;
    int text_pages = 0;
    std::string ocr_error;
    std::optional<Error> first_failure;
    for (int i = 0; i < pages; ++i) {
      if (internal::cancelled(ctx)) {
        internal::add_note(r, "pdf.cancelled", "đã dừng theo yêu cầu sau " + std::to_string(i) + "/" +
                                                   std::to_string(pages) + " trang; văn bản chưa đầy đủ");
        break;
      }
      std::unique_ptr<poppler::page> page(doc->create_page(i));
      if (i > 0) r.text += '\f';
      if (!page) {
        failed_pages.push_back(i + 1);
        continue;
      }
      std::vector<LayoutWord> words;
      std::string text = page_text(*page, words);
      if (visible_chars(text) >= kTrustedTextChars || !looks_scanned(*page, words)) {
        ++text_pages;
        r.text += text;
      } else if (!ctx.ocr) {
        skipped_pages.push_back(i + 1);
      } else {
        if (!engine) engine.emplace(OcrEngine::create(ctx));
        if (!*engine) {
          ocr_error = (*engine).error().message;
          skipped_pages.push_back(i + 1);
        } else {
          auto scanned = ocr_page(*page, **engine, ctx, r);
          if (!scanned) {
            failed_pages.push_back(i + 1);
            if (!first_failure) first_failure = scanned.error();
            internal::add_note(r, "pdf.page_failed", "trang " + std::to_string(i + 1) + ": " + scanned.error().message);
          } else if (!scanned->blank && !scanned->text.empty()) {
            ocr_pages.push_back(i + 1);
            r.info.page_confidence.push_back(scanned->confidence);
            if (scanned->confidence < kLowConfidence) low_pages.push_back(i + 1);
            r.text += scanned->text;
          }
          if (scanned && scanned->over_budget) {
            if (ctx.progress) ctx.progress(i + 1, pages);
            internal::add_note(r, "ocr.budget", (**engine).budget_message(i, pages));
            break;
          }
          if (scanned && scanned->cancelled) {
            if (ctx.progress) ctx.progress(i + 1, pages);
            internal::add_note(r, "pdf.cancelled", "đã dừng theo yêu cầu ở trang " + std::to_string(i + 1) + "/" +
                                                       std::to_string(pages) + "; văn bản chưa đầy đủ");
            break;
          }
        }
      }
      if (ctx.progress) ctx.progress(i + 1, pages);
    }

    r.info.ocr = !ocr_pages.empty();
    r.info.reader = text_pages == 0 && r.info.ocr ? "ocr" : "pdf";
    if (total > pages)
      internal::add_note(r, "pdf.page_limit", "tệp PDF có " + std::to_string(total) + " trang; chỉ đọc " +
                                                  std::to_string(pages) + " trang đầu");
    if (!ocr_pages.empty() && text_pages > 0)
      internal::add_note(r, "pdf.ocr_pages", "trang " + page_list(ocr_pages) + " là ảnh quét, đã nhận dạng chữ (OCR)");
    if (!low_pages.empty())
      internal::add_note(r, "ocr.low_confidence", "trang " + page_list(low_pages) +
                                                      " nhận dạng kém (độ tin cậy dưới " +
                                                      std::to_string(int(kLowConfidence)) + "%); hãy đối chiếu bản gốc");
    if (!skipped_pages.empty()) {
      std::string why = !ocr_error.empty() ? ocr_error : "nhận dạng chữ (OCR) đang tắt";
      if (text_pages == 0 && ocr_pages.empty())
        return make_error(ErrorCode::kUnsupported, "tệp PDF là ảnh quét, không có lớp chữ; " + why);
      internal::add_note(r, "pdf.scanned_skipped", "trang " + page_list(skipped_pages) +
                                                       " là ảnh quét, không đọc được: " + why);
    }
    if (!failed_pages.empty()) {
      if (text_pages == 0 && ocr_pages.empty() && first_failure && failed_pages.size() == static_cast<size_t>(pages))
        return make_error(first_failure->code, "không đọc được trang nào của tệp PDF: " + first_failure->message);
      internal::add_note(r, "pdf.pages_failed", "không đọc được trang " + page_list(failed_pages));
    }
    internal::limit_text(r, ctx);
    return r;
  }

  // Renders the page small, blanks its words, and measures the ink that is left.
  static bool looks_scanned(const poppler::page& page, const std::vector<LayoutWord>& words) {
    poppler::page_renderer renderer;
    renderer.set_image_format(poppler::image::format_gray8);
    poppler::rectf box = page.page_rect(poppler::media_box);
    double scale = kProbeDpi / 72.0;
    // Even a huge page is probed at a few hundred thousand pixels.
    double area = std::abs(box.width() * box.height()) * scale * scale;
    if (area > 4e5) scale *= std::sqrt(4e5 / area);
    if (!(area > 0)) return false;
    poppler::image img = renderer.render_page(&page, 72.0 * scale, 72.0 * scale);
    if (!img.is_valid() || img.width() <= 0 || img.height() <= 0) return false;
    std::vector<char> text_mask(static_cast<size_t>(img.width()) * static_cast<size_t>(img.height()), 0);
    // Boxes of a hostile file can hold any double: clamp before converting to int.
    auto px = [](double v, int limit) { return !(v > 0) ? 0 : v >= limit ? limit : static_cast<int>(v); };
    for (const auto& w : words) {
      int x0 = std::max(0, px(w.x0 * scale, img.width()) - 1), x1 = std::min(img.width(), px(w.x1 * scale, img.width()) + 2);
      int y0 = std::max(0, px(w.y0 * scale, img.height()) - 1), y1 = std::min(img.height(), px(w.y1 * scale, img.height()) + 2);
      for (int y = y0; y < y1; ++y)
        for (int x = x0; x < x1; ++x) text_mask[static_cast<size_t>(y) * static_cast<size_t>(img.width()) + static_cast<size_t>(x)] = 1;
    }
    size_t ink = 0;
    for (int y = 0; y < img.height(); ++y) {
      const auto* row = reinterpret_cast<const unsigned char*>(img.const_data() + static_cast<size_t>(y) * img.bytes_per_row());
      for (int x = 0; x < img.width(); ++x)
        if (row[x] < 160 && !text_mask[static_cast<size_t>(y) * static_cast<size_t>(img.width()) + static_cast<size_t>(x)]) ++ink;
    }
    return static_cast<double>(ink) > kScanInk * img.width() * img.height();
  }

  static std::string page_text(const poppler::page& page, std::vector<LayoutWord>& words) {
    std::vector<poppler::text_box> boxes = page.text_list();
    words.reserve(boxes.size());
    size_t rotated = 0;
    for (const auto& b : boxes) {
      if (b.rotation() != 0) {
        ++rotated;
        continue;
      }
      poppler::rectf r = b.bbox();
      words.push_back(LayoutWord{utf8(b.text()), r.left(), r.top(), r.right(), r.bottom(), b.has_space_after() ? 1 : 0});
    }
    if (rotated > words.size()) return utf8(page.text()) + "\n";  // a turned page: poppler's own order
    return lay_out_page(words);
  }

  static Result<OcrPage> ocr_page(const poppler::page& page, OcrEngine& engine, const ReaderContext& ctx, RawText& r) {
    poppler::rectf box = page.page_rect(poppler::media_box);
    double w_in = std::abs(box.width()) / 72.0, h_in = std::abs(box.height()) / 72.0;
    double dpi = ctx.ocr_dpi > 0 ? ctx.ocr_dpi : 300;
    double pixels = w_in * dpi * h_in * dpi;
    if (!(pixels > 0)) return make_error(ErrorCode::kInvalidInput, "trang có kích thước không hợp lệ");
    if (pixels > static_cast<double>(ctx.max_image_pixels)) {
      // An oversized page (a poster, a broken MediaBox) is rendered at a lower resolution.
      dpi = std::floor(dpi * std::sqrt(static_cast<double>(ctx.max_image_pixels) / pixels));
      if (!(dpi >= kMinOcrDpi)) {
        char size[64];
        std::snprintf(size, sizeof size, "%.0f×%.0f mm", std::min(w_in * 25.4, 1e9), std::min(h_in * 25.4, 1e9));
        return make_error(ErrorCode::kTooLarge, std::string("trang quá lớn để nhận dạng (") + size + ")");
      }
      internal::add_note(r, "pdf.low_dpi", "trang khổ lớn được nhận dạng ở " + std::to_string(int(dpi)) + " dpi");
    }
    // Counted before rendering: a few hundred pages that show one huge image cost no more than
    // the document's budget allows.
    if (!engine.take_pixels(static_cast<uint64_t>(w_in * dpi) * static_cast<uint64_t>(h_in * dpi))) {
      OcrPage over;
      over.over_budget = true;
      return over;
    }
    poppler::page_renderer renderer;
    renderer.set_image_format(poppler::image::format_gray8);
    renderer.set_render_hints(poppler::page_renderer::antialiasing | poppler::page_renderer::text_antialiasing);
    poppler::image img = renderer.render_page(&page, dpi, dpi);
    if (!img.is_valid() || img.width() <= 0 || img.height() <= 0)
      return make_error(ErrorCode::kInvalidInput, "không dựng được hình trang để nhận dạng");
    PixOwner pix;
    pix.p = pixCreate(img.width(), img.height(), 8);
    if (!pix.p) return make_error(ErrorCode::kTooLarge, "không đủ bộ nhớ cho hình trang");
    pixSetResolution(pix.p, static_cast<int>(dpi), static_cast<int>(dpi));
    const char* src = img.const_data();
    for (int y = 0; y < img.height(); ++y) {
      const auto* row = reinterpret_cast<const unsigned char*>(src + static_cast<size_t>(y) * img.bytes_per_row());
      l_uint32* line = pixGetData(pix.p) + static_cast<size_t>(y) * pixGetWpl(pix.p);
      for (int x = 0; x < img.width(); ++x) SET_DATA_BYTE(line, x, row[x]);
    }
    return engine.recognize(pix.p, static_cast<int>(dpi), ctx);
  }
};

}  // namespace

std::unique_ptr<Reader> make_pdf_reader() { return std::make_unique<PdfReader>(); }

}  // namespace dondoc::ingest
