// Citations, deadlines and tasks on real snippets.
#include <gtest/gtest.h>

#include <map>

#include "extract/deadlines.h"
#include "extract/extract.h"
#include "normalize/normalize.h"

namespace dondoc::extract {
namespace {

const rules::Rules& R() { return rules::Rules::builtin(); }

struct Doc {
  std::string norm;
  structure::Parsed p;
};

std::unique_ptr<Doc> parse_text(std::string_view raw) {
  auto d = std::make_unique<Doc>();
  d->norm = normalize::normalize(raw).text;
  d->p = structure::parse(d->norm, R());
  d->p.doc.citations = find_citations(d->p, R());
  return d;
}

// ---- citations ---------------------------------------------------------------------------------
struct CitCase {
  const char* text;
  const char* type;
  const char* number;
  const char* symbol;
  int year;
  const char* date;    // "" when none
  const char* issuer;  // "" when none
};

class CitationTest : public ::testing::TestWithParam<CitCase> {};

TEST_P(CitationTest, Finds) {
  const auto& c = GetParam();
  auto d = parse_text(std::string("Nội dung.\n\n") + c.text + "\n");
  ASSERT_EQ(d->p.doc.citations.size(), 1u) << c.text;
  const Citation& x = d->p.doc.citations[0];
  EXPECT_EQ(x.type, c.type) << c.text;
  EXPECT_EQ(x.number.value_or(""), c.number) << c.text;
  EXPECT_EQ(x.symbol.value_or(""), c.symbol) << c.text;
  EXPECT_EQ(x.year.value_or(0), c.year) << c.text;
  EXPECT_EQ(x.date ? to_iso(*x.date) : "", c.date) << c.text;
  EXPECT_EQ(x.issuer.value_or(""), c.issuer) << c.text;
  // The span reads back as the mention, and the mention is in the text.
  EXPECT_EQ(structure::clean_value(x.span.of(d->norm)), x.text);
  EXPECT_NE(normalize::normalize(c.text).text.find(x.text.substr(0, 6)), std::string::npos) << x.text;
}

INSTANTIATE_TEST_SUITE_P(
    Cases, CitationTest,
    ::testing::Values(
        CitCase{"Thực hiện Chỉ thị số 07-CT/TU, ngày 07/4/2026 của Ban Thường vụ Tỉnh ủy về tăng cường", "Chỉ thị",
                "07", "CT/TU", 0, "2026-04-07", "Ban Thường vụ Tỉnh ủy"},
        CitCase{"theo Nghị định số 30/2020/NĐ-CP của Chính phủ", "Nghị định", "30", "NĐ-CP", 2020, "", "Chính phủ"},
        CitCase{"Luật số 12/2023/QH15", "Luật", "12", "QH15", 2023, "", ""},
        CitCase{"Công văn số 1275-CV/ĐUK ngày 09/10/2023", "Công văn", "1275", "CV/ĐUK", 0, "2023-10-09", ""},
        CitCase{"văn bản số 87/TB-VPCP thông báo kết luận", "Thông báo", "87", "TB-VPCP", 0, "", ""},
        CitCase{"công văn số 14774/BTC-NSNN ngày 30/10/2013 của Bộ Tài chính về việc", "Công văn", "14774",
                "BTC-NSNN", 0, "2013-10-30", "Bộ Tài chính"},
        CitCase{"Hướng dẫn số\n07-HD/TU, ngày 29/02/2024", "Hướng dẫn", "07", "HD/TU", 0, "2024-02-29", ""},
        CitCase{"Kết luận số 213-KL/TW ngày 21/11/2025 của Ban Bí thư¹.", "Kết luận", "213", "KL/TW", 0,
                "2025-11-21", "Ban Bí thư"},
        CitCase{"Nghi quyet 50 37- -NQ/TW, ngay 24/12/2018", "Nghị quyết", "37", "NQ/TW", 0, "2018-12-24", ""},
        CitCase{"Hudng dan s6180-HD/BTGTU, ngay 29/9/2023", "Hướng dẫn", "180", "HD/BTGTU", 0, "2023-09-29", ""},
        CitCase{"Chuong trinh hanh dong s6 74-CTr/TU, ngay 22/3/2023", "Chương trình", "74", "CTr/TU", 0, "2023-03-22", ""},
        CitCase{"theo QĐ số 22/2013/QĐ-TTg", "Quyết định", "22", "QĐ-TTg", 2013, "", ""},
        CitCase{"theo quy định tại 280/2026/NĐ-CP", "Nghị định", "280", "NĐ-CP", 2026, "", ""},
        CitCase{"Luật Đất đai số 31/2024/QH15", "Luật", "31", "QH15", 2024, "", ""},
        CitCase{"Thông tư liên tịch số 01/2016/TTLT-BTP-BNV", "Thông tư liên tịch", "01", "TTLT-BTP-BNV", 2016, "", ""},
        CitCase{"Nghị quyết số 18-NQ/TW, ngày 25-10-2017 của Ban Chấp hành Trung ương", "Nghị quyết", "18", "NQ/TW",
                0, "2017-10-25", "Ban Chấp hành Trung ương"},
        // A date opening the sentence belongs to the document the sentence says was issued...
        CitCase{"Ngày 12/6/2015, Bộ Quốc phòng đã có Công văn số 4966/BQP-CT trả lời", "Công văn", "4966", "BQP-CT",
                0, "2015-06-12", ""},
        CitCase{"Vì vậy ngày 23/5/2011, Bộ Lao động - Thương binh và Xã hội đã ban hành Công văn số 1609/LĐTBXH-NCC",
                "Công văn", "1609", "LĐTBXH-NCC", 0, "2011-05-23", ""},
        // ...not to one the sentence merely mentions later.
        CitCase{"Ngày 12/6/2015, Bộ Quốc phòng họp về việc thực hiện Công văn số 4966/BQP-CT", "Công văn", "4966",
                "BQP-CT", 0, "", ""},
        CitCase{"Theo kết luận của hội nghị các bộ, ngành ngày 12/6/2015, Bộ Quốc phòng đã có Công văn số "
                "4966/BQP-CT", "Công văn", "4966", "BQP-CT", 0, "", ""},
        // The issuer ends at a verb or a lower-case "và ..."; "và" between capitalised names is
        // part of it, and a word with marks must match a stop word with its marks ("giáo").
        CitCase{"Quyết định số 749/QĐ-TTg ngày 03/6/2020 của Thủ tướng Chính phủ phê duyệt Chương trình",
                "Quyết định", "749", "QĐ-TTg", 0, "2020-06-03", "Thủ tướng Chính phủ"},
        CitCase{"Thông tư số 06/2021/TT-BNNPTNT của Bộ Nông nghiệp và Phát triển nông thôn hướng dẫn",
                "Thông tư", "06", "TT-BNNPTNT", 2021, "", "Bộ Nông nghiệp và Phát triển nông thôn"},
        CitCase{"Công văn số 618-CV/BTGDVTU của Ban Tuyên giáo và Dân vận Tỉnh ủy về việc", "Công văn", "618",
                "CV/BTGDVTU", 0, "", "Ban Tuyên giáo và Dân vận Tỉnh ủy"},
        CitCase{"Nghị quyết số 27/NQ-CP của Chính phủ và các văn bản hướng dẫn", "Nghị quyết", "27", "NQ-CP", 0,
                "", "Chính phủ"}));

TEST(Citations, SameDocumentOnceAndNoNumberNoCitation) {
  auto d = parse_text(
      "Nội dung.\n\nThực hiện Chỉ thị số 07-CT/TU, ngày 07/4/2026; quán triệt Chỉ thị số 07-CT/TU; "
      "theo Kết luận về kiểm tra, giám sát đợt 2 của Bộ Chính trị và Nghị quyết số 72-NQ/TW của Bộ Chính trị.\n");
  ASSERT_EQ(d->p.doc.citations.size(), 2u);
  EXPECT_EQ(d->p.doc.citations[0].symbol.value_or(""), "CT/TU");
  EXPECT_EQ(d->p.doc.citations[1].number.value_or(""), "72");
}

TEST(Citations, OwnNumberIsNotACitation) {
  auto d = parse_text("VĂN PHÒNG CHÍNH PHỦ\n\nSố: 365/TB-VPCP\n\nHà Nội, ngày 10 tháng 7 năm 2026\n\n"
                      "Thông báo số 365/TB-VPCP ngày 10/7/2026 kết luận; theo Thông báo số 343/TB-VPCP.\n");
  ASSERT_EQ(d->p.doc.citations.size(), 1u);
  EXPECT_EQ(d->p.doc.citations[0].number.value_or(""), "343");
}

// ---- deadlines ---------------------------------------------------------------------------------
struct DlCase {
  const char* text;
  const char* date;  // "" for relative
  Bound bound;
  int offset;        // relative only
  TimeUnit unit;
  const char* anchor;
};

class DeadlineTest : public ::testing::TestWithParam<DlCase> {};

std::vector<Deadline> deadlines_in(const std::string& text, Date ref) {
  auto toks = tokenize(text);
  DeadlineContext ctx;
  ctx.reference = ref;
  return find_deadlines(text, toks, 0, toks.size(), ctx, R());
}

TEST_P(DeadlineTest, ContractTable) {
  const auto& c = GetParam();
  auto got = deadlines_in(std::string("Báo cáo kết quả ") + c.text + ".", Date{2026, 4, 1});
  ASSERT_EQ(got.size(), 1u) << c.text;
  const Deadline& d = got[0];
  EXPECT_EQ(d.bound, c.bound) << c.text;
  if (*c.date) {
    ASSERT_TRUE(d.date) << c.text;
    EXPECT_EQ(to_iso(*d.date), c.date) << c.text;
  } else {
    EXPECT_FALSE(d.date) << c.text;
    EXPECT_EQ(d.offset.value_or(0), c.offset) << c.text;
    EXPECT_EQ(d.unit.value_or(TimeUnit::kYear), c.unit) << c.text;
    EXPECT_EQ(d.anchor.value_or(""), c.anchor) << c.text;
  }
}

INSTANTIATE_TEST_SUITE_P(
    Cases, DeadlineTest,
    ::testing::Values(
        DlCase{"trước ngày 20/4/2026", "2026-04-20", Bound::kBefore, 0, TimeUnit::kDay, ""},
        DlCase{"hoàn thành trước 25/7/2026", "2026-07-25", Bound::kBefore, 0, TimeUnit::kDay, ""},
        DlCase{"chậm nhất ngày 15/6/2026", "2026-06-15", Bound::kBy, 0, TimeUnit::kDay, ""},
        DlCase{"đến ngày 30/6/2026", "2026-06-30", Bound::kBy, 0, TimeUnit::kDay, ""},
        DlCase{"xong ngày 10/5/2026", "2026-05-10", Bound::kBy, 0, TimeUnit::kDay, ""},
        DlCase{"trước ngày 20 tháng 4 năm 2026", "2026-04-20", Bound::kBefore, 0, TimeUnit::kDay, ""},
        DlCase{"chậm nhất là ngày 20-4-2026", "2026-04-20", Bound::kBy, 0, TimeUnit::kDay, ""},
        DlCase{"trong tháng 5/2026", "2026-05-31", Bound::kBy, 0, TimeUnit::kDay, ""},
        DlCase{"cuối tháng 5/2026", "2026-05-31", Bound::kBy, 0, TimeUnit::kDay, ""},
        DlCase{"đầu tháng 6/2026", "2026-06-01", Bound::kBy, 0, TimeUnit::kDay, ""},
        DlCase{"giữa tháng 6/2026", "2026-06-15", Bound::kBy, 0, TimeUnit::kDay, ""},
        DlCase{"trong tháng 02 năm 2028", "2028-02-29", Bound::kBy, 0, TimeUnit::kDay, ""},
        DlCase{"trong Quý II/2026", "2026-06-30", Bound::kBy, 0, TimeUnit::kDay, ""},
        DlCase{"hoàn thành trong quý II/2026", "2026-06-30", Bound::kBy, 0, TimeUnit::kDay, ""},
        DlCase{"trong quý 3 năm 2026", "2026-09-30", Bound::kBy, 0, TimeUnit::kDay, ""},
        DlCase{"trong Quý IV", "2026-12-31", Bound::kBy, 0, TimeUnit::kDay, ""},
        DlCase{"trong năm 2026", "2026-12-31", Bound::kBy, 0, TimeUnit::kDay, ""},
        DlCase{"trong 6 tháng đầu năm 2026", "2026-06-30", Bound::kBy, 0, TimeUnit::kDay, ""},
        DlCase{"cuối năm 2026", "2026-12-31", Bound::kBy, 0, TimeUnit::kDay, ""},
        DlCase{"giữa năm 2026", "2026-06-30", Bound::kBy, 0, TimeUnit::kDay, ""},
        DlCase{"vào ngày 20/4/2026", "2026-04-20", Bound::kOn, 0, TimeUnit::kDay, ""},
        DlCase{"trước ngày 15/6", "2026-06-15", Bound::kBefore, 0, TimeUnit::kDay, ""},  // year from the document
        DlCase{"trong tháng 5", "2026-05-31", Bound::kBy, 0, TimeUnit::kDay, ""},
        DlCase{"ít nhất 05 ngày trước diễn tập chính thức", "", Bound::kRelative, -5, TimeUnit::kDay,
               "diễn tập chính thức"},
        DlCase{"chậm nhất 07 ngày sau khi có chỉ đạo của Trung ương", "", Bound::kRelative, 7, TimeUnit::kDay,
               "có chỉ đạo của Trung ương"},
        DlCase{"trong 05 ngày làm việc kể từ ngày nhận", "", Bound::kRelative, 5, TimeUnit::kWorkingDay, "ngày nhận"},
        DlCase{"trong thời hạn 30 ngày kể từ ngày ký", "", Bound::kRelative, 30, TimeUnit::kDay, "ngày ký"},
        DlCase{"trong vòng 03 tháng kể từ ngày ban hành", "", Bound::kRelative, 3, TimeUnit::kMonth, "ngày ban hành"}));

TEST(Deadlines, NotTimeLimits) {
  Date ref{2026, 5, 11};
  for (const char* t : {"nhiệm vụ đã quá thời hạn trên 30 ngày", "trong các tháng cao điểm nắng nóng (tháng 5, 6, 7)",
                        "kế hoạch đầu tư công trung hạn giai đoạn 2026 - 2030",
                        "Kỳ thi tốt nghiệp Trung học phổ thông năm 2026", "Đề án phát triển đến năm 2030",
                        "các nhiệm vụ quý II và năm 2026 theo kịch bản", "nhiệm kỳ 2025-2030",
                        "Ngày 12/3/2012, Văn phòng Chính phủ đã có văn bản", "tăng trưởng Quý III, Quý IV/2026"}) {
    EXPECT_TRUE(deadlines_in(t, ref).empty()) << t;
  }
}

TEST(Deadlines, YearRollsOverAfterTheDocument) {
  auto got = deadlines_in("báo cáo trước ngày 10/01", Date{2026, 12, 15});
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(to_iso(*got[0].date), "2027-01-10");
  EXPECT_TRUE(got[0].inferred_year);
}

TEST(Deadlines, MonthlyRecurrence) {
  auto got = deadlines_in("báo cáo về Bộ Xây dựng trước ngày 25 hàng tháng", Date{2013, 11, 15});
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].bound, Bound::kBefore);
  EXPECT_EQ(to_iso(*got[0].date), "2013-11-25");
  ASSERT_TRUE(got[0].recurrence);
  EXPECT_EQ(got[0].recurrence->freq, "monthly");
  EXPECT_EQ(got[0].recurrence->day, 25);
  auto later = deadlines_in("trước ngày 10 hằng tháng", Date{2013, 11, 15});
  ASSERT_EQ(later.size(), 1u);
  EXPECT_EQ(to_iso(*later[0].date), "2013-12-10");
}

