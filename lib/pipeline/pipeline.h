#pragma once
// pipeline: text -> Document. Composition only: normalize, structure, extract, in that order.
// Pure: "today", the calendar and every model come in through ExtractOptions, the rules as an
// argument; nothing reads files, clocks or the environment, and nothing is kept between calls,
// so any number of threads may extract at once, with the same or different rules.
//
//   pipeline::ExtractOptions opts;
//   opts.today = Date{2026, 11, 25};
//   Document doc = pipeline::extract(utf8_text, rules::Rules::builtin(), opts);
//   doc.spans;   // byte ranges in utf8_text
#include <optional>
#include <string_view>

#include "calendar/calendar.h"
#include "core/document.h"
#include "restore/restore.h"
#include "rules/rules.h"

namespace dondoc::pipeline {

struct ExtractOptions {
  std::optional<Date> today;     // "today" for the caller's purposes; extraction does not need it
  std::optional<Date> received;  // when the document was received: resolves "kể từ ngày nhận"
  // The diacritics model: a text written (almost) without marks, or an OCR copy, is restored and
  // repaired before it is read. nullptr: texts are read as they are.
  const restore::Model* restorer = nullptr;
  bool ocr = false;              // the text comes from OCR: repair it even when it has marks
  // Working days and days off, for "N ngày làm việc" and due dates that fall on a day off (by
  // default the Labour Code's holidays and data/rules/holidays.tsv). nullptr: every day counts
  // and no due date moves.
  const calendar::Calendar* calendar = &calendar::Calendar::builtin();
  bool tasks = true;
};

Document extract(std::string_view text, const rules::Rules& rules, const ExtractOptions& opts = {});

// A listing of how the text was read: each normalised line with its kind and outline item.
// For people checking why a value was (not) extracted: `dondoc extract --explain FILE`.
std::string explain(std::string_view text, const rules::Rules& rules, const ExtractOptions& opts = {});

}  // namespace dondoc::pipeline
