// Images (PNG, JPEG, TIFF with one or more pages) -> text by OCR.
#include <leptonica/allheaders.h>

#include <cstdint>
#include <cstring>
#include <vector>

#include "ingest/internal.h"
#include "ingest/ocr.h"
#include "ingest/readers.h"

namespace dondoc::ingest {
namespace {

using internal::ImageKind;

struct PixOwner {
  Pix* p = nullptr;
  ~PixOwner() {
    if (p) pixDestroy(&p);
  }
};

class ImageReader : public Reader {
 public:
  const char* name() const override { return "ocr"; }
  int score(std::string_view head, std::string_view filename) const override {
    return internal::image_score(head, filename);
  }

  Result<RawText> read(std::string_view bytes, const ReaderContext& ctx) const override {
    if (bytes.empty()) return make_error(ErrorCode::kInvalidInput, "tệp ảnh rỗng (0 byte)");
    ImageKind kind = internal::sniff_image(bytes.substr(0, 16));
    if (kind == ImageKind::kNone)
      return make_error(ErrorCode::kInvalidInput, "tệp ảnh bị hỏng hoặc không phải PNG, JPEG, TIFF");
    const auto* data = reinterpret_cast<const l_uint8*>(bytes.data());
    prepare_ocr_runtime();

    // Page count and sizes come from the headers, before anything is decoded.
    std::vector<uint64_t> page_pixels;
    if (kind == ImageKind::kTiff) {
      l_int32 w = 0, h = 0, bps = 0, spp = 0, res = 0, cmap = 0, fmt = 0;
      while (static_cast<int>(page_pixels.size()) <= ctx.max_pages &&
             readHeaderMemTiff(data, bytes.size(), static_cast<int>(page_pixels.size()), &w, &h, &bps, &spp, &res,
                               &cmap, &fmt) == 0) {
        if (auto s = check_image_size(w, h, ctx); !s) return s.error();
        page_pixels.push_back(static_cast<uint64_t>(w) * static_cast<uint64_t>(h));
      }
      if (page_pixels.empty()) return make_error(ErrorCode::kInvalidInput, "tệp TIFF bị hỏng");
    } else {
      l_int32 fmt = 0, w = 0, h = 0, bps = 0, spp = 0, cmap = 0;
      if (pixReadHeaderMem(data, bytes.size(), &fmt, &w, &h, &bps, &spp, &cmap) != 0)
        return make_error(ErrorCode::kInvalidInput, "tệp ảnh bị hỏng (không đọc được phần đầu)");
      if (auto s = check_image_size(w, h, ctx); !s) return s.error();
      page_pixels.push_back(static_cast<uint64_t>(w) * static_cast<uint64_t>(h));
    }
    int pages = static_cast<int>(page_pixels.size());
    if (!ctx.ocr)
      return make_error(ErrorCode::kUnsupported, "tệp là ảnh chụp/quét nhưng nhận dạng chữ (OCR) đang tắt");

    RawText r;
    r.info.reader = "ocr";
    r.info.encoding = "utf-8";
    r.info.ocr = true;
    bool more = pages > ctx.max_pages;
    if (more) pages = ctx.max_pages;
    auto engine = OcrEngine::create(ctx);
    if (!engine) return engine.error();
    for (int i = 0; i < pages; ++i) {
      if (internal::cancelled(ctx)) {
        internal::add_note(r, "ocr.cancelled", "đã dừng theo yêu cầu sau " + std::to_string(i) + "/" +
                                                   std::to_string(pages) + " trang");
        break;
      }
      if (!engine->take_pixels(page_pixels[static_cast<size_t>(i)])) {
        internal::add_note(r, "ocr.budget", engine->budget_message(i, pages));
        break;
      }
      PixOwner pix;
      pix.p = kind == ImageKind::kTiff ? pixReadMemTiff(data, bytes.size(), i) : pixReadMem(data, bytes.size());
      if (!pix.p) {
        if (i == 0) return make_error(ErrorCode::kInvalidInput, "tệp ảnh bị hỏng (không giải mã được)");
        internal::add_note(r, "ocr.page_failed", "trang " + std::to_string(i + 1) + " của ảnh TIFF bị hỏng, đã bỏ qua");
        continue;
      }
      auto page = engine->recognize(pix.p, pixGetXRes(pix.p), ctx);
      if (!page) return page.error();
      if (i > 0) r.text += '\f';
      r.text += page->text;
      if (!page->blank) r.info.page_confidence.push_back(page->confidence);
      if (ctx.progress) ctx.progress(i + 1, pages);
      if (page->over_budget) {
        internal::add_note(r, "ocr.budget", engine->budget_message(i, pages));
        break;
      }
      if (page->cancelled) {
        internal::add_note(r, "ocr.cancelled", "đã dừng theo yêu cầu ở trang " + std::to_string(i + 1) + "/" +
                                                   std::to_string(pages) + "; văn bản chưa đầy đủ");
        break;
      }
    }
    if (more)
      internal::add_note(r, "ocr.page_limit", "ảnh TIFF có hơn " + std::to_string(ctx.max_pages) +
                                                  " trang; chỉ đọc " + std::to_string(ctx.max_pages) + " trang đầu");
    internal::limit_text(r, ctx);
    return r;
  }
};

}  // namespace

std::unique_ptr<Reader> make_image_reader() { return std::make_unique<ImageReader>(); }

}  // namespace dondoc::ingest
