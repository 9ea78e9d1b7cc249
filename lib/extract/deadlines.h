#pragma once
// Time limits in Vietnamese text (internal to extract): "trước ngày 20/4/2026", "trong Quý II/2026",
// "chậm nhất 07 ngày sau khi có chỉ đạo", "trước ngày 25 hằng tháng". See extraction.md, Deadline.
#include <optional>
#include <string_view>
#include <vector>

#include "core/document.h"
#include "core/tokens.h"
#include <span>

#include "rules/rules.h"

namespace dondoc::extract {

struct DeadlineContext {
  std::optional<Date> reference;  // the document date: fills missing years, starts recurrences
  int reference_year = 0;         // when only the year is known
  std::span<const Span> excluded;  // spans that are not time limits (citations); see exclusions()
  bool cell = false;              // a table cell of a "thời hạn" column: bare periods count
};

// `spans` sorted and merged, for DeadlineContext::excluded (which the context only views).
std::vector<Span> exclusions(std::vector<Span> spans);
// Whether s overlaps one of the sorted, merged spans (binary search: a text with thousands of
// citations is not scanned once per token).
bool overlaps(std::span<const Span> sorted, Span s);

// Time limits in toks[tb, te). A date or period counts only with a word that makes it a limit
// (trước, chậm nhất, trong, đến hết, cuối...), except in a table cell.
std::vector<Deadline> find_deadlines(std::string_view text, const std::vector<Token>& toks, size_t tb, size_t te,
                                     const DeadlineContext& ctx, const rules::Rules& rules);

// Recurring duties without a date of their own ("định kỳ hằng quý báo cáo").
std::optional<Recurrence> find_recurrence(const std::vector<Token>& toks, size_t tb, size_t te);

}  // namespace dondoc::extract
