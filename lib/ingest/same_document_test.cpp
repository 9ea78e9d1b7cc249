// One công văn in every form it arrives in: a text copy, DOCX, a PDF with a text layer, a legacy
// .doc, a scanned PNG and a scanned PDF. Each reader's text must give the pipeline the same
// number, symbol, date and citations; OCR within a tolerance.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "ingest/ingest.h"
#include "ingest/testing.h"
#include "pipeline/pipeline.h"
#include "rules/rules.h"

namespace dondoc::ingest {
namespace {

struct Form {
  std::string name;  // file name given to read_bytes: the reader is picked by content first
  std::string bytes;
  bool ocr = false;
};

std::string citation_key(const Citation& c) {
  std::string d = c.date ? std::to_string(c.date->y) + "-" + std::to_string(c.date->m) + "-" + std::to_string(c.date->d)
                         : "?";
  return c.type + " " + c.number.value_or("?") + "/" + c.symbol.value_or("?") + " " + d;
}

Document extract(const RawText& raw) {
  pipeline::ExtractOptions opts;
  opts.today = Date{2026, 4, 10};
  return pipeline::extract(raw.text, rules::Rules::builtin(), opts);
}

TEST(SameDocument, EveryReaderGivesTheSameHeaderAndCitations) {
  std::vector<Form> forms;
  forms.push_back({"cong_van_123.txt", fixtures::read("cong_van_123.txt")});
  forms.push_back({"cong_van_123.docx", fixtures::cong_van_docx()});
  bool soffice = fixtures::soffice_available();
  if (soffice) {
    auto pdf = fixtures::cong_van_pdf();
    ASSERT_TRUE(pdf) << pdf.error().message;
    forms.push_back({"cong_van_123.pdf", *pdf});
    auto doc = fixtures::soffice_convert(fixtures::cong_van_docx(), "docx", "doc");
    ASSERT_TRUE(doc) << doc.error().message;
    forms.push_back({"cong_van_123.doc", *doc});
    auto png = fixtures::render_pdf_page(*pdf, 0, 300, "png");
    ASSERT_TRUE(png) << png.error().message;
    forms.push_back({"scan.png", *png, true});
    auto jpeg = fixtures::render_pdf_page(*pdf, 0, 300, "jpeg");
    ASSERT_TRUE(jpeg) << jpeg.error().message;
    auto scanned = fixtures::make_image_pdf({*jpeg}, 300);
    ASSERT_TRUE(scanned) << scanned.error().message;
    forms.push_back({"scan.pdf", *scanned, true});
  }

  auto base_raw = read_bytes(forms[0].bytes, forms[0].name, ReaderContext{});
  ASSERT_TRUE(base_raw) << base_raw.error().message;
  Document base = extract(*base_raw);
  // The text copy itself must be understood, or the comparison means nothing.
  ASSERT_EQ(base.number, "123");
  ASSERT_EQ(base.symbol, "UBND-VX");
  ASSERT_TRUE(base.date.has_value());
  ASSERT_EQ(base.citations.size(), 3u);
  std::vector<std::string> want;
  for (const auto& c : base.citations) want.push_back(citation_key(c));

  for (const auto& f : forms) {
    SCOPED_TRACE(f.name);
    auto raw = read_bytes(f.bytes, f.name, ReaderContext{});
    ASSERT_TRUE(raw) << raw.error().message;
    EXPECT_EQ(raw->info.ocr, f.ocr);
    Document d = extract(*raw);
    EXPECT_EQ(d.number, base.number) << raw->text;
    EXPECT_EQ(d.symbol, base.symbol) << raw->text;
    ASSERT_TRUE(d.date.has_value()) << raw->text;
    EXPECT_EQ(d.date->y, base.date->y);
    EXPECT_EQ(d.date->m, base.date->m);
    EXPECT_EQ(d.date->d, base.date->d);
    EXPECT_EQ(d.issuer, base.issuer) << raw->text;
    std::vector<std::string> got;
    for (const auto& c : d.citations) got.push_back(citation_key(c));
    if (!f.ocr) {
      EXPECT_EQ(got, want) << raw->text;
      continue;
    }
    // OCR: every citation but at most one must come out exactly; none may be invented.
    size_t found = 0;
    for (const auto& w : want) found += std::find(got.begin(), got.end(), w) != got.end() ? 1 : 0;
    EXPECT_GE(found + 1, want.size()) << raw->text;
    EXPECT_LE(got.size(), want.size() + 1) << raw->text;
    ASSERT_FALSE(raw->info.page_confidence.empty());
    EXPECT_GT(raw->info.page_confidence[0], 80);
  }
  if (!soffice) GTEST_SKIP() << "LibreOffice (soffice) is not installed: only .txt and .docx were compared";
}

}  // namespace
}  // namespace dondoc::ingest
