#pragma once
// OCR repair internals shared with the tests: the confusion table and the channel costs.
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace dondoc::rules {
struct Rules;
}

namespace dondoc::restore {

// One row of data/rules/ocr_confusions.tsv.
struct Confusion {
  std::u32string intended;  // base letters, lower case, no tone
  std::u32string observed;  // what OCR printed, lower case
  float cost;               // -log10 probability
};
std::vector<Confusion> parse_confusions(const std::vector<std::vector<std::string>>& rows);
// The rules' table, parsed once per Rules value (Rules::view).
const std::vector<Confusion>& confusions(const rules::Rules& rules);
const std::vector<Confusion>& builtin_confusions();  // the table compiled into the binary

// Costs (-log10 probabilities) of reading one letter as another; see repair_ocr.
struct ChannelCosts {
  float drop_tone = 0.3f, spurious_tone = 0.8f, wrong_tone = 0.6f;
  float drop_modifier = 0.3f, spurious_modifier = 1.0f, wrong_modifier = 0.8f;
  float rule_tone = 0.3f;  // a tone on letters a confusion replaced: OCR lost it with the letter
  float substitute = 2.5f, erase = 2.0f, delete_junk = 1.0f, insert = 2.0f;
  float tone(uint8_t observed, uint8_t intended) const;
  // Observed base letter and tone against the intended ones.
  float letter(char32_t observed_base, uint8_t observed_tone, char32_t base, uint8_t tone) const;
};

class Model;

// The candidates repair_ocr weighs for an OCR word (ids and channel costs, best first): the
// syllables with its letters, then the best few others. They are looked for among the syllables
// within reach of its folded letters; every_syllable: measure every known syllable instead, the
// reference the search must agree with.
std::vector<std::pair<uint16_t, float>> ocr_candidates(const Model& m, std::string_view word,
                                                       const std::vector<Confusion>& conf,
                                                       const ChannelCosts& costs, bool every_syllable = false);

}  // namespace dondoc::restore

namespace dondoc::restore {

// Damages clean text the way OCR does, for measuring repair_ocr (tests, bench). Deterministic for
// a seed. kVietnameseOcr: an engine that knows Vietnamese: about one word in ten gets a confusion
// from the table, a lost or wrong tone, a lost vowel modifier, or a space inside.
// kLatinOcr: an engine without Vietnamese: every mark lost, one word in seven confused.
enum class OcrDamage { kVietnameseOcr, kLatinOcr };
std::string damage_like_ocr(std::string_view text, uint32_t seed, OcrDamage kind);

// Measures (tests, bench). syllable_accuracy: share of the gold's letter-words restored right,
// word by word, case and tone placement aside, as eval/diacritics.py counts (0 when the texts do
// not have the same words). ocr_word_accuracy: share of the gold's words `got` has in the same
// order on the same line (longest common subsequence), so words OCR split or joined count.
double syllable_accuracy(std::string_view got, std::string_view gold);
double ocr_word_accuracy(std::string_view got, std::string_view gold);

}  // namespace dondoc::restore
