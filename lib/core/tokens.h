#pragma once
// Tokenizer over normalised UTF-8 text: words (letters and combining marks), numbers, punctuation
// and newlines. Spaces are not tokens; `space_before` records them. Each word carries its folded
// form (lower case, no diacritics, đ -> d) so rules match with or without diacritics.
//
//   auto toks = tokenize("Số 07-CT/TU");
//   // [Word "Số" fold "so"] [Number "07"] [Punct "-"] [Word "CT"] [Punct "/"] [Word "TU"]
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/source_map.h"

namespace dondoc {

enum class TokKind : uint8_t { kWord, kNumber, kPunct, kNewline };

// Equal strings, compared in place: the folds compared by the rules are a few bytes long, and a
// call to memcmp costs more than their bytes.
inline bool same_text(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (a[i] != b[i]) return false;
  return true;
}

struct Token {
  uint32_t begin = 0, end = 0;
  TokKind kind = TokKind::kPunct;
  bool space_before = false;
  bool upper = false;       // every letter is upper case
  bool capitalized = false; // first letter is upper case
  bool diacritics = false;  // carries a tone, a vowel modifier or đ
  std::string fold;         // words: folded; numbers and punctuation: the text itself
  Span span() const { return Span{begin, end}; }
  std::string_view text(std::string_view src) const { return src.substr(begin, end - begin); }
  bool is(std::string_view folded) const { return same_text(fold, folded); }
  bool is_word() const { return kind == TokKind::kWord; }
  bool is_number() const { return kind == TokKind::kNumber; }
  bool is_punct(char c) const { return kind == TokKind::kPunct && fold.size() == 1 && fold[0] == c; }
};

// Tokenizes text[begin, end) and returns tokens with offsets into text.
std::vector<Token> tokenize(std::string_view text, uint32_t begin = 0, uint32_t end = UINT32_MAX);

}  // namespace dondoc
