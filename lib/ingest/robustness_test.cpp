// What probing found in the readers (issue 14): stray NULs, blank documents, OCR without a
// budget, and the folder walk of ingest.
#include <gtest/gtest.h>
#include <leptonica/allheaders.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <thread>

#include "ingest/ingest.h"
#include "ingest/readers.h"
#include "ingest/testing.h"
#include "ingest/walk.h"

namespace fs = std::filesystem;

namespace dondoc::ingest {
namespace {

bool has_note(const RawText& r, const std::string& code) {
  for (const auto& n : r.notes)
    if (n.code == code) return true;
  return false;
}

const char* kText = "ỦY BAN NHÂN DÂN\nTỈNH LẠNG SƠN\n\nSố: 123/UBND-VX\n\nKính gửi: Sở Nội vụ\n";

// One NUL byte (an editor's slip) does not make a whole document unreadable; it is dropped, and
// offsets still point into the file.
TEST(TextReader, StrayNulIsDroppedNotBinary) {
  std::string bytes = kText;
  size_t at = bytes.find("Số:");
  bytes.insert(at, 1, '\0');
  auto r = decode_text(bytes);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->text.find('\0'), std::string::npos);
  EXPECT_EQ(r->text, kText);
  EXPECT_TRUE(has_note(*r, "text.nul_dropped"));
  size_t in_text = r->text.find("123/UBND");
  Span s = r->map.to_source(Span{static_cast<uint32_t>(in_text), static_cast<uint32_t>(in_text + 8)});
  EXPECT_EQ(bytes.substr(s.begin, s.size()), "123/UBND");
}

TEST(TextReader, BinaryIsStillJudgedBinary) {
  std::string elf = std::string("\x7F" "ELF\x02\x01\x01", 7) + std::string(64, '\0') + "\x03\x00\x3E" + std::string(4000, '\x01');
  auto r = decode_text(elf);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("nhị phân"), std::string::npos) << r.error().message;
  std::string zeros = std::string("abc") + std::string(1000, '\0');
  EXPECT_FALSE(decode_text(zeros));
}

std::string white_png(int w, int h) {
  Pix* pix = pixCreate(w, h, 8);
  pixSetAll(pix);
  l_uint8* data = nullptr;
  size_t size = 0;
  pixWriteMem(&data, &size, pix, IFF_PNG);
  pixDestroy(&pix);
  std::string out(reinterpret_cast<char*>(data), size);
  lept_free(data);
  return out;
}

// A blank PDF, a blank scan, a DOCX of spaces: nothing to store, and the user is told so.
TEST(Blank, DocumentsWithoutTextAreRefusedWithAReason) {
  std::string blank_pdf = fixtures::make_bitmap_pdf(2, 1240, 1754, 150, [](int, int) -> unsigned char { return 0; });
  std::string docx = fixtures::make_docx("<w:p><w:r><w:t xml:space=\"preserve\">&#160; &#x20;</w:t></w:r></w:p><w:p/>");
  for (const auto& [name, bytes] : std::vector<std::pair<std::string, std::string>>{
           {"trang.pdf", blank_pdf}, {"quet.png", white_png(1240, 1754)}, {"rong.docx", docx}, {"cham.txt", ".....\n- - -\n"}}) {
    auto r = read_bytes(bytes, name, {});
    ASSERT_FALSE(r) << name;
    EXPECT_NE(r.error().message.find("không tìm thấy chữ nào"), std::string::npos) << name << ": " << r.error().message;
  }
  EXPECT_TRUE(read_bytes(kText, "a.txt", {}));
  EXPECT_TRUE(has_text("12"));
  EXPECT_FALSE(has_text(" \n\f\xC2\xA0--"));
}

// Fine horizontal stripes: Tesseract's page layout analysis takes over a minute on one such page
// and cannot be interrupted from inside; a file of such pages would hold ingest for hours.
std::string striped_pdf(int pages) {
  return fixtures::make_bitmap_pdf(pages, 2480, 3508, 300,
                                   [](int, int y) -> unsigned char { return (y / 2) % 2 ? 0xFF : 0x00; });
}

TEST(OcrBudget, TimeBudgetStopsEvenPageLayout) {
  ReaderContext ctx;
  ctx.ocr_budget_seconds = 2;
  auto r = read_bytes(striped_pdf(3), "soc.pdf", ctx);
  ASSERT_FALSE(r);  // nothing was read: no text
  EXPECT_NE(r.error().message.find("vượt giới hạn 2 giây cho một văn bản; đã đọc 0/3 trang"), std::string::npos)
      << r.error().message;
}

