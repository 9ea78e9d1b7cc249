#pragma once
// Internal: folded keys, search queries and snippets. Everything a person types or a document
// says is compared folded (viet::fold: lower case, no tones, no vowel marks, đ -> d), which also
// makes old and new tone placement (hoà / hòa) and NFC / NFD equal.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/document.h"

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
ParsedQuery parse_query(std::string_view text);
// FTS5 MATCH expression over folded columns; "" when nothing positive to search.
std::string fts5_expression(const ParsedQuery& q);
// to_tsquery() text for the vi_unaccent configuration; "" when nothing positive to search.
std::string tsquery_expression(const ParsedQuery& q);

// Folded words of s, as the query parser and the FTS tokenizer split them.
std::vector<std::string> folded_words(std::string_view s);

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

// For LIKE patterns: escapes % _ and the escape character itself ('\').
std::string like_escape(std::string_view s);

}  // namespace dondoc::store::internal
