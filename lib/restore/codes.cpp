// Codes in restored and OCR-repaired text: document and issuer codes OCR misread ("BUK" for
// ĐUK, "KL/FW" for KL/TW) and codes typed without Đ ("QD-UBND"), put back as the rules spell them.
#include "core/tokens.h"
#include "core/viet.h"
#include "normalize/normalize.h"
#include "restore/restore.h"
#include "restore/text.h"
#include "rules/rules.h"

namespace dondoc::restore {

namespace {

// Rewrites words written in capitals (2 to 8 bytes; OCR may lower the first letter) that
// `code_for` maps to a code.
template <typename F>
Restored replace_code_words(std::string_view t, F code_for) {
  Rewriter out(t);
  std::vector<Token> toks = tokenize(t);
  for (size_t i = 0; i < toks.size(); ++i) {
    const Token& tok = toks[i];
    if (!tok.is_word() || tok.end - tok.begin < 2 || tok.end - tok.begin > 8) continue;
    std::string_view w = tok.text(t);
    bool caps_tail = true;
    for (size_t k = 1; k < w.size(); ++k)
      if (w[k] >= 'a' && w[k] <= 'z') caps_tail = false;
    if (!caps_tail) continue;
    // Inside a symbol: glued to '/' or '-' ("CV/DU", "QD-UBND").
    auto glued = [&](size_t k) { return toks[k].kind == TokKind::kPunct && (toks[k].is("/") || toks[k].is("-")); };
    bool in_symbol = (i > 0 && !tok.space_before && glued(i - 1)) ||
                     (i + 1 < toks.size() && !toks[i + 1].space_before && glued(i + 1));
    std::optional<std::string> code = code_for(w, in_symbol);
    if (!code || *code == w) continue;
    out.replace(tok.begin, tok.end, *code);
  }
  return out.finish();
}

// The one known code that a part of a symbol becomes by one of the letter misreadings of
// data/rules/code_ocr_letters.tsv ("FW" -> "TW", "TLI" -> "TU"); none when it is a known code
// already, or when two codes are within reach.
std::optional<std::string> misread_code(std::string_view w, const rules::Rules& rules) {
  auto known = [&](std::string_view c) -> const std::string* {
    auto it = rules.code_spelling.find(rules::code_key_exact(c));
    if (it == rules.code_spelling.end()) it = rules.code_spelling.find(rules::code_key_folded(c));
    return it == rules.code_spelling.end() ? nullptr : &it->second;
  };
  if (known(w)) return std::nullopt;
  std::optional<std::string> found;
  for (const auto& row : rules.table("code_ocr_letters")) {
    if (row.size() < 2 || row[0].empty()) continue;
    for (size_t at = w.find(row[0]); at != std::string_view::npos; at = w.find(row[0], at + 1)) {
      std::string c = std::string(w.substr(0, at)) + row[1] + std::string(w.substr(at + row[0].size()));
      const std::string* code = known(c);
      if (!code) continue;
      if (found && *found != *code) return std::nullopt;
      found = *code;
    }
  }
  return found;
}

}  // namespace

Restored fix_ocr_codes(std::string_view text, const rules::Rules& rules) {
  return replace_code_words(text, [&](std::string_view w, bool in_symbol) -> std::optional<std::string> {
    auto it = rules.code_ocr.find(rules::code_key_exact(w));
    if (it != rules.code_ocr.end()) return it->second;
    return in_symbol ? misread_code(w, rules) : std::nullopt;
  });
}

Restored fix_unmarked_codes(std::string_view text, const rules::Rules& rules) {
  return replace_code_words(text, [&](std::string_view w, bool in_symbol) -> std::optional<std::string> {
    if (w.find('D') == std::string_view::npos) return std::nullopt;
    if (!in_symbol && normalize::is_syllable(viet::to_lower(w))) return std::nullopt;
    auto it = rules.code_spelling.find(rules::code_key_folded(w));
    if (it == rules.code_spelling.end() || viet::fold(it->second) != viet::fold(w)) return std::nullopt;
    return it->second;
  });
}

}  // namespace dondoc::restore
