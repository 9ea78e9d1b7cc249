// OCR repair. Each OCR word (letters, plus the digits and symbols OCR prints for letters: "s6",
// "C&c", "nhi€ém") gets candidate syllables from a noisy-channel edit distance: letters read as
// themselves with marks lost or changed, confusions from data/rules/ocr_confusions.tsv, and
// rare generic edits. The language model then picks the best sequence. Conservative: keeping a
// known word costs nothing, replacing it costs a penalty the context has to outweigh.
// Syllables split by spaces ("Nh ư tr ê n") are joined first when the join is a known syllable.
#include "restore/ocr.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>
#include <unordered_map>

#include "core/tokens.h"
#include "core/utf8.h"
#include "core/viet.h"
#include "normalize/normalize.h"
#include "restore/internal.h"
#include "restore/text.h"
#include "rules/rules.h"

namespace dondoc::restore {

using detail::Choice;
using detail::Lattice;
using detail::ModelData;
using detail::SyllableForm;

namespace {

constexpr float kInf = 1e9f;
constexpr size_t kMaxObserved = 12;  // longer words are not OCR slips of one syllable
constexpr size_t kMaxCandidates = 6;
constexpr float kMaxChannelCost = 3.5f;
constexpr size_t kMaxMergeParts = 5;
constexpr int kOcrBeam = 32;  // OCR lattices are wide (keep + 6 candidates per word)
constexpr size_t kMaxSyllableLetters = 7;

std::u32string to_u32(std::string_view s) {
  std::u32string out;
  size_t len = 0;
  for (size_t i = 0; i < s.size(); i += len) out.push_back(utf8::decode(s, i, &len));
  return out;
}

// to_u32(s).size() without building the string.
size_t code_points(std::string_view s) {
  size_t n = 0, len = 0;
  for (size_t i = 0; i < s.size(); i += len, ++n) utf8::decode(s, i, &len);
  return n;
}

struct Observed {
  std::u32string cps;    // lower case
  std::u32string bases;  // base letter of each code point (the code point itself if not a letter)
  std::u32string tones;
  std::u32string folds;          // viet::fold_char of each base
  std::vector<uint8_t> letter;   // viet::is_letter of each base
  std::vector<uint8_t> junk;     // neither a letter nor a digit: dropped at delete_junk
  std::vector<std::vector<uint16_t>> rules_at;  // confusions whose observed side starts here
};

Observed observe(std::string_view word, const std::vector<Confusion>& conf) {
  Observed o;
  std::string nfc = normalize::nfc(viet::to_lower(word)).text;
  o.cps = to_u32(nfc);
  for (char32_t cp : o.cps) {
    viet::Letter l = viet::decompose(cp);
    o.bases.push_back(l.base);
    o.tones.push_back(l.tone);
    o.folds.push_back(viet::fold_char(l.base));
    o.letter.push_back(viet::is_letter(l.base));
    o.junk.push_back(!viet::is_letter(cp) && !(cp >= '0' && cp <= '9'));
  }
  o.rules_at.resize(o.cps.size());
  for (size_t i = 0; i < o.cps.size(); ++i)
    for (size_t r = 0; r < conf.size(); ++r)
      if (conf[r].observed[0] == o.cps[i] && i + conf[r].observed.size() <= o.cps.size() &&
          o.cps.compare(i, conf[r].observed.size(), conf[r].observed) == 0)
        o.rules_at[i].push_back(static_cast<uint16_t>(r));
  return o;
}

}  // namespace

std::vector<Confusion> parse_confusions(const std::vector<std::vector<std::string>>& rows) {
  std::vector<Confusion> out;
  for (const auto& row : rows) {
    if (row.size() < 3) continue;
    Confusion c{to_u32(row[0]), to_u32(normalize::nfc(viet::to_lower(row[1])).text),
                static_cast<float>(std::atof(row[2].c_str()))};
    if (c.intended.empty() || c.observed.empty() || !(c.cost > 0) || c.intended == c.observed)
      continue;
    out.push_back(std::move(c));
  }
  return out;
}

const std::vector<Confusion>& confusions(const rules::Rules& rules) {
  return rules.view<std::vector<Confusion>>(
      [](const rules::Rules& r) { return parse_confusions(r.table("ocr_confusions")); });
}

const std::vector<Confusion>& builtin_confusions() { return confusions(rules::Rules::builtin()); }

float ChannelCosts::tone(uint8_t observed, uint8_t intended) const {
  if (observed == intended) return 0.0f;
  if (observed == viet::kNoTone) return drop_tone;
  if (intended == viet::kNoTone) return spurious_tone;
  return wrong_tone;
}

float ChannelCosts::letter(char32_t ob, uint8_t ot, char32_t ib, uint8_t it) const {
  float c = tone(ot, it);
  if (ob == ib) return c;
  char32_t fo = viet::fold_char(ob), fi = viet::fold_char(ib);
  if (fo != fi || !viet::is_letter(ob)) return c + substitute;
  bool o_plain = fo == ob, i_plain = fi == ib;
  return c + (o_plain ? drop_modifier : i_plain ? spurious_modifier : wrong_modifier);
}

namespace {

// What a step of channel_cost costs at least per letter by which it makes the word longer than
// the syllable read so far (a letter dropped, a confusion that prints more letters than it
// reads) or shorter (a letter added): a way from (i, j) to (n, m) costs at least the difference
// of the letters left on each side at that price. Zero: no such bound.
struct ShiftCost {
  float longer = 0, shorter = 0;
  float at_least(size_t i, size_t j, size_t n, size_t m) const {
    auto left_o = static_cast<long>(n - i), left_s = static_cast<long>(m - j);
    return left_o > left_s ? static_cast<float>(left_o - left_s) * longer : static_cast<float>(left_s - left_o) * shorter;
  }
};

ShiftCost shift_cost(const std::vector<Confusion>& conf, const ChannelCosts& k) {
  ShiftCost c{std::min(k.erase, k.delete_junk), k.insert};
  for (const Confusion& x : conf) {
    auto o = static_cast<float>(x.observed.size()), in = static_cast<float>(x.intended.size());
    if (o > in) c.longer = std::min(c.longer, x.cost / (o - in));
    if (in > o) c.shorter = std::min(c.shorter, x.cost / (in - o));
  }
  // Costs are positive; guard against rounding making the bound a hair too high.
  c.longer = std::max(0.0f, c.longer * 0.999f);
  c.shorter = std::max(0.0f, c.shorter * 0.999f);
  return c;
}

// Weighted edit distance between what the OCR printed and a syllable; kInf when over `bound`.
// `shift` prunes the ways that cannot end within the bound (the result is the same).
float channel_cost(const Observed& o, const SyllableForm& s, const std::vector<Confusion>& conf,
                   const ChannelCosts& k, float bound, const ShiftCost& shift = {}) {
  size_t n = o.cps.size(), m = s.bases.size();
  if (n > kMaxObserved || m > kMaxObserved) return kInf;
  if (shift.at_least(0, 0, n, m) > bound) return kInf;
  std::array<float, (kMaxObserved + 1) * (kMaxObserved + 1)> dp;
  size_t w = m + 1;
  std::fill(dp.begin(), dp.begin() + (n + 1) * w, kInf);
  dp[0] = 0;
  auto relax = [&](size_t i, size_t j, float v) {
    float& x = dp[i * w + j];
    if (v < x) x = v;
  };
  for (size_t i = 0; i <= n; ++i) {
    for (size_t j = 0; j <= m; ++j) {
      float v = dp[i * w + j];
      if (v > bound || v + shift.at_least(i, j, n, m) > bound) continue;
      if (i < n && j < m) {
        // k.letter(o.bases[i], o.tones[i], s.bases[j], s.tones[j]), with the folds at hand.
        float c = k.tone(static_cast<uint8_t>(o.tones[i]), static_cast<uint8_t>(s.tones[j]));
        char32_t ob = o.bases[i], ib = s.bases[j];
        if (ob != ib) {
          char32_t fo = o.folds[i], fi = s.folds[j];
          if (fo != fi || !o.letter[i])
            c = c + k.substitute;
          else
            c = c + (fo == ob ? k.drop_modifier : fi == ib ? k.spurious_modifier : k.wrong_modifier);
        }
        relax(i + 1, j + 1, v + c);
      }
      if (i < n) {
        for (uint16_t r : o.rules_at[i]) {
          const Confusion& c = conf[r];
          size_t b = c.intended.size();
          if (j + b > m || s.bases.compare(j, b, c.intended) != 0) continue;
          float t = 0;
          for (size_t q = j; q < j + b; ++q) t += s.tones[q] != viet::kNoTone ? k.rule_tone : 0.0f;
          relax(i + c.observed.size(), j + b, v + c.cost + t);
        }
        relax(i + 1, j, v + (o.junk[i] ? k.delete_junk : k.erase));
      }
      if (j < m) relax(i, j + 1, v + k.insert + (s.tones[j] != viet::kNoTone ? k.drop_tone : 0.0f));
    }
  }
  float r = dp[n * w + m];
  return r > bound ? kInf : r;
}

struct Candidate {
  uint16_t id;
  float cost;
};

// What find_candidates reuses from word to word: the least cost of each syllable within reach,
// kept for the syllables stamped with the current word's number.
struct ReachScratch {
  std::vector<uint32_t> stamp;  // syllable index -> number of the word that last reached it
  std::vector<float> least;     // syllable index -> the least it can cost for that word
  std::vector<uint32_t> found;  // the syllables the current word reaches, each once
  uint32_t word = 0;
};

// The syllables (indexes in d.syllables, unsorted, maybe repeated) that can come within
// kMaxChannelCost of the observed word; false when the costs allow more than one edit that
// channel_cost charges in full (then every syllable can).
//
// Why this finds them all: in channel_cost's cheapest reading of a syllable, a letter read as a
// letter with the same fold costs only its marks; every other step costs at least its price: a
// confusion its cost, a symbol dropped delete_junk, and the hard edits (a letter read as another,
// a letter dropped or added) at least the smallest of substitute, erase and insert. With two hard
// edits over the bound, the syllable's folded letters are, after some confusions and dropped
// symbols within the bound, the word's folded letters with at most one letter changed, dropped or
// added: each such spelling of the word is looked up as it is and with each letter dropped, in the
// syllables by fold and by fold with a letter dropped.
bool syllables_within_reach(const ModelData& d, const Observed& o, const std::vector<Confusion>& conf,
                            const ChannelCosts& k, ReachScratch& out) {
  float hard = std::min({k.substitute, k.erase, k.insert});
  if (2 * hard <= kMaxChannelCost) return false;
  constexpr char32_t kNoLetter = 0xFFFF;  // a symbol or digit read as itself: folds to no letter
  size_t n = o.cps.size();
  if (out.stamp.size() != d.syllables.size()) {
    out.stamp.assign(d.syllables.size(), 0);
    out.least.assign(d.syllables.size(), 0.0f);
    out.word = 0;
  }
  if (++out.word == 0) {
    std::fill(out.stamp.begin(), out.stamp.end(), 0);
    out.word = 1;
  }
  out.found.clear();
  // Each syllable found with what reading it that way costs at least (the least of its ways).
  auto look = [&](const std::unordered_map<std::u32string, std::vector<uint32_t>>& index, const std::u32string& key,
                  float at_least) {
    auto it = index.find(key);
    if (it == index.end()) return;
    for (uint32_t s : it->second) {
      if (out.stamp[s] != out.word) {
        out.stamp[s] = out.word;
        out.least[s] = at_least;
        out.found.push_back(s);
      } else if (at_least < out.least[s]) {
        out.least[s] = at_least;
      }
    }
  };
  std::u32string spelled, dropped;  // reused from spelling to spelling
  // Spellings of the word's letters [i, n) after confusions and dropped symbols that cost `spent`.
  auto spell = [&](auto&& self, size_t i, float spent) -> void {
    if (i == n) {
      look(d.syllables_by_fold, spelled, spent);
      if (spent + hard > kMaxChannelCost) return;
      look(d.syllables_by_drop, spelled, spent + k.insert);  // a letter added
      for (size_t p = 0; p < spelled.size(); ++p) {
        if (p > 0 && spelled[p] == spelled[p - 1]) continue;
        dropped.assign(spelled, 0, p);
        dropped.append(spelled, p + 1);
        // A letter dropped: an observed letter or digit at `erase`, a symbol at delete_junk.
        float drop = spelled[p] == kNoLetter ? std::min(k.erase, k.delete_junk) : k.erase;
        look(d.syllables_by_fold, dropped, spent + drop);
        look(d.syllables_by_drop, dropped, spent + k.substitute);                      // a letter changed
      }
      return;
    }
    size_t len = spelled.size();
    spelled.push_back(o.letter[i] ? o.folds[i] : kNoLetter);
    self(self, i + 1, spent);
    spelled.resize(len);
    if (o.junk[i] && spent + k.delete_junk <= kMaxChannelCost) self(self, i + 1, spent + k.delete_junk);
    for (uint16_t r : o.rules_at[i]) {
      const Confusion& c = conf[r];
      if (spent + c.cost > kMaxChannelCost) continue;
      for (char32_t x : c.intended) spelled.push_back(viet::fold_char(x));
      self(self, i + c.observed.size(), spent + c.cost);
      spelled.resize(len);
    }
  };
  spell(spell, 0, 0.0f);
  return true;
}

// All the syllables with the observed letters (a word that only lost its marks), then the best
// few that differ in letters.
std::vector<Candidate> find_candidates(const ModelData& d, const Observed& o,
                                       const std::vector<Confusion>& conf, const ChannelCosts& k,
                                       ReachScratch& scratch, bool every_syllable = false) {
  auto better = [&](const Candidate& a, const Candidate& b) {
    return a.cost != b.cost ? a.cost < b.cost : d.counts[a.id] > d.counts[b.id];
  };
  std::string fold;
  for (char32_t cp : o.cps) utf8::append(fold, viet::fold_char(cp));
  std::vector<Candidate> same;
  if (const std::vector<uint16_t>* ids = d.candidates_of(fold)) {
    for (uint16_t id : *ids) {
      if (d.syllable_of[id] < 0) continue;  // seen once or twice
      float c = channel_cost(o, d.syllables[d.syllable_of[id]], conf, k, kMaxChannelCost);
      if (c < kInf) same.push_back(Candidate{id, c});
    }
  }
  // The syllables in their order (commonest first), the bound tightening to the sixth best as it
  // goes; only those within reach can come within it.
  // (index, the least it can cost), by index.
  std::vector<std::pair<uint32_t, float>> reach;
  if (!every_syllable && syllables_within_reach(d, o, conf, k, scratch)) {
    std::sort(scratch.found.begin(), scratch.found.end());
    reach.reserve(scratch.found.size());
    for (uint32_t s : scratch.found) reach.emplace_back(s, scratch.least[s]);
  } else {
    reach.resize(d.syllables.size());
    for (uint32_t i = 0; i < reach.size(); ++i) reach[i] = {i, 0.0f};
  }
  std::vector<Candidate> other;
  float bound = kMaxChannelCost;
  size_t n = o.cps.size();
  ShiftCost shift = every_syllable ? ShiftCost{} : shift_cost(conf, k);
  for (auto [index, at_least] : reach) {
    if (at_least > bound) continue;  // channel_cost would say kInf
    const SyllableForm& s = d.syllables[index];
    size_t m = s.bases.size();
    if (m + 3 < n || n + 3 < m) continue;
    if (std::any_of(same.begin(), same.end(), [&](const Candidate& x) { return x.id == s.id; }))
      continue;
    float c = channel_cost(o, s, conf, k, bound, shift);
    if (c >= kInf) continue;
    other.push_back(Candidate{s.id, c});
    if (other.size() > kMaxCandidates * 2) {
      std::sort(other.begin(), other.end(), better);
      other.resize(kMaxCandidates);
      bound = other.back().cost;
    }
  }
  std::sort(other.begin(), other.end(), better);
  if (other.size() > kMaxCandidates) other.resize(kMaxCandidates);
  std::sort(same.begin(), same.end(), better);
  same.insert(same.end(), other.begin(), other.end());
  return same;
}

// An OCR word: tokens [first, last] glued together, or joined across spaces (a split syllable).
struct OcrWord {
  size_t first, last;
  std::string observed;  // the letters without the spaces between parts
  bool joined = false;   // parts were separated by spaces
};

bool in_alphabet(char32_t cp, const std::vector<Confusion>& conf) {
  for (const auto& c : conf)
    if (c.observed.find(cp) != std::u32string::npos) return true;
  return false;
}

bool has_letter(std::string_view s) {
  size_t len = 0;
  for (size_t i = 0; i < s.size(); i += len)
    if (viet::is_letter(utf8::decode(s, i, &len))) return true;
  return false;
}

// OCR words of tokens [b, e) of one line. Chunks that look like codes (26-CT/TU, NĐ-CP), loan
// words written with hyphens or URLs are left alone: their letters are not syllables to repair.
std::vector<OcrWord> find_ocr_words(std::string_view text, const std::vector<Token>& toks, size_t b,
                                    size_t e, const std::vector<bool>& fixed,
                                    const std::vector<Confusion>& conf) {
  std::vector<OcrWord> out;
  size_t i = b;
  while (i < e) {
    size_t j = i + 1;
    while (j < e && !toks[j].space_before) ++j;
    bool code = false;
    for (size_t k = i; k < j; ++k) {
      if (fixed[k] || toks[k].is_punct('/') || toks[k].is_punct('\\') || toks[k].is_punct('_'))
        code = true;
      // A hyphen inside a chunk: codes (NĐ-CP, 26-CT) and loan words (i-ốt, vắc-xin).
      if (toks[k].is_punct('-') && k > i && k + 1 < j) code = true;
    }
    if (!code) {
      size_t k = i;
      while (k < j) {
        auto part_of_word = [&](size_t t) {
          if (toks[t].is_word() || toks[t].is_number()) return true;
          size_t len = 0;
          std::string_view s = toks[t].text(text);
          return toks[t].kind == TokKind::kPunct && in_alphabet(utf8::decode(s, 0, &len), conf);
        };
        if (!part_of_word(k)) {
          ++k;
          continue;
        }
        size_t r = k;
        while (r < j && part_of_word(r)) ++r;
        std::string_view s = text.substr(toks[k].begin, toks[r - 1].end - toks[k].begin);
        if (has_letter(s)) out.push_back(OcrWord{k, r - 1, std::string(s), false});
        k = r;
      }
    }
    i = j;
  }
  return out;
}

// A capitals word with a digit between letters that reads as a syllable once each such digit is
// the vowel OCR mistakes it for ("PH0NG" is "PHÒNG"); codes keep their digits at the end
// ("QH15", "K3") or read as no syllable ("H5N1").
bool misread_capitals(std::string_view word, const std::vector<Confusion>* conf) {
  if (!conf) return false;
  std::u32string w;
  size_t len = 0;
  for (size_t i = 0; i < word.size(); i += len) w.push_back(utf8::decode(word, i, &len));
  size_t at = std::u32string::npos;
  for (size_t i = 1; i + 1 < w.size(); ++i)
    if (w[i] >= U'0' && w[i] <= U'9' && viet::is_letter(w[i - 1]) && viet::is_letter(w[i + 1])) {
      if (at != std::u32string::npos) return false;  // one misread letter at most
      at = i;
    }
  if (at == std::u32string::npos) return false;
  for (const Confusion& c : *conf) {
    if (c.observed.size() != 1 || c.observed[0] != w[at] || c.intended.size() != 1) continue;
    std::u32string t = w;
    t[at] = c.intended[0];
    std::string u;
    for (char32_t cp : t) utf8::append(u, cp);
    if (normalize::is_syllable(viet::fold(u))) return true;
  }
  return false;
}

// True when the OCR word is written as an abbreviation or code (UBND, HĐND, TTg): kept as is.
// Also single consonants (list letters, initials).
bool looks_like_code(std::string_view word, const std::vector<Confusion>* conf = nullptr) {
  if (word.empty()) return true;
  size_t upper = 0, len = 0;
  char32_t first = utf8::decode(word, 0, &len);
  if (len == word.size())  // one letter: only a vowel can be a word ("ở", "à")
    return !viet::is_vowel_base(viet::decompose(first).base);
  for (size_t i = 0; i < word.size(); i += len)
    if (viet::is_upper(utf8::decode(word, i, &len))) ++upper;
  return upper >= 2 && !normalize::is_syllable(viet::fold(word)) && !misread_capitals(word, conf);
}

std::string apply_word_case(std::string_view observed, const std::string& word) {
  size_t upper = 0, lower = 0, len = 0;
  bool first_upper = false, first = true;
  for (size_t i = 0; i < observed.size(); i += len) {
    char32_t cp = utf8::decode(observed, i, &len);
    if (!viet::is_letter(cp)) continue;
    bool up = viet::is_upper(cp);
    if (first) first_upper = up;
    first = false;
    (up ? upper : lower)++;
  }
  if (upper >= 2 && lower == 0) return viet::to_upper(word);
  if (!first_upper) return word;
  size_t l = 0;
  char32_t c = utf8::decode(word, 0, &l);
  return utf8::encode(viet::to_upper(c)) + word.substr(l);
}

// The model's id of each word of a text as written (word_key), and whether it is a syllable:
// each spelling computed once per text, since the words of a text repeat.
class WordKeys {
 public:
  explicit WordKeys(const ModelData& d) : d_(d) {}
  struct Key {
    uint16_t id;    // d.id(word_key(word))
    bool syllable;  // word_key found a Vietnamese syllable
  };
  const Key& of(std::string_view word) {
    auto it = memo_.find(word);
    if (it != memo_.end()) return it->second;
    bool syl = false;
    std::string key = word_key(word, &syl);
    return memo_.emplace(std::string(word), Key{d_.id(key), syl}).first->second;
  }
  // Whether an observed word (marks as printed) is a known syllable, and its id.
  uint16_t known_id(std::string_view word) {
    const Key& k = of(word);
    return k.syllable && d_.known(k.id) ? k.id : format::kUnk;
  }
  // context_id of a token, the word's key looked up once.
  uint16_t context_id(std::string_view text, const Token& t) {
    if (t.kind == TokKind::kWord && t.diacritics) return of(t.text(text)).id;
    return restore::context_id(d_, text, t);
  }

