// Diacritics restoration: each line becomes a lattice (one position per token, the candidates of
// the folded word at positions written without marks) decoded with the n-gram model; the chosen
// words are written back with the input's letter case, everything else is copied verbatim.
#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "core/text_map.h"
#include "core/tokens.h"
#include "core/utf8.h"
#include "core/viet.h"
#include "normalize/normalize.h"
#include "restore/internal.h"
#include "restore/text.h"

namespace dondoc::restore {

using detail::Choice;
using detail::Lattice;

namespace {

// Share of words carrying marks in text written normally (measured on corpus/lm and train).
constexpr double kNormalMarkedShare = 0.86;
// Candidates seen this many times less often than the commonest spelling of the same letters
// are not tried: on held-out text they win almost never (-0.02% accuracy) and cost a quarter of
// the decoding time.
constexpr uint64_t kRareCandidate = 1000;
// Below this many syllable-shaped words a line's own share of marked words says little.
constexpr size_t kMinWordsForLineRatio = 8;

// log10 of the probability that a word which has marks was written without them, judged from
// how many words of the surrounding text kept theirs. 0 for stripped text; about -3 for text
// written normally, where a bare "ban" is then meant as "ban".
float stripped_cost(const MarkCount& line, const MarkCount& doc) {
  const MarkCount& c = line.syllables >= kMinWordsForLineRatio ? line : doc;
  if (c.syllables == 0) return 0.0f;
  double keep = std::min(0.999, c.ratio() / kNormalMarkedShare);
  return static_cast<float>(std::log10(1.0 - keep));
}

}  // namespace

namespace {
// A vowel with a tone or a modifier (abbreviations such as "QĐ", "HĐND" carry only đ).
bool vowel_marked(std::string_view w) {
  size_t len = 0;
  for (size_t k = 0; k < w.size(); k += len) {
    auto c = static_cast<unsigned char>(w[k]);
    if (c < 0x80) {
      len = 1;
      continue;
    }
    viet::Letter l = viet::decompose(utf8::decode(w, k, &len));
    if (l.tone != viet::kNoTone || (viet::is_vowel_base(l.base) && l.base > 0x7F)) return true;
  }
  return false;
}

// Letters OCR engines print inside words ("ng&y", "L&ng", "c0ng", "tru€ng"): a symbol or a
// digit between two lower-case letters of one word, which typed text almost never has.
bool misread_inside_word(std::string_view text, const std::vector<Token>& toks, size_t i) {
  if (i == 0 || i + 1 >= toks.size()) return false;
  const Token& t = toks[i];
  if (t.space_before || toks[i + 1].space_before || !toks[i - 1].is_word() || !toks[i + 1].is_word()) return false;
  bool symbol = t.kind == TokKind::kPunct && (t.is_punct('&') || t.is_punct('@') || t.is_punct('$') ||
                                              t.text(text) == "€");
  bool digit = t.is_number() && t.fold.size() == 1;
  return (symbol || digit) && !toks[i + 1].upper && !toks[i + 1].capitalized;
}
}  // namespace

MarkCount count_marks(std::string_view text, const std::vector<Token>& toks, size_t begin,
                      size_t end) {
  // What counts about a word depends on its spelling only, and a text repeats its words: each
  // spelling is looked at once.
  struct Facts {
    bool syllable;    // its fold is a well-formed syllable
    bool broken;      // marks on a vowel, yet no syllable
    bool vietnamese;  // a letter only Vietnamese has
  };
  auto facts_of = [&](const Token& t, std::string_view w) {
    Facts f{normalize::is_syllable(t.fold), false, false};
    f.broken = t.diacritics && w.size() > 2 && vowel_marked(w) && !normalize::is_syllable(w);
    if (f.syllable && t.diacritics) {
      size_t len = 0;
      for (size_t k = 0; k < w.size() && !f.vietnamese; k += len) {
        char32_t b = viet::decompose(utf8::decode(w, k, &len)).base;
        f.vietnamese = b == U'ă' || b == U'ơ' || b == U'ư' || b == U'đ';
      }
    }
    return f;
  };
  TextIndex<Facts> seen;  // the facts of each spelling met, where the range is long enough to repeat
  bool memo = end - begin > 64;
  MarkCount c;
  for (size_t i = begin; i < end; ++i) {
    const Token& t = toks[i];
    if (!t.is_word()) {
      if (misread_inside_word(text, toks, i)) ++c.misread;
      continue;
    }
    ++c.words;
    std::string_view w = t.text(text);
    Facts f;
    if (!memo) {
      f = facts_of(t, w);
    } else {
      bool fresh = false;
      Facts& known = seen.at(w, &fresh);
      if (fresh) known = facts_of(t, w);
      f = known;
    }
    if (f.broken) c.broken.push_back(viet::to_lower(w));
    if (!f.syllable) continue;
    ++c.syllables;
    if (!t.diacritics) continue;
    ++c.marked;
    c.vietnamese += f.vietnamese;
  }
  return c;
}

bool case_informative(const std::vector<Token>& toks, size_t i) {
  const Token& t = toks[i];
  if (i == 0 || !t.is_word() || t.upper || t.fold.size() < 2) return false;
  const Token& p = toks[i - 1];
  return p.kind == TokKind::kWord || p.kind == TokKind::kNumber || p.is_punct(',');
}

std::vector<std::pair<size_t, size_t>> segments(const std::vector<Token>& toks, size_t begin,
                                                size_t end) {
  std::vector<std::pair<size_t, size_t>> out;
  size_t b = begin;
  for (size_t i = begin; i < end; ++i) {
    size_t n = i + 1 - b;
    const Token& t = toks[i];
    bool stop = t.is_punct('.') || t.is_punct(';') || t.is_punct('!') || t.is_punct('?');
    if ((n >= kSoftSegment && stop) || n >= kHardSegment) {
      out.emplace_back(b, i + 1);
      b = i + 1;
    }
  }
  if (b < end || out.empty()) out.emplace_back(b, end);
  return out;
}

std::vector<bool> protected_words(std::string_view text, const std::vector<Token>& toks) {
  std::vector<bool> keep(toks.size(), false);
  size_t i = 0;
  while (i < toks.size()) {
    // A chunk: tokens glued together without spaces.
    size_t j = i + 1;
    while (j < toks.size() && !toks[j].space_before && toks[j].kind != TokKind::kNewline &&
           toks[j - 1].kind != TokKind::kNewline)
      ++j;
    std::string_view chunk = text.substr(toks[i].begin, toks[j - 1].end - toks[i].begin);
    std::string lower = viet::to_lower(chunk);
    auto ends_with = [&](std::string_view s) {
      return lower.size() > s.size() && lower.compare(lower.size() - s.size(), s.size(), s) == 0;
    };
    bool url = lower.find('@') != std::string::npos || lower.find("://") != std::string::npos ||
               lower.find("www.") != std::string::npos || ends_with(".vn") || ends_with(".com") ||
               ends_with(".org") || ends_with(".net") || ends_with(".html") || ends_with(".pdf") ||
               ends_with(".docx") || ends_with(".doc");
    if (url)
      for (size_t k = i; k < j; ++k) keep[k] = true;
    i = j;
  }
  return keep;
}

uint16_t context_id(const detail::ModelData& d, std::string_view text, const Token& t) {
  switch (t.kind) {
    case TokKind::kNumber:
      return format::kNum;
    case TokKind::kPunct: {
      uint16_t id = d.id(t.text(text));
      return id == format::kUnk ? format::kPunct : id;
    }
    case TokKind::kWord:
      return t.diacritics ? d.id(word_key(t.text(text))) : d.id(t.fold);
    case TokKind::kNewline:
      break;
  }
  return format::kUnk;
}

void Rewriter::replace(uint32_t begin, uint32_t end, std::string_view with) {
  if (begin < pos_) return;
  builder_.copy(static_cast<uint32_t>(out_.size()), begin - pos_, pos_);
  out_.append(text_.substr(pos_, begin - pos_));
  builder_.replace(static_cast<uint32_t>(out_.size()), static_cast<uint32_t>(with.size()), begin,
                   end - begin);
  out_.append(with);
  pos_ = end;
  ++changed_;
}

Restored Rewriter::finish() {
  auto n = static_cast<uint32_t>(text_.size());
  builder_.copy(static_cast<uint32_t>(out_.size()), n - pos_, pos_);
  out_.append(text_.substr(pos_));
  pos_ = n;
  Restored r;
  r.text = std::move(out_);
  r.map = builder_.build();
  r.changed = changed_;
  return r;
}

Restored restore_text(const Model& m, std::string_view text) { return restore_text(m, text, tokenize(text)); }

Restored restore_text(const Model& m, std::string_view text, const std::vector<Token>& toks) {
  const detail::ModelData& d = m.data();
  std::vector<bool> fixed = protected_words(text, toks);
  MarkCount doc = count_marks(text, toks, 0, toks.size());
  Rewriter out(text);
  Lattice lattice;
  std::vector<size_t> at;       // token index of each lattice position
  std::vector<bool> choosable;  // position decided by the decoder
  size_t line_begin = 0;
  while (line_begin < toks.size()) {
    size_t line_end = line_begin;
    while (line_end < toks.size() && toks[line_end].kind != TokKind::kNewline) ++line_end;
    float cost = stripped_cost(count_marks(text, toks, line_begin, line_end), doc);
    for (auto [seg_begin, seg_end] : segments(toks, line_begin, line_end)) {
      lattice.clear();
      at.clear();
      choosable.clear();
      bool any = false;
      for (size_t i = seg_begin; i < seg_end; ++i) {
        const Token& t = toks[i];
        const std::vector<uint16_t>* cands = nullptr;
        if (t.is_word() && !t.diacritics && !fixed[i]) cands = d.candidates_of(t.fold);
        at.push_back(i);
        choosable.push_back(cands != nullptr);
        if (!cands) {
          Choice c{context_id(d, text, t), 0.0f};
          lattice.add(&c, 1);
          continue;
        }
        any = true;
        Choice buf[256];
        size_t n = 0;
        bool by_case = case_informative(toks, i);
        uint32_t top = d.counts[cands->front()];
        for (uint16_t id : *cands) {
          if (n == 256) break;
          if (n > 0 && uint64_t{d.counts[id]} * kRareCandidate < top) continue;
          float c = d.words[id] == t.fold ? 0.0f : cost;
          if (by_case) c += detail::kCaseWeight * d.case_cost(id, t.capitalized);
          buf[n++] = Choice{id, c};
        }
        lattice.add(buf, n);
      }
      if (!any) continue;
      std::vector<uint32_t> path = detail::best_path(d, lattice);
      for (size_t p = 0; p < path.size(); ++p) {
        if (!choosable[p]) continue;
        const Token& t = toks[at[p]];
        const std::string& word = d.words[lattice.choices[lattice.start[p] + path[p]].id];
        if (word == t.fold) continue;
        out.replace(t.begin, t.end, detail::apply_case(t.text(text), word));
      }
    }
    line_begin = line_end + 1;
  }
  return out.finish();
}

MarkAssessment assess_marks(std::string_view text) { return assess_marks(text, tokenize(text)); }

MarkAssessment assess_marks(std::string_view text, const std::vector<Token>& toks) {
  // One pass over the words: marks, broken marked words, letters misread inside words.
  MarkCount c = count_marks(text, toks, 0, toks.size());
  MarkAssessment m;
  m.ratio = c.ratio();
  // Stripped Vietnamese is nearly all syllable-shaped; English and identifiers are not.
  bool vietnamese = c.syllables >= 3 && static_cast<double>(c.syllables) >= 0.7 * static_cast<double>(c.words);
  // An OCR engine without Vietnamese prints accents (é, à) but none of the letters only Vietnamese
  // has; in real text a fifth of the words or more have one (ă ơ ư đ).
  m.needs_restoration = vietnamese && (c.ratio() < 0.05 || (c.syllables >= 30 && static_cast<double>(c.vietnamese) <
                                                                                      0.02 * static_cast<double>(c.syllables)));
  // Typed text has (almost) no marked word that is no syllable; OCR output has one in a few
  // hundred ("Thirơng", "nhlễm", "cáe").
  // Loan words and names repeat ("lơxit", "Đắk Lắk"); misreadings are mostly each different.
  std::sort(c.broken.begin(), c.broken.end());
  size_t broken = static_cast<size_t>(std::unique(c.broken.begin(), c.broken.end()) - c.broken.begin());
  m.ocr_damaged = vietnamese && !m.needs_restoration && broken >= 3 &&
                  static_cast<double>(broken) >= 0.002 * static_cast<double>(c.syllables);
  size_t misread = m.needs_restoration ? c.misread : 0;
  m.ocr_unmarked = misread >= 3 && static_cast<double>(misread) >= 0.003 * static_cast<double>(c.syllables);
  return m;
}

double diacritics_ratio(std::string_view text) { return assess_marks(text).ratio; }

bool needs_restoration(std::string_view text) { return assess_marks(text).needs_restoration; }

}  // namespace dondoc::restore
