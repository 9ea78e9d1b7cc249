#include "normalize/normalize.h"

#include <unicode/bytestream.h>
#include <unicode/edits.h>
#include <unicode/normalizer2.h>
#include <unicode/stringpiece.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cctype>
#include <cstdint>
#include <cstring>
#include <vector>

#include "core/utf8.h"
#include "core/viet.h"

namespace dondoc::normalize {

namespace {

// Appends pieces to the output while recording where each came from.
class Emitter {
 public:
  explicit Emitter(size_t reserve) { out_.reserve(reserve + 16); }
  void copy(std::string_view src, uint32_t from, uint32_t n) {
    flush_space();
    map_.copy(pos(), n, from);
    out_.append(src.substr(from, n));
  }
  void replace(std::string_view repl, uint32_t from, uint32_t n) {
    if (repl == "\n") {
      drop_space();
      ++lines_;
    } else {
      flush_space();
    }
    map_.replace(pos(), static_cast<uint32_t>(repl.size()), from, n);
    out_.append(repl);
  }
  // A space is emitted only when something follows it on the same line: runs collapse to one
  // and lines never end in spaces.
  void space(uint32_t from, uint32_t n) {
    if (at_line_start() || has_space_) return;
    has_space_ = true;
    space_from_ = from;
    space_len_ = n;
  }
  void drop_space() { has_space_ = false; }
  uint32_t pos() const { return static_cast<uint32_t>(out_.size()); }
  std::string& text() { return out_; }
  bool at_line_start() const { return out_.empty() || out_.back() == '\n'; }
  int lines() const { return lines_; }
  SourceMap build() { return map_.build(); }

 private:
  void flush_space() {
    if (!has_space_) return;
    has_space_ = false;
    map_.replace(pos(), 1, space_from_, space_len_);
    out_.push_back(' ');
  }
  std::string out_;
  SourceMapBuilder map_;
  bool has_space_ = false;
  uint32_t space_from_ = 0, space_len_ = 0;
  int lines_ = 0;
};

constexpr bool ascii_alpha(unsigned char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }

// What a byte is to the word scans of fix_words and FragmentJoiner, where a word is a run of
// bytes that are not ASCII non-letters: kNotWord, an ASCII letter, a lead byte of a longer
// character (the lead bytes of U+0300..U+036F, combining marks, apart), or a continuation byte.
enum WordByte : uint8_t { kNotWord, kAsciiLetter, kLead, kCombiningLead, kContinuation };
constexpr std::array<uint8_t, 256> kWordByte = [] {
  std::array<uint8_t, 256> k{};
  for (int c = 0; c < 256; ++c)
    k[static_cast<size_t>(c)] = c < 0x80           ? (ascii_alpha(static_cast<unsigned char>(c)) ? kAsciiLetter : kNotWord)
                                : c < 0xC0         ? kContinuation
                                : c == 0xCC || c == 0xCD ? kCombiningLead
                                                   : kLead;
  return k;
}();

bool is_zero_width(char32_t cp) {
  return cp == 0x200B || cp == 0x200C || cp == 0x200D || cp == 0x2060 || cp == 0xFEFF || cp == 0xAD;
}
bool is_space(char32_t cp) {
  return cp == ' ' || cp == '\t' || cp == 0xA0 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F ||
         cp == 0x205F || cp == 0x3000 || cp == '\v';
}
bool is_dash(char32_t cp) {
  return (cp >= 0x2010 && cp <= 0x2015) || cp == 0x2212 || cp == 0xFE58 || cp == 0xFE63 || cp == 0xFF0D ||
         cp == 0x2E3A || cp == 0x2E3B;
}
bool is_superscript_digit(char32_t cp) {
  return cp == 0xB9 || cp == 0xB2 || cp == 0xB3 || (cp >= 0x2070 && cp <= 0x2079);
}
// Characters normalisation drops: inside a word they must not split it.
bool is_dropped(char32_t cp) {
  return is_zero_width(cp) || is_superscript_digit(cp) || cp == utf8::kInvalid || (cp < 0x20 && cp != '\t' && cp != '\n');
}

// Text of a line without the line terminator.
struct Line {
  uint32_t begin, end;
};

// Emphasis marker runs (* or _) in the line [lb, le) of src are dropped when they open or close
// emphasis.
bool is_emphasis_run(std::string_view src, size_t begin, size_t end, size_t lb, size_t le, char c) {
  size_t len = 0;
  char32_t prev = begin > lb ? utf8::decode(src, utf8::floor_boundary(src, begin - 1), &len) : U' ';
  char32_t next = end < le ? utf8::decode(src, end, &len) : U' ';
  bool prev_space = is_space(prev) || begin == lb;
  bool next_space = is_space(next) || end == le;
  if (prev_space && next_space) {
    // A lone "*" line is the Party asterisk: keep it. Otherwise a stray marker.
    return !(c == '*' && begin == lb && end == le);
  }
  if (c == '_' && end - begin == 1) {
    // Single underscores: emphasis only around words (_text_), never blanks (____/QĐ). A word
    // may end in a digit or a mark ("_Hà Nội, ngày 14 tháng 11 năm 2019_", "_Căn cứ ...;_").
    bool closes = viet::is_letter(prev) || (prev >= U'0' && prev <= U'9') || prev == U';' || prev == U'.' ||
                  prev == U',' || prev == U')' || prev == U':';
    return (prev_space && viet::is_letter(next)) || (closes && next_space);
  }
  if (c == '_' && !(viet::is_letter(next) || viet::is_letter(prev))) return false;
  return true;
}

class LineNormalizer {
 public:
  LineNormalizer(std::string_view src, Emitter& em) : src_(src), em_(em) {}

