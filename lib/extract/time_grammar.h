#pragma once
// A compositional grammar of Vietnamese time expressions (internal to extract), after Duckling and
// HeidelTime: small rules that each read one piece (a day, a month, a year, a quarter, a part of a
// period, a weekday, a time of day, a named day such as Tết), rules that compose them (a date, a
// period, an edge of a period, a range or a list), and one normaliser that resolves what was read
// against the document date and the lunar calendar.
//
//   const TimeLexicon& lx = rules.view<TimeLexicon>();  // time_words.tsv, time_holidays.tsv,
//                                                // deadline_phrases.tsv
//   TimeReader rd(text, toks, tb, te, lx);
//   if (auto e = rd.expression(k)) {             // "thứ Sáu, ngày 12/6/2026", "Quý III - IV/2026",
//     auto r = resolve(e->expr, ref, calendar);  // "6 tháng đầu năm", "trước Rằm tháng Giêng"...
//   }
//
// Pure: no statics, no clock. The words are data; the code holds the rules that compose them.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/document.h"
#include "core/text_map.h"
#include "core/tokens.h"
#include "extract/extract.h"
#include "rules/rules.h"

namespace dondoc::extract {

enum class TimeUnitWord : uint8_t { kDay, kMonth, kQuarter, kYear, kWeek, kHour, kMinute };

// What a word of the lexicon is (data/rules/time_words.tsv explains each kind).
enum class TimeWord : uint8_t {
  kUnit, kNumber, kTen, kTens, kAfterTens, kOrdinal, kMonth, kLunarDay, kLunar, kWeekdayHead, kWeekday,
  kEdge, kOf, kDaypart, kAt, kRangeFrom, kRangeTo, kList, kNow, kEvery, kPeriodic, kDirection, kWorking,
  kWhen, kProgram, kPast, kQuarterMonth, kCan, kChi, kOpenEnd,
  kHoliday,                                     // time_holidays.tsv
  kBoundDate, kBoundPeriod, kBoundRelative,     // deadline_phrases.tsv: words that make a limit
  kVerb,                                        // deadline_phrases.tsv: "hoàn thành" before them
  kCount
};

// Which lexicon entries each token of one document starts, looked up once per token: a reader asks
// about the same token for many kinds of word. Owned by whoever owns the tokens (one per document
// and thread); used only with the token vector it was made for.
class TimeLexicon;
class TimeMemo {
 public:
  TimeMemo(const TimeLexicon& lx, const std::vector<Token>& toks) : lx_(&lx), toks_(&toks), slot_(toks.size(), kUnknown) {}
  bool serves(const TimeLexicon& lx, const std::vector<Token>& toks) const {
    return &lx == lx_ && &toks == toks_ && toks.size() == slot_.size();
  }

 private:
  friend class TimeLexicon;
  static constexpr int32_t kUnknown = -2, kNone = -1;
  const TimeLexicon* lx_;
  const std::vector<Token>* toks_;
  std::vector<int32_t> slot_;  // an index into the lexicon's first-word table, kNone or kUnknown
};

class TimeLexicon {
 public:
  explicit TimeLexicon(const rules::Rules& rules);

  struct Hit {
    size_t end = 0;   // one past the phrase's last token
    int value = 0;    // the row's value (kind-specific)
    int aux = 0;      // holidays: the day; bounds: the Bound; months: 1 when the name is lunar
  };
  // The longest phrase of `kind` that starts at toks[k] and ends by te; words may be split by a
  // single line break.
  std::optional<Hit> at(std::string_view text, const std::vector<Token>& toks, size_t k, size_t te,
                        TimeWord kind, TimeMemo* memo = nullptr) const;
  // Whether some phrase of the lexicon (of any kind) starts with toks[k]'s word.
  bool starts_phrase(const std::vector<Token>& toks, size_t k, TimeMemo* memo = nullptr) const {
    return first_word(toks, k, memo) != nullptr;
  }
  // The longest phrase of `kind` that ends right before toks[j] and starts at or after tb; Hit.end
  // is then the phrase's first token.
  std::optional<Hit> before(std::string_view text, const std::vector<Token>& toks, size_t tb, size_t j,
                            TimeWord kind) const;

