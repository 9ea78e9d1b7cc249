#pragma once
// Time limits in Vietnamese text (internal to extract): "trước ngày 20/4/2026", "trong Quý II/2026",
// "chậm nhất 07 ngày sau khi có chỉ đạo", "trước ngày 25 hằng tháng", "trước Tết Nguyên đán".
// See extraction.md, Deadline. The time expressions are read by the grammar of time_grammar.h.
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "core/document.h"
#include "core/tokens.h"
#include "extract/extract.h"
#include "rules/rules.h"

namespace dondoc::extract {

class TimeLexicon;
class TimeMemo;

struct DeadlineContext {
  std::optional<Date> reference;  // the document date: fills missing years, starts recurrences
  int reference_year = 0;         // when only the year is known
  std::optional<Date> issued;     // the date the document was issued, when it has one: a limit
                                  // long before it is a past event, not a time limit
  std::span<const Span> excluded;  // spans that are not time limits (citations), sorted and
                                   // merged by exclusions(); the context only views them
  bool cell = false;              // a table cell of a "thời hạn" column: bare periods count
  bool heading = false;           // a heading over items: a bare period is their time limit
  const WorkingDays* calendar = nullptr;  // the lunar calendar, for Tết, Rằm, tháng Chạp
  const TimeLexicon* lexicon = nullptr;   // the grammar's words; the rules' view when null
  TimeMemo* memo = nullptr;               // the document's memo of that lexicon over its tokens
};

// `spans` sorted and merged, for DeadlineContext::excluded.
std::vector<Span> exclusions(std::vector<Span> spans);
// Whether s overlaps one of the sorted, merged spans (binary search: a text with thousands of
// citations is not scanned once per token).
bool overlaps(std::span<const Span> sorted, Span s);

// Time limits in toks[tb, te). A date or period counts only with a word that makes it a limit
// (trước, chậm nhất, trong, đến hết, cuối...), except in a table cell.
std::vector<Deadline> find_deadlines(std::string_view text, const std::vector<Token>& toks, size_t tb, size_t te,
                                     const DeadlineContext& ctx, const rules::Rules& rules);

// The time limit a heading sets for the items under it ("Nhiệm vụ trọng tâm trong tháng 12/2026:",
// "phương hướng, nhiệm vụ 6 tháng cuối năm 2017, ... sau:"): every limit the heading text toks[tb,
// te) states, bare periods included. DECISIONS D7: it applies to items that set none of their own.
std::vector<Deadline> heading_deadlines(std::string_view text, const std::vector<Token>& toks, size_t tb, size_t te,
                                        const DeadlineContext& ctx, const rules::Rules& rules);

// Recurring duties without a date of their own ("định kỳ hằng quý báo cáo").
std::optional<Recurrence> find_recurrence(std::string_view text, const std::vector<Token>& toks, size_t tb, size_t te,
                                          const DeadlineContext& ctx, const rules::Rules& rules);

}  // namespace dondoc::extract