  // in_table: the line belongs to a block of '|' lines with a delimiter row, so its cells are
  // columns even without a leading '|' ("ỦY BAN NHÂN DÂN   |  CỘNG HÒA ...").
  std::vector<TableRow> rows;
  int table_id = 0;

  void line(Line l, bool in_table) {
    std::string_view s = src_.substr(l.begin, l.end - l.begin);
    size_t a = 0;
    while (a < s.size() && (s[a] == ' ' || s[a] == '\t')) ++a;
    if (a < s.size() && (s[a] == '|' || in_table)) return table_row(l.begin + static_cast<uint32_t>(a), l.end);
    // Markdown headings: "# ", "## " ...
    size_t h = a;
    while (h < s.size() && s[h] == '#') ++h;
    if (h > a && h - a <= 6 && (h == s.size() || s[h] == ' ')) a = h;
    // Block quotes "> "
    if (a < s.size() && s[a] == '>' && a + 1 < s.size() && s[a + 1] == ' ') a += 2;
    inline_text(l.begin + static_cast<uint32_t>(a), l.end);
    end_line(l.end);
  }

 private:
  void end_line(uint32_t at) { em_.replace("\n", at, 0); }


 public:
  static bool is_delimiter_row(std::string_view s) {
    bool dash = false;
    for (char c : s) {
      if (c == '-') dash = true;
      else if (c != '|' && c != ':' && c != ' ' && c != '\t') return false;
    }
    return dash;
  }

 private:
  void table_row(uint32_t begin, uint32_t end) {
    std::string_view row = src_.substr(begin, end - begin);
    if (is_delimiter_row(row)) return;
    // Cells split on unescaped '|'; each non-empty cell becomes one line (or several, at <br>).
    TableRow tr;
    tr.table = table_id;
    uint32_t last = end;
    while (last > begin && (src_[last - 1] == ' ' || src_[last - 1] == '\t')) --last;
    bool lead_pipe = src_[begin] == '|';
    bool trail_pipe = last > begin + 1 && src_[last - 1] == '|' && src_[last - 2] != '\\';
    uint32_t cell = lead_pipe ? begin + 1 : begin;
    uint32_t stop = trail_pipe ? last - 1 : end;
    for (uint32_t i = cell; i <= stop; ++i) {
      bool sep = i == stop || (src_[i] == '|' && (i == begin || src_[i - 1] != '\\'));
      if (!sep) continue;
      uint32_t a = cell, b = i;
      while (a < b && (src_[a] == ' ' || src_[a] == '\t')) ++a;
      while (b > a && (src_[b - 1] == ' ' || src_[b - 1] == '\t')) --b;
      TableCell tc;
      if (b > a) {
        tc.first_line = em_.lines();
        inline_text(a, b);
        end_line(b);
        tc.end_line = em_.lines();
      }
      tr.cells.push_back(tc);
      cell = i + 1;
    }
    rows.push_back(std::move(tr));
  }

