#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "ingest/ingest.h"
#include "ingest/readers.h"
#include "ingest/testing.h"

namespace dondoc::ingest {
namespace {

Result<RawText> read_pdf(const std::string& bytes, const ReaderContext& ctx = {}) {
  return make_pdf_reader()->read(bytes, ctx);
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < text.size()) {
    size_t j = text.find_first_of("\n\f", i);
    if (j == std::string::npos) j = text.size();
    out.push_back(text.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

bool has_line(const std::string& text, const std::string& line) {
  for (const auto& l : lines_of(text))
    if (l == line) return true;
  return false;
}

bool has_note(const RawText& r, const std::string& code) {
  for (const auto& n : r.notes)
    if (n.code == code) return true;
  return false;
}

// The columns of the header and of the signature block must not share a line.
void expect_columns_apart(const std::string& text) {
  for (const auto& l : lines_of(text)) {
    bool issuer = l.find("ỦY BAN NHÂN DÂN") != std::string::npos || l.find("TỈNH LẠNG SƠN") != std::string::npos ||
                  l.find("123/UBND-VX") != std::string::npos;
    bool right = l.find("CỘNG HÒA") != std::string::npos || l.find("Độc lập") != std::string::npos ||
                 l.find("Lạng Sơn, ngày") != std::string::npos;
    EXPECT_FALSE(issuer && right) << "header columns on one line: " << l;
    bool left = l.find("Nơi nhận") != std::string::npos || l.find("Như trên") != std::string::npos;
    bool signer = l.find("CHỦ TỊCH") != std::string::npos;
    EXPECT_FALSE(left && signer) << "signature columns on one line: " << l;
  }
}

TEST(PdfReader, TextLayerInReadingOrder) {
  auto pdf = fixtures::cong_van_pdf();
  if (!pdf) GTEST_SKIP() << "LibreOffice (soffice) is not installed: " << pdf.error().message;
  auto r = read_pdf(*pdf);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->info.reader, "pdf");
  EXPECT_FALSE(r->info.ocr);
  EXPECT_TRUE(r->info.page_confidence.empty());
  const std::string& t = r->text;
  for (const char* line : {"ỦY BAN NHÂN DÂN", "TỈNH LẠNG SƠN", "Số: 123/UBND-VX", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                           "Độc lập - Tự do - Hạnh phúc", "Lạng Sơn, ngày 07 tháng 4 năm 2026", "Kính gửi:",
                           "Nơi nhận:", "- Như trên;", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Văn Bình"})
    EXPECT_TRUE(has_line(t, line)) << line << "\n---\n" << t;
  expect_columns_apart(t);
  // LibreOffice sets list labels apart with a tab; they stay with their text.
  EXPECT_NE(t.find("\n1. Sở Y tế chủ trì"), std::string::npos) << t;
  EXPECT_NE(t.find("\na) Xây dựng kế hoạch"), std::string::npos) << t;
  // The raised footnote mark neither glues onto the year nor floats as a word.
  EXPECT_NE(t.find("ngày 15/3/2026¹ của"), std::string::npos) << t;
  EXPECT_NE(t.find("\n[1] Thể thức văn bản"), std::string::npos) << t;
  EXPECT_TRUE(r->notes.empty());
}

TEST(PdfReader, EncryptedPdfAsksToRemoveThePassword) {
  auto r = read_pdf(fixtures::read("encrypted.pdf"));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidInput);
  EXPECT_EQ(r.error().message, "PDF được bảo vệ bằng mật khẩu; hãy gỡ mật khẩu rồi thử lại");
}

TEST(PdfReader, CorruptAndEmptyPdfs) {
  struct Case {
    const char* name;
    std::string bytes;
    const char* words;
  } cases[] = {
      {"empty", "", "rỗng"},
      {"no header", "Đây không phải PDF", "không phải PDF"},
      {"garbage after the header", std::string("%PDF-1.7\n") + std::string(3000, '\x9c') + "\n%%EOF", "hỏng"},
      {"no pages", "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] "
                   "/Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n",
       "PDF"},
  };
  for (const auto& c : cases) {
    auto r = read_pdf(c.bytes);
    ASSERT_FALSE(r) << c.name;
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidInput) << c.name;
    EXPECT_NE(r.error().message.find(c.words), std::string::npos) << c.name << ": " << r.error().message;
  }
}

TEST(PdfReader, TruncatedPdfNeverCrashes) {
  std::string pdf = fixtures::make_text_pdf(3);
  for (size_t cut : {size_t{9}, size_t{100}, pdf.size() / 3, pdf.size() / 2, pdf.size() - 30}) {
    auto r = read_pdf(pdf.substr(0, cut));
    if (r) {
      EXPECT_EQ(r->info.reader, "pdf");  // poppler may rebuild what is left
    } else {
      EXPECT_FALSE(r.error().message.empty());
    }
  }
}

TEST(PdfReader, TwoThousandPagesGiveABoundedPartialResult) {
  std::string pdf = fixtures::make_text_pdf(2000);
  ReaderContext ctx;  // max_pages = 500
  auto r = read_pdf(pdf, ctx);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_TRUE(has_note(*r, "pdf.page_limit"));
  EXPECT_TRUE(has_line(r->text, "Trang 500"));
  EXPECT_FALSE(has_line(r->text, "Trang 501"));
  EXPECT_EQ(std::count(r->text.begin(), r->text.end(), '\f'), 499);
}

TEST(PdfReader, ProgressPerPageAndCancellation) {
  std::string pdf = fixtures::make_text_pdf(50);
  CancelToken stop;
  std::vector<std::pair<int, int>> calls;
  ReaderContext ctx;
  ctx.cancelled = &stop;
  ctx.progress = [&](int done, int total) {
    calls.emplace_back(done, total);
    if (done == 10) stop.cancel();  // as the CLI's Ctrl-C handler does
  };
  auto r = read_pdf(pdf, ctx);
  ASSERT_TRUE(r) << r.error().message;
  ASSERT_EQ(calls.size(), 10u);
  EXPECT_EQ(calls.front(), std::make_pair(1, 50));
  EXPECT_EQ(calls.back(), std::make_pair(10, 50));
  EXPECT_TRUE(has_line(r->text, "Trang 10"));
  EXPECT_FALSE(has_line(r->text, "Trang 11"));
  EXPECT_TRUE(has_note(*r, "pdf.cancelled"));
}

class ScannedPdf : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto pdf = fixtures::cong_van_pdf();
    if (!pdf) return;
    auto jpeg = fixtures::render_pdf_page(*pdf, 0, 300, "jpeg");
    if (jpeg) jpeg_ = new std::string(std::move(*jpeg));
  }
  static void TearDownTestSuite() {
    delete jpeg_;
    jpeg_ = nullptr;
  }
  void SetUp() override {
    if (!jpeg_) GTEST_SKIP() << "LibreOffice (soffice) is not installed";
  }
  static std::string* jpeg_;
};
std::string* ScannedPdf::jpeg_ = nullptr;

TEST_F(ScannedPdf, PagesWithoutTextAreRead) {
  auto pdf = fixtures::make_image_pdf({*jpeg_}, 300);
  ASSERT_TRUE(pdf);
  auto r = read_pdf(*pdf);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->info.reader, "ocr");
  EXPECT_TRUE(r->info.ocr);
  ASSERT_EQ(r->info.page_confidence.size(), 1u);
  EXPECT_GT(r->info.page_confidence[0], 80);
  for (const char* line : {"ỦY BAN NHÂN DÂN", "Số: 123/UBND-VX", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                           "Lạng Sơn, ngày 07 tháng 4 năm 2026", "KT. CHỦ TỊCH"})
    EXPECT_TRUE(has_line(r->text, line)) << line << "\n---\n" << r->text;
  expect_columns_apart(r->text);
}

