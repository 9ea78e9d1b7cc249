#pragma once
// The extracted document: plain structs, filled by the pipeline, serialised by codec, stored by store.
// Every Span is a byte range into the UTF-8 text that was given to pipeline::extract.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/date.h"
#include "core/source_map.h"

namespace dondoc {

enum class DocKind { kUnknown, kParty, kState };

struct TextInfo {
  bool restored = false;  // diacritics were restored by dondoc
  bool ocr = false;       // text came from OCR (or looks like an OCR copy)
  std::string reader;     // "txt", "docx", "pdf", "ocr"...
  std::string encoding;   // "utf-8", "utf-16le", "windows-1258", "tcvn3"...
  std::vector<double> page_confidence;  // per OCR page, 0..100
};

struct Signer {
  std::optional<std::string> authority;  // "T/M", "TM.", "KT.", "TL.", "TUQ.", "Q."
  std::optional<std::string> on_behalf;
  std::optional<std::string> title;
  std::optional<std::string> name;
  Span span;
};

struct Citation {
  std::string type;                      // "Chỉ thị"
  std::optional<std::string> number;     // "07"
  std::optional<std::string> symbol;     // "CT/TU"
  std::optional<int> year;               // 2025 for 245/2025/QH15
  std::optional<Date> date;              // date of the cited document
  std::optional<std::string> issuer;     // as written after "của"
  std::string text;                      // the first mention, as written
  Span span;
};

enum class Bound { kBefore, kBy, kOn, kRelative };
enum class TimeUnit { kDay, kWorkingDay, kWeek, kMonth, kYear };

// A duty that repeats: "trước ngày 20 hằng tháng", "định kỳ 6 tháng".
struct Recurrence {
  std::string freq;  // "weekly", "monthly", "quarterly", "half_yearly", "yearly"
  int interval = 1;  // every `interval` freq units
  int day = 0;       // day of the month the duty falls due (0: unspecified)
  int month = 0;     // month within the period (yearly: 12 for "trước 15/12 hằng năm")
};

struct Deadline {
  std::string text;
  std::optional<Date> date;
  Bound bound = Bound::kBy;
  // Relative deadlines: offset units after (+) or before (-) the anchor event.
  std::optional<int> offset;
  std::optional<TimeUnit> unit;
  std::optional<std::string> anchor;
  std::optional<Recurrence> recurrence;
  bool inferred_year = false;  // the year was not written and was taken from the document
  bool period = false;         // the end of a period (a month, a quarter, a year), not a fixed day
  Span span;
};

struct Assignee {
  std::string name;  // as written, markup removed, normal case
  std::string unit;  // id in the unit directory, "" when unknown
  Span span;
};

struct Task {
  std::string ref;  // "II.2.(7)", "3.b", "#1"
  std::vector<Assignee> lead, support, report_to;
  std::string action;
  std::vector<Deadline> deadlines;
  std::optional<Date> due;  // resolved due date
  std::optional<Recurrence> recurrence;  // a duty that repeats without a date ("báo cáo hằng quý")
  Span span;
};

struct Diagnostic {
  std::string code;  // "header.no_number", "deadline.weekday_mismatch", ...
  std::string message;
  Span span;
};

struct Document {
  TextInfo text;
  DocKind kind = DocKind::kUnknown;
  std::optional<std::string> type, number, symbol;
  std::optional<int> year;
  std::optional<std::string> issuer, parent, place;
  std::optional<PartialDate> date;
  std::optional<std::string> subject;
  std::vector<std::string> recipients, distribution;
  std::optional<Signer> signer;
  std::vector<Citation> citations;
  std::vector<Task> tasks;
  // Where header values came from: "number", "date", "recipients.0", "signer.name", ...
  std::vector<std::pair<std::string, Span>> spans;
  std::vector<Diagnostic> diagnostics;
};

const char* to_string(DocKind k);
const char* to_string(Bound b);
const char* to_string(TimeUnit u);
std::optional<DocKind> doc_kind_from_string(std::string_view s);
std::optional<Bound> bound_from_string(std::string_view s);
std::optional<TimeUnit> time_unit_from_string(std::string_view s);

// The identifier people use for a document: "1275-CV/ĐUK", "30/2020/NĐ-CP", "123/QĐ-UBND".
// Empty when the document has no number.
std::string document_identifier(DocKind kind, const std::optional<std::string>& number,
                                const std::optional<std::string>& symbol, std::optional<int> year);

}  // namespace dondoc