  void inline_text(uint32_t begin, uint32_t end) {
    size_t len = 0;
    uint32_t i = begin;
    // Skip leading spaces.
    while (i < end && (src_[i] == ' ' || src_[i] == '\t')) ++i;
    uint32_t lb = i;
    while (i < end) {
      if (uint32_t j = unchanged_run(i, end); j > i) {
        em_.copy(src_, i, j - i);
        i = j;
        continue;
      }
      auto c = static_cast<unsigned char>(src_[i]);
      if (c == '\\' && i + 1 < end && std::ispunct(static_cast<unsigned char>(src_[i + 1]))) {
        // Markdown escape: drop the backslash, keep the character.
        em_.copy(src_, i + 1, 1);
        i += 2;
        continue;
      }
      if (c == '*' || (c == '_' )) {
        uint32_t j = i;
        while (j < end && static_cast<unsigned char>(src_[j]) == c) ++j;
        if (is_emphasis_run(src_, i, j, lb, end, static_cast<char>(c))) {
          i = j;
          continue;
        }
        em_.copy(src_, i, j - i);
        i = j;
        continue;
      }
      if (c == '<' && src_.substr(i, 4) == "<br>") {
        em_.replace("\n", i, 4);
        i += 4;
        while (i < end && src_[i] == ' ') ++i;
        continue;
      }
      if (c == '<' && src_.substr(i, 5) == "<br/>") {
        em_.replace("\n", i, 5);
        i += 5;
        continue;
      }
      if (ascii_alpha(c)) {  // a word (the common case, without decoding its first letter)
        uint32_t j = word_end(i, end);
        word(i, j);
        i = j;
        continue;
      }
      // Plain ASCII that needs no handling (letters start words below): copy a run at once.
      if (c < 0x80 && c > ' ' && !ascii_alpha(c) && c != '*' && c != '_' && c != '\\' && c != '<') {
        uint32_t j = i + 1;
        while (j < end) {
          auto d = static_cast<unsigned char>(src_[j]);
          if (d >= 0x80 || d <= ' ' || ascii_alpha(d) || d == '*' || d == '_' || d == '\\' || d == '<') break;
          ++j;
        }
        em_.copy(src_, i, j - i);
        i = j;
        continue;
      }
      char32_t cp = utf8::decode(src_, i, &len);
      auto n = static_cast<uint32_t>(len);
      if (is_space(cp)) {
        em_.space(i, n);
        i += n;
        continue;
      }
      if (is_zero_width(cp) || is_superscript_digit(cp) || cp == utf8::kInvalid || (cp < 0x20 && cp != '\t')) {
        i += n;
        continue;
      }
      if (is_dash(cp)) {
        em_.replace("-", i, n);
        i += n;
        continue;
      }
      if (viet::is_letter(cp) && !(cp >= 0x300 && cp <= 0x36F)) {
        uint32_t j = word_end(i, end);
        word(i, j);
        i = j;
        continue;
      }
      em_.copy(src_, i, n);
      i += n;
    }
  }

  // One past the end of the run from i that the steps below would copy as it is, or i: most of a
  // text, copied at once. Its bytes: ASCII letters, digits and the punctuation no step handles;
  // single spaces between them; two-byte characters U+00C0..U+01BF and U+0300..U+037F and
  // three-byte U+1000..U+1FFF (Vietnamese letters and marks; none is a space, dash, superscript or
  // dropped). The run ends where a step would act, before any space it would end with (a space
  // waits for what follows it) and, when it stops at a character a word may hide (a zero-width
  // joiner, a control character), at the start of that word.
  uint32_t unchanged_run(uint32_t i, uint32_t end) const {
    uint32_t j = i, word_start = i;
    auto cont = [&](uint32_t k) { return k < end && (static_cast<unsigned char>(src_[k]) & 0xC0) == 0x80; };
    while (j < end) {
      auto c = static_cast<unsigned char>(src_[j]);
      if (c < 0x80) {
        if (ascii_alpha(c)) { ++j; continue; }
        if (c == '\\' || c == '*' || c == '_' || c == '<' || c == '\t') break;
        if (c < 0x20) { j = word_start; break; }
        if (c == ' ' && (j == i || src_[j - 1] == ' ')) break;
        word_start = ++j;
        continue;
      }
      if (c >= 0xC3 && c <= 0xC6 && cont(j + 1)) { j += 2; continue; }
      if ((c == 0xCC || c == 0xCD) && cont(j + 1)) { j += 2; continue; }
      if (c == 0xE1 && cont(j + 1) && cont(j + 2)) { j += 3; continue; }
      j = word_start;
      break;
    }
    while (j > i && src_[j - 1] == ' ') --j;
    return j;
  }

  // One past the last byte of the word of letters that starts at i.
  uint32_t word_end(uint32_t i, uint32_t end) const {
    size_t len = 0;
    uint32_t j = i;
    while (j < end) {
      if (ascii_alpha(static_cast<unsigned char>(src_[j]))) {  // most letters: no decoding
        ++j;
        continue;
      }
      char32_t d = utf8::decode(src_, j, &len);
      if (!viet::is_letter(d)) {
        // Characters that are dropped inside a word do not end it ("ho\u200Bạn").
        uint32_t k = j;
        size_t l2 = len;
        char32_t e = d;
        while (is_dropped(e) && k + l2 < end) {
          k += static_cast<uint32_t>(l2);
          e = utf8::decode(src_, k, &l2);
        }
        if (k > j && viet::is_letter(e) && !(e >= 0x300 && e <= 0x36F)) {
          j = k;
          continue;
        }
        break;
      }
      j += static_cast<uint32_t>(len);
    }
    return j;
  }

  // Words lose what normalisation drops (zero-width, soft hyphens, broken bytes); tone marks
  // and Đ are fixed in a later pass over whole words (fix_words), because removing marks can
  // join two pieces into one word.
  void word(uint32_t begin, uint32_t end) {
    std::string_view w = src_.substr(begin, end - begin);
    bool plain = true;
    for (char c : w)
      if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x80) { plain = false; break; }
    size_t len = 0;
    bool dropped = false;
    if (!plain)
      for (size_t i = 0; i < w.size() && !dropped; i += len) dropped = is_dropped(utf8::decode(w, i, &len));
    if (!dropped) {
      em_.copy(src_, begin, end - begin);
      return;
    }
    std::string kept;
    for (size_t i = 0; i < w.size(); i += len) {
      char32_t cp = utf8::decode(w, i, &len);
      if (!is_dropped(cp)) kept.append(w.substr(i, len));
    }
    em_.replace(kept, begin, end - begin);
  }