TEST_F(ScannedPdf, OcrSwitchedOffIsAClearError) {
  auto pdf = fixtures::make_image_pdf({*jpeg_}, 300);
  ASSERT_TRUE(pdf);
  ReaderContext ctx;
  ctx.ocr = false;
  auto r = read_pdf(*pdf, ctx);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kUnsupported);
  EXPECT_NE(r.error().message.find("ảnh quét"), std::string::npos) << r.error().message;
}

TEST_F(ScannedPdf, CancelledBetweenPagesKeepsWhatWasRead) {
  auto pdf = fixtures::make_image_pdf({*jpeg_, *jpeg_, *jpeg_}, 300);
  ASSERT_TRUE(pdf);
  CancelToken stop;
  ReaderContext ctx;
  ctx.cancelled = &stop;
  ctx.progress = [&](int, int) { stop.cancel(); };
  auto r = read_pdf(*pdf, ctx);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->info.page_confidence.size(), 1u);
  EXPECT_TRUE(has_note(*r, "pdf.cancelled"));
  EXPECT_TRUE(has_line(r->text, "Số: 123/UBND-VX"));
}

TEST_F(ScannedPdf, OversizedPageIsRefusedNotRendered) {
  // The same image printed at 2 dpi: a page of 31×44 metres, billions of pixels at 300 dpi.
  auto pdf = fixtures::make_image_pdf({*jpeg_}, 2);
  ASSERT_TRUE(pdf);
  auto r = read_pdf(*pdf);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kTooLarge);
  EXPECT_NE(r.error().message.find("quá lớn"), std::string::npos) << r.error().message;
}

