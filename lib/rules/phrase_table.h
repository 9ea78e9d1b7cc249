#pragma once
// PhraseTable: longest-match lookup of multi-word phrases over folded word tokens.
// Phrases are stored folded (no diacritics, lower case), so "Ủy ban nhân dân", "UY BAN NHAN DAN"
// and "ủy ban nhân dân" all match the same entry.
//
//   PhraseTable t;
//   t.add("Ủy ban nhân dân", 7);
//   auto m = t.match(tokens, i);   // m.length == 4 words, m.value == 7
#include <bitset>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/text_map.h"
#include "core/tokens.h"

namespace dondoc::rules {

// Splits a phrase into folded words ("Tờ trình" -> {"to", "trinh"}); punctuation is dropped,
// digits are kept as words.
std::vector<std::string> fold_words(std::string_view phrase);

class PhraseTable {
 public:
  struct Match {
    int length = 0;    // number of tokens consumed (0: no match)
    int value = -1;
    int words = 0;     // number of words in the phrase
  };
  void add(std::string_view phrase, int value);
  // words folded; lower (optional): the same words in lower case with their marks (viet::to_lower).
  void add_folded(std::vector<std::string> words, int value, std::vector<std::string> lower = {});
  // Matches at tokens[i]; words must be word or number tokens, separated only by spaces or,
  // when allow_newlines, line breaks. Hyphens and commas between words are skipped
  // ("Lao động-Thương binh", "Văn hóa, Thể thao và Du lịch").
  // Without `text`, words match folded (no diacritics). With the text the tokens come from, a
  // token that carries diacritics must match them too ("giáo" is not "giao"), while text
  // written without diacritics still matches folded.
  Match match(const std::vector<Token>& toks, size_t i, bool allow_newlines = true,
              std::string_view text = {}) const;
  bool contains(std::string_view phrase) const;
  size_t size() const { return count_; }

 private:
  struct Entry {
    std::vector<std::string> words;  // folded
    std::vector<std::string> lower;  // lower case with diacritics, as written in the table
    int value;
  };
  TextIndex<std::vector<Entry>> by_first_;  // longest first
  // A bit per hash of a first word (ShortKey, up to 16 bytes; a longer one sets long_first_):
  // most tokens start no phrase, and the filter says so without a look-up in by_first_.
  std::bitset<4096> first_words_;
  bool long_first_ = false;
  size_t count_ = 0;
};

}  // namespace dondoc::rules
