#include <gtest/gtest.h>
#include <sys/stat.h>

#include <chrono>
#include <fstream>
#include <string>

#include "ingest/ingest.h"
#include "ingest/process.h"
#include "ingest/readers.h"
#include "ingest/testing.h"

namespace dondoc::ingest {
namespace {

const std::string kOleMagic("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);

Result<RawText> read_doc(const std::string& bytes, const ReaderContext& ctx = {}) {
  return make_doc_reader()->read(bytes, ctx);
}

bool contains(const std::string& text, const std::string& what) { return text.find(what) != std::string::npos; }

TEST(DocReader, WithoutLibreOfficeSaysWhatToDo) {
  ReaderContext ctx;
  ctx.soffice = "/khong/co/soffice";
  auto r = read_doc(kOleMagic + std::string(600, '\0'), ctx);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kUnsupported);
  EXPECT_TRUE(contains(r.error().message, "LibreOffice")) << r.error().message;
  EXPECT_TRUE(contains(r.error().message, ".docx")) << r.error().message;
}

TEST(DocReader, AHangingConverterIsKilled) {
  auto dir = TempDir::create("dondoc-test-");
  ASSERT_TRUE(dir);
  std::string script = dir->path() + "/soffice";
  {
    std::ofstream f(script);
    // Like a converter stuck on a dialog: it never finishes, and neither does its child.
    f << "#!/bin/sh\nsleep 60 &\nsleep 60\n";
  }
  chmod(script.c_str(), 0755);
  ReaderContext ctx;
  ctx.soffice = script;
  ctx.convert_timeout_seconds = 1;
  auto start = std::chrono::steady_clock::now();
  auto r = read_doc(kOleMagic + std::string(600, '\0'), ctx);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
  ASSERT_FALSE(r);
  EXPECT_TRUE(contains(r.error().message, "quá 1 giây")) << r.error().message;
}

TEST(DocReader, ConverterThatFailsGivesAClearError) {
  ReaderContext ctx;
  ctx.soffice = "false";  // exits at once and writes nothing
  auto r = read_doc(kOleMagic + std::string(600, '\0'), ctx);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidInput);
  EXPECT_TRUE(contains(r.error().message, "không chuyển đổi được")) << r.error().message;
}

TEST(DocReader, BadInput) {
  auto empty = read_doc("");
  ASSERT_FALSE(empty);
  EXPECT_TRUE(contains(empty.error().message, "rỗng"));
  auto not_doc = read_bytes("\x01\x02\x03 không phải Word", "cong-van.doc", ReaderContext{});
  ASSERT_FALSE(not_doc);
  EXPECT_TRUE(contains(not_doc.error().message, "không phải văn bản Word")) << not_doc.error().message;
  // A password-protected DOCX is an OLE container with an EncryptedPackage stream.
  std::string name;
  for (char c : std::string("EncryptedPackage")) name += std::string{c, '\0'};
  auto locked = read_doc(kOleMagic + std::string(500, '\0') + name + std::string(100, '\0'));
  ASSERT_FALSE(locked);
  EXPECT_TRUE(contains(locked.error().message, "mật khẩu")) << locked.error().message;
}

TEST(DocReader, LegacyDocThroughLibreOffice) {
  if (!fixtures::soffice_available()) GTEST_SKIP() << "LibreOffice (soffice) is not installed";
  auto doc = fixtures::soffice_convert(fixtures::cong_van_docx(), "docx", "doc");
  ASSERT_TRUE(doc) << doc.error().message;
  ASSERT_EQ(doc->substr(0, 8), kOleMagic);
  auto r = read_bytes(*doc, "cong-van-123.doc", ReaderContext{});
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->info.reader, "doc");
  for (const char* s : {"ỦY BAN NHÂN DÂN\n", "Số: 123/UBND-VX\n", "Lạng Sơn, ngày 07 tháng 4 năm 2026\n",
                        "\n1. Sở Y tế chủ trì", "\na) Xây dựng kế hoạch", "Nghị định số 30/2020/NĐ-CP"})
    EXPECT_TRUE(contains(r->text, s)) << s << "\n---\n" << r->text;
}

TEST(DocReader, RtfThroughLibreOffice) {
  if (!fixtures::soffice_available()) GTEST_SKIP() << "LibreOffice (soffice) is not installed";
  auto rtf = fixtures::soffice_convert(fixtures::cong_van_docx(), "docx", "rtf");
  ASSERT_TRUE(rtf) << rtf.error().message;
  auto r = read_bytes(*rtf, "van-ban", ReaderContext{});
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->info.reader, "doc");
  EXPECT_TRUE(contains(r->text, "Số: 123/UBND-VX")) << r->text;
}

TEST(DocReader, ChosenByContentThenName) {
  auto doc = make_doc_reader();
  EXPECT_EQ(doc->score(kOleMagic, "x"), 100);
  EXPECT_EQ(doc->score("{\\rtf1\\ansi", "x"), 90);
  EXPECT_EQ(doc->score("<html>", "CongVan.DOC"), 60);
  EXPECT_EQ(doc->score("plain", "x.txt"), 0);
}

}  // namespace
}  // namespace dondoc::ingest
