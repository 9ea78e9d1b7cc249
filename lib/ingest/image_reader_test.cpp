#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <string>

#include "ingest/ingest.h"
#include "ingest/readers.h"
#include "ingest/testing.h"

namespace dondoc::ingest {
namespace {

Result<RawText> read_image(const std::string& bytes, const ReaderContext& ctx = {}) {
  return make_image_reader()->read(bytes, ctx);
}

uint32_t crc32(const std::string& s) {
  uint32_t c = 0xFFFFFFFFu;
  for (unsigned char b : s) {
    c ^= b;
    for (int k = 0; k < 8; ++k) c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1u)));
  }
  return ~c;
}

std::string be32(uint32_t v) {
  return {static_cast<char>(v >> 24), static_cast<char>(v >> 16), static_cast<char>(v >> 8), static_cast<char>(v)};
}

std::string chunk(const std::string& type, const std::string& data) {
  return be32(static_cast<uint32_t>(data.size())) + type + data + be32(crc32(type + data));
}

// A PNG whose header claims width x height grey pixels, followed by a few bytes of image data.
std::string png_claiming(uint32_t width, uint32_t height) {
  std::string ihdr = be32(width) + be32(height) + std::string("\x08\x00\x00\x00\x00", 5);
  return std::string("\x89PNG\r\n\x1a\n", 8) + chunk("IHDR", ihdr) + chunk("IDAT", std::string("\x78\x9c\x03\x00", 4)) +
         chunk("IEND", "");
}

bool contains(const std::string& text, const std::string& what) { return text.find(what) != std::string::npos; }

class ScannedImage : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto pdf = fixtures::cong_van_pdf();
    if (pdf) pdf_ = new std::string(std::move(*pdf));
  }
  static void TearDownTestSuite() {
    delete pdf_;
    pdf_ = nullptr;
  }
  void SetUp() override {
    if (!pdf_) GTEST_SKIP() << "LibreOffice (soffice) is not installed";
  }
  static std::string* pdf_;
};
std::string* ScannedImage::pdf_ = nullptr;

TEST_F(ScannedImage, PngAt300Dpi) {
  auto png = fixtures::render_pdf_page(*pdf_, 0, 300, "png");
  ASSERT_TRUE(png);
  auto r = read_bytes(*png, "scan.png", ReaderContext{});
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->info.reader, "ocr");
  EXPECT_TRUE(r->info.ocr);
  ASSERT_EQ(r->info.page_confidence.size(), 1u);
  EXPECT_GT(r->info.page_confidence[0], 80);
  for (const char* s : {"ỦY BAN NHÂN DÂN\n", "Số: 123/UBND-VX\n", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n",
                        "Lạng Sơn, ngày 07 tháng 4 năm 2026\n", "trước ngày 20/4/2026", "Nơi nhận:\n"})
    EXPECT_TRUE(contains(r->text, s)) << s << "\n---\n" << r->text;
}

TEST_F(ScannedImage, CrookedJpegIsStraightened) {
  auto jpeg = fixtures::render_pdf_page(*pdf_, 0, 300, "jpeg", 1.5);
  ASSERT_TRUE(jpeg);
  auto r = read_image(*jpeg);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_GT(r->info.page_confidence.at(0), 75);
  for (const char* s : {"123/UBND-VX", "07 tháng 4 năm 2026", "05/CT-TTg", "trước ngày 20/4/2026"})
    EXPECT_TRUE(contains(r->text, s)) << s << "\n---\n" << r->text;
}

TEST_F(ScannedImage, TiffPagesAreCappedByMaxPages) {
  auto png = fixtures::render_pdf_page(*pdf_, 0, 200, "png");
  ASSERT_TRUE(png);
  auto tiff = fixtures::multipage_tiff({*png, *png, *png});
  ASSERT_TRUE(tiff) << tiff.error().message;
  ReaderContext ctx;
  ctx.max_pages = 1;
  int calls = 0;
  ctx.progress = [&](int done, int total) {
    ++calls;
    EXPECT_EQ(total, 1);
    EXPECT_EQ(done, 1);
  };
  auto r = read_bytes(*tiff, "scan.tif", ctx);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(r->info.page_confidence.size(), 1u);
  ASSERT_FALSE(r->notes.empty());
  EXPECT_EQ(r->notes.back().code, "ocr.page_limit");
  EXPECT_TRUE(contains(r->text, "123/UBND-VX"));
}

void expect_error(const Result<RawText>& r, ErrorCode code, const std::string& words) {
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, code) << r.error().message;
  EXPECT_TRUE(contains(r.error().message, words)) << r.error().message;
}

TEST(ImageReader, EmptyImage) {
  expect_error(read_bytes("", "scan.png", ReaderContext{}), ErrorCode::kInvalidInput, "rỗng");
  expect_error(read_bytes("", "scan.jpg", ReaderContext{}), ErrorCode::kInvalidInput, "rỗng");
}

TEST(ImageReader, HugeDimensionsAreRefusedBeforeDecoding) {
  auto start = std::chrono::steady_clock::now();
  expect_error(read_image(png_claiming(20000, 20000)), ErrorCode::kTooLarge, "20000×20000");
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
  ReaderContext small;
  small.max_image_pixels = 1000;
  expect_error(read_image(png_claiming(100, 100), small), ErrorCode::kTooLarge, "quá lớn");
}

TEST(ImageReader, BrokenImages) {
  expect_error(read_bytes("không phải ảnh", "scan.png", ReaderContext{}), ErrorCode::kInvalidInput, "hỏng");
  expect_error(read_image(std::string("\x89PNG\r\n\x1a\n", 8) + "cut"), ErrorCode::kInvalidInput, "hỏng");
  expect_error(read_image(std::string("\xFF\xD8\xFF\xE0", 4) + std::string(50, '\0')), ErrorCode::kInvalidInput,
               "hỏng");
  expect_error(read_image(std::string("II*\0", 4) + std::string(50, '\xff')), ErrorCode::kInvalidInput, "hỏng");
  // A header that promises a small image with no pixel data behind it.
  auto r = read_image(png_claiming(64, 64));
  if (r) {
    EXPECT_TRUE(r->text.empty());
  }
}

TEST(ImageReader, OcrSwitchedOff) {
  ReaderContext ctx;
  ctx.ocr = false;
  expect_error(read_image(png_claiming(64, 64), ctx), ErrorCode::kUnsupported, "OCR");
}

TEST(ImageReader, ChosenByContentThenName) {
  auto img = make_image_reader();
  EXPECT_EQ(img->score(std::string("\x89PNG\r\n\x1a\n", 8), "x"), 100);
  EXPECT_EQ(img->score("\xFF\xD8\xFF\xE1", "x.bin"), 100);
  EXPECT_EQ(img->score(std::string("MM\0*", 4), "x"), 100);
  EXPECT_EQ(img->score("", "Scan.JPG"), 60);
  EXPECT_EQ(img->score("text", "x.txt"), 0);
}

}  // namespace
}  // namespace dondoc::ingest
