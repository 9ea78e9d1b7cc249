// Normal case for upper-case header and signature text, and value clean-up.
#include <algorithm>
#include <string>

#include "core/utf8.h"
#include "core/viet.h"
#include "structure/structure.h"

namespace dondoc::structure {
namespace {

std::string capitalize(std::string_view w) {
  std::string out;
  size_t len = 0;
  bool first = true;
  for (size_t i = 0; i < w.size(); i += len) {
    char32_t cp = utf8::decode(w, i, &len);
    utf8::append(out, first ? viet::to_upper(cp) : viet::to_lower(cp));
    if (!(cp >= 0x300 && cp <= 0x36F)) first = false;
  }
  return out;
}

bool is_roman(std::string_view w) {
  if (w.empty()) return false;
  for (char c : w)
    if (c != 'I' && c != 'V' && c != 'X' && c != 'L' && c != 'C' && c != 'M') return false;
  return true;
}

// Case of `word` shaped like `model` (a word of a rules phrase): "Ủy" -> capitalised,
// "UBND" -> upper, "ban" -> lower.
std::string shape_like(std::string_view word, std::string_view model) {
  size_t len = 0;
  char32_t first = utf8::decode(model, 0, &len);
  bool all_upper = true;
  int letters = 0;
  for (size_t i = 0; i < model.size(); i += len) {
    char32_t cp = utf8::decode(model, i, &len);
    if (!viet::is_letter(cp)) continue;
    ++letters;
    if (!viet::is_upper(cp)) all_upper = false;
  }
  if (all_upper && letters > 1) return viet::to_upper(word);
  if (viet::is_upper(first)) return capitalize(word);
  return viet::to_lower(word);
}

}  // namespace

std::string clean_value(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  // Leading list markers and trailing punctuation or OCR dashes.
  // One erase: erasing one character at a time walks the rest of a long run of dashes each time.
  out.erase(0, std::min(out.size(), out.find_first_not_of("-+ ")));
  while (!out.empty()) {
    char c = out.back();
    if (c == ',' || c == ';' || c == '.' || c == ':' || c == ' ' || c == '-') out.pop_back();
    else break;
  }
  // A final "./." ending mark.
  if (out.size() >= 2 && out.compare(out.size() - 2, 2, "./") == 0) out.resize(out.size() - 2);
  while (!out.empty() && (out.back() == ' ' || out.back() == '.')) out.pop_back();
  return out;
}

std::string normal_case(std::string_view phrase, const rules::Rules& rules) {
  auto toks = tokenize(phrase);
  bool any_lower = false;
  for (const auto& t : toks)
    if (t.kind == TokKind::kWord && !t.upper) any_lower = true;
  if (any_lower) return clean_value(phrase);
  std::string out;
  bool place = false;   // words that follow an administrative level are a place name
  bool first = true;
  std::vector<std::string> model_words;
  size_t i = 0;
  auto add = [&](const Token& t, const std::string& s) {
    if (!out.empty() && t.space_before) out.push_back(' ');
    out += s;
  };
  while (i < toks.size()) {
    const Token& t = toks[i];
    if (t.kind != TokKind::kWord) {
      if (t.kind == TokKind::kPunct && !t.is("-")) place = false;
      add(t, std::string(t.text(phrase)));
      ++i;
      continue;
    }
    std::string word(t.text(phrase));
    // Abbreviations and Roman numerals stay upper case.
    if (rules.abbreviations.count(rules::code_key_exact(word)) || (is_roman(word) && word.size() >= 2) ||
        (rules.issuer_code(word) && !t.diacritics && word.size() <= 7 && !rules.term_table.match(toks, i).length)) {
      add(t, word);
      place = false;
      first = false;
      ++i;
      continue;
    }
    auto m = rules.term_table.match(toks, i, false);
    if (m.length > 0) {
      const std::string& term = rules.terms[m.value];
      auto model = tokenize(term);
      std::vector<std::string_view> model_texts;
      for (const auto& mt : model)
        if (mt.kind == TokKind::kWord || mt.kind == TokKind::kNumber) model_texts.push_back(mt.text(term));
      size_t w = 0;
      for (int k = 0; k < m.length; ++k) {
        const Token& tk = toks[i + k];
        if (tk.kind == TokKind::kWord && w < model_texts.size()) {
          std::string shaped = shape_like(tk.text(phrase), model_texts[w++]);
          if (first) shaped = capitalize(shaped);
          add(tk, shaped);
          first = false;
        } else {
          add(tk, std::string(tk.text(phrase)));
        }
      }
      auto kind = rules.term_kinds[m.value];
      place = kind == rules::TermKind::kLevel || kind == rules::TermKind::kPlaceBody;
      i += m.length;
      continue;
    }
    add(t, (place || first) ? capitalize(word) : viet::to_lower(word));
    first = false;
    ++i;
  }
  return clean_value(out);
}

}  // namespace dondoc::structure