TEST(Deadlines, TableCellPeriodsNeedNoTrigger) {
  for (auto [cell, iso] : {std::pair{"Quý II/2026", "2026-06-30"}, std::pair{"Tháng 6/2026", "2026-06-30"},
                           std::pair{"Năm 2026", "2026-12-31"}, std::pair{"Từ năm 2013 đến năm 2020", "2020-12-31"}}) {
    auto toks = tokenize(cell);
    DeadlineContext ctx;
    ctx.reference = Date{2026, 1, 5};
    ctx.cell = true;
    auto got = find_deadlines(cell, toks, 0, toks.size(), ctx, R());
    ASSERT_EQ(got.size(), 1u) << cell;
    EXPECT_EQ(to_iso(*got[0].date), iso) << cell;
  }
}

// ---- tasks ---------------------------------------------------------------------------------------
std::vector<Task> tasks_of(std::string_view raw) {
  auto d = parse_text(raw);
  return find_tasks(d->p, R());
}

std::string names(const std::vector<Assignee>& v) {
  std::string s;
  for (const auto& a : v) s += (s.empty() ? "" : " | ") + a.name;
  return s;
}

// A normalised text parsed with the tables normalisation found in it.
structure::Parsed parse_with_tables(const normalize::NormText& norm) {
  std::vector<structure::TextTableRow> rows;
  for (const auto& r : norm.tables) {
    structure::TextTableRow tr;
    tr.table = r.table;
    for (const auto& c : r.cells) tr.cells.emplace_back(c.first_line, c.end_line);
    rows.push_back(tr);
  }
  return structure::parse(norm.text, R(), rows);
}

