// Document numbers and symbols: Party "1275-CV/ĐUK", state "123/QĐ-UBND", "30/2020/NĐ-CP",
// drafts "-CV/ĐU" and "/VP-KGVX", and OCR damage ("1275 CV/BUK", "37- -NQ/TW").
#include <cctype>

#include "core/utf8.h"
#include "core/viet.h"
#include "structure/structure.h"

namespace dondoc::structure {
namespace {

bool punct(const Token& t, const char* p) { return t.kind == TokKind::kPunct && t.fold == p; }

bool is_blank_filler(const Token& t) {
  return t.kind == TokKind::kPunct && (t.is(".") || t.is("_") || t.is("…"));
}

// A symbol part: a word glued to following words, numbers and dots ("QH15", "NC.TH", "BCĐQG1237").
// Returns the token index after the part, or i when there is none.
size_t symbol_part(std::string_view text, const std::vector<Token>& toks, size_t i, size_t end,
                   bool allow_space_before) {
  if (i >= end || !toks[i].is_word()) return i;
  if (toks[i].space_before && !allow_space_before) return i;
  size_t j = i + 1;
  while (j < end && !toks[j].space_before) {
    if (toks[j].is_word() || toks[j].is_number()) { ++j; continue; }
    if ((punct(toks[j], ".") || punct(toks[j], "&")) && j + 1 < end && !toks[j + 1].space_before &&
        toks[j + 1].is_word() && toks[j + 1].upper) {
      j += 2;
      continue;
    }
    break;
  }
  // Codes are short and mostly upper case ("TTg", "QyĐ", "CTr" allowed); a long lower-case
  // word is running text, not a code.
  size_t letters_lower = 0, letters = 0;
  for (size_t k = i; k < j; ++k) {
    if (!toks[k].is_word()) continue;
    std::string_view w = toks[k].text(text);
    size_t len = 0;
    for (size_t b = 0; b < w.size(); b += len) {
      char32_t cp = utf8::decode(w, b, &len);
      if (cp >= 0x300 && cp <= 0x36F) continue;
      ++letters;
      if (viet::is_lower(cp)) ++letters_lower;
    }
  }
  if (letters == 0 || letters > 16 || letters_lower * 2 > letters) return i;
  return j;
}

std::string join_text(std::string_view text, const std::vector<Token>& toks, size_t a, size_t b) {
  std::string s;
  for (size_t k = a; k < b; ++k) s += toks[k].text(text);
  return s;
}

}  // namespace

std::optional<DocNumber> parse_doc_number(std::string_view text, const std::vector<Token>& toks, size_t i,
                                          size_t end, const rules::Rules& rules, bool allow_blank) {
  if (end > toks.size()) end = toks.size();
  if (i >= end) return std::nullopt;
  DocNumber dn;
  dn.tb = i;
  size_t j = i;
  // Number (possibly "66.22"), or a blank in a draft.
  if (toks[j].is_number() && toks[j].fold.size() <= 6) {
    std::string num(toks[j].fold.view());
    ++j;
    if (j + 1 < end && punct(toks[j], ".") && !toks[j].space_before && toks[j + 1].is_number() &&
        !toks[j + 1].space_before && j + 2 < end && punct(toks[j + 2], "/")) {
      num.append(".").append(toks[j + 1].fold.view());
      j += 2;
    }
    dn.number = num;
  } else if (!allow_blank) {
    return std::nullopt;
  }
  while (j < end && !dn.number && is_blank_filler(toks[j])) ++j;
  // "Số: 18" on one line and "/2025/QĐ-UBND" on the next (PDF copies).
  if (dn.number && j < end && toks[j].kind == TokKind::kNewline) {
    size_t k = j;
    while (k < end && toks[k].kind == TokKind::kNewline) ++k;
    if (k < end && k - j <= 4 && (punct(toks[k], "/") || punct(toks[k], "-"))) j = k;
  }
  if (j >= end) return std::nullopt;

  // Party: N - CODE / ISSUER
  {
    size_t k = j;
    int dashes = 0;
    while (k < end && punct(toks[k], "-")) { ++dashes; ++k; }
    bool missing_dash = dashes == 0 && dn.number && k < end && toks[k].is_word() && toks[k].space_before;
    if (dashes > 0 || missing_dash) {
      size_t code_end = symbol_part(text, toks, k, end, true);
      if (code_end > k && code_end < end && punct(toks[code_end], "/")) {
        std::string code = join_text(text, toks, k, code_end);
        int type = rules.type_for_code(code, DocKind::kParty);
        if (missing_dash && type < 0) return std::nullopt;
        size_t p = code_end + 1;
        size_t q = symbol_part(text, toks, p, end, true);
        if (q > p) {
          std::string issuer = rules.canonical_code(join_text(text, toks, p, q));
          size_t r = q;
          // Joint issuers: ".../BTCTW-BTGTW"
          while (r + 1 < end && punct(toks[r], "-") && !toks[r].space_before) {
            size_t s = symbol_part(text, toks, r + 1, end, false);
            if (s == r + 1) break;
            issuer += "-" + rules.canonical_code(join_text(text, toks, r + 1, s));
            r = s;
          }
          dn.style = DocKind::kParty;
          dn.type_code = rules.canonical_code(code);
          dn.symbol = dn.type_code + "/" + issuer;
          dn.te = r;
          dn.span = Span{toks[i].begin, toks[r - 1].end};
          return dn;
        }
      }
    }
  }
  // State: N / [YYYY /] PART(-PART)*
  if (punct(toks[j], "/")) {
    size_t k = j + 1;
    if (k + 1 < end && toks[k].is_number() && toks[k].fold.size() == 4 && punct(toks[k + 1], "/")) {
      int y = std::atoi(toks[k].fold.c_str());
      if (y >= 1945 && y <= 2100) {
        dn.year = y;
        k += 2;
      }
    }
    size_t q = symbol_part(text, toks, k, end, true);
    if (q == k) return std::nullopt;
    std::vector<std::string> parts{rules.canonical_code(join_text(text, toks, k, q))};
    size_t r = q;
    while (r + 1 < end && punct(toks[r], "-")) {
      // "QĐ - UBND" (spaces from a PDF copy) only right after a type code, before an upper-case code.
      bool spaced = toks[r].space_before || toks[r + 1].space_before;
      if (spaced && !(parts.size() == 1 && rules.type_for_code(parts[0], DocKind::kState) >= 0 &&
                      toks[r + 1].is_word() && toks[r + 1].upper && toks[r + 1].fold.size() <= 8))
        break;
      size_t s = symbol_part(text, toks, r + 1, end, spaced);
      if (s == r + 1) break;
      parts.push_back(rules.canonical_code(join_text(text, toks, r + 1, s)));
      r = s;
    }
    dn.style = DocKind::kState;
    for (size_t p = 0; p < parts.size(); ++p) dn.symbol += (p ? "-" : "") + parts[p];
    if (parts.size() >= 2 && rules.type_for_code(parts[0], DocKind::kState) >= 0) dn.type_code = parts[0];
    dn.te = r;
    dn.span = Span{toks[i].begin, toks[r - 1].end};
    return dn;
  }
  return std::nullopt;
}

}  // namespace dondoc::structure