  std::string_view src_;
  Emitter& em_;
};

// A word of the scans of fix_words and FragmentJoiner (kWordByte): where it is, its letters
// counted by lead bytes, and what FragmentJoiner learns of it when it asks.
struct ScanWord {
  uint32_t begin, end;
  int letters;
  bool lower_tail = true;       // every letter after the first is lower case
  bool first_upper = false;
  bool lower_tail_any = false;  // some letter after the first is lower case
  bool combining = false;       // holds a combining mark
  bool read = false;            // letters and case are known (FragmentJoiner::word() has decoded it)
};

// The word that starts at t[i] (a byte that is not kNotWord): its place, letters and combining
// marks written to *w (in place in the caller's vector: a word built aside and copied in stalled
// on the copy). Returns whether it is ASCII letters only. Eight bytes at a time where the text
// has them: a byte loop mispredicts the end of every word.
bool scan_word(std::string_view t, size_t i, ScanWord* w) {
  constexpr uint64_t kHigh = 0x8080808080808080ULL, kOnes = 0x0101010101010101ULL;
  const size_t n = t.size();
  size_t j = i, continuations = 0;
  bool high = false, combining = false;
  while (j + 8 <= n) {
    uint64_t x;
    std::memcpy(&x, t.data() + j, 8);
    if constexpr (std::endian::native == std::endian::big) x = __builtin_bswap64(x);
    // Per byte, in its top bit: >= 0x80 (a word byte); an ASCII letter ((b | 0x20) in 'a'..'z').
    uint64_t hi = x & kHigh;
    uint64_t l = (x | 0x2020202020202020ULL) & 0x7F7F7F7F7F7F7F7FULL;
    uint64_t letter = (l + 0x1F1F1F1F1F1F1F1FULL) & ~(l + 0x0505050505050505ULL) & kHigh;
    uint64_t end = ~(hi | letter) & kHigh;
    int len = end ? std::countr_zero(end) / 8 : 8;
    uint64_t in = len == 8 ? ~uint64_t{0} : (uint64_t{1} << (8 * len)) - 1;
    high = high || (hi & in) != 0;
    // 10xxxxxx, counted by summing the bytes' flags in the top byte (std::popcount is a call
    // to libgcc on the baseline x86-64 this builds for).
    continuations += static_cast<size_t>((((x & ~(x << 1) & kHigh & in) >> 7) * kOnes) >> 56);
    // 0xCC or 0xCD (a combining mark's lead): a zero byte of y. The test flags the first zero
    // exactly and others only after one, so "any in the word" is exact.
    uint64_t y = (x & 0xFEFEFEFEFEFEFEFEULL) ^ 0xCCCCCCCCCCCCCCCCULL;
    combining = combining || ((y - kOnes) & ~y & kHigh & in) != 0;
    j += static_cast<size_t>(len);
    if (len < 8) break;
  }
  if (j + 8 > n) {  // the text's last bytes, one at a time
    while (j < n) {
      uint8_t k = kWordByte[static_cast<unsigned char>(t[j])];
      if (k == kNotWord) break;
      high = high || k != kAsciiLetter;
      continuations += k == kContinuation;
      combining = combining || k == kCombiningLead;
      ++j;
    }
  }
  w->begin = static_cast<uint32_t>(i);
  w->end = static_cast<uint32_t>(j);
  w->letters = static_cast<int>(j - i - continuations);
  w->combining = combining;
  return !high;
}

// A word carried into a text where it stands `by` bytes further on.
void move_word(ScanWord* w, int64_t by) {
  w->begin = static_cast<uint32_t>(static_cast<int64_t>(w->begin) + by);
  w->end = static_cast<uint32_t>(static_cast<int64_t>(w->end) + by);
}

// The word `replacement` makes in a new text where it stands for a word, from byte `at`: false
// when it is not one whole word (the caller then has the new text's words collected afresh).
bool rescan_word(std::string_view replacement, size_t at, ScanWord* w) {
  if (replacement.empty() || kWordByte[static_cast<unsigned char>(replacement[0])] == kNotWord) return false;
  ScanWord s{};
  scan_word(replacement, 0, &s);
  if (s.end != replacement.size()) return false;
  s.begin = static_cast<uint32_t>(at);
  s.end = static_cast<uint32_t>(at + replacement.size());
  *w = s;
  return true;
}

// Words with the old tone placement or the Icelandic eth: "hoà" -> "hòa", "NÐ" -> "NĐ".
// Returns false when nothing changed. *words: the words of the text it leaves (t, or *out), for
// FragmentJoiner (one scan of the text serves both); empty when they must be collected again.
bool fix_words(std::string_view t, std::string* out, SourceMap* map, std::vector<ScanWord>* words) {
  words->clear();
  words->reserve(t.size() / 6);
  SourceMapBuilder b;
  std::string o;
  size_t pos = 0, n = t.size();
  bool any = false, words_ok = true;
  int64_t shift = 0;  // where the words of t stand in *out, less where they stand in t
  for (size_t i = 0; i < n;) {
    if (kWordByte[static_cast<unsigned char>(t[i])] == kNotWord) { ++i; continue; }
    ScanWord& sw = words->emplace_back();
    bool ascii = scan_word(t, i, &sw);
    size_t j = sw.end;
    move_word(&sw, shift);
    if (ascii) { i = j; continue; }
    std::string_view w = t.substr(i, j - i);
    bool eth = false, candidate = false;
    char32_t prev = 0;
    size_t len = 0;
    for (size_t k = 0; k < w.size(); k += len) {
      char32_t f;
      auto byte = static_cast<unsigned char>(w[k]);
      if (byte < 0x80) {  // an ASCII letter (the word's other ASCII bytes end it): folded by case
        f = byte | 0x20;
        len = 1;
      } else {
        char32_t cp = utf8::decode(w, k, &len);
        eth = eth || cp == U'Ð' || cp == U'ð';
        f = viet::fold_char(cp);
      }
      // Old and new placement differ only on "oa", "oe" and "uy" without a final consonant
      // (hoà/hòa, khoẻ/khỏe, thuỷ/thủy); other words need no syllable analysis.
      candidate = candidate || (prev == U'o' && (f == U'a' || f == U'e')) || (prev == U'u' && f == U'y');
      prev = f;
    }
    if (!eth && !candidate) {
      i = j;
      continue;
    }
    std::string fixed;
    bool changed = eth;
    for (size_t k = 0; k < w.size(); k += len) {
      char32_t cp = utf8::decode(w, k, &len);
      utf8::append(fixed, cp == U'Ð' ? U'Đ' : cp == U'ð' ? U'đ' : cp);
    }
    if (candidate) {
      std::string toned = fix_tone_placement(fixed);
      if (toned != fixed) {
        fixed = std::move(toned);
        changed = true;
      }
    }
    if (changed) {
      if (!any) o.reserve(n);
      any = true;
      b.copy(static_cast<uint32_t>(o.size()), static_cast<uint32_t>(i - pos), static_cast<uint32_t>(pos));
      o.append(t.substr(pos, i - pos));
      b.replace(static_cast<uint32_t>(o.size()), static_cast<uint32_t>(fixed.size()), static_cast<uint32_t>(i),
                static_cast<uint32_t>(j - i));
      words_ok = words_ok && rescan_word(fixed, o.size(), &sw);
      shift += static_cast<int64_t>(fixed.size()) - static_cast<int64_t>(j - i);
      o += fixed;
      pos = j;
    }
    i = j;
  }
  if (!any) return false;
  if (!words_ok) words->clear();
  b.copy(static_cast<uint32_t>(o.size()), static_cast<uint32_t>(n - pos), static_cast<uint32_t>(pos));
  o.append(t.substr(pos));
  *out = std::move(o);
  *map = b.build();
  return true;
}

// Syllables split by spaces in PDF and web copies: "Nh ư tr ê n" -> "Như trên",
// "Bộ tr ưở n g" -> "Bộ trưởng", "ngà y" -> "ngày", "Xã hộ i" -> "Xã hội". Pieces join only when
// one is not a syllable by itself and the joined word is one.
class FragmentJoiner {
 public:
  // words: the words of text (fix_words' scan), or empty to collect them here.
  FragmentJoiner(std::string_view text, std::vector<ScanWord> words) : t_(text), w_(std::move(words)) {}