// The refs of tasks in order, and each task's lead names by ref.
std::vector<std::string> refs_of(const std::vector<Task>& t) {
  std::vector<std::string> refs;
  for (const auto& x : t) refs.push_back(x.ref);
  return refs;
}
std::map<std::string, std::string> leads_by_ref(const std::vector<Task>& t) {
  std::map<std::string, std::string> lead;
  for (const auto& x : t) lead[x.ref] = names(x.lead);
  return lead;
}

TEST(Tasks, HeadingUnitLeadsItsItems) {
  auto t = tasks_of(
      "KẾT LUẬN\n\nI. Về tình hình chung\n\nKinh tế tăng trưởng khá.\n\nII. Nhiệm vụ\n\n"
      "1. Đảng ủy Ủy ban nhân dân tỉnh\n\n(1) Tiếp tục rà soát, báo cáo Thường trực Tỉnh ủy trước ngày 15/6/2026.\n\n"
      "(2) Triệt để tiết kiệm chi thường xuyên.\n\n"
      "2. Đảng ủy Quân sự tỉnh chủ trì, phối hợp với Đảng ủy Công an tỉnh chỉ đạo diễn tập; trình Thường trực Tỉnh ủy "
      "các tài liệu ít nhất 05 ngày trước diễn tập chính thức.\n\n"
      "3. Giao Văn phòng Tỉnh ủy chủ trì, phối hợp với các cơ quan liên quan chuẩn bị, báo cáo trong tháng 5/2026.\n");
  ASSERT_EQ(t.size(), 4u);
  EXPECT_EQ(t[0].ref, "II.1.(1)");
  EXPECT_EQ(names(t[0].lead), "Đảng ủy Ủy ban nhân dân tỉnh");
  EXPECT_EQ(names(t[0].report_to), "Thường trực Tỉnh ủy");
  ASSERT_EQ(t[0].deadlines.size(), 1u);
  EXPECT_EQ(to_iso(*t[0].deadlines[0].date), "2026-06-15");
  EXPECT_EQ(t[1].ref, "II.1.(2)");
  EXPECT_EQ(names(t[1].lead), "Đảng ủy Ủy ban nhân dân tỉnh");
  EXPECT_EQ(t[2].ref, "II.2");
  EXPECT_EQ(names(t[2].lead), "Đảng ủy Quân sự tỉnh");
  EXPECT_EQ(names(t[2].support), "Đảng ủy Công an tỉnh");
  ASSERT_EQ(t[2].deadlines.size(), 1u);
  EXPECT_EQ(t[2].deadlines[0].offset.value_or(0), -5);
  EXPECT_EQ(t[3].ref, "II.3");
  EXPECT_EQ(names(t[3].lead), "Văn phòng Tỉnh ủy");
  EXPECT_EQ(names(t[3].support), "");  // only "các cơ quan liên quan"
}

// An item whose dashes each name the unit doing that part is one task led by all of them.
TEST(Tasks, DashPartsLedByTheirOwnUnits) {
  auto t = tasks_of(
      "CHỈ THỊ\n\n1. Ủy ban Kiểm tra Tỉnh ủy chủ trì kiểm tra, giám sát.\n\n2. Tổ chức thực hiện\n\n"
      "- Các huyện ủy, thành ủy trực thuộc Tỉnh ủy xây dựng kế hoạch thực hiện, gửi về Ban Nội chính Tỉnh ủy "
      "chậm nhất ngày 15/5/2025.\n\n"
      "- Ban Nội chính Tỉnh ủy chủ trì, phối hợp với Văn phòng Tỉnh ủy theo dõi, đôn đốc việc thực hiện.\n");
  ASSERT_EQ(t.size(), 2u);
  EXPECT_EQ(t[1].ref, "2");
  EXPECT_EQ(names(t[1].lead), "Các huyện ủy, thành ủy trực thuộc Tỉnh ủy | Ban Nội chính Tỉnh ủy");
  EXPECT_EQ(names(t[1].support), "Văn phòng Tỉnh ủy");
}

// A dash part whose subject names no body in particular adds no lead; the parts that name one
// still lead (TP.HCM plan on housing for people with merit, "4. Chế độ phối hợp, báo cáo").
TEST(Tasks, DashPartWithAGeneralSubject) {
  auto t = tasks_of(
      "KẾ HOẠCH\nHỗ trợ nhà ở\n\nIII. TỔ CHỨC THỰC HIỆN\n\n4. Chế độ phối hợp, báo cáo\n\n"
      "- Các đơn vị có liên quan phối hợp, kiểm tra, thanh tra, xử lý theo thẩm quyền.\n\n"
      "- Ủy ban nhân dân quận, huyện tổng hợp, báo cáo tình hình gửi về Sở Xây dựng.\n\n"
      "- Thành Đoàn, Hội Cựu chiến binh Thành phố vận động hỗ trợ.\n");
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(names(t[0].lead), "Ủy ban nhân dân quận, huyện | Thành Đoàn | Hội Cựu chiến binh Thành phố");
}

// A plan's "Tổ chức thực hiện": each unit a heading line of its own, its duty the paragraph
// below, groups of units split by ';'.
TEST(Tasks, UnitHeadingLinesOfAPlan) {
  auto t = tasks_of(
      "KẾ HOẠCH\n\nIII. TỔ CHỨC THỰC HIỆN\n\n1. Sở Tài chính\n\nTham mưu UBND tỉnh bố trí kinh phí thực hiện.\n\n"
      "2. Các sở, ban, ngành; UBND các huyện, thị xã, thành phố\n\nCăn cứ Kế hoạch này, xây dựng kế hoạch của "
      "đơn vị, gửi Sở Thông tin và Truyền thông trước ngày 15/4/2025.\n");
  ASSERT_EQ(t.size(), 2u);
  EXPECT_EQ(t[0].ref, "III.1");
  EXPECT_EQ(names(t[0].lead), "Sở Tài chính");
  EXPECT_EQ(names(t[1].lead), "Các sở, ban, ngành | UBND các huyện, thị xã, thành phố");
  EXPECT_EQ(names(t[1].report_to), "Sở Thông tin và Truyền thông");
}

// A letter's request may follow its background in one sentence; an account of an earlier
// request and the closing formula are no tasks.
TEST(Tasks, RequestAfterBackgroundInOneSentence) {
  auto t = tasks_of(
      "HUYỆN ỦY GIA LÂM\n\nSố 312-CV/HU\n\nKính gửi: Các chi bộ, đảng bộ cơ sở trực thuộc Huyện ủy\n\n"
      "Ngày 19/9/2025, Ban Tổ chức Trung ương có văn bản số 349-CV/BTCTW yêu cầu các tỉnh ủy rà soát.\n\n"
      "Thực hiện Hướng dẫn số 12-HD/BTCTW ngày 15/3/2025 của Ban Tổ chức Trung ương, Ban Thường vụ Huyện ủy "
      "đề nghị các chi bộ, đảng bộ cơ sở quan tâm lãnh đạo công tác phát triển đảng viên; báo cáo kết quả về "
      "Ban Thường vụ Huyện ủy trước ngày 15/11/2025.\n\n"
      "Nhận được Công văn này, đề nghị các đơn vị nghiêm túc triển khai thực hiện./.\n");
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(names(t[0].lead), "các chi bộ, đảng bộ cơ sở");
  EXPECT_EQ(names(t[0].report_to), "Ban Thường vụ Huyện ủy");
  ASSERT_EQ(t[0].deadlines.size(), 1u);
  EXPECT_EQ(to_iso(*t[0].deadlines[0].date), "2025-11-15");
}

