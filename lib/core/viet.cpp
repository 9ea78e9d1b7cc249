#include "core/viet.h"

#include <array>

#include "core/utf8.h"

namespace dondoc::viet {
namespace {

// Rows: base vowel, then the five tones, lower case then upper case.
constexpr std::u32string_view kLower[] = {
    U"aàáảãạ", U"ăằắẳẵặ", U"âầấẩẫậ", U"eèéẻẽẹ", U"êềếểễệ", U"iìíỉĩị",
    U"oòóỏõọ", U"ôồốổỗộ", U"ơờớởỡợ", U"uùúủũụ", U"ưừứửữự", U"yỳýỷỹỵ"};
constexpr std::u32string_view kUpper[] = {
    U"AÀÁẢÃẠ", U"ĂẰẮẲẴẶ", U"ÂẦẤẨẪẬ", U"EÈÉẺẼẸ", U"ÊỀẾỂỄỆ", U"IÌÍỈĨỊ",
    U"OÒÓỎÕỌ", U"ÔỒỐỔỖỘ", U"ƠỜỚỞỠỢ", U"UÙÚỦŨỤ", U"ƯỪỨỬỮỰ", U"YỲÝỶỸỴ"};
constexpr char32_t kFoldOfRow[] = {U'a', U'a', U'a', U'e', U'e', U'i',
                                   U'o', U'o', U'o', U'u', U'u', U'y'};

struct Entry {
  char32_t cp;
  uint8_t row;
  uint8_t tone;
  bool upper;
};

// Direct index for the two code point ranges Vietnamese letters live in.
struct Tables {
  // index 0x00C0..0x01BF and 0x1E00..0x1EFF
  std::array<int16_t, 0x100> latin{};  // cp - 0xC0 -> entry index + 1
  std::array<int16_t, 0x100> ext{};    // cp - 0x1E00 -> entry index + 1
  std::array<Entry, 12 * 6 * 2> entries{};
  constexpr Tables() {
    int k = 0;
    for (uint8_t r = 0; r < 12; ++r) {
      for (uint8_t t = 0; t < 6; ++t) {
        for (int up = 0; up < 2; ++up) {
          char32_t cp = up ? kUpper[r][t] : kLower[r][t];
          entries[k] = Entry{cp, r, t, up != 0};
          if (cp >= 0xC0 && cp < 0x1C0) latin[cp - 0xC0] = static_cast<int16_t>(k + 1);
          if (cp >= 0x1E00 && cp < 0x1F00) ext[cp - 0x1E00] = static_cast<int16_t>(k + 1);
          ++k;
        }
      }
    }
  }
  constexpr const Entry* find(char32_t cp) const {
    int idx = 0;
    if (cp >= 0xC0 && cp < 0x1C0) idx = latin[cp - 0xC0];
    else if (cp >= 0x1E00 && cp < 0x1F00) idx = ext[cp - 0x1E00];
    else if (cp < 0x80) {
      // ASCII vowels live in the table too.
      for (uint8_t r : {0, 3, 5, 6, 9, 11}) {
        if (cp == kLower[r][0]) return &entries[(r * 6) * 2];
        if (cp == kUpper[r][0]) return &entries[(r * 6) * 2 + 1];
      }
      return nullptr;
    }
    return idx ? &entries[idx - 1] : nullptr;
  }
};

// Built by the compiler: nothing to initialise at start-up.
constexpr Tables kTables{};
constexpr const Tables& tables() { return kTables; }

int row_of_base(char32_t base) {
  for (int r = 0; r < 12; ++r)
    if (kLower[r][0] == base) return r;
  return -1;
}

}  // namespace

constexpr bool upper_of(char32_t cp) {
  if (cp >= 'A' && cp <= 'Z') return true;
  if (cp < 0x80) return false;
  if (cp == U'Đ' || cp == U'Ð') return true;
  if (const Entry* e = tables().find(cp)) return e->upper;
  if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) return true;
  if (cp >= 0x100 && cp < 0x180) return (cp % 2) == 0;
  if (cp >= 0x391 && cp <= 0x3A9) return true;
  if (cp >= 0x400 && cp <= 0x42F) return true;
  return false;
}

bool is_lower(char32_t cp) {
  if (cp >= 'a' && cp <= 'z') return true;
  if (cp < 0x80) return false;
  return is_letter(cp) && !is_upper(cp) && !(cp >= 0x300 && cp <= 0x36F);
}

constexpr char32_t lower_of(char32_t cp) {
  if (cp >= 'A' && cp <= 'Z') return cp + 32;
  if (cp < 0x80) return cp;
  if (cp == U'Đ' || cp == U'Ð') return U'đ';
  if (const Entry* e = tables().find(cp)) return e->upper ? kLower[e->row][e->tone] : cp;
  if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) return cp + 32;
  if (cp >= 0x100 && cp < 0x180 && cp % 2 == 0) return cp + 1;
  if (cp >= 0x391 && cp <= 0x3A9) return cp + 32;
  if (cp >= 0x410 && cp <= 0x42F) return cp + 32;
  if (cp >= 0x400 && cp <= 0x40F) return cp + 80;
  return cp;
}

char32_t to_upper(char32_t cp) {
  if (cp >= 'a' && cp <= 'z') return cp - 32;
  if (cp < 0x80) return cp;
  if (cp == U'đ' || cp == U'ð') return U'Đ';
  if (const Entry* e = tables().find(cp)) return e->upper ? cp : kUpper[e->row][e->tone];
  if (cp >= 0xE0 && cp <= 0xFE && cp != 0xF7) return cp - 32;
  if (cp >= 0x100 && cp < 0x180 && cp % 2 == 1) return cp - 1;
  if (cp >= 0x3B1 && cp <= 0x3C9) return cp - 32;
  if (cp >= 0x430 && cp <= 0x44F) return cp - 32;
  if (cp >= 0x450 && cp <= 0x45F) return cp - 80;
  return cp;
}

