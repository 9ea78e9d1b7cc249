#pragma once
// Vietnamese letters: decomposition into base letter + tone, case mapping and folding.
// Pure tables, no ICU: these run in the hot paths of tokenizing and matching.
//
//   Letter l = decompose(U'Ử');   // {base=U'ư', tone=kHook, upper=true}
//   compose(U'o', kGrave, false);  // U'ò'
//   fold("Ủy ban nhân dân");       // "uy ban nhan dan"
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/utf8.h"

namespace dondoc::viet {

enum Tone : uint8_t { kNoTone = 0, kGrave = 1, kAcute = 2, kHook = 3, kTilde = 4, kDot = 5 };

struct Letter {
  char32_t base;  // lower-case letter without tone, with its vowel modifier kept (ă, â, ê, ô, ơ, ư, đ)
  uint8_t tone;   // Tone
  bool upper;
};

// Any code point: Vietnamese vowels are split into base+tone; other letters get base = lower(cp).
Letter decompose(char32_t cp);
// Inverse of decompose for Vietnamese vowels; for other letters returns base (upper-cased if asked).
char32_t compose(char32_t base, uint8_t tone, bool upper);

namespace detail {
// What the four functions below say of each code point under kFactsEnd (Latin, Vietnamese,
// combining marks, Greek, Cyrillic): one table the compiler builds, read inline in the hot loops.
struct CharFacts {
  char16_t fold, lower;
  bool letter, upper;
};
inline constexpr char32_t kFactsEnd = 0x2000;
extern const std::array<CharFacts, kFactsEnd> kFacts;
bool is_letter_beyond(char32_t cp);
bool is_upper_beyond(char32_t cp);
char32_t to_lower_beyond(char32_t cp);
char32_t fold_char_beyond(char32_t cp);
}  // namespace detail

bool is_vowel_base(char32_t base);  // a ă â e ê i o ô ơ u ư y (lower case, no tone)
// Letters of Latin scripts incl. Vietnamese, and combining marks.
inline bool is_letter(char32_t cp) {
  return cp < detail::kFactsEnd ? detail::kFacts[cp].letter : detail::is_letter_beyond(cp);
}
inline bool is_upper(char32_t cp) {
  return cp < detail::kFactsEnd ? detail::kFacts[cp].upper : detail::is_upper_beyond(cp);
}
bool is_lower(char32_t cp);
inline char32_t to_lower(char32_t cp) {
  return cp < detail::kFactsEnd ? detail::kFacts[cp].lower : detail::to_lower_beyond(cp);
}
char32_t to_upper(char32_t cp);
// The ASCII letter a Vietnamese letter folds to (ắ -> a, đ -> d, Ư -> u); other code points lowered.
inline char32_t fold_char(char32_t cp) {
  return cp < detail::kFactsEnd ? detail::kFacts[cp].fold : detail::fold_char_beyond(cp);
}
// Combining diacritic (U+0300..U+036F) -> tone, or kNoTone if it is not one of the five tones.
uint8_t tone_of_combining(char32_t cp);

// Lower case, no tones, no vowel modifiers, đ -> d. Combining marks dropped. UTF-8 in and out.
std::string fold(std::string_view s);
// Every tone and modifier removed, case kept: "Điều" -> "Dieu" (text as typed without marks).
std::string strip_marks(std::string_view s);
std::string to_lower(std::string_view s);
// to_lower(s) == lower, without building the string.
bool lower_equals(std::string_view s, std::string_view lower);
// The same where `lower` is lower case already (the words of a rule table, from to_lower): text
// written in lower case, most of it, is answered by comparing bytes.
inline bool lower_equals_lowered(std::string_view s, std::string_view lower) {
  return utf8::same_text(s, lower) || lower_equals(s, lower);
}
std::string to_upper(std::string_view s);
// True when any code point carries a Vietnamese tone or modifier (or is đ/Đ).
bool has_diacritics(std::string_view s);

}  // namespace dondoc::viet