 private:
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  const ModelData& d_;
  std::unordered_map<std::string, Key, Hash, std::equal_to<>> memo_;  // looked up without a copy
};

bool known_part(const ModelData& d, WordKeys& keys, const Token& t, std::string_view text) {
  if (!t.is_word()) return false;
  if (!t.diacritics) return d.candidates_of(t.fold) != nullptr;
  return keys.known_id(t.text(text)) != format::kUnk;
}

// Joins split syllables: consecutive OCR words separated by spaces whose concatenation is a known
// syllable, when one of them is not a word on its own ("tr ưở n g" -> "trưởng").
std::vector<OcrWord> join_split_syllables(const ModelData& d, WordKeys& keys, std::string_view text,
                                          const std::vector<Token>& toks,
                                          std::vector<OcrWord> words) {
  std::vector<OcrWord> out;
  for (size_t i = 0; i < words.size();) {
    size_t best = i;
    std::string best_text;
    std::string joined = words[i].observed;
    bool any_fragment =
        !(words[i].first == words[i].last && known_part(d, keys, toks[words[i].first], text));
    size_t letters = code_points(joined);
    for (size_t j = i + 1; j < words.size() && j - i < kMaxMergeParts; ++j) {
      const Token& t = toks[words[j].first];
      if (!t.space_before || words[j].first != words[j - 1].last + 1) break;
      joined += words[j].observed;
      letters += code_points(words[j].observed);
      if (letters > kMaxSyllableLetters) break;
      any_fragment = any_fragment || !(words[j].first == words[j].last && known_part(d, keys, t, text));
      if (!any_fragment) continue;
      bool known = viet::has_diacritics(joined) ? keys.known_id(joined) != format::kUnk
                                                : d.candidates_of(viet::fold(joined)) != nullptr;
      if (known) {
        best = j;
        best_text = joined;
      }
    }
    if (best == i) {
      out.push_back(std::move(words[i]));
      ++i;
      continue;
    }
    out.push_back(OcrWord{words[i].first, words[best].last, best_text, true});
    i = best + 1;
  }
  return out;
}

// Shares of unknown words in clean text and in bad OCR output (measured on held-out text and on
// eval/dev/seed-001.txt).
constexpr double kCleanNoise = 0.01, kBadNoise = 0.15;

struct DocStats {
  ChannelCosts costs;
  float replace_known = 3.0f;        // penalty for replacing a known word
  float keep_unknown_marked = 0.2f;  // cost of keeping a well-formed syllable the corpus lacks
  float restore_known = 0.0f;        // extra cost of adding marks to a known bare word ("phong")
  float keep_unknown = 1.5f;         // cost of keeping a word that is no syllable (ciia, C&c, Mg)
};

DocStats doc_stats(const ModelData& d, WordKeys& keys, std::string_view text, const std::vector<Token>& toks) {
  DocStats s;
  MarkCount mc = count_marks(text, toks, 0, toks.size());
  // Words (two letters or more, not codes) that are no syllable the corpus knows: a few percent in
  // clean text (names, foreign words), a quarter or more in bad OCR output.
  size_t words = 0, unknown = 0;
  for (const Token& t : toks) {
    if (!t.is_word() || t.fold.size() < 2 || looks_like_code(t.text(text))) continue;
    ++words;
    bool known = t.diacritics ? keys.known_id(t.text(text)) != format::kUnk
                              : d.candidates_of(t.fold) != nullptr;
    if (!known) ++unknown;
  }
  // Marks missing: cheap in text typed or read without them, dear in text that has them.
  double keep = mc.syllables ? std::min(0.999, mc.ratio() / 0.86) : 0.0;
  float drop = static_cast<float>(-std::log10(1.0 - keep));
  // Capped: even in text with all its marks, OCR loses a dot or a hook now and then.
  s.costs.drop_tone = std::clamp(drop, 0.05f, 1.0f);
  s.costs.drop_modifier = std::clamp(drop, 0.05f, 1.0f);
  s.costs.rule_tone = std::min(s.costs.drop_tone, 0.3f);
  // A bare word that is a word as written ("phong", "trong") in text that has its marks is meant
  // as written, as restore_text assumes: the cap above must not make restoring it cheap.
  s.restore_known = std::max(0.0f, drop - s.costs.drop_tone);
  // Where many words are no known syllable, the OCR is bad: a known word is then less trustworthy
  // too (it may be another word misread), and an unknown one more likely a slip.
  double noise = words ? static_cast<double>(unknown) / static_cast<double>(words) : 0.0;
  double trust = 1.0 - std::clamp((noise - kCleanNoise) / (kBadNoise - kCleanNoise), 0.0, 1.0);
  s.replace_known = static_cast<float>(3.0 * trust + 0.7);
  // Keeping an unknown word puts <unk> in the context, and <unk> stands for every rare word of the
  // corpus at once, so it is likelier than any one of them. In noisy text the cost of keeping
  // makes up for that; in clean text unknown words are mostly names, symbols and foreign words.
  s.keep_unknown_marked = static_cast<float>(3.0 * (1.0 - trust) + 0.2);
  s.keep_unknown = static_cast<float>(2.3 * (1.0 - trust) + 0.8);
  return s;
}

size_t letter_count(std::string_view s) {
  size_t n = 0, len = 0;
  for (size_t i = 0; i < s.size(); i += len)
    if (viet::is_letter(utf8::decode(s, i, &len))) ++n;
  return n;
}

// "a1)", "b2)": numbered list items, not a letter OCR read as a digit.
bool enumeration_mark(const std::vector<Token>& toks, const OcrWord& ow, size_t line_end) {
  return ow.last > ow.first && letter_count(ow.observed) == 1 && toks[ow.first].is_word() &&
         toks[ow.last].is_number() && ow.last + 1 < line_end && toks[ow.last + 1].is_punct(')');
}

// A single letter that numbers a list item ("a)", "(b)", "đ.") is kept as written.
bool enumeration_letter(const std::vector<Token>& toks, const OcrWord& ow, size_t line_end) {
  if (ow.first != ow.last || letter_count(ow.observed) != 1)
    return enumeration_mark(toks, ow, line_end);
  bool close = ow.last + 1 < line_end &&
               (toks[ow.last + 1].is_punct(')') || toks[ow.last + 1].is_punct('.'));
  bool open = ow.first > 0 && toks[ow.first - 1].is_punct('(');
  return close || open;
}

// The lattice choices of one OCR word. Choice 0 keeps the word as written (except for a split
// syllable, which is joined): free for a word the corpus knows, dearer the less the word looks
// like one. Replacing a known word by other letters or other marks costs a penalty that the
// context has to outweigh; restoring the marks of a bare word does not. `capital`: +1 / -1 when
// the word's case says something (capitalised / lower case mid-line), else 0.
constexpr float kMisreadKeepCost = 3.0f;

bool misread_inside(std::string_view w) {
  std::u32string cps;
  size_t len = 0;
  for (size_t i = 0; i < w.size(); i += len) cps.push_back(utf8::decode(w, i, &len));
  for (size_t i = 1; i + 1 < cps.size(); ++i)
    if (!viet::is_letter(cps[i]) && cps[i] != U'-' && cps[i] != U'\'' && viet::is_letter(cps[i - 1]) &&
        viet::is_letter(cps[i + 1]))
      return true;
  return false;
}

// What the choices of a word depend on besides its case, found once per word (lower case).
struct WordFacts {
  std::vector<Candidate> cands;
  std::vector<bool> same_fold;  // the candidate is the word with other marks
  bool marked = false;          // the word has marks
  bool misread = false;         // misread_inside
};

WordFacts word_facts(const ModelData& d, std::string_view observed, std::vector<Candidate> cands) {
  WordFacts f;
  f.marked = viet::has_diacritics(observed);
  f.misread = misread_inside(observed);
  std::string fold = viet::fold(observed);
  for (const Candidate& c : cands) f.same_fold.push_back(viet::fold(d.words[c.id]) == fold);
  f.cands = std::move(cands);
  return f;
}

std::vector<Choice> word_choices(const ModelData& d, WordKeys& keys, const DocStats& stats, const OcrWord& ow,
                                 uint16_t keep_id, const WordFacts& facts, int capital) {
  const WordKeys::Key& k = keys.of(ow.observed);
  bool syllable = k.syllable;
  uint16_t id = syllable ? k.id : format::kUnk;
  bool marked = facts.marked;
  const std::vector<Candidate>& cands = facts.cands;
  float keep_cost, penalty;
  if (id != format::kUnk && d.known(id)) {
    keep_cost = 0.0f, penalty = stats.replace_known;
  } else if (id != format::kUnk) {
    keep_cost = 0.0f, penalty = stats.replace_known / 2;  // seen once or twice: maybe a typo
  } else if (syllable && marked) {
    keep_cost = stats.keep_unknown_marked, penalty = 0.0f;  // a rare word, or marks OCR invented
  } else {
    keep_cost = stats.keep_unknown, penalty = 0.0f;
  }
  // A symbol or a digit between two letters ("Nguy€n", "ng&y", "ph0ng") is never meant: keeping
  // such a word costs as much as in the noisiest text.
  if (id == format::kUnk && facts.misread) keep_cost = std::max(keep_cost, kMisreadKeepCost);
  std::vector<Choice> choices;
  if (!ow.joined) choices.push_back(Choice{keep_id, -keep_cost});
  for (size_t ci = 0; ci < cands.size(); ++ci) {
    const Candidate& c = cands[ci];
    if (c.id == keep_id && !ow.joined) continue;
    float cost = -c.cost;
    if (marked || !facts.same_fold[ci])
      cost -= penalty;
    else if (id != format::kUnk)
      cost -= stats.restore_known;
    if (capital != 0) cost += detail::kCaseWeight * d.case_cost(c.id, capital > 0);
    choices.push_back(Choice{c.id, cost});
  }
  return choices;
}

// What repair_ocr carries from segment to segment.
struct OcrRun {
  const ModelData& d;
  const std::vector<Confusion>& conf;
  std::string_view text;
  const std::vector<Token>& toks;
  const std::vector<bool>& fixed;
  WordKeys& keys;
  DocStats stats;
  std::unordered_map<std::string, WordFacts> cache;  // observed, lower case -> candidates...
  Rewriter out;
  ReachScratch reach{};

