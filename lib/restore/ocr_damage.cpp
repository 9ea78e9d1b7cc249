// The inverse of repair_ocr's channel, for measuring it: clean text in, OCR-like text out.
#include <algorithm>
#include <cmath>
#include <random>

#include "core/tokens.h"
#include "core/utf8.h"
#include "core/viet.h"
#include "restore/internal.h"
#include "restore/ocr.h"

namespace dondoc::restore {
namespace {

struct Letters {
  std::u32string cps, bases;
};

Letters letters_of(std::string_view w) {
  Letters l;
  size_t len = 0;
  for (size_t i = 0; i < w.size(); i += len) {
    char32_t cp = utf8::decode(w, i, &len);
    l.cps.push_back(cp);
    l.bases.push_back(viet::decompose(viet::to_lower(cp)).base);
  }
  return l;
}

std::string to_utf8(const std::u32string& s) {
  std::string out;
  for (char32_t cp : s) utf8::append(out, cp);
  return out;
}

// Replaces one occurrence of a confusion's intended letters by what OCR prints, weighted by how
// common the confusion is; case follows the first replaced letter.
bool confuse(Letters& w, std::mt19937& rng) {
  const auto& conf = builtin_confusions();
  std::vector<std::pair<size_t, const Confusion*>> options;
  std::vector<double> weights;
  for (const auto& c : conf) {
    for (size_t i = 0; i + c.intended.size() <= w.bases.size(); ++i) {
      if (w.bases.compare(i, c.intended.size(), c.intended) != 0) continue;
      options.emplace_back(i, &c);
      weights.push_back(std::pow(10.0, -c.cost));
    }
  }
  if (options.empty()) return false;
  std::discrete_distribution<size_t> pick(weights.begin(), weights.end());
  auto [at, c] = options[pick(rng)];
  std::u32string obs = c->observed;
  if (viet::is_upper(w.cps[at]))
    for (char32_t& cp : obs) cp = viet::to_upper(cp);
  w.cps = w.cps.substr(0, at) + obs + w.cps.substr(at + c->intended.size());
  return true;
}

void set_tone(Letters& w, uint8_t tone) {
  for (char32_t& cp : w.cps) {
    viet::Letter l = viet::decompose(cp);
    if (l.tone != viet::kNoTone) cp = viet::compose(l.base, tone, l.upper);
  }
}

void drop_modifier(Letters& w, std::mt19937& rng) {
  std::vector<size_t> at;
  for (size_t i = 0; i < w.cps.size(); ++i) {
    viet::Letter l = viet::decompose(w.cps[i]);
    if (viet::fold_char(l.base) != l.base) at.push_back(i);
  }
  if (at.empty()) return;
  size_t i = at[rng() % at.size()];
  viet::Letter l = viet::decompose(w.cps[i]);
  w.cps[i] = viet::compose(viet::fold_char(l.base), l.tone, l.upper);
}

}  // namespace

std::string damage_like_ocr(std::string_view text, uint32_t seed, OcrDamage kind) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  std::vector<Token> toks = tokenize(text);
  std::string out;
  size_t pos = 0;
  for (const Token& t : toks) {
    out.append(text.substr(pos, t.begin - pos));
    pos = t.end;
    std::string_view word = t.text(text);
    if (!t.is_word()) {
      out.append(word);
      continue;
    }
    Letters w = letters_of(word);
    double p = u(rng);
    if (kind == OcrDamage::kLatinOcr) {
      if (p < 0.15) confuse(w, rng);
      out += viet::strip_marks(to_utf8(w.cps));
      continue;
    }
    uint8_t tone = viet::kNoTone;
    for (char32_t cp : w.cps) tone = std::max<uint8_t>(tone, viet::decompose(cp).tone);
    if (p < 0.04) {
      confuse(w, rng);
    } else if (p < 0.055) {
      set_tone(w, viet::kNoTone);
    } else if (p < 0.07 && tone != viet::kNoTone) {
      set_tone(w, static_cast<uint8_t>(1 + (tone + rng() % 4) % 5));  // another of the five
    } else if (p < 0.10) {
      drop_modifier(w, rng);
    } else if (p < 0.11 && w.cps.size() >= 3) {
      w.cps.insert(1 + rng() % (w.cps.size() - 1), 1, U' ');
    }
    out += to_utf8(w.cps);
  }
  out.append(text.substr(pos));
  return out;
}

namespace {
// The key a word is scored by: its syllable key (case and tone placement aside), else lower case.
std::string score_key(std::string_view word) {
  bool syllable = false;
  std::string key = word_key(word, &syllable);
  return syllable ? key : viet::to_lower(word);
}
}  // namespace

double syllable_accuracy(std::string_view got, std::string_view gold) {
  std::vector<std::string> x, y;
  for (const Token& t : tokenize(got))
    if (t.is_word()) x.push_back(score_key(t.text(got)));
  for (const Token& t : tokenize(gold))
    if (t.is_word()) y.push_back(score_key(t.text(gold)));
  if (x.size() != y.size() || y.empty()) return 0.0;
  size_t ok = 0;
  for (size_t i = 0; i < x.size(); ++i) ok += x[i] == y[i];
  return static_cast<double>(ok) / static_cast<double>(y.size());
}

double ocr_word_accuracy(std::string_view got, std::string_view gold) {
  auto lines = [](std::string_view text) {
    std::vector<std::vector<std::string>> out(1);
    for (const Token& t : tokenize(text)) {
      if (t.kind == TokKind::kNewline)
        out.emplace_back();
      else if (t.is_word())
        out.back().emplace_back(t.text(text));
    }
    return out;
  };
  auto a = lines(got), b = lines(gold);
  size_t ok = 0, words = 0;
  std::vector<size_t> prev, cur;
  for (size_t l = 0; l < b.size(); ++l) {
    words += b[l].size();
    if (l >= a.size()) continue;
    const auto &x = a[l], &y = b[l];
    prev.assign(y.size() + 1, 0);
    for (size_t i = 1; i <= x.size(); ++i) {
      cur.assign(y.size() + 1, 0);
      for (size_t j = 1; j <= y.size(); ++j)
        cur[j] = x[i - 1] == y[j - 1] ? prev[j - 1] + 1 : std::max(prev[j], cur[j - 1]);
      prev.swap(cur);
    }
    ok += prev[y.size()];
  }
  return words ? static_cast<double>(ok) / static_cast<double>(words) : 0.0;
}

}  // namespace dondoc::restore
