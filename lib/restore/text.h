#pragma once
// Text-level helpers shared by restore_text and repair_ocr (internal).
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/source_map.h"
#include "core/tokens.h"
#include "restore/internal.h"

namespace dondoc::restore {

struct MarkCount {
  size_t words = 0;       // letter-words
  size_t syllables = 0;   // letter-words whose fold is a well-formed syllable
  size_t marked = 0;      // of those, written with marks
  size_t vietnamese = 0;  // of those, with a letter only Vietnamese has: ă ơ ư đ
  std::vector<std::string> broken;  // words (lower case) with marks on a vowel that are no syllable
  size_t misread = 0;     // symbols or digits OCR printed inside words ("ng&y", "c0ng")
  double ratio() const {
    return syllables ? static_cast<double>(marked) / static_cast<double>(syllables) : 0.0;
  }
};
// One pass over tokens [begin, end) of `text`.
MarkCount count_marks(std::string_view text, const std::vector<Token>& toks, size_t begin,
                      size_t end);

// True when the case of word toks[i] says something about the word: it is not the first of its
// line or sentence (after a word, a number or a comma), has two letters or more and is not all
// upper case.
bool case_informative(const std::vector<Token>& toks, size_t i);

// Pieces of tokens [begin, end) (one line) decoded one after the other, so that the memory a line
// takes stays bounded however long it is: cut after a sentence end (. ; ! ?) once a piece has
// kSoftSegment tokens, anywhere at kHardSegment. Lines of real text are far shorter.
inline constexpr size_t kSoftSegment = 400, kHardSegment = 4000;
std::vector<std::pair<size_t, size_t>> segments(const std::vector<Token>& toks, size_t begin,
                                                size_t end);

// Words inside URLs, e-mail addresses and file names: never rewritten.
std::vector<bool> protected_words(std::string_view text, const std::vector<Token>& toks);

// The id a token has as context for the language model.
uint16_t context_id(const detail::ModelData& d, std::string_view text, const Token& t);

// Builds the output text and its SourceMap from in-order replacements of input byte ranges.
class Rewriter {
 public:
  explicit Rewriter(std::string_view text) : text_(text) {
    out_.reserve(text.size() + text.size() / 4);
  }
  void replace(uint32_t begin, uint32_t end, std::string_view with);
  Restored finish();

 private:
  std::string_view text_;
  std::string out_;
  SourceMapBuilder builder_;
  uint32_t pos_ = 0;
  size_t changed_ = 0;
};

}  // namespace dondoc::restore