TEST(OcrBudget, CancellationStopsEvenPageLayout) {
  CancelToken stop;
  ReaderContext ctx;
  ctx.cancelled = &stop;
  int pages_seen = 0;
  ctx.progress = [&](int, int) { ++pages_seen; };
  std::thread canceller([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    stop.cancel();
  });
  auto r = make_pdf_reader()->read(striped_pdf(2), ctx);
  canceller.join();
  ASSERT_TRUE(r);
  EXPECT_TRUE(has_note(*r, "pdf.cancelled"));
  EXPECT_EQ(pages_seen, 1);  // stopped inside page 1
}

class Walk : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("dondoc-walk-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "a");
    fs::create_directories(dir_ / "elsewhere");
    std::ofstream(dir_ / "a" / "1.txt") << "x";
    std::ofstream(dir_ / "b.txt") << "x";
    std::ofstream(dir_ / ".hidden.txt") << "x";
    std::ofstream(dir_ / "elsewhere" / "2.txt") << "x";
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string p(const std::string& rel) const { return (dir_ / rel).string(); }
  static std::string reason_of(const WalkResult& w, const std::string& path) {
    for (const auto& x : w.problems)
      if (x.path == path) return (x.failed ? "failed: " : "skipped: ") + x.reason;
    return "";
  }
  fs::path dir_;
};

// Nothing is dropped without a word: links, loops, FIFOs are counted and named.
TEST_F(Walk, EveryLeftOutEntryIsNamedWithItsReason) {
  fs::create_directory_symlink(dir_ / "elsewhere", dir_ / "link-to-dir");
  fs::create_symlink(dir_ / "missing.txt", dir_ / "broken.txt");
  fs::create_symlink(dir_ / "loop2", dir_ / "loop1");
  fs::create_symlink(dir_ / "loop1", dir_ / "loop2");
  fs::create_symlink(dir_ / "b.txt", dir_ / "c-link.txt");
  ASSERT_EQ(::mkfifo(p("fifo.txt").c_str(), 0644), 0);
  auto w = collect_files({dir_.string()});
  EXPECT_EQ(w.files, (std::vector<std::string>{p("a/1.txt"), p("b.txt"), p("c-link.txt"), p("elsewhere/2.txt")}));
  EXPECT_NE(reason_of(w, p("link-to-dir")).find("skipped: bỏ qua: liên kết tới thư mục (dùng --follow-links"), std::string::npos);
  EXPECT_NE(reason_of(w, p("broken.txt")).find("failed: liên kết hỏng"), std::string::npos);
  EXPECT_NE(reason_of(w, p("loop1")).find("failed: liên kết trỏ vòng"), std::string::npos) << reason_of(w, p("loop1"));
  EXPECT_NE(reason_of(w, p("fifo.txt")).find("skipped: bỏ qua: là FIFO"), std::string::npos);
  EXPECT_EQ(w.failed(), 3);
  EXPECT_EQ(w.skipped(), 2);
  // Given by name: a missing path, a FIFO.
  auto named = collect_files({p("nope"), p("fifo.txt")});
  EXPECT_EQ(named.failed(), 2);
  EXPECT_NE(reason_of(named, p("nope")).find("không có tệp hoặc thư mục này"), std::string::npos);
}

TEST_F(Walk, FollowingFolderLinksIsAChoiceAndLoopsEnd) {
  fs::create_directory_symlink(dir_ / "elsewhere", dir_ / "a" / "ext");
  fs::create_directory_symlink(dir_ / "a", dir_ / "a" / "up");  // a loop back to the top
  auto plain = collect_files({p("a")});
  EXPECT_EQ(plain.files, (std::vector<std::string>{p("a/1.txt")}));
  EXPECT_EQ(plain.skipped(), 2);
  auto w = collect_files({p("a")}, {.follow_links = true});
  EXPECT_EQ(w.files, (std::vector<std::string>{p("a/1.txt"), p("a/ext/2.txt")}));
  EXPECT_EQ(w.failed(), 0);
  EXPECT_NE(reason_of(w, p("a/up")).find("skipped: thư mục này đã được duyệt"), std::string::npos) << reason_of(w, p("a/up"));
  // The store's own files are left out silently.
  auto x = collect_files({dir_.string()}, {.exclude = {p("b.txt")}});
  EXPECT_EQ(x.files, (std::vector<std::string>{p("a/1.txt"), p("elsewhere/2.txt")}));
}

}  // namespace
}  // namespace dondoc::ingest
