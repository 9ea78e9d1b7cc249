#pragma once
// UTF-8 helpers: decoding with validation, encoding, and small utilities.
// Invariant: decode() never reads past `end` and always advances by at least one byte.
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace dondoc::utf8 {

constexpr char32_t kInvalid = 0xFFFD;

// Decodes one code point at s[i]; sets len to the bytes consumed (>=1).
// Returns kInvalid for malformed sequences (len is then 1).
inline char32_t decode(std::string_view s, size_t i, size_t* len) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  size_t n = s.size();
  unsigned char c = p[i];
  if (c < 0x80) { *len = 1; return c; }
  auto cont = [&](size_t k) { return i + k < n && (p[i + k] & 0xC0) == 0x80; };
  if (c >= 0xC2 && c <= 0xDF && cont(1)) {
    *len = 2;
    return ((c & 0x1F) << 6) | (p[i + 1] & 0x3F);
  }
  if (c >= 0xE0 && c <= 0xEF && cont(1) && cont(2)) {
    char32_t cp = ((c & 0x0F) << 12) | ((p[i + 1] & 0x3F) << 6) | (p[i + 2] & 0x3F);
    if (cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF)) { *len = 3; return cp; }
  }
  if (c >= 0xF0 && c <= 0xF4 && cont(1) && cont(2) && cont(3)) {
    char32_t cp = ((c & 0x07) << 18) | ((p[i + 1] & 0x3F) << 12) | ((p[i + 2] & 0x3F) << 6) |
                  (p[i + 3] & 0x3F);
    if (cp >= 0x10000 && cp <= 0x10FFFF) { *len = 4; return cp; }
  }
  *len = 1;
  return kInvalid;
}

// Writes cp's UTF-8 bytes to o (room for 4); returns how many.
inline size_t encode_to(char32_t cp, char* o) {
  if (cp < 0x80) {
    o[0] = static_cast<char>(cp);
    return 1;
  }
  if (cp < 0x800) {
    o[0] = static_cast<char>(0xC0 | (cp >> 6));
    o[1] = static_cast<char>(0x80 | (cp & 0x3F));
    return 2;
  }
  if (cp < 0x10000) {
    o[0] = static_cast<char>(0xE0 | (cp >> 12));
    o[1] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    o[2] = static_cast<char>(0x80 | (cp & 0x3F));
    return 3;
  }
  o[0] = static_cast<char>(0xF0 | (cp >> 18));
  o[1] = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
  o[2] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
  o[3] = static_cast<char>(0x80 | (cp & 0x3F));
  return 4;
}

inline void append(std::string& out, char32_t cp) {
  char b[4];
  out.append(b, encode_to(cp, b));
}

inline std::string encode(char32_t cp) {
  std::string s;
  append(s, cp);
  return s;
}

// Equal strings, compared in place: the folds compared by the rules are a few bytes long, and a
// call to memcmp costs more than their bytes.
inline bool same_text(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (a[i] != b[i]) return false;
  return true;
}

// The first byte at or after i that is not ASCII (s.size() if none): eight bytes at a time (most
// of a Vietnamese text is ASCII, in runs of a few bytes), a byte at a time at the end.
inline size_t skip_ascii(std::string_view s, size_t i) {
  while (i + 8 <= s.size()) {
    uint64_t w;
    std::memcpy(&w, s.data() + i, 8);
    if (uint64_t high = w & 0x8080808080808080ULL) {
      if constexpr (std::endian::native == std::endian::little) return i + static_cast<size_t>(std::countr_zero(high) / 8);
      break;
    }
    i += 8;
  }
  while (i < s.size() && static_cast<unsigned char>(s[i]) < 0x80) ++i;
  return i;
}

// Number of bytes of invalid UTF-8 in s (0 for valid text).
inline size_t count_invalid(std::string_view s) {
  size_t bad = 0, len = 0;
  for (size_t i = skip_ascii(s, 0); i < s.size(); i = skip_ascii(s, i + len)) {
    if (decode(s, i, &len) == kInvalid &&
        !(len == 3 && s.substr(i, 3) == "\xEF\xBF\xBD")) ++bad;
  }
  return bad;
}

// Byte offset of the start of the code point that contains byte i.
inline size_t floor_boundary(std::string_view s, size_t i) {
  while (i > 0 && i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) --i;
  return i;
}

}  // namespace dondoc::utf8
