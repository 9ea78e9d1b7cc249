#pragma once
// Internal: folded keys, search queries and snippets. Everything a person types or a document
// says is compared folded (viet::fold: lower case, no tones, no vowel marks, đ -> d), which also
// makes old and new tone placement (hoà / hòa) and NFC / NFD equal.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/document.h"
#include "core/result.h"

namespace dondoc::store::internal {

// Folded, whitespace collapsed and trimmed: "  Ủy ban\nnhân dân " -> "uy ban nhan dan".
std::string fold_key(std::string_view s);
// Number, symbol and year as citations name a document: "07", "CT/TU" -> "7|ct/tu|".
std::string cite_key(const std::optional<std::string>& number, const std::optional<std::string>& symbol,
                     std::optional<int> year);
// What makes two files the same document: identifier, date and issuer; "sha:<hex>" without a number.
std::string document_identity(const Document& d, const std::string& sha256);

// A parsed search query. Words are folded; a term is one word or a quoted phrase.
struct QueryTerm {
  std::vector<std::string> words;
  bool prefix = false;   // last word ended with '*'
  bool negated = false;  // written with a leading '-'
};
struct ParsedQuery {
  std::vector<QueryTerm> terms;
  std::string symbol_key;  // set when the query looks like a document number ("1275-CV/ĐUK")
  bool has_positive() const;
};
// A term written more than once ("ke hoach ke hoach") is kept once.
ParsedQuery parse_query(std::string_view text);
// FTS5 MATCH expression over folded columns; "" when nothing positive to search.
std::string fts5_expression(const ParsedQuery& q);
// to_tsquery() text for the vi_unaccent configuration; "" when nothing positive to search.
std::string tsquery_expression(const ParsedQuery& q);

// Folded words of s, as the query parser and the FTS tokenizer split them.
std::vector<std::string> folded_words(std::string_view s);
// The same words joined by single spaces: what the FTS5 index is given.
std::string folded_join(std::string_view s);

struct Snippet {
  std::string text;
  std::vector<Span> highlights;
};
// A passage of `text` (about `words` words) with the most distinct query words, matched words
// marked; the passage is the original text (diacritics kept), line breaks turned into spaces.
Snippet make_snippet(std::string_view text, const ParsedQuery& q, size_t words = 28);

// Valid UTF-8 without NUL (PostgreSQL text holds neither; both engines must store the same).
std::string clean_text(std::string_view s);
std::optional<std::string> clean_opt(const std::optional<std::string>& s);

// A date as a bound in SQL: dates are stored as "YYYY-MM-DD" text and compared as text, which
// orders only four-digit years; a bound past 9999-12-31 (as_of + N days) stays after every
// stored date, one before 0001-01-01 before them.
std::string date_bound(const Date& d);

// Refuses a result limit outside [0, kMaxLimit] (0: none).
Status check_limit(int64_t limit);

// For LIKE patterns: escapes % _ and the escape character itself ('\').
std::string like_escape(std::string_view s);

}  // namespace dondoc::store::internal