Letter decompose(char32_t cp) {
  if (const Entry* e = tables().find(cp)) return Letter{kLower[e->row][0], e->tone, e->upper};
  if (cp == U'Ð') return Letter{U'đ', kNoTone, true};
  if (cp == U'ð') return Letter{U'đ', kNoTone, false};
  return Letter{to_lower(cp), kNoTone, is_upper(cp)};
}

char32_t compose(char32_t base, uint8_t tone, bool upper) {
  int r = row_of_base(base);
  if (r < 0 || tone > 5) return upper ? to_upper(base) : base;
  return upper ? kUpper[r][tone] : kLower[r][tone];
}

bool is_vowel_base(char32_t base) {
  switch (base) {
    case U'a': case U'ă': case U'â': case U'e': case U'ê': case U'i':
    case U'o': case U'ô': case U'ơ': case U'u': case U'ư': case U'y':
      return true;
    default:
      return false;
  }
}

constexpr bool letter_of(char32_t cp) {
  if (cp < 0x80) return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
  if (cp >= 0xC0 && cp <= 0x24F) return cp != 0xD7 && cp != 0xF7;
  if (cp >= 0x300 && cp <= 0x36F) return true;  // combining marks belong to their letter
  if (cp >= 0x370 && cp <= 0x4FF) return cp != 0x37E && cp != 0x387;
  if (cp >= 0x1E00 && cp <= 0x1EFF) return true;
  return false;
}

constexpr char32_t fold_of(char32_t cp) {
  if (cp < 0x80) return (cp >= 'A' && cp <= 'Z') ? cp + 32 : cp;
  if (cp == U'đ' || cp == U'Đ' || cp == U'ð' || cp == U'Ð') return U'd';
  if (const Entry* e = tables().find(cp)) return kFoldOfRow[e->row];
  return lower_of(cp);
}

constexpr std::array<detail::CharFacts, detail::kFactsEnd> build_facts() {
  std::array<detail::CharFacts, detail::kFactsEnd> out{};
  for (char32_t cp = 0; cp < detail::kFactsEnd; ++cp)
    out[cp] = detail::CharFacts{static_cast<char16_t>(fold_of(cp)), static_cast<char16_t>(lower_of(cp)), letter_of(cp),
                                upper_of(cp)};
  return out;
}

namespace detail {
constinit const std::array<CharFacts, kFactsEnd> kFacts = build_facts();
bool is_letter_beyond(char32_t cp) { return letter_of(cp); }
bool is_upper_beyond(char32_t cp) { return upper_of(cp); }
char32_t to_lower_beyond(char32_t cp) { return lower_of(cp); }
char32_t fold_char_beyond(char32_t cp) { return fold_of(cp); }
}  // namespace detail


uint8_t tone_of_combining(char32_t cp) {
  switch (cp) {
    case 0x300: case 0x340: return kGrave;
    case 0x301: case 0x341: return kAcute;
    case 0x309: return kHook;
    case 0x303: return kTilde;
    case 0x323: return kDot;
    default: return kNoTone;
  }
}

std::string strip_marks(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  size_t len = 0;
  for (size_t i = 0; i < s.size(); i += len) {
    char32_t cp = utf8::decode(s, i, &len);
    char32_t f = fold_char(cp);
    utf8::append(out, is_upper(cp) ? to_upper(f) : f);
  }
  return out;
}

std::string fold(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  size_t len = 0;
  for (size_t i = 0; i < s.size(); i += len) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      len = 1;
      out.push_back(static_cast<char>((c >= 'A' && c <= 'Z') ? c + 32 : c));
      continue;
    }
    char32_t cp = utf8::decode(s, i, &len);
    if (cp >= 0x300 && cp <= 0x36F) continue;
    utf8::append(out, fold_char(cp));
  }
  return out;
}

std::string to_lower(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  size_t len = 0;
  for (size_t i = 0; i < s.size(); i += len) utf8::append(out, to_lower(utf8::decode(s, i, &len)));
  return out;
}

bool lower_equals(std::string_view s, std::string_view lower) {
  size_t len = 0, k = 0;
  char b[4];
  for (size_t i = 0; i < s.size(); i += len) {
    size_t n = utf8::encode_to(to_lower(utf8::decode(s, i, &len)), b);
    if (n > lower.size() - k) return false;
    for (size_t m = 0; m < n; ++m)  // one to four bytes: compared in place, not by a call
      if (lower[k + m] != b[m]) return false;
    k += n;
  }
  return k == lower.size();
}

std::string to_upper(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  size_t len = 0;
  for (size_t i = 0; i < s.size(); i += len) utf8::append(out, to_upper(utf8::decode(s, i, &len)));
  return out;
}

bool has_diacritics(std::string_view s) {
  size_t len = 0;
  for (size_t i = 0; i < s.size(); i += len) {
    if (static_cast<unsigned char>(s[i]) < 0x80) { len = 1; continue; }
    char32_t cp = utf8::decode(s, i, &len);
    if (cp >= 0x300 && cp <= 0x36F) return true;
    Letter l = decompose(cp);
    if (l.tone != kNoTone || l.base == U'đ' ||
        (is_vowel_base(l.base) && fold_char(l.base) != l.base))
      return true;
  }
  return false;
}

}  // namespace dondoc::viet