// "đề nghị các đơn vị ..." in a letter means its recipients.
TEST(Tasks, VagueRequestInALetterGoesToTheRecipients) {
  auto t = tasks_of(
      "ỦY BAN NHÂN DÂN\nTỈNH LÀO CAI\n\nSố: 55/UBND-VX\n\nLào Cai, ngày 02 tháng 4 năm 2025\n\n"
      "Kính gửi: Sở Tài chính; Sở Kế hoạch và Đầu tư; UBND các huyện, thành phố.\n\n"
      "Ủy ban nhân dân tỉnh đề nghị các đơn vị triển khai thực hiện trước ngày 30/4/2025.\n");
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(names(t[0].lead), "Sở Tài chính | Sở Kế hoạch và Đầu tư | UBND các huyện, thành phố");
}

// A letter without numbered items: "X có trách nhiệm:" and its dash lines are one request; a
// unit heading with a list below ("Các đơn vị sự nghiệp công lập thuộc Sở:") is none.
TEST(Tasks, DutyWithDashPartsInALetter) {
  auto t = tasks_of(
      "BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI\n\nSố: 5115/LĐTBXH-KHTC\n\nKính gửi: Sở Lao động - Thương binh và "
      "Xã hội tỉnh Hưng Yên\n\nBộ đồng ý mở rộng thí điểm chi trả qua hệ thống Bưu điện.\n\n"
      "Các đơn vị sự nghiệp công lập thuộc Sở:\n\n- Trung tâm Xúc tiến đầu tư;\n\n"
      "Giám đốc Sở Lao động - Thương binh và Xã hội có trách nhiệm:\n\n- Phối hợp với Bưu điện tỉnh hoàn thiện "
      "Đề án, trình Chủ tịch Ủy ban nhân dân tỉnh phê duyệt trước ngày 31/12/2018;\n\n- Tăng cường kiểm tra, "
      "giám sát việc chi trả.\n");
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(t[0].ref, "#1");
  EXPECT_EQ(names(t[0].lead), "Giám đốc Sở Lao động - Thương binh và Xã hội");
  ASSERT_EQ(t[0].deadlines.size(), 1u);
  EXPECT_EQ(to_iso(*t[0].deadlines[0].date), "2018-12-31");
}

// "Trường hợp ...", "Hội nghị ..." begin like unit names but are none.
TEST(Tasks, FalseUnitHeads) {
  auto t = tasks_of(
      "QUYẾT ĐỊNH\n\nĐiều 2. Tổ chức thực hiện\n\n1. Trường hợp hộ gia đình có nhu cầu thì Ủy ban nhân dân "
      "cấp xã hướng dẫn thủ tục, báo cáo Ủy ban nhân dân tỉnh xem xét, quyết định.\n");
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(names(t[0].lead), "Ủy ban nhân dân cấp xã");
  EXPECT_EQ(names(t[0].report_to), "Ủy ban nhân dân tỉnh");
}

TEST(Tasks, RecipientsLeadItemsWithoutUnits) {
  auto t = tasks_of(
      "Số: 12/UBND-VX\n\nKính gửi:\n- Các sở, ban, ngành;\n- UBND các huyện, thành phố.\n\n"
      "Ủy ban nhân dân tỉnh đề nghị thực hiện các nội dung sau:\n\n1. Tuyên truyền, phổ biến kết quả.\n\n"
      "2. Giao Sở Giáo dục và Đào tạo, Sở Lao động - Thương binh và Xã hội chỉ đạo cập nhật.\n\n"
      "Trong quá trình thực hiện, nếu có khó khăn, vướng mắc đề nghị phản ánh về Sở Nội vụ./.\n");
  ASSERT_EQ(t.size(), 2u);
  EXPECT_EQ(names(t[0].lead), "Các sở, ban, ngành | UBND các huyện, thành phố");
  EXPECT_EQ(names(t[1].lead), "Sở Giáo dục và Đào tạo | Sở Lao động - Thương binh và Xã hội");
  EXPECT_EQ(t[1].lead[0].unit, "sgddt");
}

// Standing functions of a department and the rules of a decree are not tasks to follow up; the
// decision's own assignments are.
TEST(Tasks, StandingDutiesAreNotTasks) {
  auto q = tasks_of(
      "ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HÀ NỘI\n\nSố: 37/2025/QĐ-UBND\n\nQUYẾT ĐỊNH\nQuy định chức năng, nhiệm vụ\n\n"
      "Điều 2. Nhiệm vụ, quyền hạn\n\n1. Trình Ủy ban nhân dân Thành phố dự thảo quyết định.\n\n"
      "2. Tổ chức thực hiện các văn bản quy phạm pháp luật.\n\n"
      "Điều 3. Tổ chức thực hiện\n\n1. Giao Sở Nội vụ chủ trì rà soát biên chế, báo cáo trước ngày 30/9/2025.\n");
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(names(q[0].lead), "Sở Nội vụ");
  auto nd = tasks_of(
      "CHÍNH PHỦ\n\nSố: 63/2010/NĐ-CP\n\nNGHỊ ĐỊNH\nVề kiểm soát thủ tục hành chính\n\n"
      "Điều 5. Cơ quan kiểm soát thủ tục hành chính\n\n1. Văn phòng Chính phủ có trách nhiệm tổ chức thực hiện.\n");
  EXPECT_TRUE(nd.empty());
}

TEST(Tasks, PlanAttributeSections) {
  // The numbered lines of II are the fields of one task: what (with its lettered measures), who
  // leads, who supports, by when.
  auto t = tasks_of(
      "KẾ HOẠCH\nTriển khai Đề án\n\nII. BAN HÀNH VĂN BẢN\n\n1. Nội dung, biện pháp\n\na) Ban hành Thông tư hướng dẫn.\n\n"
      "b) Xây dựng Quy chế phối hợp.\n\n2. Cơ quan chủ trì\n\n- Bộ Quốc phòng; Bộ Tài chính.\n\n"
      "3. Cơ quan phối hợp\n\n- Bộ Nội vụ.\n\n4. Thời gian thực hiện: Quý II/2026 và thường xuyên.\n");
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(t[0].ref, "II");
  EXPECT_EQ(names(t[0].lead), "Bộ Quốc phòng | Bộ Tài chính");
  EXPECT_EQ(names(t[0].support), "Bộ Nội vụ");
  ASSERT_EQ(t[0].deadlines.size(), 1u);
  EXPECT_EQ(to_iso(*t[0].deadlines[0].date), "2026-06-30");
}

TEST(Tasks, FieldLinesInsideAnItem) {
  auto t = tasks_of(
      "II. NỘI DUNG THỰC HIỆN\n\n1. Công tác xây dựng pháp luật\n\na) Rà soát văn bản quy phạm pháp luật về công tác dân tộc.\n"
      "- Đơn vị chủ trì: Vụ Pháp luật hình sự - hành chính.\n- Đơn vị phối hợp: Văn phòng Bộ.\n"
      "- Thời gian thực hiện: Quý I/2026.\n\nb) Tổ chức hội nghị tập huấn.\n"
      "- Cơ quan thực hiện: Sở Tư pháp chủ trì, phối hợp với Sở Nội vụ.\n- Thời gian thực hiện: Cả năm 2026.\n");
  ASSERT_EQ(t.size(), 2u);
  EXPECT_EQ(t[0].ref, "II.1.a");
  EXPECT_EQ(names(t[0].lead), "Vụ Pháp luật hình sự - hành chính");
  EXPECT_EQ(names(t[0].support), "Văn phòng Bộ");
  ASSERT_EQ(t[0].deadlines.size(), 1u);
  EXPECT_EQ(to_iso(*t[0].deadlines[0].date), "2026-03-31");
  EXPECT_EQ(names(t[1].lead), "Sở Tư pháp");
  EXPECT_EQ(names(t[1].support), "Sở Nội vụ");
  ASSERT_EQ(t[1].deadlines.size(), 1u);
  EXPECT_EQ(to_iso(*t[1].deadlines[0].date), "2026-12-31");
}

