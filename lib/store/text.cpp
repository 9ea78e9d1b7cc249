#include "store/text.h"

#include <algorithm>
#include <set>

#include "core/utf8.h"
#include "core/viet.h"
#include "store/store.h"

namespace dondoc::store::internal {
namespace {

// Folds one code point; 0 for combining marks (dropped). The Icelandic Ð and the African Ɖ,
// which OCR and old fonts put where Đ belongs, fold to d as well.
char32_t fold_cp(char32_t cp) {
  if (cp < 0x80) return (cp >= 'A' && cp <= 'Z') ? cp + 32 : cp;
  if (cp >= 0x300 && cp <= 0x36F) return 0;
  if (cp == 0xD0 || cp == 0xF0 || cp == 0x189 || cp == 0x256) return 'd';
  return viet::fold_char(cp);
}

bool word_char(char32_t cp) {
  if (cp < 0x80) return (cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9') || (cp >= 'A' && cp <= 'Z');
  return viet::is_letter(cp);
}

struct Word {
  size_t begin, end;  // byte offsets in the original text
  std::string folded;
};

// Walks the words of text[0, n): word(i) where one starts (byte i), then letter(f, end) for each
// of its code points folded to f, the word's bytes now ending at `end`; a combining mark folds to
// nothing and only extends the word.
template <class Word, class Letter>
void walk_words(std::string_view text, size_t n, Word word, Letter letter) {
  size_t len = 0;
  bool in_word = false;
  for (size_t i = 0; i < n; i += len) {
    char32_t cp = utf8::decode(text, i, &len);
    char32_t f = fold_cp(cp);
    if (f == 0) {  // combining mark: part of the word it follows
      if (in_word) letter(f, i + len);
      continue;
    }
    if (word_char(f)) {
      if (!in_word) word(i);
      in_word = true;
      letter(f, i + len);
    } else {
      in_word = false;
    }
  }
}

// Splits text into folded words with their original byte ranges.
std::vector<Word> split_words(std::string_view text, size_t max_bytes = std::string_view::npos) {
  std::vector<Word> out;
  walk_words(
      text, std::min(text.size(), max_bytes), [&](size_t i) { out.push_back(Word{i, i, {}}); },
      [&](char32_t f, size_t end) {
        if (f) utf8::append(out.back().folded, f);
        out.back().end = end;
      });
  return out;
}

std::string strip_leading_zeros(std::string s) {
  size_t i = 0;
  while (i + 1 < s.size() && s[i] == '0') ++i;
  return s.substr(i);
}

bool symbol_like(std::string_view token) {
  bool digit = false, sep = false, letter = false;
  for (char c : token) {
    if (c >= '0' && c <= '9') digit = true;
    else if (c == '/' || c == '-') sep = true;
    else letter = true;
  }
  return digit && sep && letter;
}

}  // namespace

std::string fold_key(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  size_t len = 0;
  bool space = false;
  for (size_t i = 0; i < s.size(); i += len) {
    char32_t cp = utf8::decode(s, i, &len);
    char32_t f = fold_cp(cp);
    if (f == 0) continue;
    if (f == ' ' || f == '\t' || f == '\n' || f == '\r' || f == 0xA0) {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    utf8::append(out, f);
  }
  return out;
}

std::string cite_key(const std::optional<std::string>& number, const std::optional<std::string>& symbol,
                     std::optional<int> year) {
  if (!number || number->empty()) return {};
  std::string key = strip_leading_zeros(identifier_key(*number)) + "|" + identifier_key(symbol.value_or("")) + "|";
  if (year) key += std::to_string(*year);
  return key;
}

std::string document_identity(const Document& d, const std::string& sha256) {
  std::string ident = document_identifier(d.kind, d.number, d.symbol, d.year);
  if (ident.empty()) return "sha:" + sha256;
  return identifier_key(ident) + "|" + (d.date ? to_iso(*d.date) : "") + "|" + fold_key(d.issuer.value_or(""));
}

bool ParsedQuery::has_positive() const {
  return std::any_of(terms.begin(), terms.end(), [](const QueryTerm& t) { return !t.negated && !t.words.empty(); });
}

std::string folded_join(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  walk_words(
      s, s.size(), [&](size_t) { if (!out.empty()) out.push_back(' '); },
      [&](char32_t f, size_t) { if (f) utf8::append(out, f); });
  return out;
}

std::vector<std::string> folded_words(std::string_view s) {
  std::vector<std::string> out;
  for (auto& w : split_words(s)) out.push_back(std::move(w.folded));
  return out;
}

ParsedQuery parse_query(std::string_view text) {
  ParsedQuery q;
  std::set<std::string> seen;
  size_t i = 0;
  // A query that is one symbol-like token ("1275-CV/ĐUK", "30/2020/NĐ-CP") is also a number look-up.
  std::string trimmed = fold_key(text);
  if (!trimmed.empty() && trimmed.find(' ') == std::string::npos && symbol_like(trimmed))
    q.symbol_key = identifier_key(trimmed);
  while (i < text.size()) {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n')) ++i;
    if (i >= text.size()) break;
    QueryTerm t;
    if (text[i] == '-') {
      t.negated = true;
      ++i;
    }
    std::string_view chunk;
    if (i < text.size() && text[i] == '"') {
      size_t close = text.find('"', i + 1);
      if (close == std::string_view::npos) close = text.size();
      chunk = text.substr(i + 1, close - i - 1);
      i = close + 1;
    } else {
      size_t end = i;
      while (end < text.size() && text[end] != ' ' && text[end] != '\t' && text[end] != '\n') ++end;
      chunk = text.substr(i, end - i);
      i = end;
      t.prefix = !chunk.empty() && chunk.back() == '*';
    }
    t.words = folded_words(chunk);
    if (t.words.empty()) continue;
    // Every repetition would cost the index and the snippet a pass over the matches.
    std::string key = std::string(t.negated ? "-" : "+") + (t.prefix ? "*" : " ");
    for (const auto& w : t.words) key += w + ' ';
    if (!seen.insert(std::move(key)).second) continue;
    // "30/2020/NĐ-CP" typed as one token is a phrase of its parts, not four loose words.
    q.terms.push_back(std::move(t));
  }
  return q;
}

namespace {
std::string fts_term(const QueryTerm& t) {
  std::string s = "\"";
  for (size_t i = 0; i < t.words.size(); ++i) s += (i ? " " : "") + t.words[i];
  s += "\"";
  if (t.prefix) s += "*";
  return s;
}
std::string ts_term(const QueryTerm& t) {
  std::string s;
  for (size_t i = 0; i < t.words.size(); ++i) {
    if (i) s += " <-> ";
    s += "'" + t.words[i] + "'";
    if (t.prefix && i + 1 == t.words.size()) s += ":*";
  }
  return t.words.size() > 1 ? "(" + s + ")" : s;
}
}  // namespace

std::string fts5_expression(const ParsedQuery& q) {
  if (!q.has_positive()) return {};
  std::string pos, neg;
  for (const auto& t : q.terms) {
    std::string& dst = t.negated ? neg : pos;
    dst += (dst.empty() ? "" : t.negated ? " OR " : " AND ") + fts_term(t);
  }
  return neg.empty() ? pos : "(" + pos + ") NOT (" + neg + ")";
}

std::string tsquery_expression(const ParsedQuery& q) {
  if (!q.has_positive()) return {};
  std::string s;
  for (const auto& t : q.terms) {
    if (!s.empty()) s += " & ";
    s += (t.negated ? "!" : "") + ts_term(t);
  }
  return s;
}

Snippet make_snippet(std::string_view text, const ParsedQuery& q, size_t window) {
  // Documents can be long; a passage from the first 256 KiB is enough to show why it matched.
  auto words = split_words(text, 256u << 10);
  Snippet out;
  if (words.empty()) return out;
  // term index per word position (-1: no match); a phrase marks all its words.
  std::vector<int> match(words.size(), -1);
  for (size_t ti = 0; ti < q.terms.size(); ++ti) {
    const auto& t = q.terms[ti];
    if (t.negated) continue;
    size_t k = t.words.size();
    for (size_t i = 0; i + k <= words.size(); ++i) {
      bool ok = true;
      for (size_t j = 0; j < k && ok; ++j) {
        const std::string& w = words[i + j].folded;
        bool last_prefix = t.prefix && j + 1 == k;
        ok = last_prefix ? w.rfind(t.words[j], 0) == 0 : w == t.words[j];
      }
      if (ok)
        for (size_t j = 0; j < k; ++j) match[i + j] = static_cast<int>(ti);
    }
  }
  // The window start with the most distinct terms (then most matches); ties: earliest.
  size_t best = 0, best_distinct = 0, best_count = 0;
  for (size_t start = 0; start < words.size(); ++start) {
    if (match[start] < 0 && start != 0) continue;
    std::set<int> distinct;
    size_t count = 0;
    for (size_t i = start; i < words.size() && i < start + window; ++i) {
      if (match[i] >= 0) {
        distinct.insert(match[i]);
        ++count;
      }
    }
    if (distinct.size() > best_distinct || (distinct.size() == best_distinct && count > best_count)) {
      best = start;
      best_distinct = distinct.size();
      best_count = count;
    }
  }
  // Start a few words before the first match so the passage reads as a sentence.
  size_t first = best >= 4 && best_distinct ? best - 4 : (best_distinct ? 0 : best);
  size_t last = std::min(words.size(), first + window) - 1;
  size_t b = words[first].begin, e = words[last].end;
  if (first > 0) out.text = "…";
  size_t base = out.text.size();
  for (size_t i = b; i < e; ++i) {
    char c = text[i];
    out.text.push_back(c == '\n' || c == '\r' || c == '\t' ? ' ' : c);
  }
  if (last + 1 < words.size() || e < text.size()) out.text += "…";
  for (size_t i = first; i <= last; ++i) {
    if (match[i] < 0) continue;
    Span s{static_cast<uint32_t>(base + words[i].begin - b), static_cast<uint32_t>(base + words[i].end - b)};
    if (!out.highlights.empty() && out.highlights.back().end + 1 >= s.begin && match[i - 1] >= 0 &&
        i > first)
      out.highlights.back().end = s.end;  // one mark over a matched phrase
    else
      out.highlights.push_back(s);
  }
  return out;
}

std::string date_bound(const Date& d) {
  if (d.y > 9999) return "99999";
  if (d.y < 1) return "0000";
  return to_iso(d);
}

Status check_limit(int64_t limit) {
  if (limit < 0 || limit > kMaxLimit)
    return make_error(ErrorCode::kUsage,
                      "số kết quả tối đa phải từ 1 đến " + std::to_string(kMaxLimit) + ", nhận được " + std::to_string(limit));
  return ok_status();
}

std::string like_escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '%' || c == '_' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  return out;
}

}  // namespace dondoc::store::internal

namespace dondoc::store {

std::string identifier_key(std::string_view identifier) {
  std::string k = internal::fold_key(identifier);
  k.erase(std::remove(k.begin(), k.end(), ' '), k.end());
  return k;
}

}  // namespace dondoc::store