  // Decodes tokens [b, e) of a line and writes the repaired words.
  void segment(size_t b, size_t e) {
    std::vector<OcrWord> words =
        join_split_syllables(d, keys, text, toks, find_ocr_words(text, toks, b, e, fixed, conf));
    Lattice lattice;
    std::vector<OcrWord> at;  // the word (or single token) of each position
    std::vector<bool> open;   // position decided by the decoder; choice 0 = keep as written
    size_t w = 0;
    for (size_t i = b; i < e;) {
      if (w == words.size() || words[w].first != i) {
        Choice c{keys.context_id(text, toks[i]), 0.0f};
        lattice.add(&c, 1);
        at.push_back(OcrWord{i, i, {}, false});
        open.push_back(false);
        ++i;
        continue;
      }
      const OcrWord& ow = words[w++];
      uint16_t keep_id =
          ow.first == ow.last ? keys.context_id(text, toks[i]) : keys.known_id(ow.observed);
      std::vector<Choice> choices;
      // Longer than any syllable with its slips (4 bytes a code point at most): not an OCR word.
      bool too_long = ow.observed.size() > 4 * kMaxObserved;
      if (!too_long &&
          (ow.joined || (!looks_like_code(ow.observed, &conf) && !enumeration_letter(toks, ow, e)))) {
        std::string lower = viet::to_lower(ow.observed);
        auto it = cache.find(lower);
        if (it == cache.end())
          it = cache
                   .emplace(lower, word_facts(d, ow.observed,
                                              find_candidates(d, observe(ow.observed, conf), conf, stats.costs, reach)))
                   .first;
        int capital = !ow.joined && case_informative(toks, i) ? (toks[i].capitalized ? 1 : -1) : 0;
        choices = word_choices(d, keys, stats, ow, keep_id, it->second, capital);
      }
      bool decide = choices.size() > (ow.joined ? 0u : 1u);
      if (!decide) choices.assign(1, Choice{keep_id, 0.0f});
      lattice.add(choices.data(), choices.size());
      at.push_back(ow);
      open.push_back(decide);
      i = ow.last + 1;
    }
    if (std::find(open.begin(), open.end(), true) == open.end()) return;
    std::vector<uint32_t> path = detail::best_path(d, lattice, kOcrBeam);
    for (size_t p = 0; p < path.size(); ++p) {
      if (!open[p] || (path[p] == 0 && !at[p].joined)) continue;  // kept as written
      const std::string& word = d.words[lattice.choices[lattice.start[p] + path[p]].id];
      uint32_t from = toks[at[p].first].begin, to = toks[at[p].last].end;
      std::string repl = apply_word_case(at[p].observed, word);
      if (repl != text.substr(from, to - from)) out.replace(from, to, repl);
    }
  }
};

}  // namespace

std::vector<std::pair<uint16_t, float>> ocr_candidates(const Model& m, std::string_view word,
                                                       const std::vector<Confusion>& conf,
                                                       const ChannelCosts& costs, bool every_syllable) {
  std::vector<std::pair<uint16_t, float>> out;
  ReachScratch scratch;
  for (const Candidate& c : find_candidates(m.data(), observe(word, conf), conf, costs, scratch, every_syllable))
    out.emplace_back(c.id, c.cost);
  return out;
}

Restored repair_ocr(const Model& m, std::string_view text) {
  return repair_ocr(m, text, tokenize(text), rules::Rules::builtin());
}

Restored repair_ocr(const Model& m, std::string_view text, const rules::Rules& rules) {
  return repair_ocr(m, text, tokenize(text), rules);
}

Restored repair_ocr(const Model& m, std::string_view text, const std::vector<Token>& toks,
                    const rules::Rules& rules) {
  std::vector<bool> fixed = protected_words(text, toks);
  WordKeys keys(m.data());
  OcrRun run{m.data(), confusions(rules), text,          toks, fixed, keys, doc_stats(m.data(), keys, text, toks),
             {},       Rewriter(text), {}};
  size_t line_begin = 0;
  while (line_begin < toks.size()) {
    size_t line_end = line_begin;
    while (line_end < toks.size() && toks[line_end].kind != TokKind::kNewline) ++line_end;
    for (auto [b, e] : segments(toks, line_begin, line_end)) run.segment(b, e);
    line_begin = line_end + 1;
  }
  return run.out.finish();
}

}  // namespace dondoc::restore