TEST(Tasks, RunningTitlesOfScrapedCopiesAreCutOff) {
  // Every section of the copy repeats the document's name (and the part's) before its heading.
  auto t = tasks_of(
      "QUYẾT ĐỊNH:\nQuyết định 435/QĐ-UBND năm 2020. Điều 1.\nBan hành kèm theo Quyết định này Chương trình hành động.\n"
      "Quyết định 435/QĐ-UBND năm 2020. Điều 2.\nGiám đốc Sở Nội vụ chịu trách nhiệm thi hành Quyết định này./.\n"
      "Nơi nhận:\n- Như Điều 2;\n- Lưu: VT.\nKT. CHỦ TỊCH PHÓ CHỦ TỊCH Nguyễn Văn A\n"
      "Quyết định 435/QĐ-UBND năm 2020. CHƯƠNG TRÌNH HÀNH ĐỘNG. I. MỤC ĐÍCH\n1. Nâng cao nhận thức.\n"
      "Quyết định 435/QĐ-UBND năm 2020. CHƯƠNG TRÌNH HÀNH ĐỘNG. II. NHIỆM VỤ\n1. Sở Nội vụ rà soát tổ chức bộ máy.\n"
      "Quyết định 435/QĐ-UBND năm 2020. CHƯƠNG TRÌNH HÀNH ĐỘNG. III. TỔ CHỨC THỰC HIỆN\n1. Sở Tài chính bố trí kinh phí.\n");
  EXPECT_EQ(refs_of(t), (std::vector<std::string>{"Điều 2", "II.1", "III.1"}));
}

TEST(Tasks, DecimalLabelGluedToItsHeading) {
  auto t = tasks_of("II. NHIỆM VỤ\n\n2. Nhiệm vụ và giải pháp chủ yếu 2.1. Sở Tư pháp rà soát thể chế.\n"
                    "2.2. Sở Tài chính bố trí kinh phí.\n");
  EXPECT_EQ(refs_of(t), (std::vector<std::string>{"II.2.1", "II.2.2"}));
}

TEST(Tasks, RecordsOfAgreementAreNoTasks) {
  auto t = tasks_of(
      "NGHỊ QUYẾT\n\nĐiều 1. Hội đồng nhân dân tỉnh tán\nthành nội dung báo cáo kết quả giám sát.\n\n"
      "Điều 2. Hội đồng nhân dân tỉnh yêu cầu Ủy\nban nhân dân tỉnh thực hiện các nhiệm vụ sau:\n\n"
      "1. Chỉ đạo Sở Nội vụ rà soát đội ngũ viên chức.\n\n2. Thống nhất giao Sở Tài chính bố trí kinh phí.\n");
  EXPECT_EQ(refs_of(t), (std::vector<std::string>{"Điều 2.1", "Điều 2.2"}));
  ASSERT_EQ(t.size(), 2u);
  // The heading's "yêu cầu Ủy / ban nhân dân tỉnh" names the lead across the line break.
  EXPECT_EQ(names(t[0].lead), "Ủy ban nhân dân tỉnh");
}

TEST(Tasks, LetterRequestsOutsideItsNumberedItems) {
  auto t = tasks_of(
      "VĂN PHÒNG CHÍNH PHỦ\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nSố: 12/VPCP-KGVX\n"
      "V/v báo cáo tình hình thực hiện\n\nHà Nội, ngày 02 tháng 11 năm 2026\n\n"
      "Kính gửi: Bộ Lao động - Thương binh và Xã hội\n\nĐể thực hiện Chỉ thị, đề nghị quý Bộ:\n\n"
      "1. Rà soát hồ sơ người có công.\n\n2. Báo cáo Thủ tướng Chính phủ trước ngày 20/11/2026.\n\n"
      "Văn phòng Chính phủ đề nghị quý Bộ khẩn trương có báo cáo về tình hình thực hiện Kết luận số 12-KL/TW.\n\n"
      "Văn phòng Chính phủ đề nghị các cơ quan liên quan phối hợp thực hiện./.\n");
  // The lead-in ("... đề nghị quý Bộ:") and the closing ("... phối hợp thực hiện./.") are no tasks.
  EXPECT_EQ(refs_of(t), (std::vector<std::string>{"1", "2", "#1"}));
  ASSERT_EQ(t.size(), 3u);
  EXPECT_EQ(names(t[2].lead), "Bộ Lao động - Thương binh và Xã hội");  // "quý Bộ" is the recipient
}

TEST(Tasks, LetterSectionsRunInOrder) {
  // "Z." without "Y." before it is OCR noise, not a section.
  auto t = tasks_of("A. NHIỆM VỤ\n\n1. Sở Nội vụ rà soát tổ chức bộ máy.\n\nZ. IV. TỔ CHỨC THỰC HIỆN\n\n"
                    "1. Sở Tài chính bố trí kinh phí.\n");
  for (const auto& x : t) EXPECT_EQ(x.ref.rfind("Z", 0), std::string::npos) << x.ref;
}

TEST(Tasks, LeadsFromTheLayoutsUnitsAreNamedIn) {
  auto t = tasks_of(
      "KẾ HOẠCH\nTriển khai công tác năm 2026\n\nII. NHIỆM VỤ\n\n1. Công an tỉnh\n\n"
      "Chủ trì đấu tranh phòng, chống tội phạm; báo cáo UBND tỉnh trước ngày 15/12/2026.\n\n"
      "2. Văn phòng UBND tỉnh: Phối hợp theo dõi, đôn đốc việc thực hiện.\n\n"
      "3. Tăng cường kiểm tra an toàn thực phẩm (Giao Sở Y tế chủ trì, phối hợp với Sở Công Thương).\n\n"
      "4. Giám đốc Sở Tài chính có trách nhiệm bố trí kinh phí trong Quý I/2027.\n\n"
      "III. TỔ CHỨC THỰC HIỆN\n\nCác sở, ban, ngành, UBND các huyện thực hiện các nhiệm vụ sau:\n\n"
      "1. Xây dựng kế hoạch triển khai trong tháng 12/2026.\n\n2. Báo cáo kết quả định kỳ hằng quý.\n\n"
      "IV. PHÂN CÔNG\n\n1. Tổ chức tuyên truyền:\n- Sở Văn hóa, Thể thao và Du lịch chủ trì tuyên truyền trên các "
      "phương tiện;\n- Đài Phát thanh và Truyền hình tỉnh mở chuyên mục.\n\n"
      "2. Thủ trưởng các đơn vị trực thuộc Sở theo chức năng, nhiệm vụ được giao chịu trách nhiệm thực hiện.\n");
  auto lead = leads_by_ref(t);
  EXPECT_EQ(lead["II.1"], "Công an tỉnh");                      // a unit heading line
  EXPECT_EQ(lead["II.2"], "Văn phòng UBND tỉnh");               // "X: Phối hợp ..."
  EXPECT_EQ(lead["II.3"], "Sở Y tế");                           // "(Giao X chủ trì, phối hợp với Y)"
  EXPECT_EQ(lead["II.4"], "Giám đốc Sở Tài chính");             // a head of a body
  EXPECT_EQ(lead["III.1"], "Các sở, ban, ngành | UBND các huyện");  // the section's opening sentence
  EXPECT_EQ(lead["III.2"], "Các sở, ban, ngành | UBND các huyện");
  EXPECT_EQ(lead["IV.1"], "Sở Văn hóa, Thể thao và Du lịch | Đài Phát thanh và Truyền hình tỉnh");  // dash lines
  EXPECT_EQ(lead["IV.2"], "Thủ trưởng các đơn vị trực thuộc Sở");  // subject, adverbial, verb
}

TEST(Tasks, MoreLayoutsOfLeadsAndItems) {
  auto t = tasks_of(
      "UBND TỈNH LẠNG SƠN\nBAN CHỈ ĐẠO TỈNH\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n"
      "Số: 12/KH-BCĐ\n\nLạng Sơn, ngày 02 tháng 3 năm 2026\n\nKẾ HOẠCH\nHỗ trợ nhà ở năm 2026\n\n"
      "Ban Chỉ đạo tỉnh ban hành Kế hoạch thực hiện như sau:\n\nI. MỤC ĐÍCH, YÊU CẦU\n\n"
      "1. Sở Nội vụ bảo đảm tiến độ.\n\nII. NỘI DUNG THỰC HIỆN\n\n1. Phương thức thực hiện\n\n"
      "1.1. Yêu cầu về kỹ thuật:\n\n1.1.a. Sở Xây dựng nghiên cứu, thiết kế mẫu nhà ở.\n\n"
      "1.1.b. Nhà ở phải bảo đảm diện tích tối thiểu 30m2.\n\n"
      "2. Bước 2: Phê duyệt danh sách. Sau khi có kết quả, Sở Tài chính lập thủ tục bố trí kinh phí.\n\n"
      "3. Trách nhiệm của Sở Y tế:\n- Tổ chức tiêm chủng.\n\n"
      "4. Trên cơ sở đề nghị của các huyện, Sở Giáo dục và Đào tạo tổng hợp danh sách.\n\n"
      "5. Hoàn thành việc rà soát hồ sơ.\n");
  auto lead = leads_by_ref(t);
  EXPECT_EQ(lead.count("I.1"), 0u);                                  // a top-level requirement
  EXPECT_EQ(lead["II.1.1.a"], "Sở Xây dựng");                        // nested "Yêu cầu": names its actor
  EXPECT_EQ(lead.count("II.1.1.b"), 0u);                             // a requirement, no actor
  EXPECT_EQ(lead["II.2"], "Sở Tài chính");                           // the subject after a clause
  EXPECT_EQ(lead["II.3"], "Sở Y tế");                                // "Trách nhiệm của X:"
  EXPECT_EQ(lead["II.4"], "Sở Giáo dục và Đào tạo");                 // after "Trên cơ sở ..., "
  EXPECT_EQ(lead["II.5"], "");  // the intro names the issuer speaking of itself, not an addressee
}

