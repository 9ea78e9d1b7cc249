// The time grammar on real phrases (time_phrases.tsv: one phrase of a real document a line, with
// the date and bound it must give) and on the families of the issue one by one.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <sstream>

#include "extract/calendar_days.h"
#include "extract/deadlines.h"
#include "extract/time_grammar.h"
#include "normalize/normalize.h"

namespace dondoc::extract {
namespace {

const rules::Rules& R() { return rules::Rules::builtin(); }


struct Phrase {
  std::string source, date, context, text, expected;
  int line = 0;
};

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<std::string> split_tabs(const std::string& line) {
  std::vector<std::string> out;
  size_t s = 0;
  for (size_t i = 0; i <= line.size(); ++i)
    if (i == line.size() || line[i] == '\t') {
      out.push_back(line.substr(s, i - s));
      s = i + 1;
    }
  return out;
}

std::vector<Phrase> phrases() {
  std::vector<Phrase> out;
  std::istringstream in(read_file(std::string(DONDOC_SOURCE_DIR) + "/lib/extract/time_phrases.tsv"));
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    if (line.empty() || line[0] == '#') continue;
    auto f = split_tabs(line);
    if (f.size() != 5) {
      ADD_FAILURE() << "time_phrases.tsv:" << n << ": 5 columns expected";
      continue;
    }
    out.push_back(Phrase{f[0], f[1], f[2], f[3], f[4], n});
  }
  return out;
}

// Where a source of the table lives: train/, lm/ (../shared/corpus), dev/ (../shared/eval/dev),
// tests/ (tests/corpus).
std::string source_path(const std::string& source) {
  std::string shared = DONDOC_SHARED_DIR;
  auto under = [&](const char* prefix, const std::string& dir) -> std::string {
    std::string p = prefix;
    return source.rfind(p, 0) == 0 ? dir + "/" + source.substr(p.size()) : "";
  };
  for (auto s : {under("train/", shared + "/corpus/train"), under("lm/", shared + "/corpus/lm"),
                 under("dev/", shared + "/eval/dev"), under("tests/", std::string(DONDOC_SOURCE_DIR) + "/tests/corpus")})
    if (!s.empty()) return s;
  return "";
}

// Text as the table compares it: Markdown emphasis dropped, runs of white space as one space;
// normalised first (NFC, tone placement) or not.
std::string flat(std::string_view s, bool norm = true) {
  std::string t = norm ? normalize::normalize(s).text : std::string(s);
  std::string out;
  bool space = false;
  for (char c : t) {
    if (c == '*' || c == '`') continue;
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') { space = !out.empty(); continue; }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

std::string describe(const Deadline& d) {
  if (d.bound == Bound::kRelative)
    return "rel " + std::to_string(d.offset.value_or(0)) + " " + std::string(to_string(d.unit.value_or(TimeUnit::kDay)));
  return (d.date ? to_iso(*d.date) : std::string("?")) + " " + std::string(to_string(d.bound));
}

class TimePhrases : public ::testing::TestWithParam<Phrase> {};

TEST_P(TimePhrases, ReadAsWritten) {
  const Phrase& p = GetParam();
  SCOPED_TRACE("time_phrases.tsv:" + std::to_string(p.line) + " " + p.text);
  // The phrase is real: it stands in the document the table names (when the corpus is here).
  std::string path = source_path(p.source);
  ASSERT_FALSE(path.empty()) << "unknown source " << p.source;
  // Flattened documents, read once for the whole table.
  static std::map<std::string, std::pair<std::string, std::string>> docs;
  if (!docs.count(path)) {
    std::string doc = read_file(path);
    docs[path] = {flat(doc), flat(doc, false)};
  }
  const auto& [norm_doc, raw_doc] = docs[path];
  if (!raw_doc.empty()) {
    EXPECT_TRUE(norm_doc.find(flat(p.text)) != std::string::npos ||
                raw_doc.find(flat(p.text, false)) != std::string::npos)
        << "not in " << p.source;
  }

  std::string text = normalize::normalize(p.text).text;
  auto toks = tokenize(text);
  CalendarDays cal(calendar::Calendar::builtin());
  DeadlineContext ctx;
  ctx.calendar = &cal;
  if (p.date != "-") {
    auto full = parse_iso(p.date);
    auto part = parse_iso_partial(p.date);
    ASSERT_TRUE(part) << p.date;
    if (full) ctx.issued = full;
    ctx.reference = full ? *full : Date{part->y, part->m ? part->m : 1, 1};
  }
  ctx.cell = p.context == "cell";
  std::vector<Deadline> got = p.context == "heading" ? heading_deadlines(text, toks, 0, toks.size(), ctx, R())
                                                     : find_deadlines(text, toks, 0, toks.size(), ctx, R());
  // A document's memo of the lexicon changes nothing, cold or warm; a memo made for other tokens
  // is not used.
  const TimeLexicon& lx = R().view<TimeLexicon>();
  TimeMemo memo(lx, toks);
  auto other_toks = tokenize("ngày 5 tháng 6");
  TimeMemo other(lx, other_toks);
  for (TimeMemo* m : {&memo, &memo, &other}) {
    DeadlineContext with = ctx;
    with.memo = m;
    auto again = p.context == "heading" ? heading_deadlines(text, toks, 0, toks.size(), with, R())
                                        : find_deadlines(text, toks, 0, toks.size(), with, R());
    ASSERT_EQ(again.size(), got.size());
    for (size_t i = 0; i < got.size(); ++i) EXPECT_EQ(describe(again[i]), describe(got[i]));
  }
  std::string want = p.expected == "none" ? "" : p.expected;
  std::string have;
  for (const auto& d : got) {
    have += (have.empty() ? "" : "; ") + describe(d);
    // The deadline's text is the phrase that carries it, as written.
    EXPECT_NE(flat(text).find(flat(d.text)), std::string::npos) << d.text;
  }
  EXPECT_EQ(have, want);
}

INSTANTIATE_TEST_SUITE_P(Table, TimePhrases, ::testing::ValuesIn(phrases()),
                         [](const ::testing::TestParamInfo<Phrase>& p) { return "line" + std::to_string(p.param.line); });

TEST(TimePhrases, TableIsLargeAndVaried) {
  auto all = phrases();
  EXPECT_GE(all.size(), 150u);
  int none = 0;
  for (const auto& p : all) none += p.expected == "none";
  EXPECT_GE(none, 15);  // program periods, cited documents' dates, past events
}

// ---- the families of the issue, each on several phrases ----------------------------------------

struct Case {
  const char* text;
  const char* ref;
  const char* want;  // "date bound", "none", several joined by "; "
};

std::string read(const char* raw, const char* ref, bool cell = false) {
  std::string text = normalize::normalize(raw).text;
  auto toks = tokenize(text);
  CalendarDays cal(calendar::Calendar::builtin());
  DeadlineContext ctx;
  ctx.calendar = &cal;
  ctx.reference = parse_iso(ref);
  ctx.issued = ctx.reference;
  ctx.cell = cell;
  std::string have;
  for (const auto& d : find_deadlines(text, toks, 0, toks.size(), ctx, R())) have += (have.empty() ? "" : "; ") + describe(d);
  return have.empty() ? "none" : have;
}

void check(std::initializer_list<Case> cases) {
  for (const Case& c : cases) EXPECT_EQ(read(c.text, c.ref), c.want) << c.text;
}

TEST(TimeGrammar, MongBeforeTheDay) {
  check({{"tổ chức vào mồng 5 tháng 6", "2026-04-02", "2026-06-05 on"},
         {"hoàn thành trước mùng 10 tháng 3 năm 2027", "2026-04-02", "2027-03-10 before"},
         {"chậm nhất ngày mồng 2 tháng 9", "2026-04-02", "2026-09-02 by"}});
}

TEST(TimeGrammar, MonthsQuartersAndDaysInWords) {
  check({{"hoàn thành trong tháng tư", "2026-01-12", "2026-04-30 by"},
         {"báo cáo trước tháng mười hai năm 2026", "2026-01-12", "2026-12-01 before"},
         {"hoàn thành trong quý hai", "2026-01-12", "2026-06-30 by"},
         {"trong quý I của năm 2027", "2026-10-12", "2027-03-31 by"},
         {"chậm nhất ngày mười lăm tháng sáu", "2026-01-12", "2026-06-15 by"},
         {"trong tháng sau", "2026-01-12", "none"}});  // "sau" is not "sáu"
}

TEST(TimeGrammar, WeekdayBeforeTheDate) {
  check({{"tổ chức vào thứ Sáu, ngày 12/6/2026", "2026-05-02", "2026-06-12 on"},
         {"báo cáo trước thứ 2 ngày 7/12", "2026-11-02", "2026-12-07 before"},
         {"vào sáng thứ Ba, ngày 07/4/2026", "2026-03-30", "2026-04-07 on"}});
}

TEST(TimeGrammar, TwoDigitYears) {
  check({{"hoàn thành trước 15/6/26", "2026-05-02", "2026-06-15 before"},
         {"chậm nhất ngày 30/9/26", "2026-05-02", "2026-09-30 by"},
         {"theo văn bản số 15/6/26/ABC", "2026-05-02", "none"}});
}

TEST(TimeGrammar, FirstAndLastDayOfAPeriod) {
  check({{"chậm nhất vào ngày cuối cùng của tháng", "2026-05-12", "2026-05-31 by"},
         {"trước ngày đầu tiên của quý", "2026-05-12", "2026-07-01 before"},
         {"chậm nhất ngày cuối cùng của tháng 6/2026", "2026-05-12", "2026-06-30 by"},
         {"trước ngày đầu tiên của quý III/2026", "2026-05-12", "2026-07-01 before"}});
}

TEST(TimeGrammar, EdgesOfAPeriod) {
  // Bộ luật Dân sự 2015 Điều 146: đầu = day 1, giữa = day 15 (30/6 of a year), cuối = last day.
  check({{"đầu tháng 7/2026", "2026-05-12", "2026-07-01 by"},
         {"giữa tháng 7/2026", "2026-05-12", "2026-07-15 by"},
         {"cuối tháng 7/2026", "2026-05-12", "2026-07-31 by"},
         {"hoàn thành trước cuối năm", "2026-05-12", "2026-12-31 before"},
         {"trong tuần đầu tháng 7", "2026-05-12", "2026-07-07 by"},
         {"trong 6 tháng đầu năm", "2026-02-12", "2026-06-30 by"},
         {"trong sáu tháng cuối năm 2026", "2026-02-12", "2026-12-31 by"},
         {"trong 10 ngày đầu tháng 8", "2026-02-12", "2026-08-10 by"},
         {"từ đầu năm 2026 đến nay", "2026-05-12", "none"}});
}

TEST(TimeGrammar, RangesAreDueAtTheirEnd) {
  check({{"từ ngày 01/12 đến ngày 15/12/2026", "2026-10-12", "2026-12-15 by"},
         {"trong tháng 11 - 12/2025", "2025-10-12", "2025-12-31 by"},
         {"trong Quý III - IV/2026", "2026-05-12", "2026-12-31 by"},
         {"từ 06-10/4/2026", "2026-03-12", "2026-04-10 by"},
         {"vào ngày 07 và 08/4/2026", "2026-03-12", "2026-04-08 on"},
         {"giai đoạn 2021-2025", "2021-03-12", "none"}});
  EXPECT_EQ(read("Quý III - IV/2026", "2026-05-12", true), "2026-12-31 by");
  EXPECT_EQ(read("2026 - 2027", "2026-05-12", true), "2027-12-31 by");
}

TEST(TimeGrammar, TimeOfDay) {
  check({{"trước 16 giờ 30 ngày 5/12/2026", "2026-11-12", "2026-12-05 before"},
         {"trước 10h00 ngày 20/4", "2026-04-02", "2026-04-20 before"},
         {"chậm nhất 8h30' ngày 02/6/2026", "2026-05-12", "2026-06-02 by"},
         {"vào lúc 14 giờ 00, thứ Ba, ngày 07/4/2026", "2026-03-30", "2026-04-07 on"}});
}

TEST(TimeGrammar, LunarDays) {
  // Tết Bính Ngọ is 17/02/2026; Rằm tháng Giêng Bính Ngọ is 03/3/2026; 23 tháng Chạp Ất Tỵ is
  // 10/02/2026; Giỗ Tổ 2026 is 26/4/2026.
  check({{"hoàn thành trước Tết Nguyên đán Bính Ngọ", "2025-11-20", "2026-02-17 before"},
         {"hoàn thành trước Tết Nguyên đán", "2025-11-20", "2026-02-17 before"},
         {"trước Tết Nguyên đán năm 2027", "2025-11-20", "2027-02-06 before"},
         {"trước Rằm tháng Giêng", "2026-01-20", "2026-03-03 before"},
         {"trước ngày 23 tháng Chạp", "2025-12-20", "2026-02-10 before"},
         {"trước ngày 10 tháng 3 âm lịch", "2026-01-20", "2026-04-26 before"},
         {"trước ngày Giỗ Tổ Hùng Vương", "2026-01-20", "2026-04-26 before"}});
}

TEST(TimeGrammar, EventsSetOnADay) {
  check({{"tổ chức vào ngày 08/3/2027", "2027-01-12", "2027-03-08 on"},
         {"Hội nghị đã tổ chức vào ngày 08/3/2027", "2027-03-12", "none"}});
  EXPECT_EQ(read("Ngày 09/11/2015", "2015-01-29", true), "2015-11-09 on");
}

TEST(TimeGrammar, SpacesInsideNumbers) {
  check({{"chậm nhất ngày 1 5 tháng 0 8 năm 2019", "2019-06-12", "2019-08-15 by"},
         {"trước ngày 3 0 tháng 6 năm 2 0 1 9", "2019-05-12", "2019-06-30 before"}});
}

TEST(TimeGrammar, RecurringDays) {
  check({{"trước ngày 25 hằng tháng", "2013-11-15", "2013-11-25 before"},
         {"trước ngày 15/12 hằng năm", "2026-12-20", "2027-12-15 before"},
         {"trước ngày 15 của tháng cuối quý", "2024-01-08", "2024-03-15 before"},
         {"trước ngày 15 của tháng đầu quý", "2024-01-18", "2024-04-15 before"}});
}

TEST(TimeGrammar, SexagenaryYears) {
  EXPECT_EQ(cycle_year(42, 2026), 2026);  // Bính Ngọ
  EXPECT_EQ(cycle_year(0, 1990), 1984);   // Giáp Tý
  EXPECT_EQ(cycle_year(41, 2026), 2025);  // Ất Tỵ
}

TEST(TimeGrammar, HeadingLimits) {
  for (auto [raw, want] : {std::pair{"Nhiệm vụ trọng tâm trong tháng 12/2026:", "2026-12-31 by"},
                           std::pair{"phương hướng, nhiệm vụ 6 tháng cuối năm 2017, trong đó cần tập trung:", "2017-12-31 by"},
                           std::pair{"Thông qua Chương trình giám sát năm 2018, như sau:", ""},
                           std::pair{"giai đoạn 2014 - 2016 và định hướng đến năm 2020:", ""}}) {
    std::string text = normalize::normalize(raw).text;
    auto toks = tokenize(text);
    DeadlineContext ctx;
    ctx.reference = Date{2017, 7, 10};
    std::string have;
    for (const auto& d : heading_deadlines(text, toks, 0, toks.size(), ctx, R())) have += describe(d);
    EXPECT_EQ(have, want) << raw;
  }
}

}  // namespace
}  // namespace dondoc::extract
