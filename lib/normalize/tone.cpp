// Modern ("new style" per the extraction contract) tone placement: hòa, khỏe, thủy, quý, hoàn.
#include <cstring>
#include <array>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/short_key.h"
#include "core/text_map.h"
#include "core/utf8.h"
#include "core/viet.h"
#include "normalize/normalize.h"

namespace dondoc::normalize {
namespace {

bool is_consonant(char32_t b) {
  return b != 0 && !viet::is_vowel_base(b) &&
         ((b >= 'a' && b <= 'z') || b == U'đ');
}

// Final consonants a Vietnamese syllable may end with.
bool valid_final(std::u32string_view f) {
  static const std::array<std::u32string_view, 8> kFinals = {U"c", U"ch", U"m", U"n", U"ng", U"nh", U"p", U"t"};
  if (f.empty()) return true;
  for (auto x : kFinals)
    if (f == x) return true;
  return false;
}

// Vowel nuclei (with glides) of Vietnamese syllables, as base letters; text written without
// marks folds them ("ươ" -> "uo"), so the folded forms are accepted too. "ii" or "aa" is no
// nucleus: "V.II I" is not a split "III", "TE O" not "TEO".
// A vowel nucleus, and whether a final consonant may follow it: nuclei that end in a glide
// (ai, ao, êu, uôi...) or in an open a (ia, ua, ưa) end the syllable ("tài", never "tàich").
struct Nucleus {
  std::u32string_view v;
  bool takes_final;
};

bool valid_nucleus(std::u32string_view v, bool with_final) {
  static const std::array<Nucleus, 56> kNuclei = {{
      {U"a", true},    {U"ă", true},    {U"â", true},    {U"e", true},    {U"ê", true},
      {U"i", true},    {U"o", true},    {U"ô", true},    {U"ơ", true},    {U"u", true},
      {U"ư", true},    {U"y", true},    {U"ai", false},  {U"ao", false},  {U"au", false},
      {U"ay", false},  {U"âu", false},  {U"ây", false},  {U"eo", false},  {U"êu", false},
      {U"ia", false},  {U"iê", true},   {U"iu", false},  {U"oa", true},   {U"oă", true},
      {U"oe", true},   {U"oi", false},  {U"ôi", false},  {U"ơi", false},  {U"oo", true},
      {U"ua", false},  {U"uâ", true},   {U"uê", true},   {U"ui", false},  {U"uô", true},
      {U"uơ", true},   {U"uy", true},   {U"ưa", false},  {U"ưi", false},  {U"ươ", true},
      {U"ưu", false},  {U"ya", false},  {U"yê", true},   {U"iêu", false}, {U"yêu", false},
      {U"oai", false}, {U"oay", false}, {U"oao", false}, {U"oeo", false}, {U"uây", false},
      {U"uôi", false}, {U"uya", false}, {U"uyê", true},  {U"ươi", false}, {U"ươu", false},
      {U"uyu", false}}};
  auto fold = [](char32_t c) -> char32_t {
    switch (c) {
      case U'ă': case U'â': return U'a';
      case U'ê': return U'e';
      case U'ô': case U'ơ': return U'o';
      case U'ư': return U'u';
      default: return c;
    }
  };
  bool plain = true;  // written without vowel modifiers: compare folded
  for (char32_t c : v) plain = plain && fold(c) == c;
  auto same = [&](std::u32string_view x) {
    if (x.size() != v.size()) return false;
    for (size_t i = 0; i < x.size(); ++i)
      if ((plain ? fold(x[i]) : x[i]) != v[i]) return false;
    return true;
  };
  for (const Nucleus& x : kNuclei)
    if (same(x.v) && (x.takes_final || !with_final)) return true;
  return false;
}

bool valid_onset(std::u32string_view o) {
  static const std::array<std::u32string_view, 27> kOnsets = {
      U"",   U"b",  U"c",  U"ch", U"d",  U"đ",  U"g",   U"gh", U"gi", U"h",  U"k",  U"kh", U"l", U"m",
      U"n",  U"ng", U"ngh", U"nh", U"p",  U"ph", U"qu", U"r",  U"s",  U"t",  U"th", U"tr", U"v"};
  if (o == U"x") return true;
  for (auto x : kOnsets)
    if (o == x) return true;
  return false;
}

bool has_modifier(char32_t b) {
  return b == U'ă' || b == U'â' || b == U'ê' || b == U'ô' || b == U'ơ' || b == U'ư';
}

}  // namespace

namespace {

// A syllable has at most 7 letters ("nghiêng"); longer words are not syllables.
struct Letters {
  std::array<viet::Letter, 8> a{};
  size_t n = 0;
  bool empty() const { return n == 0; }
  size_t size() const { return n; }
  void push_back(const viet::Letter& l) { a[n++] = l; }
  viet::Letter& operator[](size_t i) { return a[i]; }
  const viet::Letter& operator[](size_t i) const { return a[i]; }
  const viet::Letter* begin() const { return a.data(); }
  const viet::Letter* end() const { return a.data() + n; }
};

struct Parse {
  Letters letters;
  size_t v0 = 0, v1 = 0;  // vowel nucleus [v0, v1)
  int tone_count = 0;
  uint8_t tone = viet::kNoTone;
  bool ok = false;
};

Parse parse_syllable(std::string_view syllable) {
  Parse p;
  Letters& letters = p.letters;
  size_t len = 0;
  if (syllable.size() > 28) return p;
  for (size_t i = 0; i < syllable.size(); i += len) {
    if (letters.size() == 8) return p;
    char32_t cp = utf8::decode(syllable, i, &len);
    viet::Letter l = viet::decompose(cp);
    if (!(l.base == U'đ' || (l.base >= 'a' && l.base <= 'z') || viet::is_vowel_base(l.base))) return p;
    if (l.tone != viet::kNoTone) {
      ++p.tone_count;
      p.tone = l.tone;
    }
    letters.push_back(l);
  }
  if (letters.empty() || letters.size() > 7 || p.tone_count > 1) return p;
  // Split onset / vowels / final.
  size_t n = letters.size(), v0 = 0;
  while (v0 < n && is_consonant(letters[v0].base)) ++v0;
  if (v0 == n) return p;
  char32_t onset_buf[8];
  size_t onset_len = 0;
  for (size_t i = 0; i < v0; ++i) onset_buf[onset_len++] = letters[i].base;
  std::u32string_view onset(onset_buf, onset_len);
  // "qu" and "gi" (before another vowel) take their vowel letter into the onset.
  if (onset == U"q" && letters[v0].base == U'u') {
    onset = U"qu";
    ++v0;
  } else if (onset == U"g" && letters[v0].base == U'i' && v0 + 1 < n && viet::is_vowel_base(letters[v0 + 1].base)) {
    onset = U"gi";
    ++v0;
  }
  if (!valid_onset(onset) || v0 >= n) return p;
  // Spelling: gh, ngh and k come only before e, ê, i (and k before y): "nghòa" is no syllable.
  char32_t first_vowel = letters[v0].base;
  bool front = first_vowel == U'e' || first_vowel == U'ê' || first_vowel == U'i';
  if ((onset == U"gh" || onset == U"ngh") && !front) return p;
  if (onset == U"k" && !front && first_vowel != U'y') return p;
  size_t v1 = v0;
  while (v1 < n && viet::is_vowel_base(letters[v1].base)) ++v1;
  char32_t final_buf[8];
  size_t final_len = 0;
  for (size_t i = v1; i < n; ++i) {
    if (!is_consonant(letters[i].base)) return p;
    final_buf[final_len++] = letters[i].base;
  }
  std::u32string_view final(final_buf, final_len);
  if (!valid_final(final)) return p;
  size_t nv = v1 - v0;
  if (nv == 0 || nv > 3) return p;
  char32_t nucleus_buf[3];
  for (size_t i = 0; i < nv; ++i) nucleus_buf[i] = letters[v0 + i].base;
  if (!valid_nucleus(std::u32string_view(nucleus_buf, nv), final_len > 0)) return p;
  // A syllable closed by p, t, c or ch carries the sắc or nặng tone, or none (written without
  // marks): "chầt" and "sừc" are misread letters, not words.
  bool stop_final = final == U"p" || final == U"t" || final == U"c" || final == U"ch";
  if (stop_final && p.tone != viet::kNoTone && p.tone != viet::kAcute && p.tone != viet::kDot) return p;
  p.v0 = v0;
  p.v1 = v1;
  p.ok = true;
  return p;
}

}  // namespace

namespace {
// A cache of answers for short words (up to 16 bytes: every syllable written in NFC), per
// thread: normalisation and mark counting ask about every word of a text, and a hash map's
// string keys cost more than the question. Two ways a set, a set in one cache line: 8,192 words
// in 256 KB. Direct-mapped, the same room lost 9% of its look-ups to words that share a slot
// (the corpus asks about some 8,000 different words); with two ways a newcomer pushes out only
// the older of the two.
// Keys are ShortKeys: a word is hashed and compared in a few instructions. Constant-initialised,
// so that a thread's first use needs no guard.
class ShortWordCache {
 public:
  static constexpr size_t kMaxLen = ShortKey::kMax;
  const bool* find(const ShortKey& k) const {
    const Set& set = sets_[k.hash() & (kSets - 1)];
    for (const Slot& s : set.ways)
      if (s.lo == k.lo && s.hi == k.hi && (s.len & kLen) == k.len) return &kAnswer[s.len >> 31];
    return nullptr;
  }
  void put(const ShortKey& k, bool v) {
    Set& set = sets_[k.hash() & (kSets - 1)];
    set.ways[1] = set.ways[0];
    set.ways[0] = Slot{k.lo, k.hi, k.len | (v ? 0x80000000u : 0)};
  }

