#include "core/tokens.h"

#include <array>

#include "core/utf8.h"
#include "core/viet.h"

namespace dondoc {

namespace {

// The tokenizer's one pass; returns the number of tokens.
size_t scan(std::string_view text, uint32_t begin, uint32_t end, std::vector<Token>* out) {
  size_t count = 0;
  bool space = false;
  size_t len = 0;
  uint32_t i = begin;
  while (i < end) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c == ' ' || c == '\t' || c == '\r') { space = true; ++i; continue; }
    if (c == '\n') {
      ++count;
      {
        Token t;
        t.begin = i; t.end = i + 1; t.kind = TokKind::kNewline; t.space_before = space; t.fold = "\n";
        out->push_back(std::move(t));
      }
      space = false; ++i;
      continue;
    }
    if (c >= '0' && c <= '9') {
      uint32_t j = i;
      while (j < end && text[j] >= '0' && text[j] <= '9') ++j;
      ++count;
      {
        Token t;
        t.begin = i; t.end = j; t.kind = TokKind::kNumber; t.space_before = space;
        t.fold.assign(text.substr(i, j - i));
        out->push_back(std::move(t));
      }
      space = false; i = j;
      continue;
    }
    char32_t cp = utf8::decode(text, i, &len);
    if (viet::is_letter(cp) && !(cp >= 0x300 && cp <= 0x36F)) {
      Token t;
      t.begin = i; t.kind = TokKind::kWord; t.space_before = space;
      bool all_upper = true, first = true;
      uint32_t j = i;
      while (j < end) {
        auto b = static_cast<unsigned char>(text[j]);
        if (b < 0x80) {
          // ASCII letters: the common case, without table lookups.
          bool up = b >= 'A' && b <= 'Z';
          if (!up && !(b >= 'a' && b <= 'z')) break;
          if (first) { t.capitalized = up; first = false; }
          if (!up) all_upper = false;
          t.fold.push_back(static_cast<char>(up ? b + 32 : b));
          ++j;
          continue;
        }
        size_t l = 0;
        char32_t d = utf8::decode(text, j, &l);
        if (!viet::is_letter(d)) break;
        if (d >= 0x300 && d <= 0x36F) { t.diacritics = true; j += static_cast<uint32_t>(l); continue; }
        bool up = viet::is_upper(d);
        if (first) { t.capitalized = up; first = false; }
        if (!up) all_upper = false;
        {
          char32_t f = viet::fold_char(d);
          if (f != viet::to_lower(d) || d == U'đ' || d == U'Đ') t.diacritics = true;
          utf8::append(t.fold, f);
        }
        j += static_cast<uint32_t>(l);
      }
      t.upper = all_upper;
      t.end = j;
      ++count;
      out->push_back(std::move(t));
      space = false; i = j;
      continue;
    }
    Token t;
    t.begin = i; t.end = i + static_cast<uint32_t>(len); t.kind = TokKind::kPunct; t.space_before = space;
    if (cp == 0xA0 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x3000) {  // odd spaces
      space = true; i = t.end; continue;
    }
    ++count;
    {
      t.fold.assign(text.substr(i, len));
      out->push_back(std::move(t));
    }
    space = false; i += static_cast<uint32_t>(len);
  }
  return count;
}

// Classes of ASCII bytes for token_bound: 0 space, 1 letter, 2 digit, 3 a token of its own.
constexpr std::array<uint8_t, 128> kAsciiClass = [] {
  std::array<uint8_t, 128> c{};
  for (int b = 0; b < 128; ++b)
    c[static_cast<size_t>(b)] = b == ' ' || b == '\t' || b == '\r'                  ? 0
                                : (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') ? 1
                                : b >= '0' && b <= '9'                               ? 2
                                                                                     : 3;
  return c;
}();

}  // namespace

size_t token_bound(std::string_view text, uint32_t begin, uint32_t end) {
  if (end > text.size()) end = static_cast<uint32_t>(text.size());
  auto byte = [&](uint32_t k) { return k < end ? static_cast<unsigned char>(text[k]) : 0; };
  size_t n = 0;
  uint8_t prev = 0;
  for (uint32_t i = begin; i < end;) {
    unsigned char c = byte(i);
    uint8_t cls = 3;
    uint32_t len = 1;
    auto cont = [&](uint32_t k) { return (byte(k) & 0xC0) == 0x80; };
    if (c < 0x80) {
      cls = kAsciiClass[c];
    } else if (c >= 0xC3 && c <= 0xC6 && cont(i + 1)) {  // U+00C0..U+01BF: letters but × and ÷
      cls = c == 0xC3 && (byte(i + 1) == 0x97 || byte(i + 1) == 0xB7) ? 3 : 1;
      len = 2;
    } else if ((c == 0xCC || c == 0xCD) && cont(i + 1)) {  // a combining mark: part of the letter before it
      cls = prev == 1 ? 1 : 3;
      len = 2;
    } else if (c == 0xE1 && byte(i + 1) >= 0xB8 && byte(i + 1) <= 0xBB && cont(i + 2)) {  // U+1E00..U+1EFF
      cls = 1;
      len = 3;
    }  // any other byte counts as a token of its own: a bound (a quote mark's three bytes, three)
    if (cls == 3 || (cls != 0 && cls != prev)) ++n;
    prev = cls;
    i += len;
  }
  return n;
}

std::vector<Token> tokenize(std::string_view text, uint32_t begin, uint32_t end) {
  if (end > text.size()) end = static_cast<uint32_t>(text.size());
  std::vector<Token> out;
  // Room for every token at once (a token is ten times the bytes it stands for: grown by
  // doubling, a document's tokens took up to twice their room).
  out.reserve(token_bound(text, begin, end));
  scan(text, begin, end, &out);
  return out;
}

}  // namespace dondoc