// The office of a body in parentheses belongs to its name (Hà Nội 0001, Bộ Quốc phòng in Chỉ thị
// 299-TTg); a note or an assignment in parentheses does not. A time adverbial before the subject.
TEST(Tasks, OfficeInParenthesesAndATimeAdverbialBeforeTheSubject) {
  auto t = tasks_of(
      "UBND TỈNH LẠNG SƠN\n\nSố: 13/KH-UBND\n\nLạng Sơn, ngày 02 tháng 3 năm 2026\n\nKẾ HOẠCH\nThi đua năm 2026\n\n"
      "III. TỔ CHỨC THỰC HIỆN\n\n"
      "1. Sở Nội vụ (Ban Thi đua - Khen thưởng tỉnh) có trách nhiệm hướng dẫn các đơn vị.\n\n"
      "2. Hằng năm, Sở Tài chính chủ trì bố trí kinh phí.\n\n"
      "3. Sở Y tế (b/c) tổng hợp số liệu.\n\n"
      "4. Công an tỉnh (Giao Phòng PC06 chủ trì) rà soát hồ sơ.\n");
  auto lead = leads_by_ref(t);
  EXPECT_EQ(lead["III.1"], "Sở Nội vụ (Ban Thi đua - Khen thưởng tỉnh)");
  EXPECT_EQ(lead["III.2"], "Sở Tài chính");
  EXPECT_EQ(lead["III.3"].find("b/c"), std::string::npos);
  EXPECT_EQ(lead["III.4"].find("Giao"), std::string::npos);
}

// An appendix of targets (Bộ TN&MT 59/QĐ-BTNMT): a heading in capitals that names a section of
// targets or indicators, its table glued after it, gives no task.
TEST(Tasks, SectionsOfTargetsInCapitalsAreNoTasks) {
  auto t = tasks_of(
      "BỘ TÀI NGUYÊN VÀ MÔI TRƯỜNG\n\nSố: 59/KH-BTNMT\n\nHà Nội, ngày 08 tháng 01 năm 2024\n\nKẾ HOẠCH\nNăm 2024\n\n"
      "II. NHIỆM VỤ\n\n1. Cục Kiểm soát ô nhiễm môi trường chủ trì rà soát quy chuẩn.\n\n"
      "PHỤ LỤC SỐ 03 CÁC CHỈ TIÊU CHỦ YẾU\n"
      "I. CHỈ TIÊU CỤ THỂ CHO CÁC NGÀNH LĨNH VỰC\n| TT | CHỈ TIÊU | Đơn vị | Cơ quan chủ trì theo dõi, đánh giá |\n"
      "| --- | --- | --- | --- |\n| 1 | Hồ chứa được giám sát trực tuyến | % | Cục QLTNN |\n"
      "II. BỘ CHỈ SỐ QUỐC TẾ\n| TT | Bộ chỉ số | Cơ quan chủ trì |\n| --- | --- | --- |\n| 1 | Quyền tài sản | Viện Chiến lược |\n");
  EXPECT_EQ(refs_of(t), (std::vector<std::string>{"II.1"}));
}

// Decisions on a Sở's functions and organisation (Hà Nội 11/2025/QĐ-UBND, 0032): the article on
// its director and deputies describes offices, it assigns no work.
TEST(Tasks, ArticleOnTheDirectorAndDeputiesIsNoTask) {
  auto t = tasks_of(
      "ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI\n\nSố: 11/2025/QĐ-UBND\n\nHà Nội, ngày 28 tháng 02 năm 2025\n\n"
      "QUYẾT ĐỊNH\nQuy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của Sở Giáo dục và Đào tạo\n\n"
      "Điều 4. Giám đốc, Phó Giám đốc và số lượng cấp phó các tổ chức thuộc Sở\n\n"
      "1. Giám đốc và Phó Giám đốc Sở\n\na) Sở có Giám đốc và các Phó Giám đốc.\n\n"
      "b) Giám đốc Sở quyết định bổ nhiệm người đứng đầu các tổ chức thuộc Sở.\n\n"
      "Điều 5. Tổ chức thực hiện\n\n1. Sở Nội vụ chủ trì hướng dẫn thực hiện Quyết định này.\n");
  EXPECT_EQ(refs_of(t), (std::vector<std::string>{"Điều 5.1"}));
}

// The lettered fields of a plan's item flattened onto one line (Cần Thơ 70/KH-UBND, OCR copy).
TEST(Tasks, LetteredFieldsOnOneLine) {
  auto t = tasks_of(
      "ỦY BAN NHÂN DÂN THÀNH PHỐ CẦN THƠ\n\nSố: 70/KH-UBND\n\nCần Thơ, ngày 10 tháng 8 năm 2025\n\nKẾ HOẠCH\n"
      "Công tác dân vận\n\nII. NHIỆM VỤ\n\n3. Rà soát lại các văn bản về công tác dân vận.\n\n"
      "a) Cơ quan chủ trì: Sở Nội vụ; b) Cơ quan phối hợp: Sở Tư pháp c) Thời gian thực hiện: Quý IV năm 2025.\n");
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(t[0].ref, "II.3");
  EXPECT_EQ(names(t[0].lead), "Sở Nội vụ");
  EXPECT_EQ(names(t[0].support), "Sở Tư pháp");
  ASSERT_EQ(t[0].deadlines.size(), 1u);
}

// The items of one list are of one kind (Bộ TN&MT 59/QĐ-BTNMT, "2.7. Chú trọng thực hiện các nhóm
// giải pháp trọng tâm sau"): an item whose verb the lexicon lacks is work among siblings that are.
TEST(Tasks, ItemsOfAListOfWork) {
  auto t = tasks_of(
      "BỘ TÀI NGUYÊN VÀ MÔI TRƯỜNG\n\nSố: 59/CTr-BTNMT\n\nHà Nội, ngày 08 tháng 01 năm 2024\n\nCHƯƠNG TRÌNH\n"
      "Hành động năm 2024\n\nII. NHIỆM VỤ VÀ GIẢI PHÁP\n\nBộ yêu cầu các đơn vị trực thuộc Bộ thực hiện:\n\n"
      "1. Chú trọng các giải pháp trọng tâm sau\n\na) Rà soát các quy định về đất đai.\n\n"
      "b) Tháo gỡ bất cập pháp lý trong thực hiện dự án.\n\nc) Đẩy mạnh cải cách thủ tục hành chính.\n\n"
      "d) Nâng cao chất lượng dịch vụ công.\n\n2. Các nhóm giải pháp khác\n\na) Rà soát quy hoạch.\n\n"
      "b) Tháo gỡ vướng mắc.\n\nc) Những bất cập của năm 2023.\n");
  EXPECT_EQ(refs_of(t), (std::vector<std::string>{"II.1.a", "II.1.b", "II.1.c", "II.1.d", "II.2.a"}));
}

// A unit heading's body called by the start of its name inside one of its items (Bộ Tư pháp
// 173/QĐ-BTP) keeps the heading's full name.
TEST(Tasks, ShortNameOfTheHeadingsBody) {
  auto t = tasks_of(
      "KẾ HOẠCH\nPhối hợp năm 2015\n\nIII. TỔ CHỨC THỰC HIỆN\n\n3. Sở Tư pháp các tỉnh, thành phố trực thuộc Trung ương\n"
      "a) Chỉ đạo, hướng dẫn Phòng Tư pháp cấp huyện triển khai Kế hoạch.\n"
      "b) Căn cứ vào nhiệm vụ được giao, Sở Tư pháp chủ động tham mưu bố trí kinh phí.\n");
  ASSERT_EQ(t.size(), 2u);
  EXPECT_EQ(names(t[1].lead), "Sở Tư pháp các tỉnh, thành phố trực thuộc Trung ương");
}

