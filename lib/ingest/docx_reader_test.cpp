#include <gtest/gtest.h>

#include <random>
#include <string>

#include "ingest/docx_numbering.h"
#include "ingest/ingest.h"
#include "ingest/readers.h"
#include "ingest/testing.h"

namespace dondoc::ingest {
namespace {

std::string p(const std::string& text, const std::string& ppr = "") {
  return "<w:p>" + (ppr.empty() ? "" : "<w:pPr>" + ppr + "</w:pPr>") + "<w:r><w:t xml:space=\"preserve\">" + text +
         "</w:t></w:r></w:p>";
}
std::string num(int id, int lvl) {
  return "<w:numPr><w:ilvl w:val=\"" + std::to_string(lvl) + "\"/><w:numId w:val=\"" + std::to_string(id) +
         "\"/></w:numPr>";
}
std::string lvl(int i, const std::string& fmt, const std::string& text, int start = 1) {
  return "<w:lvl w:ilvl=\"" + std::to_string(i) + "\"><w:start w:val=\"" + std::to_string(start) +
         "\"/><w:numFmt w:val=\"" + fmt + "\"/><w:lvlText w:val=\"" + text + "\"/></w:lvl>";
}

// Decimal "1." over lowerLetter "a)", the usual scheme of a công văn; a Roman outline; bullets.
const std::string kNumbering =
    "<w:abstractNum w:abstractNumId=\"0\">" + lvl(0, "decimal", "%1.") + lvl(1, "lowerLetter", "%2)") +
    "</w:abstractNum>"
    "<w:abstractNum w:abstractNumId=\"1\">" + lvl(0, "upperRoman", "%1.") + lvl(1, "decimal", "%1.%2.") +
    "</w:abstractNum>"
    "<w:abstractNum w:abstractNumId=\"2\">" + lvl(0, "bullet", "\xEF\x82\xB7") + "</w:abstractNum>"
    "<w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>"
    "<w:num w:numId=\"2\"><w:abstractNumId w:val=\"1\"/></w:num>"
    "<w:num w:numId=\"3\"><w:abstractNumId w:val=\"2\"/></w:num>"
    "<w:num w:numId=\"4\"><w:abstractNumId w:val=\"0\"/>"
    "<w:lvlOverride w:ilvl=\"0\"><w:startOverride w:val=\"5\"/></w:lvlOverride></w:num>";

Result<RawText> read_docx(const std::string& bytes, const ReaderContext& ctx = {}) {
  return make_docx_reader()->read(bytes, ctx);
}

std::string text_of(const std::string& body, const std::string& numbering = "", const std::string& notes = "",
                    const std::string& styles = "") {
  auto r = read_docx(fixtures::make_docx(body, numbering, notes, styles));
  if (!r) return "ERROR: " + r.error().message;
  return r->text;
}

struct Case {
  const char* name;
  std::string body;
  std::string want;
};

TEST(DocxReader, BodyConstructs) {
  const Case cases[] = {
      {"paragraphs in order", p("Kính gửi: Sở Nội vụ") + p("Thực hiện Kế hoạch số 45/KH-UBND."),
       "Kính gửi: Sở Nội vụ\nThực hiện Kế hoạch số 45/KH-UBND.\n"},
      {"runs join without spaces",
       "<w:p><w:r><w:t xml:space=\"preserve\">trước ngày </w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>20/4/2026</w:t>"
       "</w:r><w:r><w:t>.</w:t></w:r></w:p>",
       "trước ngày 20/4/2026.\n"},
      {"soft line breaks and tabs",
       "<w:p><w:r><w:t>Kính gửi:</w:t><w:br/><w:t>- Sở Y tế;</w:t><w:br/><w:t>- Sở Tài chính.</w:t></w:r></w:p>"
       "<w:p><w:r><w:t>Nơi nhận:</w:t><w:tab/><w:t>KT. CHỦ TỊCH</w:t></w:r></w:p>",
       "Kính gửi:\n- Sở Y tế;\n- Sở Tài chính.\nNơi nhận:\tKT. CHỦ TỊCH\n"},
      {"empty paragraphs collapse to one blank line", p("A") + "<w:p/><w:p/><w:p/>" + p("B"), "A\n\nB\n"},
      {"two-column header table: each cell's lines in turn",
       "<w:tbl><w:tr><w:tc>" + p("ỦY BAN NHÂN DÂN") + p("TỈNH LẠNG SƠN") + p("Số: 123/UBND-VX") + "</w:tc><w:tc>" +
           p("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") + p("Độc lập - Tự do - Hạnh phúc") + "</w:tc></w:tr></w:tbl>",
       "ỦY BAN NHÂN DÂN\nTỈNH LẠNG SƠN\nSố: 123/UBND-VX\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh "
       "phúc\n"},
      {"table rows stay in row order",
       "<w:tbl><w:tr><w:tc>" + p("1") + "</w:tc><w:tc>" + p("Lập kế hoạch") + "</w:tc><w:tc>" + p("20/4/2026") +
           "</w:tc></w:tr><w:tr><w:tc>" + p("2") + "</w:tc><w:tc>" + p("Báo cáo") + "</w:tc><w:tc>" + p("15/5/2026") +
           "</w:tc></w:tr></w:tbl>",
       "1\nLập kế hoạch\n20/4/2026\n2\nBáo cáo\n15/5/2026\n"},
      {"deleted text is dropped, inserted text kept",
       "<w:p><w:r><w:t xml:space=\"preserve\">trước ngày </w:t></w:r><w:del><w:r><w:delText>15/4</w:delText></w:r>"
       "</w:del><w:ins><w:r><w:t>20/4/2026</w:t></w:r></w:ins></w:p>",
       "trước ngày 20/4/2026\n"},
      {"hyperlinks, fields and content controls keep their text",
       "<w:p><w:hyperlink><w:r><w:t>Cổng thông tin</w:t></w:r></w:hyperlink><w:r><w:fldChar w:fldCharType=\"begin\"/>"
       "</w:r><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r>"
       "<w:t xml:space=\"preserve\"> 2</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p>"
       "<w:sdt><w:sdtContent>" + p("Trích yếu") + "</w:sdtContent></w:sdt>",
       "Cổng thông tin 2\nTrích yếu\n"},
      {"text box lines follow their anchor, once",
       "<w:p><w:r><w:t>Số: 12/QĐ-UBND</w:t></w:r><w:r><mc:AlternateContent xmlns:mc=\"x\"><mc:Choice Requires=\"wps\">"
       "<w:drawing><wps:txbx xmlns:wps=\"y\"><w:txbxContent>" + p("KHẨN") + "</w:txbxContent></wps:txbx></w:drawing>"
       "</mc:Choice><mc:Fallback><w:pict><v:textbox xmlns:v=\"z\"><w:txbxContent>" + p("KHẨN") +
           "</w:txbxContent></v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>",
       "Số: 12/QĐ-UBND\nKHẨN\n"},
      {"hand-typed raised footnote digits do not glue onto a year",
       "<w:p><w:r><w:t>năm 2026</w:t></w:r><w:r><w:rPr><w:vertAlign w:val=\"superscript\"/></w:rPr><w:t>2</w:t>"
       "</w:r></w:p>",
       "năm 2026²\n"},
      {"no namespace prefix", "<p><r><t>Không tiền tố</t></r></p>", "Không tiền tố\n"},
  };
  for (const auto& c : cases) EXPECT_EQ(text_of(c.body), c.want) << c.name;
}

TEST(DocxReader, NumberingLabelsAreRebuilt) {
  std::string body = p("Sở Y tế chủ trì:", num(1, 0)) + p("Xây dựng kế hoạch;", num(1, 1)) +
                     p("Tổ chức kiểm tra;", num(1, 1)) + p("Ủy ban nhân dân các huyện:", num(1, 0)) +
                     p("Báo cáo kết quả.", num(1, 1)) + p("NHIỆM VỤ", num(2, 0)) + p("Mục tiêu", num(2, 1)) +
                     p("Giải pháp", num(2, 1)) + p("TỔ CHỨC THỰC HIỆN", num(2, 0)) + p("Phân công", num(2, 1)) +
                     p("Như trên;", num(3, 0)) + p("Tiếp tục từ 5", num(4, 0)) + p("Không đánh số", num(0, 0));
  EXPECT_EQ(text_of(body, kNumbering),
            "1. Sở Y tế chủ trì:\n"
            "a) Xây dựng kế hoạch;\n"
            "b) Tổ chức kiểm tra;\n"
            "2. Ủy ban nhân dân các huyện:\n"
            "a) Báo cáo kết quả.\n"
            "I. NHIỆM VỤ\n"
            "I.1. Mục tiêu\n"
            "I.2. Giải pháp\n"
            "II. TỔ CHỨC THỰC HIỆN\n"
            "II.1. Phân công\n"
            "- Như trên;\n"
            "5. Tiếp tục từ 5\n"
            "Không đánh số\n");
}

TEST(DocxReader, NumberingThroughParagraphStyles) {
  std::string styles =
      "<w:style w:type=\"paragraph\" w:styleId=\"Dieu\"><w:pPr>" + num(1, 0) + "</w:pPr></w:style>"
      "<w:style w:type=\"paragraph\" w:styleId=\"DieuDam\"><w:basedOn w:val=\"Dieu\"/></w:style>";
  std::string body = p("Phạm vi điều chỉnh", "<w:pStyle w:val=\"Dieu\"/>") +
                     p("Đối tượng áp dụng", "<w:pStyle w:val=\"DieuDam\"/>");
  EXPECT_EQ(text_of(body, kNumbering, "", styles), "1. Phạm vi điều chỉnh\n2. Đối tượng áp dụng\n");
}

TEST(DocxReader, ListNumberFormats) {
  struct F {
    int v;
    const char* fmt;
    const char* want;
  } cases[] = {{4, "decimal", "4"},        {5, "decimalZero", "05"},  {12, "decimalZero", "12"},
               {1, "lowerLetter", "a"},    {27, "lowerLetter", "aa"}, {3, "upperLetter", "C"},
               {14, "upperRoman", "XIV"},  {9, "lowerRoman", "ix"},   {7, "ordinal", "7"},
               {2, "none", ""},            {0, "upperRoman", "0"}};
  for (const auto& c : cases) EXPECT_EQ(format_list_number(c.v, c.fmt), c.want) << c.fmt << " " << c.v;
}

TEST(DocxReader, FootnotesGoToTheEndInOrderOfReference) {
  std::string notes =
      "<w:footnote w:type=\"separator\" w:id=\"-1\"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>"
      "<w:footnote w:id=\"7\"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space=\"preserve\"> Nghị định số "
      "30/2020/NĐ-CP.</w:t></w:r></w:p></w:footnote>"
      "<w:footnote w:id=\"3\"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space=\"preserve\"> Dòng một</w:t></w:r>"
      "</w:p><w:p><w:r><w:t>dòng hai.</w:t></w:r></w:p></w:footnote>";
  std::string body =
      "<w:p><w:r><w:t>ngày 15/3/2026</w:t></w:r><w:r><w:footnoteReference w:id=\"3\"/></w:r>"
      "<w:r><w:t xml:space=\"preserve\"> của Thủ tướng</w:t></w:r><w:r><w:footnoteReference w:id=\"7\"/></w:r></w:p>";
  EXPECT_EQ(text_of(body, "", notes),
            "ngày 15/3/2026¹ của Thủ tướng²\n\n[1] Dòng một dòng hai.\n[2] Nghị định số 30/2020/NĐ-CP.\n");
}

TEST(DocxReader, TheCongVanFixture) {
  auto r = read_docx(fixtures::zip_folder(fixtures::path("cong_van_123.docx.d")));
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->info.reader, "docx");
  EXPECT_FALSE(r->info.ocr);
  const std::string& t = r->text;
  for (const char* line : {"ỦY BAN NHÂN DÂN\nTỈNH LẠNG SƠN\nSố: 123/UBND-VX\n",
                           "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n",
                           "\n1. Sở Y tế chủ trì", "\na) Xây dựng kế hoạch", "trước ngày 20/4/2026.\nb) Tổ chức",
                           "\n2. Ủy ban nhân dân các huyện", "ngày 15/3/2026¹ của Thủ tướng",
                           "Kính gửi:\n- Sở Y tế;\n", "Nơi nhận:\n- Như trên;\n", "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n",
                           "\n[1] Thể thức văn bản theo Nghị định số 30/2020/NĐ-CP"})
    EXPECT_NE(t.find(line), std::string::npos) << line << "\n---\n" << t;
  EXPECT_TRUE(r->notes.empty());
}

TEST(DocxReader, ImagesAreNoted) {
  auto r = read_docx(fixtures::make_docx(p("Trước") + "<w:p><w:r><w:drawing><wp:inline xmlns:wp=\"x\"/></w:drawing>"
                                                      "</w:r></w:p>"));
  ASSERT_TRUE(r);
  ASSERT_EQ(r->notes.size(), 1u);
  EXPECT_EQ(r->notes[0].code, "docx.images");
}

// Bad input: a clear error, never a crash.

void expect_error(const Result<RawText>& r, ErrorCode code, const std::string& words) {
  ASSERT_FALSE(r) << "read although it should not";
  EXPECT_EQ(r.error().code, code) << r.error().message;
  EXPECT_NE(r.error().message.find(words), std::string::npos) << r.error().message;
}

TEST(DocxReader, NotAZip) {
  expect_error(read_docx("Đây là văn bản thường, không phải DOCX."), ErrorCode::kInvalidInput, "ZIP");
  expect_error(read_docx(""), ErrorCode::kInvalidInput, "rỗng");
  std::string zip = fixtures::make_docx(p("x"));
  expect_error(read_docx(zip.substr(0, zip.size() / 2)), ErrorCode::kInvalidInput, "ZIP");
}

TEST(DocxReader, ZipWithoutDocumentXml) {
  expect_error(read_docx(fixtures::make_zip({{"mimetype", "application/vnd.oasis.opendocument.text"},
                                             {"content.xml", "<office:document-content/>"}})),
               ErrorCode::kInvalidInput, "word/document.xml");
}

TEST(DocxReader, BrokenXml) {
  std::string docx = fixtures::make_zip({{"word/document.xml", "<w:document><w:body><w:p>không đóng"}});
  expect_error(read_docx(docx), ErrorCode::kInvalidInput, "XML");
}

TEST(DocxReader, ZipBombIsRefusedBeforeInflating) {
  // 40 MB of one repeated byte deflates to about 40 KB: a ratio of about 1000:1.
  std::string body(40u << 20, ' ');
  std::string docx = fixtures::make_zip({{"word/document.xml", body}});
  ASSERT_LT(docx.size(), 200u << 10);
  expect_error(read_docx(docx), ErrorCode::kInvalidInput, "bom nén");
}

TEST(DocxReader, InflatedBytesAreCapped) {
  // Text that compresses like real text, but more of it than the context allows.
  std::mt19937 rng(7);
  std::string xml = "<w:document xmlns:w=\"w\"><w:body>";
  while (xml.size() < (6u << 20)) xml += p("Văn bản số " + std::to_string(rng()) + " ngày " + std::to_string(rng() % 28 + 1));
  xml += "</w:body></w:document>";
  ReaderContext ctx;
  ctx.max_text_bytes = 256u << 10;
  expect_error(read_docx(fixtures::make_zip({{"word/document.xml", xml}}), ctx), ErrorCode::kTooLarge, "giới hạn");
  ctx.max_text_bytes = 64u << 20;
  EXPECT_TRUE(read_docx(fixtures::make_zip({{"word/document.xml", xml}}), ctx));
}

TEST(DocxReader, DeepNestingIsCut) {
  std::string xml = "<w:document><w:body>";
  for (int i = 0; i < 5000; ++i) xml += "<w:sdt><w:sdtContent>";
  xml += p("sâu");
  for (int i = 0; i < 5000; ++i) xml += "</w:sdtContent></w:sdt>";
  xml += p("nông") + "</w:body></w:document>";
  auto r = read_docx(fixtures::make_zip({{"word/document.xml", xml}}));
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->text, "nông\n");
  ASSERT_FALSE(r->notes.empty());
  EXPECT_EQ(r->notes[0].code, "docx.too_deep");
}

TEST(DocxReader, ChosenByContentThenName) {
  auto docx = make_docx_reader();
  std::string zip = fixtures::make_docx(p("x"));
  EXPECT_EQ(docx->score(zip.substr(0, 4096), "cv.docx"), 100);
  EXPECT_EQ(docx->score(zip.substr(0, 4096), "tai-ve"), 100);  // "word/" in the first entries
  EXPECT_EQ(docx->score("PK\x03\x04 other", "a.zip"), 60);
  EXPECT_EQ(docx->score("plain text", "cv.docx"), 60);
  EXPECT_EQ(docx->score("plain text", "cv.txt"), 0);
  auto r = read_bytes(zip, "khong-co-duoi", ReaderContext{});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->info.reader, "docx");
}

}  // namespace
}  // namespace dondoc::ingest
