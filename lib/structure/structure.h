#pragma once
// structure: NormText -> Parsed: lines (split where flattened layouts glued several header
// elements together), the header fields of the document, and the body's outline.
//
// Total: unknown lines stay LineKind::kText; missing header elements stay empty.
// Every Span lies within the normalised text.
//
//   auto parsed = structure::parse(norm.text, rules);
//   parsed.doc.symbol;       // "CV/ĐUK"
//   parsed.lines[parsed.body_begin].kind
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/document.h"
#include "core/tokens.h"
#include "rules/rules.h"

namespace dondoc::structure {

enum class LineKind {
  kText,
  kBlank,
  kRule,          // "-----", "*", "___": separators
  kNational,      // CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
  kMotto,         // Độc lập - Tự do - Hạnh phúc
  kPartyTitle,    // ĐẢNG CỘNG SẢN VIỆT NAM
  kNumber,        // Số: 123/QĐ-UBND
  kDateLine,      // Lạng Sơn, ngày 07 tháng 4 năm 2026
  kSubjectVv,     // V/v ...
  kRecipients,    // Kính gửi: ...
  kTypeTitle,     // KẾT LUẬN, QUYẾT ĐỊNH (a type name alone, upper case)
  kDistribution,  // Nơi nhận: ...
  kAuthority,     // T/M BAN THƯỜNG VỤ, KT. CHỦ TỊCH
  kFrontMatter,   // YAML front matter and web metadata
  kTable,         // a cell of a task table (read as rows, not as running text)
};

struct Line {
  Span span;            // trimmed
  int text_line = 0;    // line number in the normalised text (lines split from one share it)
  size_t tb = 0, te = 0;  // token range [tb, te) in Parsed::toks
  LineKind kind = LineKind::kText;
  bool upper = false;   // has words and all of them are upper case
  bool blank_before = false;
  size_t words = 0;
};

// A number-and-symbol as printed: "1275-CV/ĐUK", "30/2020/NĐ-CP", "-CV/ĐU" (draft), "/VP-KGVX".
struct DocNumber {
  std::optional<std::string> number;  // null when blank
  std::string symbol;                 // without the year
  std::optional<int> year;
  DocKind style = DocKind::kUnknown;  // kParty for N-XX/YY, kState for N/XX-YY
  std::string type_code;              // the code that names the type, when the symbol has one
  size_t tb = 0, te = 0;              // token range
  Span span;
};

// Parses a document number at toks[i] (the token after "Số" or after a type name).
// Accepts blanks for drafts when allow_blank. Stops at the end of the symbol.
std::optional<DocNumber> parse_doc_number(std::string_view text, const std::vector<Token>& toks, size_t i,
                                          size_t end, const rules::Rules& rules, bool allow_blank);

// A date written in Vietnamese: "ngày 07 tháng 4 năm 2026", "07/4/2026", "07-4-2026", "ngày 7/4",
// "ngày   tháng 4 năm 2026" (partial when allow_partial).
struct DateMatch {
  PartialDate date;
  size_t tb = 0, te = 0;
  bool has_ngay = false;   // introduced by the word "ngày"
  bool year_given = true;
};
std::optional<DateMatch> parse_date(const std::vector<Token>& toks, size_t i, size_t end, bool allow_partial);

// Converts an upper-case phrase to normal case using the body and title names of the rules
// ("ĐẢNG ỦY ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN" -> "Đảng ủy Ủy ban nhân dân tỉnh Lạng Sơn").
// Mixed-case input is returned as is.
std::string normal_case(std::string_view phrase, const rules::Rules& rules);
// Trims spaces and trailing , ; . : and collapses inner runs of spaces.
std::string clean_value(std::string_view s);

// The numbered structure of the body: Phần/Chương/Mục/Điều, A., I., 1., 1.1., (1), a), -, +.
enum class MarkerStyle {
  kPart, kChapter, kSection, kArticle,  // Phần I, Chương II, Mục 1, Điều 5
  kUpperLetter,                         // A.
  kRoman,                               // I. / I-
  kArabic,                              // 1. / 1) ; depth > 1 for 1.1. and 2.3.4.
  kParen,                               // (1)
  kLetter,                              // a) / đ)
  kDash,                                // - • (part of the parent's task)
  kPlus,                                // +
};

struct OutlineNode {
  MarkerStyle style = MarkerStyle::kDash;
  int depth = 1;              // components of a multi-level Arabic label ("2.1." -> 2)
  std::string label;          // "II", "2", "2.1", "(7)", "a", "Điều 5"; "" for dashes
  size_t line = 0;            // line where the item starts
  size_t text_tb = 0;         // first token after the marker
  size_t end_line = 0;        // one past the last line of the item and its descendants
  int parent = -1;
  std::vector<int> children;
  bool numbered() const { return style != MarkerStyle::kDash && style != MarkerStyle::kPlus; }
};

struct Outline {
  std::vector<OutlineNode> nodes;
  std::vector<int> line_node;   // per line: innermost node the line belongs to, -1 outside items
};

// Parses the outline of lines [begin, end). Unmarked lines continue the current item; a
// closing paragraph after the list ("... thực hiện./.", "(gửi kèm ...)") ends it.
// After the last item, a paragraph that makes a new request ("Đề nghị ...") or in which the
// issuer speaks of itself (`issuer_words`, folded) closes the list too.
Outline parse_outline(const std::vector<Line>& lines, const std::vector<Token>& toks, std::string_view text,
                      size_t begin, size_t end, const std::vector<std::string>& issuer_words = {});

// The marker at the start of a line, if any: style, label, tokens consumed.
struct Marker {
  MarkerStyle style;
  int depth = 1;
  std::string label;
  size_t length = 0;
};
std::optional<Marker> match_marker(const std::vector<Token>& toks, std::string_view text, size_t tb, size_t te);

// A table of tasks (phụ lục): the column of each role, and the rows under the heading row, each
// cell as a range of Line indices [first, end) (empty when first == end).
struct TaskTable {
  enum Role { kRef, kTask, kLead, kSupport, kDeadline, kNote, kRoles };
  int col[kRoles] = {-1, -1, -1, -1, -1, -1};
  // A time heading over several columns ("Cấp trình và thời gian trình" / Bộ trưởng | Chính phủ):
  // the columns after it whose heading cell is empty.
  std::vector<int> more_deadline_cols;
  std::vector<std::vector<std::pair<size_t, size_t>>> rows;
};

// A part attached to the main document: the Kế hoạch a Quyết định issues, the Phụ lục of a
// công văn. It starts at its title line (data/rules/part_titles.tsv) after the main part's
// signature and has its own outline; header, signer and Nơi nhận stay the main part's.
struct Part {
  std::string kind;        // "Kế hoạch", "Phụ lục", ...
  bool rules = false;      // a Quy chế, a Quy định: standing rules, tasks only where a body is named
  size_t title_line = 0;   // the line with the part's type name
  size_t begin = 0;        // first line after the title line
  size_t end = 0;          // one past its last line (its own signature, the next part, the end)
  Outline outline;
};

struct Parsed {
  std::string_view text;
  std::vector<Token> toks;
  std::vector<Line> lines;
  Document doc;                // header fields filled
  size_t body_begin = 0;       // first body line
  size_t body_end = 0;         // one past the last body line (Nơi nhận, signature, footnotes)
  std::optional<Date> reference_date;  // the document date, or the latest date it sets for itself
  Outline outline;             // of the body lines [body_begin, body_end)
  std::vector<TaskTable> task_tables;
  std::vector<Part> parts;     // attached parts, in order
  // The diacritics were restored by a model: match words without insisting on their marks.
  bool restored = false;
};

// Table rows from normalisation: rows[i].cells[k] = lines [first, end) of the text (see
// normalize::TableRow); passed in as plain numbers so structure does not depend on normalize.
struct TextTableRow {
  int table = 0;
  std::vector<std::pair<int, int>> cells;  // first_line, end_line; first_line == -1 when empty
};

Parsed parse(std::string_view text, const rules::Rules& rules, const std::vector<TextTableRow>& tables = {});
// The same with the text's tokens (tokenize(text)), for a caller that has them already.
Parsed parse(std::string_view text, std::vector<Token> toks, const rules::Rules& rules,
             const std::vector<TextTableRow>& tables = {});

}  // namespace dondoc::structure
