#include "rules/phrase_table.h"

#include <algorithm>

#include "core/short_key.h"
#include "core/viet.h"

namespace dondoc::rules {

std::vector<std::string> fold_words(std::string_view phrase) {
  std::vector<std::string> out;
  for (const Token& t : tokenize(phrase)) {
    if (t.kind == TokKind::kWord || t.kind == TokKind::kNumber) out.emplace_back(t.fold);
  }
  return out;
}

void PhraseTable::add(std::string_view phrase, int value) {
  std::vector<std::string> lower;
  for (const Token& t : tokenize(phrase))
    if (t.kind == TokKind::kWord || t.kind == TokKind::kNumber) lower.push_back(viet::to_lower(t.text(phrase)));
  add_folded(fold_words(phrase), value, std::move(lower));
}

void PhraseTable::add_folded(std::vector<std::string> words, int value, std::vector<std::string> lower) {
  if (words.empty()) return;
  if (words[0].size() <= ShortKey::kMax)
    first_words_.set(ShortKey::of(words[0]).hash() & (first_words_.size() - 1));
  else
    long_first_ = true;
  auto& v = by_first_.at(words[0]);
  for (auto& e : v) {
    if (e.words == words && e.lower == lower) { e.value = value; return; }
  }
  v.push_back(Entry{std::move(words), std::move(lower), value});
  std::stable_sort(v.begin(), v.end(),
                   [](const Entry& a, const Entry& b) { return a.words.size() > b.words.size(); });
  ++count_;
}

PhraseTable::Match PhraseTable::match(const std::vector<Token>& toks, size_t i, bool allow_newlines,
                                      std::string_view text) const {
  if (i >= toks.size()) return {};
  const Token& first = toks[i];
  if (first.kind != TokKind::kWord && first.kind != TokKind::kNumber) return {};
  if (first.fold.size() <= ShortKey::kMax
          ? !first_words_.test(ShortKey::of(first.fold).hash() & (first_words_.size() - 1))
          : !long_first_)
    return {};
  const std::vector<Entry>* entries = by_first_.find(first.fold);
  if (!entries) return {};
  for (const Entry& e : *entries) {  // longest first
    size_t j = i;
    size_t w = 0;
    bool ok = true;
    while (w < e.words.size()) {
      if (j >= toks.size()) { ok = false; break; }
      const Token& t = toks[j];
      if (w > 0) {
        // skip separators allowed between words
        if (t.kind == TokKind::kNewline && allow_newlines) { ++j; continue; }
        if ((t.is_punct('-') || t.is_punct(',')) && j + 1 < toks.size()) { ++j; continue; }
      }
      if ((t.kind != TokKind::kWord && t.kind != TokKind::kNumber) || !same_text(t.fold, e.words[w])) {
        ok = false;
        break;
      }
      if (!text.empty() && t.diacritics && w < e.lower.size() &&
          !viet::lower_equals_lowered(t.text(text), e.lower[w])) {
        ok = false;
        break;
      }
      ++w;
      ++j;
    }
    if (ok) return Match{static_cast<int>(j - i), e.value, static_cast<int>(e.words.size())};
  }
  return {};
}

bool PhraseTable::contains(std::string_view phrase) const {
  auto words = fold_words(phrase);
  if (words.empty()) return false;
  const std::vector<Entry>* entries = by_first_.find(words[0]);
  if (!entries) return false;
  for (const Entry& e : *entries)
    if (e.words == words) return true;
  return false;
}

}  // namespace dondoc::rules
