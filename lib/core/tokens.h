#pragma once
// Tokenizer over normalised UTF-8 text: words (letters and combining marks), numbers, punctuation
// and newlines. Spaces are not tokens; `space_before` records them. Each word carries its folded
// form (lower case, no diacritics, đ -> d) so rules match with or without diacritics.
//
//   auto toks = tokenize("Số 07-CT/TU");
//   // [Word "Số" fold "so"] [Number "07"] [Punct "-"] [Word "CT"] [Punct "/"] [Word "TU"]
#include <cstdint>
#include <cstring>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include "core/source_map.h"
#include "core/utf8.h"

namespace dondoc {

using utf8::same_text;  // folds are compared with it throughout

enum class TokKind : uint8_t { kWord, kNumber, kPunct, kNewline };

// A token's fold: up to kInline bytes in place (every syllable, number and punctuation mark of
// real text), a longer one on the heap; NUL-terminated. Nineteen bytes, so that a Token takes 32
// (with a std::string, 48): a document's tokens are read by every rule, and tokenize fills them
// without a call to copy each fold.
class Fold {
 public:
  static constexpr size_t kInline = 17;

  Fold() = default;
  Fold(std::string_view s) { set(s); }  // NOLINT: a fold is text
  Fold(const Fold& o) { set(o.view()); }
  Fold(Fold&& o) noexcept { take(o); }
  Fold& operator=(const Fold& o) {
    if (this != &o) *this = Fold(o);
    return *this;
  }
  Fold& operator=(Fold&& o) noexcept {
    if (this != &o) {
      release();
      take(o);
    }
    return *this;
  }
  Fold& operator=(std::string_view s) { return *this = Fold(s); }  // s may lie in this fold
  ~Fold() { release(); }

  // n bytes from p, which has kInline + 1 bytes to read (a copy of fixed size, without a call).
  void assign_padded(const char* p, size_t n) {
    if (n > kInline) {
      *this = std::string_view(p, n);
      return;
    }
    release();
    std::memcpy(buf_, p, kInline + 1);
    buf_[n] = '\0';
    len_ = static_cast<uint8_t>(n);
  }

  const char* data() const { return heap() ? heap_data() : buf_; }
  const char* c_str() const { return data(); }
  size_t size() const { return heap() ? heap_size() : len_; }
  bool empty() const { return size() == 0; }
  char operator[](size_t i) const { return data()[i]; }
  char front() const { return data()[0]; }
  char back() const { return data()[size() - 1]; }
  const char* begin() const { return data(); }
  const char* end() const { return data() + size(); }
  std::string_view view() const { return {data(), size()}; }
  operator std::string_view() const { return view(); }  // NOLINT: read as text everywhere
  std::string_view substr(size_t pos, size_t n = std::string_view::npos) const { return view().substr(pos, n); }
  friend bool operator==(const Fold& a, std::string_view b) { return same_text(a.view(), b); }
  friend bool operator==(const Fold& a, const Fold& b) { return same_text(a.view(), b.view()); }
  friend std::ostream& operator<<(std::ostream& os, const Fold& f);

 private:
  static constexpr uint8_t kHeap = 0xFF;  // len_ of a fold on the heap: pointer and size in buf_
  bool heap() const { return len_ == kHeap; }
  char* heap_data() const {
    char* p;
    std::memcpy(&p, buf_, sizeof p);
    return p;
  }
  size_t heap_size() const {
    size_t n;
    std::memcpy(&n, buf_ + sizeof(char*), sizeof n);
    return n;
  }
  void set(std::string_view s) {
    if (s.size() <= kInline) {
      if (!s.empty()) std::memcpy(buf_, s.data(), s.size());
      buf_[s.size()] = '\0';
      len_ = static_cast<uint8_t>(s.size());
      return;
    }
    char* p = new char[s.size() + 1];
    std::memcpy(p, s.data(), s.size());
    p[s.size()] = '\0';
    size_t n = s.size();
    std::memcpy(buf_, &p, sizeof p);
    std::memcpy(buf_ + sizeof p, &n, sizeof n);
    len_ = kHeap;
  }
  void take(Fold& o) {
    std::memcpy(buf_, o.buf_, sizeof buf_);
    len_ = o.len_;
    o.buf_[0] = '\0';
    o.len_ = 0;
  }
  void release() {
    if (heap()) delete[] heap_data();
    buf_[0] = '\0';
    len_ = 0;
  }

  char buf_[kInline + 1] = {};
  uint8_t len_ = 0;
};
static_assert(sizeof(Fold) == Fold::kInline + 2 && Fold::kInline + 1 >= sizeof(char*) + sizeof(size_t));

struct Token {
  uint32_t begin = 0, end = 0;
  TokKind kind = TokKind::kPunct;
  bool space_before = false;
  bool upper = false;       // every letter is upper case
  bool capitalized = false; // first letter is upper case
  bool diacritics = false;  // carries a tone, a vowel modifier or đ
  Fold fold;                // words: folded; numbers and punctuation: the text itself
  Span span() const { return Span{begin, end}; }
  std::string_view text(std::string_view src) const { return src.substr(begin, end - begin); }
  bool is(std::string_view folded) const { return same_text(fold, folded); }
  bool is_word() const { return kind == TokKind::kWord; }
  bool is_number() const { return kind == TokKind::kNumber; }
  bool is_punct(char c) const { return kind == TokKind::kPunct && fold.size() == 1 && fold[0] == c; }
};

static_assert(sizeof(Token) == 32);

// Tokenizes text[begin, end) and returns tokens with offsets into text.
std::vector<Token> tokenize(std::string_view text, uint32_t begin = 0, uint32_t end = UINT32_MAX);

}  // namespace dondoc
