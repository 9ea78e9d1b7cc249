#include "core/tokens.h"

#include "core/utf8.h"
#include "core/viet.h"

namespace dondoc {

namespace {

// One pass of the tokenizer. Counting (kBuild false) walks the text exactly as building does, so
// that the vector is allocated once at its size: grown by doubling, a document's tokens took up
// to twice their room, and a token is ten times the bytes it stands for.
template <bool kBuild>
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
      if constexpr (kBuild) {
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
      if constexpr (kBuild) {
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
          if constexpr (kBuild) t.fold.push_back(static_cast<char>(up ? b + 32 : b));
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
        if constexpr (kBuild) {
          char32_t f = viet::fold_char(d);
          if (f != viet::to_lower(d) || d == U'đ' || d == U'Đ') t.diacritics = true;
          utf8::append(t.fold, f);
        }
        j += static_cast<uint32_t>(l);
      }
      t.upper = all_upper;
      t.end = j;
      ++count;
      if constexpr (kBuild) out->push_back(std::move(t));
      space = false; i = j;
      continue;
    }
    Token t;
    t.begin = i; t.end = i + static_cast<uint32_t>(len); t.kind = TokKind::kPunct; t.space_before = space;
    if (cp == 0xA0 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x3000) {  // odd spaces
      space = true; i = t.end; continue;
    }
    ++count;
    if constexpr (kBuild) {
      t.fold.assign(text.substr(i, len));
      out->push_back(std::move(t));
    }
    space = false; i += static_cast<uint32_t>(len);
  }
  return count;
}

}  // namespace

std::vector<Token> tokenize(std::string_view text, uint32_t begin, uint32_t end) {
  if (end > text.size()) end = static_cast<uint32_t>(text.size());
  std::vector<Token> out;
  out.reserve(scan<false>(text, begin, end, nullptr));
  scan<true>(text, begin, end, &out);
  return out;
}

}  // namespace dondoc