  // Returns false when nothing changed (out untouched). *next: the words of *out, for the next
  // round (those of text, each joined run made one); empty when they must be collected again.
  bool run(std::string* out, SourceMap* map, std::vector<ScanWord>* next) {
    if (w_.empty()) collect_words();
    std::vector<std::pair<size_t, size_t>> joins;  // word index ranges [a, b)
    for (size_t i = 0; i < w_.size(); ++i) {
      if (!fragment(i)) continue;
      // The longest syllable made of the fragment, up to three pieces after it and the piece
      // before it ("Ngu y ễn" -> "Nguyễn", "tr ưở n g" -> "trưởng", "hộ i" -> "hội").
      size_t best_a = 0, best_b = 0;
      int best_letters = 0;
      size_t lo = i;
      if (i > 0 && adjacent(i - 1, i) && word(i - 1).letters <= 4 && same_case(i - 1, i) &&
          (joins.empty() || joins.back().second <= i - 1))
        lo = i - 1;
      for (size_t a = i; a + 1 > lo; --a) {
        size_t b = i + 1;
        while (true) {
          if (b - a >= 2) {
            int letters = 0;
            for (size_t k = a; k < b; ++k) letters += word(k).letters;
            if (letters > best_letters && is_syllable(concat(a, b))) {
              best_letters = letters;
              best_a = a;
              best_b = b;
            }
          }
          if (b >= w_.size() || b - i >= 4 || !adjacent(b - 1, b) || !short_piece(b)) break;
          ++b;
        }
        if (a == 0) break;
      }
      if (best_letters) {
        joins.emplace_back(best_a, best_b);
        i = best_b - 1;
      }
    }
    if (joins.empty()) return false;
    SourceMapBuilder b;
    std::string o;
    o.reserve(t_.size());
    next->clear();
    next->reserve(w_.size());
    bool next_ok = true;
    int64_t shift = 0;  // where the words of t_ stand in o, less where they stand in t_
    size_t k = 0;       // the next word of t_ to carry over
    auto carry = [&](size_t until) {  // words [k, until) of t_, moved by shift
      for (; k < until; ++k) {
        move_word(&next->emplace_back(w_[k]), shift);
      }
    };
    uint32_t pos = 0;
    for (auto [a, e] : joins) {
      uint32_t from = w_[a].begin, to = w_[e - 1].end;
      carry(a);
      b.copy(static_cast<uint32_t>(o.size()), from - pos, pos);
      o.append(t_.substr(pos, from - pos));
      std::string joined = fix_tone_placement(concat(a, e));
      b.replace(static_cast<uint32_t>(o.size()), static_cast<uint32_t>(joined.size()), from, to - from);
      next_ok = next_ok && rescan_word(joined, o.size(), &next->emplace_back());
      shift += static_cast<int64_t>(joined.size()) - static_cast<int64_t>(to - from);
      k = e;
      o += joined;
      pos = to;
    }
    carry(w_.size());
    if (!next_ok) next->clear();
    b.copy(static_cast<uint32_t>(o.size()), static_cast<uint32_t>(t_.size()) - pos, pos);
    o.append(t_.substr(pos));
    *out = std::move(o);
    *map = b.build();
    return true;
  }