 private:
  struct Entry {
    std::vector<std::string> fold;    // folded tokens
    std::vector<std::string> marked;  // lower case with marks, when the marks must match
    TimeWord kind;
    int value = 0, aux = 0;
  };
  bool token_is(std::string_view text, const Token& t, const Entry& e, size_t w) const;
  struct FirstWord {
    std::vector<Entry> entries;  // longest first
    uint64_t kinds = 0;          // bit k: some entry is of TimeWord k
  };
  const FirstWord* first_word(const std::vector<Token>& toks, size_t k, TimeMemo* memo) const;
  TextIndex<FirstWord> first_;               // by first word
  TextIndex<std::vector<Entry>> by_last_;   // by last word, longest first
};

// What a time expression says, before it is resolved. A point (a day) or a period; an edge or a
// part narrows a period; a range or a list is read as its last element.
struct TimeExpr {
  enum class Grain : uint8_t { kDay, kMonth, kQuarter, kYear } grain = Grain::kDay;
  int y = 0, m = 0, d = 0, q = 0;  // 0: not written
  bool lunar = false;              // y/m/d are a lunar date
  bool holiday = false;            // a named day (Tết): its next occurrence when no year is written
  bool implied = false;            // the unit alone ("cuối năm", "ngày cuối cùng của tháng"): the
                                   // current such period
  int cycle = -1;                  // the lunar year's can chi (0..59) when named so
  // A part of the period: the first/last `part_n` units ("6 tháng đầu năm", "tuần đầu tháng 7",
  // "ngày cuối cùng của quý"); part_n == 0: none.
  int part_n = 0;
  TimeUnitWord part_unit = TimeUnitWord::kDay;
  bool part_last = false;
  // An edge word: 1 đầu, 2 giữa, 3 cuối (Bộ luật Dân sự 2015 Điều 146)
  int edge = 0;
  bool range = false;              // the end of a range or a list
  bool is_day() const { return grain == Grain::kDay || edge != 0 || (part_n == 1 && part_unit == TimeUnitWord::kDay); }
};

struct TimeMatch {
  TimeExpr expr;
  size_t tb = 0, te = 0;       // tokens read
  size_t second = 0;           // a range "từ A đến B": the first token of B (0: not such a range)
  bool from = false;           // opened with "từ"
  bool program = false;        // a programme's span (giai đoạn 2021-2025): never a limit
  bool bare_year = false;      // a year written alone ("2026"), a time limit only in a time cell
  bool open = false;           // open-ended ("năm 2014 và các năm tiếp theo"): no limit
};

// Reads time expressions in toks[tb, te).
class TimeReader {
 public:
  // `memo`, when given, is the document's memo of this lexicon over these tokens.
  TimeReader(std::string_view text, const std::vector<Token>& toks, size_t tb, size_t te, const TimeLexicon& lx,
             TimeMemo* memo = nullptr)
      : text_(text), toks_(toks), tb_(tb), te_(te), lx_(lx), memo_(memo && memo->serves(lx, toks) ? memo : nullptr) {}

  // The longest time expression that starts at toks[k] (a time of day or a weekday before a date
  // included).
  std::optional<TimeMatch> expression(size_t k) const;

  // Pieces, each at toks[k]; they return the expression and one past its last token.
  std::optional<TimeMatch> single(size_t k) const;      // one date, period or named day
  std::optional<TimeMatch> day(size_t k) const;         // ngày 5/12/2026, mồng 5 tháng 6, 15/6/26
  std::optional<TimeMatch> period(size_t k) const;      // tháng 5/2026, quý II năm 2026, năm 2026
  std::optional<TimeMatch> part(size_t k) const;        // 6 tháng đầu năm, tuần đầu tháng 7
  std::optional<TimeMatch> edged(size_t k) const;       // cuối tháng 5/2026, đầu năm
  std::optional<TimeMatch> holiday(size_t k) const;     // Tết Nguyên đán Bính Ngọ
  std::optional<size_t> time_of_day(size_t k) const;    // lúc 16 giờ 30, 10h00, sáng
  std::optional<size_t> weekday(size_t k) const;        // thứ Sáu, thứ 2
  // A number 1..max written in digits (split by spaces in flattened tables: "1 5" = 15) or in
  // words ("mười hai"); {value, end}.
  std::optional<std::pair<int, size_t>> numeral(size_t k, int max, bool words = true) const;
  // "/2026", "năm 2026", "của năm 2027", "- 2026"; {year, end}.
  std::optional<std::pair<int, size_t>> year_tail(size_t k, bool dash = false) const;
  // The month after "tháng": a name ("Giêng" sets a lunar month), a number in digits or, with
  // words, in words ("tư", "mười hai"), a Roman numeral.
  struct MonthValue {
    int m = 0;
    bool lunar = false;
    size_t end = 0;
  };
  std::optional<MonthValue> month_value(size_t k, bool words) const;
  // The quarter after "quý": a Roman numeral or a number 1..4; {quarter, end}.
  std::optional<std::pair<int, size_t>> quarter_value(size_t k, bool words) const;
  // "Bính Ngọ": the index 0..59 in the sexagenary cycle; {index, end}.
  std::optional<std::pair<int, size_t>> can_chi(size_t k) const;

  // Next token after k, over one line break (not a blank line).
  size_t nx(size_t k) const;
  const TimeLexicon& lexicon() const { return lx_; }
  std::optional<TimeLexicon::Hit> lex(size_t k, TimeWord kind) const {
    return lx_.at(text_, toks_, nx(k), te_, kind, memo_);
  }

 private:
  std::optional<TimeMatch> numeric_date(size_t k) const;
  std::optional<std::pair<int, size_t>> year4(size_t k) const;
  std::optional<TimeMatch> continuation(const TimeMatch& first, size_t k) const;
  std::optional<TimeMatch> unit_period(size_t k, bool head_only) const;
  bool punct(size_t k, std::string_view p) const;
  bool adjacent(size_t k) const;  // toks[k] follows the token before it without a space

  std::string_view text_;
  const std::vector<Token>& toks_;
  size_t tb_, te_;
  const TimeLexicon& lx_;
  TimeMemo* memo_;
};

// The reference a time expression is resolved against: the document date (or only its year).
struct TimeReference {
  std::optional<Date> date;
  int year = 0;
};

// The span a time expression resolves to, first and last day; nullopt when it cannot be resolved
// (no year and no reference, a lunar date without a calendar, a day that does not exist).
struct TimeSpan {
  Date first, last;
  bool inferred_year = false;
};
std::optional<TimeSpan> resolve(const TimeExpr& e, const TimeReference& ref, const WorkingDays* calendar);

// Year of the sexagenary cycle index (0 = Giáp Tý = 1984) nearest to `near`.
int cycle_year(int cycle, int near);

}  // namespace dondoc::extract
