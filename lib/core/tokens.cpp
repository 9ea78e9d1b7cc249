#include "core/tokens.h"

#include <ostream>

#include "core/utf8.h"
#include "core/viet.h"

namespace dondoc {

namespace {

// The tokenizer's one pass; returns the number of tokens. Tokens are made in place at the end of
// *out (reserved by the caller), a word's fold gathered in a local buffer and assigned once.
size_t scan(std::string_view text, uint32_t begin, uint32_t end, std::vector<Token>* out) {
  size_t count = 0;
  bool space = false;
  size_t len = 0;
  uint32_t i = begin;
  auto add = [&](TokKind kind, uint32_t from, uint32_t to) -> Token& {
    Token& t = out->emplace_back();
    t.begin = from; t.end = to; t.kind = kind; t.space_before = space;
    ++count;
    space = false;
    return t;
  };
  // A fold copied from the text: in one piece of fixed size where the text has the bytes.
  auto text_fold = [&](Token& t, uint32_t from, uint32_t to) {
    if (text.size() - from > Fold::kInline) t.fold.assign_padded(text.data() + from, to - from);
    else t.fold = text.substr(from, to - from);
  };
  static constexpr char kNewlineFold[Fold::kInline + 1] = "\n";
  char fold[64];      // a word's fold; a longer one goes on in `spill`
  std::string spill;
  while (i < end) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c == ' ' || c == '\t' || c == '\r') { space = true; ++i; continue; }
    if (c == '\n') {
      add(TokKind::kNewline, i, i + 1).fold.assign_padded(kNewlineFold, 1);
      ++i;
      continue;
    }
    if (c >= '0' && c <= '9') {
      uint32_t j = i;
      while (j < end && text[j] >= '0' && text[j] <= '9') ++j;
      text_fold(add(TokKind::kNumber, i, j), i, j);
      i = j;
      continue;
    }
    char32_t cp = utf8::decode(text, i, &len);
    if (viet::is_letter(cp) && !(cp >= 0x300 && cp <= 0x36F)) {
      Token& t = add(TokKind::kWord, i, i);
      size_t n = 0;  // bytes in fold
      spill.clear();
      auto room = [&] {  // for one more letter (4 bytes at most)
        if (n + 4 > sizeof fold) {
          spill.append(fold, n);
          n = 0;
        }
      };
      // The first letter is cp (never a combining mark): it says whether the word is capitalised.
      const bool capitalized = viet::is_upper(cp);
      bool any_lower = false, diacritics = false;
      uint32_t j = i;
      while (j < end) {
        auto b = static_cast<unsigned char>(text[j]);
        if (b < 0x80) {
          // ASCII letters: the common case, without table lookups ('A'..'Z' | 0x20 is 'a'..'z';
          // no other ASCII byte lands there).
          auto lower = static_cast<unsigned char>(b | 0x20);
          if (lower < 'a' || lower > 'z') break;
          any_lower = any_lower || b == lower;
          room();
          fold[n++] = static_cast<char>(lower);
          ++j;
          continue;
        }
        size_t l = 0;
        char32_t d = utf8::decode(text, j, &l);
        if (!viet::is_letter(d)) break;
        if (d >= 0x300 && d <= 0x36F) { diacritics = true; j += static_cast<uint32_t>(l); continue; }
        any_lower = any_lower || !viet::is_upper(d);
        {
          char32_t f = viet::fold_char(d);
          if (f != viet::to_lower(d) || d == U'đ' || d == U'Đ') diacritics = true;
          room();
          n += utf8::encode_to(f, fold + n);
        }
        j += static_cast<uint32_t>(l);
      }
      if (spill.empty()) {
        t.fold.assign_padded(fold, n);
      } else {
        spill.append(fold, n);
        t.fold = spill;
      }
      t.upper = !any_lower;
      t.capitalized = capitalized;
      t.diacritics = diacritics;
      t.end = j;
      i = j;
      continue;
    }
    uint32_t next = i + static_cast<uint32_t>(len);
    if (cp == 0xA0 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x3000) {  // odd spaces
      space = true; i = next; continue;
    }
    text_fold(add(TokKind::kPunct, i, next), i, next);
    i = next;
  }
  return count;
}

}  // namespace

std::ostream& operator<<(std::ostream& os, const Fold& f) { return os << f.view(); }

std::vector<Token> tokenize(std::string_view text, uint32_t begin, uint32_t end) {
  if (end > text.size()) end = static_cast<uint32_t>(text.size());
  std::vector<Token> out;
  // Room for the tokens at once: Vietnamese text makes 0.22 tokens a byte on average, at most
  // 0.33 over the corpus (a token is ten times the bytes it stands for: grown by doubling, a
  // document's tokens took up to twice their room). Denser text grows the vector once or twice.
  out.reserve(end > begin ? (end - begin) / 3 + 4 : 0);
  scan(text, begin, end, &out);
  return out;
}

}  // namespace dondoc