// Many pages that show one image: the pixel budget counts each page before it is rendered; the
// pages read within it are kept.
TEST_F(ScannedPdf, PixelBudgetKeepsThePagesRead) {
  auto pdf = fixtures::make_image_pdf({*jpeg_, *jpeg_, *jpeg_, *jpeg_}, 300);
  ASSERT_TRUE(pdf);
  ReaderContext ctx;
  ctx.ocr_budget_pixels = 12'000'000;  // one A4 page at 300 dpi is 8.7 million
  auto r = read_bytes(*pdf, "quet.pdf", ctx);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->info.page_confidence.size(), 1u);
  EXPECT_NE(r->text.find("123/UBND-VX"), std::string::npos);
  ASSERT_TRUE(has_note(*r, "ocr.budget"));
  EXPECT_NE(r->notes.back().message.find("12 triệu điểm ảnh cho một văn bản; đã đọc 1/4 trang"), std::string::npos)
      << r->notes.back().message;
}

TEST_F(ScannedPdf, TiffPagesCountAgainstThePixelBudget) {
  auto tiff = fixtures::multipage_tiff({*jpeg_, *jpeg_, *jpeg_});
  ASSERT_TRUE(tiff);
  ReaderContext ctx;
  ctx.ocr_budget_pixels = 20'000'000;
  auto r = read_bytes(*tiff, "quet.tif", ctx);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->info.page_confidence.size(), 2u);
  EXPECT_TRUE(has_note(*r, "ocr.budget"));
}

TEST(PdfReader, ChosenByContentThenName) {
  auto pdf = make_pdf_reader();
  EXPECT_EQ(pdf->score("%PDF-1.7\n...", "scan"), 100);
  EXPECT_EQ(pdf->score("\r\n%PDF-1.4", "x.bin"), 100);  // junk before the header is allowed
  EXPECT_EQ(pdf->score("hello", "VanBan.PDF"), 60);
  EXPECT_EQ(pdf->score("hello", "van-ban.txt"), 0);
  auto r = read_bytes(fixtures::make_text_pdf(1), "tai-lieu", ReaderContext{});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->info.reader, "pdf");
}

}  // namespace
}  // namespace dondoc::ingest

// fontconfig, which poppler starts for rendering, keeps a small cache for the life of the
// process; LeakSanitizer (DONDOC_SANITIZE builds) would report it as ours.
extern "C" const char* __lsan_default_suppressions() { return "leak:libfontconfig.so\n"; }