// "Các tổ chức chính trị - xã hội và tổ chức, đoàn thể có liên quan" names a kind of body and
// leads (Đề án 1237, t0137 D.5); "các cơ quan, đơn vị có liên quan" names none (unit_generic.tsv).
TEST(Tasks, KindsOfBodiesAndBodiesInGeneral) {
  auto t = tasks_of(
      "KẾ HOẠCH\nTìm kiếm, quy tập\n\nD. TỔ CHỨC THỰC HIỆN\n\n"
      "5. Các tổ chức chính trị - xã hội và tổ chức, đoàn thể có liên quan\n\n"
      "Căn cứ vào chức năng, nhiệm vụ, tham gia phối hợp công tác tuyên truyền.\n\n"
      "6. Chế độ báo cáo\n\n- Các cơ quan, đơn vị có liên quan phối hợp kiểm tra.\n\n"
      "- Sở Nội vụ tổng hợp báo cáo.\n");
  ASSERT_EQ(t.size(), 2u);
  EXPECT_EQ(names(t[0].lead), "Các tổ chức chính trị - xã hội và tổ chức, đoàn thể có liên quan");
  EXPECT_EQ(names(t[1].lead), "Sở Nội vụ");
}

// A unit heading whose body's name goes on past "về" (Bộ Tư pháp 173/QĐ-BTP: "Vụ Các vấn đề chung
// về xây dựng pháp luật"): the whole line names the body that leads the duties below it.
TEST(Tasks, UnitHeadingWhoseNameGoesOnPastVe) {
  auto t = tasks_of(
      "KẾ HOẠCH\nPhối hợp\n\nIII. TỔ CHỨC THỰC HIỆN\n1. Vụ Các vấn đề chung về xây dựng pháp luật\n"
      "a) Tổ chức triển khai thực hiện Kế hoạch.\nb) Phối hợp với Vụ Pháp chế triển khai.\n"
      "2. Vụ Pháp luật quốc tế\na) Triển khai thực hiện các nội dung của Kế hoạch.\n"
      "3. Về cơ sở dữ liệu về giá\na) Sở Tài chính cập nhật dữ liệu.\n");
  auto lead = leads_by_ref(t);
  EXPECT_EQ(lead["III.1.a"], "Vụ Các vấn đề chung về xây dựng pháp luật");
  EXPECT_EQ(lead["III.1.b"], "Vụ Các vấn đề chung về xây dựng pháp luật");
  EXPECT_EQ(lead["III.2.a"], "Vụ Pháp luật quốc tế");
  EXPECT_EQ(lead["III.3.a"], "Sở Tài chính");
}

// A line that goes on from a comma is a list the copy broke, not a paragraph with its own
// subject (TP.HCM plan on housing, 4.2.b).
TEST(Tasks, LineAfterACommaIsNoNewParagraph) {
  auto t = tasks_of(
      "KẾ HOẠCH\nHỗ trợ nhà ở\n\nII. NỘI DUNG\n\n1. Ủy ban nhân dân xã có trách nhiệm theo dõi, giám sát; vận động "
      "các tổ chức, đoàn thể như Mặt trận Tổ quốc, Hội Cựu chiến binh,\n\nĐoàn Thanh niên Cộng sản Hồ Chí Minh giúp đỡ "
      "các hộ gia đình xây dựng nhà ở.\n");
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(names(t[0].lead), "Ủy ban nhân dân xã");
}

TEST(Tasks, HyphenatedPhraseBrokenAtItsHyphenIsNoDashItem) {
  auto t = tasks_of("QUYẾT ĐỊNH:\n\nĐiều 1. Ban hành Chương trình hành động thực hiện Nghị quyết về phát triển kinh tế\n"
                    "- xã hội năm 2026.\n\nĐiều 2. Quyết định này có hiệu lực kể từ ngày ký.\n"
                    "Giám đốc Sở Nội vụ chịu trách nhiệm thi hành Quyết định này./.\n");
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(t[0].ref, "Điều 2");
  EXPECT_EQ(names(t[0].lead), "Giám đốc Sở Nội vụ");
}

TEST(Tasks, TaskTableRows) {
  auto norm = normalize::normalize(
      "KẾ HOẠCH\nChuyển đổi số\n\n| STT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành |\n"
      "|---|---|---|---|---|\n| I | HOÀN THIỆN THỂ CHẾ | | | |\n"
      "| 1 | Xây dựng Quy chế | Sở Tư pháp | Sở Nội vụ; Văn phòng UBND tỉnh | Quý II/2026 |\n"
      "| 2 | Duy trì hệ thống | Văn phòng UBND tỉnh | | Thường xuyên |\n");
  auto p = parse_with_tables(norm);
  auto t = find_tasks(p, R());
  ASSERT_EQ(t.size(), 2u);
  EXPECT_EQ(t[0].ref, "I.1");
  EXPECT_EQ(names(t[0].lead), "Sở Tư pháp");
  EXPECT_EQ(names(t[0].support), "Sở Nội vụ | Văn phòng UBND tỉnh");
  ASSERT_EQ(t[0].deadlines.size(), 1u);
  EXPECT_EQ(to_iso(*t[0].deadlines[0].date), "2026-06-30");
  EXPECT_EQ(t[1].ref, "I.2");
  EXPECT_TRUE(t[1].deadlines.empty());  // "Thường xuyên" sets no time limit
}

TEST(Tasks, TimeHeadingOverSeveralColumns) {
  auto norm = normalize::normalize(
      "PHỤ LỤC 01\n\n| STT | Tên văn bản | Đơn vị chủ trì soạn thảo | Đơn vị cho ý kiến | Cấp trình và thời gian trình | | Ghi chú |\n"
      "|---|---|---|---|---|---|---|\n| | | | | Bộ trưởng | Chính phủ | |\n"
      "| 1 | Nghị định về giá đất | Vụ Đất đai | Vụ Pháp chế | Tháng 9/2026 | Tháng 10/2026 | |\n");
  auto p = parse_with_tables(norm);
  auto t = find_tasks(p, R());
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(t[0].ref, "1");
  EXPECT_EQ(names(t[0].lead), "Vụ Đất đai");
  EXPECT_EQ(names(t[0].support), "Vụ Pháp chế");
  ASSERT_EQ(t[0].deadlines.size(), 2u);
  EXPECT_EQ(to_iso(*t[0].deadlines[0].date), "2026-09-30");
  EXPECT_EQ(to_iso(*t[0].deadlines[1].date), "2026-10-31");
}

TEST(Tasks, RunningTextRequests) {
  auto t = tasks_of(
      "Số: 1921/BXD-QLN\n\nKính gửi: Ủy ban nhân dân tỉnh Long An\n\n"
      "Ngày 12/3/2012, Văn phòng Chính phủ đã có văn bản thông báo kết luận.\n\n"
      "Bộ Xây dựng đề nghị Bộ Tài chính bố trí vốn trước ngày 30/6/2013. Đồng thời, đề nghị Ủy ban nhân dân tỉnh "
      "Long An chỉ đạo Sở Xây dựng rà soát.\n\nTrong quá trình thực hiện, nếu có vướng mắc đề nghị phản ánh về Bộ./.\n");
  ASSERT_EQ(t.size(), 2u);
  EXPECT_EQ(t[0].ref, "#1");
  EXPECT_EQ(names(t[0].lead), "Bộ Tài chính");
  ASSERT_EQ(t[0].deadlines.size(), 1u);
  EXPECT_EQ(t[1].ref, "#2");
  EXPECT_EQ(names(t[1].lead), "Ủy ban nhân dân tỉnh Long An");
}

