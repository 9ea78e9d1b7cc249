// Header, number, date and outline parsing on real snippets (Party and State, Markdown, OCR).
#include "structure/structure.h"

#include <gtest/gtest.h>

#include <chrono>

#include "normalize/normalize.h"

namespace dondoc::structure {
namespace {

const rules::Rules& R() { return rules::Rules::builtin(); }

struct Doc {
  std::string norm;
  Parsed p;
};

// Keeps the normalised text alive with the Parsed that points into it.
std::unique_ptr<Doc> parse_text(std::string_view raw) {
  auto d = std::make_unique<Doc>();
  d->norm = normalize::normalize(raw).text;
  d->p = parse(d->norm, R());
  return d;
}

// ---- numbers and symbols ---------------------------------------------------------------------
struct NumberCase {
  const char* text;
  const char* number;  // nullptr: blank
  const char* symbol;
  int year;
  DocKind style;
};

class DocNumberTest : public ::testing::TestWithParam<NumberCase> {};

TEST_P(DocNumberTest, Parses) {
  const auto& c = GetParam();
  auto toks = tokenize(c.text);
  auto dn = parse_doc_number(c.text, toks, 0, toks.size(), R(), true);
  ASSERT_TRUE(dn) << c.text;
  if (c.number) EXPECT_EQ(dn->number.value_or("<null>"), c.number) << c.text;
  else EXPECT_FALSE(dn->number) << c.text;
  EXPECT_EQ(dn->symbol, c.symbol) << c.text;
  EXPECT_EQ(dn->year.value_or(0), c.year) << c.text;
  EXPECT_EQ(dn->style, c.style) << c.text;
}

INSTANTIATE_TEST_SUITE_P(
    Cases, DocNumberTest,
    ::testing::Values(NumberCase{"1275-CV/ĐUK", "1275", "CV/ĐUK", 0, DocKind::kParty},
                      NumberCase{"07-CT/TU, ngày", "07", "CT/TU", 0, DocKind::kParty},
                      NumberCase{"-CV/ĐU", nullptr, "CV/ĐU", 0, DocKind::kParty},
                      NumberCase{"- CV/ĐU", nullptr, "CV/ĐU", 0, DocKind::kParty},
                      NumberCase{"1275 CV/BUK", "1275", "CV/ĐUK", 0, DocKind::kParty},  // OCR: no dash, Đ read as B
                      NumberCase{"37- -NQ/TW", "37", "NQ/TW", 0, DocKind::kParty},
                      NumberCase{"1040/LĐTBXH-NCC", "1040", "LĐTBXH-NCC", 0, DocKind::kState},
                      NumberCase{"30/2020/NĐ-CP", "30", "NĐ-CP", 2020, DocKind::kState},
                      NumberCase{"30/2020/NÐ-CP", "30", "NĐ-CP", 2020, DocKind::kState},  // Icelandic Ð
                      NumberCase{"245/2025/QH15", "245", "QH15", 2025, DocKind::kState},
                      NumberCase{"/VP-KGVX", nullptr, "VP-KGVX", 0, DocKind::kState},
                      NumberCase{"35 /2024/QĐ-UBND", "35", "QĐ-UBND", 2024, DocKind::kState},
                      NumberCase{"1237/QĐ-TTG", "1237", "QĐ-TTg", 0, DocKind::kState},
                      NumberCase{"01/2016/TTLT-BTP-BNV", "01", "TTLT-BTP-BNV", 2016, DocKind::kState},
                      NumberCase{"123/UBND-NC.TH", "123", "UBND-NC.TH", 0, DocKind::kState},
                      NumberCase{"3210/QĐ - UBND", "3210", "QĐ-UBND", 0, DocKind::kState}));

TEST(DocNumber, RejectsRunningText) {
  for (const char* t : {"15 ngày", "2026 - 2030", "3/4 số", "10% chi thường xuyên"}) {
    auto toks = tokenize(t);
    EXPECT_FALSE(parse_doc_number(t, toks, 0, toks.size(), R(), false)) << t;
  }
}

// ---- dates -------------------------------------------------------------------------------------
struct DateCase {
  const char* text;
  const char* iso;  // "" : not a date
};

class DateTest : public ::testing::TestWithParam<DateCase> {};

TEST_P(DateTest, Parses) {
  const auto& c = GetParam();
  auto toks = tokenize(c.text);
  auto dm = parse_date(toks, 0, toks.size(), true);
  if (!*c.iso) {
    EXPECT_FALSE(dm && dm->date.y) << c.text;
    return;
  }
  ASSERT_TRUE(dm) << c.text;
  EXPECT_EQ(to_iso(dm->date), c.iso) << c.text;
}

INSTANTIATE_TEST_SUITE_P(Cases, DateTest,
                         ::testing::Values(DateCase{"ngày 07 tháng 4 năm 2026", "2026-04-07"},
                                           DateCase{"ngày 7 tháng 4 năm 2026", "2026-04-07"},
                                           DateCase{"07/4/2026", "2026-04-07"},
                                           DateCase{"07-4-2026", "2026-04-07"},
                                           DateCase{"ngày 25-10-2017", "2017-10-25"},
                                           DateCase{"ngày tháng 4 năm 2026", "2026-04"},
                                           DateCase{"ngày tháng năm 2026", "2026"},
                                           DateCase{"ngay 09 thang 10 nam 2023", "2023-10-09"},
                                           DateCase{"ngày 22/12/20242", "2024-12-22"},  // footnote glued to the year
                                           // OCR misread the words but kept the numbers.
                                           DateCase{"ngay 03 thing 06 ncfm 2013", "2013-06-03"},
                                           DateCase{"ngay thing 4 ncfm 2026", "2026-04"},
                                           // Digits set apart by a flattened table or a PDF copy.
                                           DateCase{"ngày 1 5 tháng 0 8 năm 2019", "2019-08-15"},
                                           DateCase{"ngày 20 tháng 0 7 năm 2018", "2018-07-20"},
                                           DateCase{"ngày 3 đến 5 tháng 4", ""},
                                           DateCase{"ngày 4 5 tháng 1 năm 2019", ""},
                                           DateCase{"ngày 31 thing 02 ncfm 2026", ""},
                                           DateCase{"ngày 31/02/2026", ""},
                                           DateCase{"ngày 15/13/2026", ""}));

// ---- normal case -------------------------------------------------------------------------------
TEST(NormalCase, UpperCaseNamesOfBodiesAndTitles) {
  EXPECT_EQ(normal_case("ĐẢNG ỦY ỦY BAN NHÂN DÂN TỈNH", R()), "Đảng ủy Ủy ban nhân dân tỉnh");
  EXPECT_EQ(normal_case("ĐẢNG BỘ TỈNH LẠNG SƠN", R()), "Đảng bộ tỉnh Lạng Sơn");
  EXPECT_EQ(normal_case("TỈNH ỦY LẠNG SƠN", R()), "Tỉnh ủy Lạng Sơn");
  EXPECT_EQ(normal_case("PHÓ BÍ THƯ THƯỜNG TRỰC", R()), "Phó Bí thư Thường trực");
  EXPECT_EQ(normal_case("PHÓ CHÁNH VĂN PHÒNG", R()), "Phó Chánh Văn phòng");
  EXPECT_EQ(normal_case("ĐẢNG ỦY KHỐI CCQ TỈNH", R()), "Đảng ủy Khối CCQ tỉnh");
  EXPECT_EQ(normal_case("Đảng ủy UBND tỉnh", R()), "Đảng ủy UBND tỉnh");  // mixed case stays
}

// ---- whole headers -----------------------------------------------------------------------------
TEST(Header, PartyDraftWithBlankNumberAndDay) {
  auto d = parse_text(
      "ĐẢNG BỘ TỈNH LẠNG SƠN\nĐẢNG ỦY ỦY BAN NHÂN DÂN TỈNH\n\nĐẢNG CỘNG SẢN VIỆT NAM\n\nSố -CV/ĐU\n"
      "V/v thực hiện Chỉ thị 07-CT/TU, ngày 07/4/2026\ncủa Ban Thường vụ Tỉnh ủy\n\n"
      "Lạng Sơn, ngày tháng 4 năm 2026\n\n*Kính gửi:* - Ủy ban nhân dân tỉnh,\n- Các chi bộ trực thuộc.\n\n"
      "Thực hiện ...\n\n1. Đề nghị Ủy ban nhân dân tỉnh chỉ đạo.\n\nNơi nhận:\n- Như trên,\n- Lưu Văn thư.\n\n"
      "**T/M BAN THƯỜNG VỤ\nPHÓ BÍ THƯ**\n\n**Nguyễn Tuấn Nam**\n");
  const Document& doc = d->p.doc;
  EXPECT_EQ(doc.kind, DocKind::kParty);
  EXPECT_EQ(doc.type.value_or(""), "Công văn");
  EXPECT_FALSE(doc.number);
  EXPECT_EQ(doc.symbol.value_or(""), "CV/ĐU");
  EXPECT_EQ(doc.issuer.value_or(""), "Đảng ủy Ủy ban nhân dân tỉnh");
  EXPECT_EQ(doc.parent.value_or(""), "Đảng bộ tỉnh Lạng Sơn");
  EXPECT_EQ(doc.place.value_or(""), "Lạng Sơn");
  ASSERT_TRUE(doc.date);
  EXPECT_EQ(to_iso(*doc.date), "2026-04");
  EXPECT_EQ(doc.subject.value_or(""), "thực hiện Chỉ thị 07-CT/TU, ngày 07/4/2026 của Ban Thường vụ Tỉnh ủy");
  EXPECT_EQ(doc.recipients, (std::vector<std::string>{"Ủy ban nhân dân tỉnh", "Các chi bộ trực thuộc"}));
  EXPECT_EQ(doc.distribution, (std::vector<std::string>{"Như trên", "Lưu Văn thư"}));
  ASSERT_TRUE(doc.signer);
  EXPECT_EQ(doc.signer->authority.value_or(""), "T/M");
  EXPECT_EQ(doc.signer->on_behalf.value_or(""), "Ban Thường vụ");
  EXPECT_EQ(doc.signer->title.value_or(""), "Phó Bí thư");
  EXPECT_EQ(doc.signer->name.value_or(""), "Nguyễn Tuấn Nam");
}

TEST(Header, StateMarkdownTableHeaderAndFlattenedSignature) {
  auto d = parse_text(
      "| BỘ XÂY DỰNG ------- | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc ------ |\n|---|---|\n"
      "| Số: 2428/BXD-QLN V/v: Hỗ trợ người có công về nhà ở | Hà Nội, ngày 15 tháng 11 năm 2013 |\n\n"
      "Kính gửi: Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương\n\nBộ Xây dựng đề nghị ...\n\n"
      "| Nơi nhận: - Như trên; - Thủ tướng Chính phủ (để b/c); - Lưu: VT, QLN (2b) | KT. BỘ TRƯỞNG THỨ TRƯỞNG Nguyễn Trần Nam |\n|---|---|\n");
  const Document& doc = d->p.doc;
  EXPECT_EQ(doc.kind, DocKind::kState);
  EXPECT_EQ(doc.type.value_or(""), "Công văn");
  EXPECT_EQ(doc.number.value_or(""), "2428");
  EXPECT_EQ(doc.symbol.value_or(""), "BXD-QLN");
  EXPECT_EQ(doc.issuer.value_or(""), "Bộ Xây dựng");
  EXPECT_EQ(doc.place.value_or(""), "Hà Nội");
  EXPECT_EQ(to_iso(doc.date.value_or(PartialDate{})), "2013-11-15");
  EXPECT_EQ(doc.subject.value_or(""), "Hỗ trợ người có công về nhà ở");
  EXPECT_EQ(doc.recipients, std::vector<std::string>{"Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương"});
  EXPECT_EQ(doc.distribution,
            (std::vector<std::string>{"Như trên", "Thủ tướng Chính phủ (để b/c)", "Lưu: VT, QLN (2b)"}));
  ASSERT_TRUE(doc.signer);
  EXPECT_EQ(doc.signer->authority.value_or(""), "KT.");
  EXPECT_EQ(doc.signer->on_behalf.value_or(""), "Bộ trưởng");
  EXPECT_EQ(doc.signer->title.value_or(""), "Thứ trưởng");
  EXPECT_EQ(doc.signer->name.value_or(""), "Nguyễn Trần Nam");
}

TEST(Header, OcrLineWithNumberAndDateGlued) {
  auto d = parse_text(
      "DANG BO TINH LANG SON PANG CONG SAN VIET NAM\n\nPANG UY KHOI CCQ TINH\n*\n"
      "S6 1275 CV/BUK Lang Son, ngay 09 thang 10 nam 2023\n\nTuyen truyen Chi thi 26-CT/TU\n\nKinh gui: - Cac chi bo;\n");
  const Document& doc = d->p.doc;
  EXPECT_EQ(doc.kind, DocKind::kParty);
  EXPECT_EQ(doc.number.value_or(""), "1275");
  EXPECT_EQ(doc.symbol.value_or(""), "CV/ĐUK");
  EXPECT_EQ(to_iso(doc.date.value_or(PartialDate{})), "2023-10-09");
  EXPECT_EQ(doc.place.value_or(""), "Lang Son");
  EXPECT_EQ(doc.subject.value_or(""), "Tuyen truyen Chi thi 26-CT/TU");
}

TEST(Header, StackedAuthoritiesUseTheInnermost) {
  auto d = parse_text(
      "ỦY BAN NHÂN DÂN\nTỈNH LẠNG SƠN\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\nSố: 123/QĐ-UBND\n\n"
      "Lạng Sơn, ngày 05 tháng 02 năm 2026\n\nQUYẾT ĐỊNH\nVề việc thành lập Tổ công tác\n\n"
      "Điều 1. Thành lập Tổ công tác.\n\nNơi nhận:\n- Như Điều 3;\n- Lưu: VT.\n\n"
      "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\n(Đã ký)\n\nĐoàn Thanh Sơn\n");
  const Document& doc = d->p.doc;
  EXPECT_EQ(doc.issuer.value_or(""), "Ủy ban nhân dân tỉnh Lạng Sơn");
  EXPECT_FALSE(doc.parent);
  EXPECT_EQ(doc.type.value_or(""), "Quyết định");
  EXPECT_EQ(doc.subject.value_or(""), "Về việc thành lập Tổ công tác");
  ASSERT_TRUE(doc.signer);
  EXPECT_EQ(doc.signer->authority.value_or(""), "KT.");
  EXPECT_EQ(doc.signer->on_behalf.value_or(""), "Chủ tịch");
  EXPECT_EQ(doc.signer->title.value_or(""), "Phó Chủ tịch");
  EXPECT_EQ(doc.signer->name.value_or(""), "Đoàn Thanh Sơn");
}

// Web copies put blank lines between the bold lines of the title block.
TEST(Header, SubjectAfterCuaLineAcrossBlankLines) {
  auto d = parse_text(
      "| TỈNH ỦY NGHỆ AN<br>\\* | ĐẢNG CỘNG SẢN VIỆT NAM |\n|---|---|\n| Số 15-CT/TU | *Nghệ An, ngày 12 tháng 3 năm 2025* |\n\n"
      "**CHỈ THỊ**\n\n**của Ban Thường vụ Tỉnh ủy**\n\n**về tăng cường công tác phòng, chống tham nhũng**\n\n-----\n\n"
      "Thực hiện Chỉ thị số 27-CT/TW ngày 10/01/2019 của Bộ Chính trị, Ban Thường vụ Tỉnh ủy yêu cầu:\n");
  const Document& doc = d->p.doc;
  EXPECT_EQ(doc.type.value_or(""), "Chỉ thị");
  EXPECT_EQ(doc.issuer.value_or(""), "Tỉnh ủy Nghệ An");
  EXPECT_EQ(doc.subject.value_or(""), "về tăng cường công tác phòng, chống tham nhũng");
  EXPECT_EQ(doc.place.value_or(""), "Nghệ An");
}

// A two-column header laid out as text: the right column's lines come between the left's.
TEST(Header, InterleavedColumnsAndSubjectGoingOnInLowerCase) {
  auto d = parse_text(
      "ĐẢNG BỘ TỈNH QUẢNG NINH                    ĐẢNG CỘNG SẢN VIỆT NAM\nHUYỆN ỦY TIÊN YÊN\n"
      "        *                                  Tiên Yên, ngày 08 tháng 5 năm 2025\nSố 245-TB/HU\n\n"
      "THÔNG BÁO\nKẾT LUẬN CỦA THƯỜNG TRỰC HUYỆN ỦY\ntại buổi làm việc với Đảng ủy xã Đông Ngũ\n\n"
      "Ngày 05/5/2025, đồng chí Bí thư Huyện ủy chủ trì buổi làm việc.\n");
  const Document& doc = d->p.doc;
  EXPECT_EQ(doc.issuer.value_or(""), "Huyện ủy Tiên Yên");
  EXPECT_EQ(doc.parent.value_or(""), "Đảng bộ tỉnh Quảng Ninh");
  EXPECT_EQ(doc.symbol.value_or(""), "TB/HU");
  EXPECT_EQ(doc.subject.value_or(""), "KẾT LUẬN CỦA THƯỜNG TRỰC HUYỆN ỦY tại buổi làm việc với Đảng ủy xã Đông Ngũ");
}

TEST(Header, KetLuanWithoutNumberTakesIssuerFromCuaLine) {
  auto d = parse_text(
      "KẾT LUẬN\nCỦA BAN THƯỜNG VỤ TỈNH ỦY\nvề một số nhiệm vụ trọng tâm trong tháng 5\n\n"
      "Tại Hội nghị ngày 11/5/2026, Ban Thường vụ Tỉnh ủy kết luận:\n\n1. Ban Tổ chức Tỉnh ủy chủ trì ...\n\n"
      "**T/M BAN THƯỜNG VỤ\nPHÓ BÍ THƯ THƯỜNG TRỰC**\n\nHoàng Giang\n");
  const Document& doc = d->p.doc;
  EXPECT_EQ(doc.type.value_or(""), "Kết luận");
  EXPECT_EQ(doc.kind, DocKind::kParty);
  EXPECT_EQ(doc.issuer.value_or(""), "Ban Thường vụ Tỉnh ủy");
  EXPECT_EQ(doc.subject.value_or(""), "về một số nhiệm vụ trọng tâm trong tháng 5");
  EXPECT_FALSE(doc.date);
  EXPECT_EQ(doc.signer->title.value_or(""), "Phó Bí thư Thường trực");
}

TEST(Header, NumberSplitOverTwoLines) {
  auto d = parse_text("ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HÀ NỘI\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\nSố: 18\n\n\n/2025/QĐ-UBND\n\n"
                      "Hà Nội, ngà y 28 tháng 02 năm 2025\n");
  EXPECT_EQ(d->p.doc.number.value_or(""), "18");
  EXPECT_EQ(d->p.doc.symbol.value_or(""), "QĐ-UBND");
  EXPECT_EQ(d->p.doc.year.value_or(0), 2025);
  EXPECT_EQ(to_iso(d->p.doc.date.value_or(PartialDate{})), "2025-02-28");
}

TEST(Header, BasisLinesAreNotDateLines) {
  auto d = parse_text("NGHỊ QUYẾT\nVỀ CHƯƠNG TRÌNH GIÁM SÁT\nHỘI ĐỒNG NHÂN DÂN TỈNH BẮC GIANG\n"
                      "Căn cứ Luật ngân sách nhà nước ngày 25 tháng 6 năm 2015;\n");
  EXPECT_FALSE(d->p.doc.date);
  EXPECT_FALSE(d->p.doc.place);
  EXPECT_EQ(d->p.doc.issuer.value_or(""), "Hội đồng nhân dân tỉnh Bắc Giang");
  EXPECT_EQ(d->p.doc.kind, DocKind::kState);
}

// ---- signature blocks as real copies lay them out ------------------------------------------------
struct SignerCase {
  const char* name;
  const char* text;
  const char* authority, *on_behalf, *title, *signer;  // "" : null
};

class SignerTest : public ::testing::TestWithParam<SignerCase> {};

TEST_P(SignerTest, Reads) {
  const auto& c = GetParam();
  auto d = parse_text(c.text);
  ASSERT_TRUE(d->p.doc.signer) << c.name;
  const Signer& s = *d->p.doc.signer;
  EXPECT_EQ(s.authority.value_or(""), c.authority) << c.name;
  EXPECT_EQ(s.on_behalf.value_or(""), c.on_behalf) << c.name;
  EXPECT_EQ(s.title.value_or(""), c.title) << c.name;
  EXPECT_EQ(s.name.value_or(""), c.signer) << c.name;
}

INSTANTIATE_TEST_SUITE_P(
    Layouts, SignerTest,
    ::testing::Values(
        // A head signing in person, in the table cell beside Nơi nhận.
        SignerCase{"cell beside the list",
                   "Điều 4. Chánh Văn phòng UBND tỉnh chịu trách nhiệm thi hành Quyết định này./.\n\n"
                   "| Nơi nhận: - Như Điều 4; - Bộ Lao động - Thương binh và X ã hội; - CT, các PCT UBND tỉnh; - Lưu: VT, "
                   "TTHC(htd). | CHỦ TỊCH Đặ ng Văn Minh |\n|---|---|\n\n| FILE ĐƯỢC ĐÍNH KÈM THEO VĂN BẢN |\n|---|\n",
                   "", "", "Chủ tịch", "Đặng Văn Minh"},
        SignerCase{"cell beside the list, a Prime Minister",
                   "Điều 3. Các Bộ trưởng chịu trách nhiệm thi hành Quyết định này./.\n\n"
                   "| Nơi nhận: - Ban Bí thư Trung ương Đảng; - Thủ tướng, các Phó Thủ tướng Chính phủ; - Lưu: Văn thư, "
                   "KGVX (5b) | THỦ TƯỚNG Nguyễn Tấn Dũng |\n|---|---|\n",
                   "", "", "Thủ tướng", "Nguyễn Tấn Dũng"},
        // Two offices held at once: the head of a steering committee who is a Deputy Prime Minister.
        SignerCase{"two offices",
                   "| Nơi nhận: - Thủ tướng, các Phó Thủ tướng Chính phủ; - Lưu: VT, BCĐQG1237(3b) | TRƯỞNG BAN PHÓ THỦ "
                   "TƯỚNG Nguyễn Thiện Nhân |\n|---|---|\n",
                   "", "", "Trưởng Ban, Phó Thủ tướng", "Nguyễn Thiện Nhân"},
        // A table whose rows put a signature line beside each item of the list.
        SignerCase{"rows of a two-column table",
                   "| Nơi nhận: | TM. ỦY BAN NHÂN DÂN |\n|---|---|\n| - Như Điều 2; | CHỦ TỊCH |\n"
                   "| - Các Bộ: NN&MT, Tư pháp; | ![](https://i.imgur.com/6Wb1F2b.png) |\n"
                   "| - Thường trực TU, HĐND TP; | |\n| - Các Phó Chủ tịch UBND TP; | Trần Sỹ Thanh |\n"
                   "| - Lưu: VT, NN&MT. | |\n",
                   "TM.", "Ủy ban nhân dân", "Chủ tịch", "Trần Sỹ Thanh"},
        // The right column laid out with spaces beside the list (a text copy of a PDF).
        SignerCase{"column of spaces",
                   "hiệu lực./.\nNơi nhận:                                                  KT. BỘ TRƯỞNG\n"
                   "- Văn phòng Chính phủ;                                      THỨ TRƯỞNG\n- Các Bộ, cơ quan ngang Bộ;\n"
                   "- Cục Kiểm tra văn bản và Tổ chức thi hành pháp luật (Bộ\nTư pháp);\n"
                   "- Báo Xây dựng; Tạp chí Xây dựng;\nNguyễn Xuân Sang\n- Lưu: VT, TCCB (TTA).\n",
                   "KT.", "Bộ trưởng", "Thứ trưởng", "Nguyễn Xuân Sang"},
        // Title and name glued to the list's last item by a flattened web copy.
        SignerCase{"glued to the last item",
                   "Văn phòng Chính phủ thông báo để Bộ Kế hoạch và Đầu tư biết, thực hiện./.\nNơi nhận:\n"
                   "- Như trên;\n- VPCP: BTCN, các PCN, TGĐ Cổng TTĐT;\n- Lưu: VT, ĐMDN (2b). Trung Anh BỘ TRƯỞNG, CHỦ "
                   "NHIỆM Mai Tiến Dũng\n",
                   "", "", "Bộ trưởng, Chủ nhiệm", "Mai Tiến Dũng"},
        // Before the Nơi nhận list, with a long appendix after it.
        SignerCase{"before the list, appendix after",
                   "Nghị quyết này đã được Hội đồng nhân dân thành phố Hà Nội khóa XVI Kỳ họp thứ 24 thông qua ngày 27 "
                   "tháng 6 năm 2025.\n\nCHỦ TỊCH\n\n\nNguyễn Ngọc Tuấn\n\n---\n**Nơi nhận:**\n- Ủy ban Thường vụ Quốc "
                   "hội;\n- Lưu: VT.\n\n---\n\n## PHỤ LỤC 03\n\n| STT | Nội dung |\n|---|---|\n| 1 | a |\n| 2 | b |\n"
                   "| 3 | c |\n| 4 | d |\n| 5 | e |\n| 6 | f |\n| 7 | g |\n| 8 | h |\n| 9 | i |\n| 10 | j |\n| 11 | k |\n"
                   "| 12 | l |\n",
                   "", "", "Chủ tịch", "Nguyễn Ngọc Tuấn"},
        // A law's signature at the end of its last article.
        SignerCase{"title and name on the last line",
                   "Nghị quyết này được Quốc hội nước Cộng hòa xã hội chủ nghĩa Việt Nam khóa XV, kỳ họp thứ 3 thông "
                   "qua ngày 16 tháng 6 năm 2022.\nCHỦ TỊCH QUỐC HỘI Vương Đình Huệ\n",
                   "", "", "Chủ tịch Quốc hội", "Vương Đình Huệ"},
        SignerCase{"after the list, an attached programme follows",
                   "Nơi nhận:\n- Như Điều 2;\n- Văn phòng Chính phủ;\n- Lưu: VT, KHTC.D.\nBỘ TRƯỞNG Đặng Quốc Khánh\n"
                   "CHƯƠNG TRÌNH HÀNH ĐỘNG CỦA NGÀNH TÀI NGUYÊN VÀ MÔI TRƯỜNG\n",
                   "", "", "Bộ trưởng", "Đặng Quốc Khánh"},
        // "KT." alone on its line; an attached form glued after the name.
        SignerCase{"authority alone on its line",
                   "Nơi nhận:\n- Như trên;\n- Lưu: VT, GSQL(03b).\nKT.\nTỔNG CỤC TRƯỞNG PHÓ TỔNG CỤC TRƯỞNG Vũ Ngọc Anh "
                   "TÊN ĐƠN VỊ CUNG CẤP:……….\nĐỊA CHỈ:....\n",
                   "KT.", "Tổng cục trưởng", "Phó Tổng cục trưởng", "Vũ Ngọc Anh"},
        // The title in normal case on a line of its own.
        SignerCase{"title in normal case",
                   "Nơi nhận:\n\n- Như trên;\n- Lưu: VT, KGVX.\n\nKT. THỦ TƯỚNG\n\nPhó Thủ tướng\n\nTrịnh Thị Thanh Hà\n",
                   "KT.", "Thủ tướng", "Phó Thủ tướng", "Trịnh Thị Thanh Hà"},
        SignerCase{"signed mark between title and name",
                   "Nơi nhận:\n- Như trên;\n- Lưu: VT.\nTHỦ TƯỚNG (Đã ký) Nguyễn Xuân Phúc\n",
                   "", "", "Thủ tướng", "Nguyễn Xuân Phúc"}));

// The list beside the signature keeps its own items, and only them.
TEST(Signature, ListBesideTheSignatureKeepsItsItems) {
  auto d = parse_text(
      "| Nơi nhận: | TM. ỦY BAN NHÂN DÂN |\n|---|---|\n| - Như Điều 2; | CHỦ TỊCH |\n"
      "| - Các Bộ: NN&MT, Tư pháp; | ![](https://i.imgur.com/6Wb1F2b.png) |\n| - Thường trực TU, HĐND TP; | |\n"
      "| - Các Phó Chủ tịch UBND TP; | Trần Sỹ Thanh |\n| - Lưu: VT, NN&MT. | |\n");
  EXPECT_EQ(d->p.doc.distribution, (std::vector<std::string>{"Như Điều 2", "Các Bộ: NN&MT, Tư pháp",
                                                             "Thường trực TU, HĐND TP", "Các Phó Chủ tịch UBND TP",
                                                             "Lưu: VT, NN&MT"}));
  auto e = parse_text(
      "Nơi nhận:                                                  KT. BỘ TRƯỞNG\n"
      "- Văn phòng Chính phủ;                                      THỨ TRƯỞNG\n"
      "- Cục Kiểm tra văn bản và Tổ chức thi hành pháp luật (Bộ\nTư pháp);\n"
      "- Báo Xây dựng; Tạp chí Xây dựng;\nNguyễn Xuân Sang\n- Lưu: VT, TCCB (TTA).\n");
  EXPECT_EQ(e->p.doc.distribution,
            (std::vector<std::string>{"Văn phòng Chính phủ", "Cục Kiểm tra văn bản và Tổ chức thi hành pháp luật (Bộ Tư pháp)",
                                      "Báo Xây dựng; Tạp chí Xây dựng", "Lưu: VT, TCCB (TTA)"}));
}

// Without a title line and a name there is no head signing in person.
TEST(Signature, UpperCaseLinesThatAreNoSignature) {
  auto d = parse_text("Nơi nhận:\n- Như trên;\n- Lưu: VT.\n\nPHỤ LỤC I\nDANH MỤC CÁC NHIỆM VỤ\n\nGIÁM ĐỐC SỞ CÓ TRÁCH "
                      "NHIỆM báo cáo kết quả.\n");
  EXPECT_FALSE(d->p.doc.signer);
}

// ---- headers as real copies lay them out ---------------------------------------------------------
// Issuer and parent on one line; the web copy's title sentence glued before them.
TEST(Header, IssuerAndParentOnOneLine) {
  auto d = parse_text(
      "Công văn 778/TCHQ-GSQL. BỘ TÀI CHÍNH TỔNG CỤC HẢI QUAN -------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM "
      "Độc lập - Tự do - Hạnh phúc ---------------\nSố: 778/TCHQ-GSQL V/v xử lý vướng mắc thực hiện Điều 41 Luật HQ\n"
      "Hà Nội, ngày 13 tháng 02 năm 2017 Kính gửi: Cục Hải quan các tỉnh, thành phố.\n");
  EXPECT_EQ(d->p.doc.issuer.value_or(""), "Tổng cục hải quan");
  EXPECT_EQ(d->p.doc.parent.value_or(""), "Bộ Tài chính");
  struct C {
    const char* line;
    const char* parent;
    const char* issuer;
  };
  for (C c : {C{"BỘ CÔNG AN CỤC CẢNH SÁT GIAO THÔNG", "Bộ Công an", "Cục cảnh sát giao thông"},
              C{"ỦY BAN NHÂN DÂN TỈNH QUẢNG NINH SỞ Y TẾ", "Ủy ban nhân dân tỉnh Quảng Ninh", "Sở Y tế"},
              C{"TỈNH ỦY LẠNG SƠN BAN TUYÊN GIÁO VÀ DÂN VẬN", "Tỉnh ủy Lạng Sơn", "Ban Tuyên giáo và Dân vận"},
              // One name, not two: the second head ends a longer word or follows a bare head.
              C{"ĐẢNG ỦY ỦY BAN NHÂN DÂN TỈNH", "", "Đảng ủy Ủy ban nhân dân tỉnh"},
              C{"BỘ TÀI NGUYÊN VÀ MÔI TRƯỜNG", "", "Bộ Tài nguyên và Môi trường"},
              C{"BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", "", "Bộ Lao động - Thương binh và Xã hội"},
              C{"VĂN PHÒNG CHÍNH PHỦ", "", "Văn phòng Chính phủ"},
              C{"TRUNG TÂM Y TẾ HUYỆN TIÊN YÊN", "", "Trung tâm y tế huyện Tiên Yên"}}) {
    auto e = parse_text(std::string(c.line) + "\n-------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 12/QĐ-UBND\n"
                                              "Hà Nội, ngày 05 tháng 02 năm 2026\n");
    EXPECT_EQ(e->p.doc.parent.value_or(""), c.parent) << c.line;
    EXPECT_EQ(e->p.doc.issuer.value_or(""), c.issuer) << c.line;
  }
}

// The type name with the subject glued after it, and the body's first sentence after that.
TEST(Header, SubjectGluedToTheTypeName) {
  auto d = parse_text(
      "PHỦ THỦ TƯỚNG ----- CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập – Tự do – Hạnh phúc -------\nSố:\n"
      "299/TTg Hà Nội, ngày 10 tháng 11 năm 1980 CHỈ THỊ VỀ CÔNG TÁC ĐO ĐẠC, PHÂN HẠNG VÀ ĐĂNG KÝ RUỘNG ĐẤT TRONG "
      "CẢ NƯỚC Ngày 24 tháng 6 năm 1977 Hội đồng Chính phủ đã ra Quyết định số 169-CP về công tác điều tra.\n"
      "1. Tổng cục Quản lý ruộng đất có trách nhiệm lập kế hoạch.\n");
  const Document& doc = d->p.doc;
  EXPECT_EQ(doc.issuer.value_or(""), "Phủ Thủ tướng");
  EXPECT_EQ(doc.number.value_or(""), "299");
  EXPECT_EQ(doc.symbol.value_or(""), "TTg");
  EXPECT_EQ(doc.place.value_or(""), "Hà Nội");
  EXPECT_EQ(to_iso(doc.date.value_or(PartialDate{})), "1980-11-10");
  EXPECT_EQ(doc.type.value_or(""), "Chỉ thị");
  EXPECT_EQ(doc.subject.value_or(""), "VỀ CÔNG TÁC ĐO ĐẠC, PHÂN HẠNG VÀ ĐĂNG KÝ RUỘNG ĐẤT TRONG CẢ NƯỚC");
  // The body keeps its first sentence.
  std::string body = std::string(d->p.text.substr(d->p.lines[d->p.body_begin].span.begin, 30));
  EXPECT_EQ(body.rfind("Ngày 24 tháng 6", 0), 0u) << body;

  auto e = parse_text(
      "BỘ TƯ PHÁP\n--------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n---------------\n"
      "Số: 59/QĐ-BTNMT\nHà Nội, ngày 08 tháng 01 năm 2024\nQUYẾT ĐỊNH VỀ VIỆC BAN HÀNH CHƯƠNG TRÌNH HÀNH ĐỘNG THỰC "
      "HIỆN KẾ HOẠCH PHÁT TRIỂN KINH TẾ\n- XÃ HỘI NĂM 2024\nCăn cứ Nghị định số 68/2022/NĐ-CP;\n");
  EXPECT_EQ(e->p.doc.type.value_or(""), "Quyết định");
  EXPECT_EQ(e->p.doc.subject.value_or(""),
            "VỀ VIỆC BAN HÀNH CHƯƠNG TRÌNH HÀNH ĐỘNG THỰC HIỆN KẾ HOẠCH PHÁT TRIỂN KINH TẾ - XÃ HỘI NĂM 2024");

  auto f = parse_text("Số 70/KH-UBND\n\nCần Thơ, ngày 15 tháng 9 năm 2025\n\nKẾ HOẠCH Thực hiện công tác dân vận năm "
                      "2025\n\nThực hiện Luật Thực hiện dân chủ ở cơ sở;\n");
  EXPECT_EQ(f->p.doc.type.value_or(""), "Kế hoạch");
  EXPECT_EQ(f->p.doc.subject.value_or(""), "Thực hiện công tác dân vận năm 2025");
}

// A copy with a title line keeps it: an upper-case stamp above it is no title.
TEST(Header, StampAboveTheTitleIsNoTitle) {
  auto d = parse_text("VĂN PHÒNG CHÍNH PHỦ\nCÔNG VĂN ĐẾN\nBỘ QUỐC PHÒNG\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
                      "Số: 46/VBHN-BQP\nHà Nội, ngày 04 tháng 5 năm 2026\nTHÔNG TƯ\nQuy định và hướng dẫn tổ chức lễ tang\n");
  EXPECT_EQ(d->p.doc.type.value_or(""), "Thông tư");
  EXPECT_EQ(d->p.doc.subject.value_or(""), "Quy định và hướng dẫn tổ chức lễ tang");
}

// Web copies with a blank line between the lines of the subject.
TEST(Header, SubjectGoesOnInLowerCaseAfterABlankLine) {
  auto d = parse_text("HỘI ĐỒNG NHÂN DÂN\n\nTHÀNH PHỐ HÀ NỘI\n\nSố: 12/2025/NQ-HĐND\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\n"
                      "Hà Nội, ngày 27 tháng 6 năm 2025\n\n---\n\nNGHỊ QUYẾT\n\nSửa đổi, bổ sung một số Nghị quyết của Hội "
                      "đồng nhân dân\n\nthành phố Hà Nội quy định về quản lý tài sản công\n\n---\n\nCăn cứ Luật Tổ chức "
                      "chính quyền địa phương;\n");
  EXPECT_EQ(d->p.doc.subject.value_or(""),
            "Sửa đổi, bổ sung một số Nghị quyết của Hội đồng nhân dân thành phố Hà Nội quy định về quản lý tài sản công");
}

// A DOCX copy whose header table came out after the body, within the first lines or further.
class LateHeaderTest : public ::testing::TestWithParam<int> {};

TEST_P(LateHeaderTest, HeaderBlockAfterTheBody) {
  std::string text = "NGHỊ ĐỊNH\nQuy định mức hưởng trợ cấp\n___________\nCăn cứ Luật Tổ chức Chính phủ;\n";
  const int articles = GetParam();
  for (int i = 1; i <= articles; ++i) text += "Điều " + std::to_string(i) + ". Nội dung điều " + std::to_string(i) + ".\n";
  text += "CHÍNH PHỦ\n________\nSố: 75/2021/NĐ-CP | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
          "________________________\nHà Nội, ngày 24 tháng 7 năm 2021\nNơi nhận:\n- Ban Bí thư Trung ương Đảng;\n"
          "- Lưu: VT, KGVX.\nTM. CHÍNH PHỦ\nTHỦ TƯỚNG\n\nPhạm Minh Chính\n";
  auto d = parse_text(text);
  const Document& doc = d->p.doc;
  EXPECT_EQ(doc.number.value_or(""), "75");
  EXPECT_EQ(doc.symbol.value_or(""), "NĐ-CP");
  EXPECT_EQ(doc.issuer.value_or(""), "Chính phủ");
  EXPECT_EQ(doc.place.value_or(""), "Hà Nội");
  EXPECT_EQ(to_iso(doc.date.value_or(PartialDate{})), "2021-07-24");
  EXPECT_EQ(doc.subject.value_or(""), "Quy định mức hưởng trợ cấp");
  // The last article ends above the header block.
  const Line& last = d->p.lines[d->p.body_end - 1];
  EXPECT_EQ(std::string(d->p.text.substr(last.span.begin, last.span.size())),
            "Điều " + std::to_string(articles) + ". Nội dung điều " + std::to_string(articles) + ".");
  ASSERT_TRUE(doc.signer);
  EXPECT_EQ(doc.signer->name.value_or(""), "Phạm Minh Chính");
}

INSTANTIATE_TEST_SUITE_P(Lengths, LateHeaderTest, ::testing::Values(5, 50, 150));

// "HỘI ĐỒNG NHÂN DÂN" / "TỈNH ĐỒNG THÁP" after the title of a copy without the header block.
TEST(Header, IssuerAfterTheTitleWrappedOntoTwoLines) {
  auto d = parse_text("NGHỊ QUYẾT\nVỀ VIỆC THÔNG QUA PHƯƠNG ÁN ĐIỀU CHỈNH KẾ HOẠCH VỐN\nHỘI ĐỒNG NHÂN DÂN\nTỈNH ĐỒNG THÁP\n"
                      "KHÓA IX - KỲ HỌP THỨ NĂM\nCăn cứ Luật Tổ chức chính quyền địa phương;\n");
  EXPECT_EQ(d->p.doc.issuer.value_or(""), "Hội đồng nhân dân tỉnh Đồng Tháp");
}

// A web copy's metadata names the issuer as signer: no person's name.
TEST(Header, MetadataSignerThatNamesABody) {
  auto d = parse_text("Quyết định số 1255/QĐ-TTg\n\nNgười ký: Thủ tướng Chính phủ\n\nQUYẾT ĐỊNH\nVề xã hội hóa giáo dục\n");
  EXPECT_FALSE(d->p.doc.signer && d->p.doc.signer->name);
  auto e = parse_text("Quyết định số 34/2026/QĐ-TTg\n\nNgười ký: Phó Thủ tướng Phạm Thị Thanh Trà\n\nQUYẾT ĐỊNH\nVề y tế\n");
  ASSERT_TRUE(e->p.doc.signer);
  EXPECT_EQ(e->p.doc.signer->name.value_or(""), "Phạm Thị Thanh Trà");
}

// Page banners of gazette copies ("CÔNG BÁO/Số 1125 + 1126/Ngày 30-12-2019") are not the
// document's number or date, on one line or three, before the header or without one.
TEST(Header, GazetteBannerIsNoNumberOrDate) {
  for (const char* banner : {"CÔNG BÁO/Số 1125 + 1126/Ngày 30-12-2019 3\n\nPHẦN VĂN BẢN QUY PHẠM PHÁP LUẬT\n\n",
                             "CÔNG BÁO\nSố 1125 + 1126\nNgày 30-12-2019\n\n"}) {
    auto d = parse_text(std::string(banner) +
                        "CHÍNH PHỦ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nSố: 99/2019/NĐ-CP\n"
                        "Hà Nội, ngày 20 tháng 12 năm 2019\nNGHỊ ĐỊNH\nQuy định chi tiết một số điều\n"
                        "Căn cứ Luật Tổ chức Chính phủ;\nĐiều 1. Phạm vi\nNội dung.\n4 CÔNG BÁO/Số 1125 + 1126/Ngày "
                        "30-12-2019\nĐiều 2. Hiệu lực\n");
    EXPECT_EQ(d->p.doc.number.value_or(""), "99") << banner;
    EXPECT_EQ(d->p.doc.symbol.value_or(""), "NĐ-CP") << banner;
    EXPECT_EQ(to_iso(d->p.doc.date.value_or(PartialDate{})), "2019-12-20") << banner;
    EXPECT_EQ(d->p.doc.issuer.value_or(""), "Chính phủ") << banner;
  }
  auto e = parse_text("CÔNG BÁO/Số 1125 + 1126/Ngày 30-12-2019\n\nNGHỊ ĐỊNH\nQuy định chi tiết một số điều\n\n"
                      "Căn cứ Luật Tổ chức Chính phủ;\n\nĐiều 1. Phạm vi\nNội dung.\n");
  EXPECT_FALSE(e->p.doc.number);
  EXPECT_FALSE(e->p.doc.date);
  EXPECT_EQ(e->p.doc.type.value_or(""), "Nghị định");
}

// ---- outline -----------------------------------------------------------------------------------
TEST(Outline, NestsRomanArabicParenAndDashes) {
  auto d = parse_text("I. Tình hình\n\nNội dung.\n\nII. Nhiệm vụ\n\n1. Đảng ủy Ủy ban nhân dân tỉnh\n\n(1) Rà soát.\n\n"
                      "- chi tiết\n\n(2) Báo cáo.\n\n2. Ban Tổ chức Tỉnh ủy chủ trì.\n\n2.1. Việc một.\n\n3. Việc ba.\n");
  const auto& o = d->p.outline;
  std::vector<std::string> labels;
  for (const auto& n : o.nodes) {
    std::string path;
    for (int a = static_cast<int>(&n - &o.nodes[0]); a >= 0; a = o.nodes[a].parent)
      path = (o.nodes[a].label.empty() ? "-" : o.nodes[a].label) + (path.empty() ? "" : ">" + path);
    labels.push_back(path);
  }
  EXPECT_EQ(labels, (std::vector<std::string>{"I", "II", "II>1", "II>1>(1)", "II>1>(1)>-", "II>1>(2)", "II>2",
                                              "II>2>2.1", "II>3"}));
}

// Copies that lost the line break after a heading: "2. Heading 2.1." with the sub-item's text on
// the next line (Kon Tum 435/QĐ-UBND), and "3. Heading 3.1. Text" on one line.
TEST(Outline, SubLabelGluedToItsHeading) {
  auto d = parse_text("II. NỘI DUNG\n2. Nâng cao năng lực quản lý nhà nước về quan hệ lao động 2.1.\n"
                      "Rà soát, kiến nghị sửa đổi quy trình.\n2.2.\nTăng cường kiểm tra.\n"
                      "3. Giải quyết tốt tranh chấp lao động 3.1. Rà soát các thiết chế.\n"
                      "4. Báo cáo kết quả theo mục 2.1.\n");
  std::vector<std::string> labels;
  for (const auto& n : d->p.outline.nodes) labels.push_back(n.label);
  EXPECT_EQ(labels, (std::vector<std::string>{"II", "2", "2.1", "2.2", "3", "3.1", "4"}));
}

TEST(Outline, Markers) {
  struct M {
    const char* text;
    const char* label;
  };
  for (M m : {M{"1. Việc", "1"}, M{"1.1. Việc", "1.1"}, M{"2.3.4 Việc", "2.3.4"}, M{"(17) Việc", "(17)"},
              M{"a) Việc", "a"}, M{"đ) Việc", "đ"}, M{"II. NHIỆM VỤ", "II"}, M{"IV- NHIỆM VỤ", "IV"},
              M{"Điều 5. Trách nhiệm", "Điều 5"}, M{"Chương II", "Chương II"},
              M{"1.Các sở, ban, ngành chủ động", "1"}, M{"- a) Việc", "a"}, M{"- 2. Việc", "2"},
              M{"* b) Việc", "b"}, M{"5 - Rà soát các quy định", "5"}}) {
    auto toks = tokenize(m.text);
    auto mk = match_marker(toks, m.text, 0, toks.size());
    ASSERT_TRUE(mk) << m.text;
    EXPECT_EQ(mk->label, m.label) << m.text;
  }
  for (const char* t : {"1.600.000 đồng", "2026 là năm", "Điều 5 Luật số 12/2023/QH15 quy định", "5 - 7 ngày",
                        "3.000 người", "2.NĐ-CP"}) {
    auto toks = tokenize(t);
    auto mk = match_marker(toks, t, 0, toks.size());
    EXPECT_TRUE(!mk || mk->style == MarkerStyle::kDash) << t;
  }
}

}  // namespace
}  // namespace dondoc::structure

namespace dondoc::structure {
namespace {

// A value that starts with a long run of dashes (an OCR rule line, a hostile document) is cleaned
// in one pass: the dashes were once erased one at a time, which made a relative deadline's anchor
// of 1 million dashes take 7.6 s and doubling it four times as long (issue 14, item 3).
TEST(CleanValue, LongLeadingRunIsLinear) {
  std::string v(1'000'000, '-');
  v += " Sở Nội vụ ,";
  auto start = std::chrono::steady_clock::now();
  std::string out = clean_value(v);
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_EQ(out, "Sở Nội vụ");
  EXPECT_LT(secs, 0.5);  // linear: milliseconds; one erase per dash: several seconds
  EXPECT_EQ(clean_value("- + Sở Tài chính;"), "Sở Tài chính");
  EXPECT_EQ(clean_value("----"), "");
}

}  // namespace
}  // namespace dondoc::structure