 private:
  static constexpr size_t kSets = 4096;
  static constexpr uint32_t kLen = 0x7FFFFFFF;
  static constexpr bool kAnswer[2] = {false, true};
  struct Slot {  // the answer in the length's top bit
    uint64_t lo = 0, hi = 0;
    uint32_t len = kLen;  // empty: a length no word has
  };
  struct alignas(64) Set {
    Slot ways[2];
  };
  std::array<Set, kSets> sets_{};
};
}  // namespace

bool is_syllable(std::string_view syllable) {
  // The same few thousand syllables make up every text: remember the answers per thread.
  if (syllable.size() > 32) return false;
  if (syllable.size() <= ShortWordCache::kMaxLen) {
    thread_local constinit ShortWordCache small;
    ShortKey key = ShortKey::of(syllable);
    if (const bool* v = small.find(key)) return *v;
    bool ok = parse_syllable(syllable).ok;
    small.put(key, ok);
    return ok;
  }
  thread_local TextMap<bool> cache;
  if (auto it = cache.find(syllable); it != cache.end()) return it->second;
  if (cache.size() > 65536) cache.clear();
  bool ok = parse_syllable(syllable).ok;
  cache.emplace(std::string(syllable), ok);
  return ok;
}

namespace {
std::string compute_tone_placement(std::string_view syllable);
}  // namespace

std::string fix_tone_placement(std::string_view syllable) {
  thread_local TextMap<std::string> cache;
  if (syllable.size() > 32) return std::string(syllable);
  if (auto it = cache.find(syllable); it != cache.end()) return it->second;
  if (cache.size() > 65536) cache.clear();
  std::string out = compute_tone_placement(syllable);
  cache.emplace(std::string(syllable), out);
  return out;
}

namespace {
std::string compute_tone_placement(std::string_view syllable) {
  Parse p = parse_syllable(syllable);
  if (!p.ok || p.tone_count != 1) return std::string(syllable);
  auto& letters = p.letters;
  size_t n = letters.size(), v0 = p.v0, v1 = p.v1, nv = v1 - v0;
  bool has_final = v1 < n;
  uint8_t tone = p.tone;
  // Where the tone belongs.
  size_t pos = SIZE_MAX;
  for (size_t i = v0; i < v1; ++i)
    if (has_modifier(letters[i].base)) pos = i;  // the last modified vowel: ươ -> ơ, uyê -> ê
  if (pos == SIZE_MAX) {
    if (has_final) pos = v1 - 1;
    else if (nv == 3) pos = v0 + 1;
    else pos = v0;
  }
  bool changed = false;
  for (size_t i = 0; i < n; ++i) {
    uint8_t want = i == pos ? tone : static_cast<uint8_t>(viet::kNoTone);
    if (letters[i].tone != want) {
      letters[i].tone = want;
      changed = true;
    }
  }
  if (!changed) return std::string(syllable);
  std::string out;
  for (const auto& l : letters) utf8::append(out, viet::compose(l.base, l.tone, l.upper));
  return out;
}
}  // namespace

}  // namespace dondoc::normalize