// ---- documents with attached parts ---------------------------------------------------------------
constexpr const char* kDecisionWithPlan =
    "ỦY BAN NHÂN DÂN\nTỈNH LẠNG SƠN\n\nSố: 120/QĐ-UBND\n\nLạng Sơn, ngày 10 tháng 3 năm 2026\n\nQUYẾT ĐỊNH\n"
    "Ban hành Kế hoạch chuyển đổi số năm 2026\n\nCHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH\n\nQUYẾT ĐỊNH:\n\n"
    "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch chuyển đổi số năm 2026.\n\n"
    "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.\n\n"
    "Điều 3. Chánh Văn phòng UBND tỉnh, Giám đốc Sở Khoa học và Công nghệ, Giám đốc Sở Văn hóa, Thể thao và Du "
    "lịch, Chủ tịch UBND các xã, phường chịu trách nhiệm thi hành Quyết định này./.\n\n"
    "Nơi nhận:\n- Như Điều 3;\n- Lưu: VT.\n\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nNguyễn Văn A\n\n"
    "KẾ HOẠCH\n\nChuyển đổi số năm 2026\n\n(Ban hành kèm theo Quyết định số 120/QĐ-UBND ngày 10/3/2026 của Chủ tịch "
    "UBND tỉnh)\n\nI. MỤC ĐÍCH, YÊU CẦU\n\n1. Mục đích\n\nNâng cao hiệu quả quản lý.\n\n2. Yêu cầu\n\n"
    "Triển khai đồng bộ, hiệu quả.\n\nII. NHIỆM VỤ\n\n1. Xây dựng cơ sở dữ liệu dùng chung của tỉnh, hoàn thành "
    "trước ngày 30/6/2026 (Giao Sở Khoa học và Công nghệ chủ trì, phối hợp với Sở Tài chính).\n\n"
    "2. Sở Nội vụ rà soát thủ tục hành chính, hoàn thành trong Quý III/2026.\n\nIII. TỔ CHỨC THỰC HIỆN\n\n"
    "1. Sở Tài chính bố trí kinh phí thực hiện Kế hoạch.\n\n2. Các sở, ban, ngành báo cáo kết quả trước ngày 15/12/2026.\n";

TEST(Tasks, DecisionIssuingAPlan) {
  auto d = parse_text(kDecisionWithPlan);
  ASSERT_EQ(d->p.parts.size(), 1u);
  EXPECT_EQ(d->p.parts[0].kind, "Kế hoạch");
  auto t = find_tasks(d->p, R());
  // Điều 1 issues, Điều 2 enters into force: no tasks. Purpose and requirements are no tasks.
  EXPECT_EQ(refs_of(t), (std::vector<std::string>{"Điều 3", "II.1", "II.2", "III.1", "III.2"}));
  ASSERT_EQ(t.size(), 5u);
  EXPECT_EQ(names(t[0].lead), "Chánh Văn phòng UBND tỉnh | Giám đốc Sở Khoa học và Công nghệ | Giám đốc Sở Văn hóa, "
                              "Thể thao và Du lịch | Chủ tịch UBND các xã, phường");
  EXPECT_EQ(names(t[1].lead), "Sở Khoa học và Công nghệ");
  ASSERT_EQ(t[1].deadlines.size(), 1u);
  EXPECT_EQ(to_iso(*t[1].deadlines[0].date), "2026-06-30");
  EXPECT_EQ(names(t[2].lead), "Sở Nội vụ");
  EXPECT_EQ(names(t[3].lead), "Sở Tài chính");
  // The header and signer stay the main part's.
  EXPECT_EQ(d->p.doc.type.value_or(""), "Quyết định");
  ASSERT_TRUE(d->p.doc.signer && d->p.doc.signer->name);
  EXPECT_EQ(*d->p.doc.signer->name, "Nguyễn Văn A");
}

TEST(Tasks, PlanAfterTheArticlesOfACopyWithoutSignature) {
  auto d = parse_text(
      "QUYẾT ĐỊNH\n\nĐiều 1. Phê duyệt Kế hoạch phòng, chống dịch năm 2026.\n\n"
      "Điều 2. Giám đốc Sở Y tế, Chủ tịch UBND các xã căn cứ Quyết định thi hành.\n\n"
      "KẾ HOẠCH\n\nI. NHIỆM VỤ\n\n1. Sở Y tế tổ chức giám sát dịch bệnh, báo cáo trước ngày 20/5/2026.\n");
  auto t = find_tasks(d->p, R());
  EXPECT_EQ(refs_of(t), (std::vector<std::string>{"Điều 2", "I.1"}));
}

TEST(Tasks, ArticleWithItsTextOnTheNextLine) {
  auto d = parse_text("QUYẾT ĐỊNH:\n\nĐiều 1.\nBan hành kèm theo Quyết định này Quy chế làm việc.\n\nĐiều 2.\n"
                      "Giám đốc Sở Nội vụ; Chủ tịch UBND các huyện chịu trách nhiệm thi hành Quyết định này./.\n");
  auto t = find_tasks(d->p, R());
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(t[0].ref, "Điều 2");
  EXPECT_EQ(names(t[0].lead), "Giám đốc Sở Nội vụ | Chủ tịch UBND các huyện");
}

TEST(Tasks, LetteredFieldsMakeOneTask) {
  auto d = parse_text(
      "II. NHIỆM VỤ\n\n1. Tổ chức Hội nghị quán triệt Chỉ thị\n\na) Cơ quan chủ trì: Sở Văn hóa, Thể thao và Du lịch\n\n"
      "b) Cơ quan phối hợp: Sở Nội vụ\n\nc) Thời gian thực hiện: Quý II/2026\n\n2. Nội dung, biện pháp\n\n"
      "a) Nhiệm vụ: Rà soát quy hoạch mạng lưới di tích.\n\nb) Đơn vị thực hiện: UBND các xã\n\nc) Thời gian: tháng 9/2026\n");
  auto t = find_tasks(d->p, R());
  ASSERT_EQ(t.size(), 2u);
  EXPECT_EQ(t[0].ref, "II.1");
  EXPECT_EQ(names(t[0].lead), "Sở Văn hóa, Thể thao và Du lịch");
  EXPECT_EQ(names(t[0].support), "Sở Nội vụ");
  ASSERT_EQ(t[0].deadlines.size(), 1u);
  EXPECT_EQ(to_iso(*t[0].deadlines[0].date), "2026-06-30");
  EXPECT_EQ(t[1].ref, "II.2");
  EXPECT_EQ(names(t[1].lead), "UBND các xã");
  ASSERT_EQ(t[1].deadlines.size(), 1u);
  EXPECT_EQ(to_iso(*t[1].deadlines[0].date), "2026-09-30");
}

TEST(Tasks, DecimalItemsWithLetters) {
  auto d = parse_text("II. NỘI DUNG\n\n2.1. Bước 1:\n\n2.1.a. Ủy ban nhân dân xã thành lập Ban Chỉ đạo.\n\n"
                      "2.1.b. Ủy ban nhân dân xã tiếp nhận hồ sơ, hoàn tất trước ngày 27/6/2026.\n");
  auto t = find_tasks(d->p, R());
  ASSERT_EQ(t.size(), 2u);
  EXPECT_EQ(t[0].ref, "II.2.1.a");
  EXPECT_EQ(t[1].ref, "II.2.1.b");
}

TEST(Tasks, ChaptersAreNotPartOfRefs) {
  auto d = parse_text("Chương IV\nTỔ CHỨC THỰC HIỆN\n\nĐiều 12. Trách nhiệm thi hành\n\n"
                      "1. Sở Nội vụ hướng dẫn, theo dõi việc thực hiện Quy chế.\n");
  auto t = find_tasks(d->p, R());
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(t[0].ref, "Điều 12.1");
}

TEST(Tasks, DueDatesResolve) {
  auto d = parse_text("Hà Nội, ngày 02 tháng 3 năm 2026\n\n1. Sở Nội vụ báo cáo trong thời hạn 10 ngày kể từ ngày ký.\n\n"
                      "2. Sở Tài chính báo cáo trước ngày 20/3/2026.\n");
  auto t = find_tasks(d->p, R());
  ASSERT_EQ(t.size(), 2u);
  ASSERT_TRUE(t[0].due);
  EXPECT_EQ(to_iso(*t[0].due), "2026-03-12");
  ASSERT_TRUE(t[1].due);
  EXPECT_EQ(to_iso(*t[1].due), "2026-03-19");  // "trước ngày 20/3": by the end of 19/3
}

TEST(Tasks, SpansLieInsideTheirTask) {
  auto d = parse_text("II. Nhiệm vụ\n\n1. Sở Y tế chủ trì, báo cáo trước ngày 20/4/2026.\n\n2. Sở Tài chính hoàn thành trong Quý II/2026.\n");
  for (const auto& t : find_tasks(d->p, R())) {
    for (const auto& dl : t.deadlines) EXPECT_TRUE(t.span.contains(dl.span)) << t.ref;
    for (const auto& a : t.lead) EXPECT_EQ(std::string(a.span.of(d->norm)), a.name);
  }
}

}  // namespace
}  // namespace dondoc::extract