 private:
  using Word = ScanWord;

  // Words are runs of bytes that are not ASCII non-letters. Letters are counted by UTF-8 lead
  // bytes; only short words (fragment candidates) are decoded for case, when first asked about
  // (word()).
  void collect_words() {
    size_t n = t_.size();
    w_.reserve(n / 6);
    for (size_t i = 0; i < n;) {
      if (kWordByte[static_cast<unsigned char>(t_[i])] == kNotWord) { ++i; continue; }
      ScanWord& w = w_.emplace_back();
      scan_word(t_, i, &w);
      i = w.end;
    }
  }

  // Word i with its letters and case.
  const Word& word(size_t i) const {
    Word& w = w_[i];
    if (w.read) return w;
    w.read = true;
    if (w.letters > 5) {  // long words are never pieces
      w.lower_tail_any = true;
      return w;
    }
    size_t len = 0;
    bool first = true;
    for (size_t k = w.begin; k < w.end; k += len) {
      char32_t cp = utf8::decode(t_, k, &len);
      if (!viet::is_letter(cp)) { w.letters = 99; break; }  // symbols glued to letters
      if (cp >= 0x300 && cp <= 0x36F) { --w.letters; continue; }
      if (first) w.first_upper = viet::is_upper(cp);
      else if (viet::is_upper(cp)) w.lower_tail = false;
      else w.lower_tail_any = true;
      first = false;
    }
    return w;
  }

  std::string concat(size_t a, size_t b) const {
    std::string s;
    for (size_t k = a; k < b; ++k) s.append(t_.substr(w_[k].begin, w_[k].end - w_[k].begin));
    return s;
  }
  bool adjacent(size_t a, size_t b) const { return w_[a].end + 1 == w_[b].begin && t_[w_[a].end] == ' '; }
  bool all_upper(size_t i) const { return word(i).first_upper && !word(i).lower_tail_any; }
  // Pieces of one word share its case: all lower case after the first letter, or all upper case.
  bool same_case(size_t a, size_t b) const {
    return (all_upper(a) && all_upper(b)) || (word(b).lower_tail && !word(b).first_upper);
  }
  bool short_piece(size_t i) const { return word(i).letters <= 4 && same_case(i - 1, i); }
  bool fragment(size_t i) const {
    // Decoding tells a piece's letters from its bytes' count only when it holds combining marks.
    if (w_[i].letters > 3 && !w_[i].combining) return false;
    const Word& w = word(i);
    if (w.letters > 3 || !(w.lower_tail || all_upper(i))) return false;
    std::string_view s = t_.substr(w.begin, w.end - w.begin);
    if (!is_syllable(s)) return true;
    // One vowel letter alone: the tail of a split word ("ngà y", "hộ i", "Cự u"). In text
    // without marks a lone vowel is a word of its own ("nha o" is "nhà ở"): only a piece before
    // it, the vowel or a piece after it that carries marks ("Ngu y ễn") makes it a piece.
    if (w.letters == 1) {
      size_t len = 0;
      char32_t c = utf8::decode(s, 0, &len);
      viet::Letter l = viet::decompose(c);
      if (!viet::is_vowel_base(l.base)) return false;
      if (c >= 0x80) return true;
      auto marked = [&](size_t k) {
        for (size_t b = w_[k].begin; b < w_[k].end; ++b)
          if (static_cast<unsigned char>(t_[b]) >= 0x80) return true;
        return false;
      };
      if ((i > 0 && marked(i - 1)) || (i + 1 < w_.size() && marked(i + 1))) return true;
      // Capitals without marks: only after a piece that is no word itself ("V.II I"), as
      // "QUOC TE O" is "QUỐC TẾ Ở".
      return w.first_upper && i > 0 && !is_syllable(t_.substr(w_[i - 1].begin, w_[i - 1].end - w_[i - 1].begin));
    }
    return false;
  }

