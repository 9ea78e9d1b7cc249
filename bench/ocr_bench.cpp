// OCR of one A4 page scanned at 300 dpi, on one core: the target is at most 3 s per page.
// The page is rendered from a PDF (default: the test công văn, tests/fixtures/fuzz/pdf) with
// poppler, encoded as PNG, and read through the public path ingest::read_bytes (PNG decoding,
// deskew, Tesseract "vie", layout), as `dondoc extract scan.png` does.
//
//   ocr_bench [--pdf FILE] [--page N] [--runs N]
#include <leptonica/allheaders.h>
#include <poppler-document.h>
#include <poppler-image.h>
#include <poppler-page-renderer.h>
#include <poppler-page.h>
#include <sched.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "ingest/ingest.h"

namespace {

constexpr double kTargetSeconds = 3.0;

std::string render_png(const std::string& pdf, int index, int dpi) {
  std::unique_ptr<poppler::document> doc(poppler::document::load_from_raw_data(pdf.data(), static_cast<int>(pdf.size())));
  if (!doc || index >= doc->pages()) return "";
  std::unique_ptr<poppler::page> page(doc->create_page(index));
  poppler::page_renderer r;
  r.set_image_format(poppler::image::format_gray8);
  r.set_render_hints(poppler::page_renderer::antialiasing | poppler::page_renderer::text_antialiasing);
  poppler::image img = r.render_page(page.get(), dpi, dpi);
  if (!img.is_valid()) return "";
  Pix* pix = pixCreate(img.width(), img.height(), 8);
  pixSetResolution(pix, dpi, dpi);
  for (int y = 0; y < img.height(); ++y) {
    const auto* row = reinterpret_cast<const unsigned char*>(img.const_data() + static_cast<size_t>(y) * img.bytes_per_row());
    l_uint32* line = pixGetData(pix) + static_cast<size_t>(y) * pixGetWpl(pix);
    for (int x = 0; x < img.width(); ++x) SET_DATA_BYTE(line, x, row[x]);
  }
  l_uint8* data = nullptr;
  size_t size = 0;
  pixWriteMemPng(&data, &size, pix, 0);
  std::string out(reinterpret_cast<char*>(data), size);
  lept_free(data);
  std::printf("page: %d x %d pixels at %d dpi (%.0f x %.0f mm)\n", img.width(), img.height(), dpi,
              img.width() * 25.4 / dpi, img.height() * 25.4 / dpi);
  pixDestroy(&pix);
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  std::string pdf_path = std::string(DONDOC_SOURCE_DIR) + "/tests/fixtures/fuzz/pdf/cong_van_123.pdf";
  int page = 0, runs = 5;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string a = argv[i];
    if (a == "--pdf") pdf_path = argv[i + 1];
    else if (a == "--page") page = std::atoi(argv[i + 1]) - 1;
    else if (a == "--runs") runs = std::max(1, std::atoi(argv[i + 1]));
  }
  // One core: the process may only run on the CPU it started on.
  cpu_set_t one;
  CPU_ZERO(&one);
  CPU_SET(sched_getcpu(), &one);
  if (sched_setaffinity(0, sizeof one, &one) != 0) std::perror("sched_setaffinity");

  std::ifstream in(pdf_path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  std::string png = render_png(ss.str(), std::max(page, 0), 300);
  if (png.empty()) {
    std::fprintf(stderr, "cannot render page %d of %s\n", page + 1, pdf_path.c_str());
    return 1;
  }

  dondoc::ingest::ReaderContext ctx;
  std::vector<double> secs;
  size_t chars = 0;
  double confidence = 0;
  for (int i = 0; i < runs; ++i) {
    auto t0 = std::chrono::steady_clock::now();
    auto r = dondoc::ingest::read_bytes(png, "page.png", ctx);
    double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (!r) {
      std::fprintf(stderr, "OCR failed: %s\n", r.error().message.c_str());
      return 1;
    }
    secs.push_back(s);
    chars = r->text.size();
    confidence = r->info.page_confidence.empty() ? 0 : r->info.page_confidence[0];
  }
  std::sort(secs.begin(), secs.end());
  double median = secs[secs.size() / 2];
  std::printf("ocr_bench: %s page %d, %d runs on one core\n", pdf_path.c_str(), page + 1, runs);
  std::printf("  per page: min %.2f s, median %.2f s, max %.2f s (Tesseract start-up included)\n", secs.front(), median,
              secs.back());
  std::printf("  text: %zu bytes, mean confidence %.0f\n", chars, confidence);
  std::printf("  target <= %.1f s per page: %s\n", kTargetSeconds, median <= kTargetSeconds ? "met" : "MISSED");
  return 0;
}