  std::string_view t_;
  mutable std::vector<Word> w_;
};

}  // namespace

namespace {
// ICU's NFC instance, looked up once behind a C++ static: ICU builds it on first use with its own
// once-flag, which ThreadSanitizer cannot see inside the uninstrumented library; the static's
// guard orders that first use before every other thread's (the server extracts on many).
const icu::Normalizer2* nfc_instance() {
  static const icu::Normalizer2* const instance = [] {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* n = icu::Normalizer2::getNFCInstance(status);
    return U_FAILURE(status) ? nullptr : n;
  }();
  return instance;
}
}  // namespace

bool surely_nfc(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  auto cont = [&](size_t k) { return k < n && (p[k] & 0xC0) == 0x80; };
  for (size_t i = 0; i < n;) {
    unsigned char c = p[i];
    if (c < 0x80) {
      i = utf8::skip_ascii(s, i);
    } else if (c >= 0xC2 && c <= 0xCB && cont(i + 1)) {  // U+0080..U+02FF
      i += 2;
    } else if (c == 0xE1 && i + 1 < n && p[i + 1] >= 0xB8 && p[i + 1] <= 0xBB && cont(i + 1) && cont(i + 2)) {
      i += 3;  // U+1E00..U+1EFF
    } else if (c == 0xE2 && i + 2 < n &&
               ((p[i + 1] == 0x80 && p[i + 2] >= 0x82 && p[i + 2] <= 0xBF) ||  // U+2002..U+203F
                (p[i + 1] == 0x81 && p[i + 2] >= 0x80 && p[i + 2] <= 0xAF))) {  // U+2040..U+206F
      i += 3;
    } else {
      return false;
    }
  }
  return true;
}

NormText nfc(std::string_view input) {
  NormText out;
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n2 = nfc_instance();
  if (!n2 || surely_nfc(input) || n2->isNormalizedUTF8(icu::StringPiece(input.data(), static_cast<int32_t>(input.size())), status)) {
    out.text.assign(input);
    out.map.maps.push_back(SourceMap::identity(static_cast<uint32_t>(input.size())));
    return out;
  }
  status = U_ZERO_ERROR;
  icu::Edits edits;
  icu::StringByteSink<std::string> sink(&out.text, static_cast<int32_t>(input.size()));
  n2->normalizeUTF8(0, icu::StringPiece(input.data(), static_cast<int32_t>(input.size())), sink, &edits, status);
  if (U_FAILURE(status)) {
    out.text.assign(input);
    out.map.maps.push_back(SourceMap::identity(static_cast<uint32_t>(input.size())));
    return out;
  }
  SourceMapBuilder b;
  auto it = edits.getFineIterator();
  while (it.next(status)) {
    auto d = static_cast<uint32_t>(it.destinationIndex());
    auto s = static_cast<uint32_t>(it.sourceIndex());
    if (!it.hasChange()) b.copy(d, static_cast<uint32_t>(it.oldLength()), s);
    else b.replace(d, static_cast<uint32_t>(it.newLength()), s, static_cast<uint32_t>(it.oldLength()));
  }
  out.map.maps.push_back(b.build());
  return out;
}

namespace {

NormText normalize_once(std::string_view input);

// Removing marks can reveal others ("**# x" becomes "# x", a heading): a text that may still
// hold marks after one pass goes through again, so that normalize is idempotent.
// The test mirrors the line rules of LineNormalizer: it says yes only where a second pass would
// read a line differently (a heading or quote mark, a table row, an emphasis run it would drop,
// an escape, a <br>, a combining mark left standing), so most texts take one pass.
// The bytes the loop of may_hold_marks looks at.
constexpr std::array<bool, 256> kMayMark = [] {
  std::array<bool, 256> m{};
  for (int c : {0xCC, 0xCD, int{'\\'}, int{'<'}, int{'*'}, int{'_'}}) m[static_cast<size_t>(c)] = true;
  return m;
}();

bool may_hold_marks(std::string_view t) {
  for (size_t lb = 0; lb < t.size();) {
    size_t le = t.find('\n', lb);
    if (le == std::string_view::npos) le = t.size();
    std::string_view line = t.substr(lb, le - lb);
    size_t a = line.find_first_not_of(" \t");
    if (a == std::string_view::npos) a = line.size();
    size_t h = a;
    while (h < line.size() && line[h] == '#') ++h;
    if (h > a && h - a <= 6 && (h == line.size() || line[h] == ' ')) return true;
    if (line.compare(a, 2, "> ") == 0) return true;
    // A row of a table: a line starting with '|', or a block holding a delimiter row.
    if (line.find('|') != std::string_view::npos && (line[a] == '|' || LineNormalizer::is_delimiter_row(line)))
      return true;
    for (size_t i = a; i < line.size(); ++i) {
      auto c = static_cast<unsigned char>(line[i]);
      if (!kMayMark[c]) continue;  // most bytes: none of the cases below
      // A combining mark left standing (its letter was cut off): NFC may compose it next time.
      if (c == 0xCC || c == 0xCD) return true;
      if (c == '\\' && i + 1 < line.size() && std::ispunct(static_cast<unsigned char>(line[i + 1]))) return true;
      if (c == '<' && line.compare(i, 3, "<br") == 0) return true;
      if (c == '*' || c == '_') {
        size_t j = i;
        while (j < line.size() && line[j] == line[i]) ++j;
        if (is_emphasis_run(line, i, j, a, line.size(), static_cast<char>(c))) return true;
        i = j - 1;
      }
    }
    lb = le + 1;
  }
  return false;
}

}  // namespace

NormText normalize(std::string_view input) {
  NormText out = normalize_once(input);
  for (int pass = 0; pass < 3 && may_hold_marks(out.text); ++pass) {
    NormText again = normalize_once(out.text);
    if (again.text == out.text) break;
    for (auto& m : again.map.maps) out.map.maps.push_back(std::move(m));
    // Table rows keep their line numbers only if the pass kept every line.
    if (std::count(again.text.begin(), again.text.end(), '\n') != std::count(out.text.begin(), out.text.end(), '\n'))
      out.tables.clear();
    out.text = std::move(again.text);
  }
  return out;
}

namespace {

NormText normalize_once(std::string_view input) {
  NormText base = nfc(input);
  const std::string& src = base.text;
  Emitter em(src.size());
  LineNormalizer ln(src, em);
  // Lines first, then table blocks: consecutive lines with '|' that include a delimiter row.
  std::vector<Line> lines;
  auto n = static_cast<uint32_t>(src.size());
  // Most texts end their lines with '\n' alone: then memchr finds each end.
  const bool newline_only = src.find('\r') == std::string::npos && src.find('\f') == std::string::npos;
  for (uint32_t start = 0; start < n;) {
    uint32_t e = start;
    if (newline_only) {
      size_t nl = src.find('\n', start);
      e = nl == std::string::npos ? n : static_cast<uint32_t>(nl);
    } else {
      while (e < n && src[e] != '\n' && src[e] != '\r' && src[e] != '\f') ++e;
    }
    lines.push_back(Line{start, e});
    if (e < n && src[e] == '\r' && e + 1 < n && src[e + 1] == '\n') ++e;
    start = e + 1;
  }
  std::vector<char> in_table(lines.size(), 0);
  for (size_t i = 0; i < lines.size();) {
    auto has_pipe = [&](size_t k) {
      return src.substr(lines[k].begin, lines[k].end - lines[k].begin).find('|') != std::string::npos;
    };
    if (!has_pipe(i)) { ++i; continue; }
    size_t j = i;
    bool delim = false;
    while (j < lines.size() && has_pipe(j)) {
      delim = delim || LineNormalizer::is_delimiter_row(src.substr(lines[j].begin, lines[j].end - lines[j].begin));
      ++j;
    }
    if (delim)
      for (size_t k = i; k < j; ++k) in_table[k] = 1;
    i = j;
  }
  for (size_t i = 0; i < lines.size(); ++i) {
    // A new table starts after a line that is not part of one.
    if (i == 0 || !(in_table[i - 1] || src.substr(lines[i - 1].begin, lines[i - 1].end - lines[i - 1].begin).find('|') == 0))
      ++ln.table_id;
    ln.line(lines[i], in_table[i] != 0);
  }
  NormText out;
  out.text = std::move(em.text());
  out.map.maps = std::move(base.map.maps);
  out.map.maps.push_back(em.build());
  out.tables = std::move(ln.rows);
  std::string fixed;
  SourceMap fmap;
  std::vector<ScanWord> words;
  if (fix_words(out.text, &fixed, &fmap, &words)) {
    out.text = std::move(fixed);
    out.map.maps.push_back(std::move(fmap));
  }
  // Joined pieces can make new neighbours join ("tr ưở n g"): repeat until nothing joins.
  for (int round = 0; round < 4; ++round) {
    std::string joined;
    SourceMap jmap;
    std::vector<ScanWord> next;
    if (!FragmentJoiner(out.text, std::move(words)).run(&joined, &jmap, &next)) break;
    words = std::move(next);
    out.text = std::move(joined);
    out.map.maps.push_back(std::move(jmap));
  }
  return out;
}

}  // namespace

}  // namespace dondoc::normalize
