#pragma once
// A string of up to 16 bytes as two 64-bit words and its length: equal keys, equal strings. Made
// with fixed-size loads (no loop over the bytes, no call to memcpy or memcmp), for caches and
// tables keyed by short words, which the same few thousand syllables fill.
//
//   ShortKey k = ShortKey::of("trường");   // only when the word fits: s.size() <= kMax
//   k == ShortKey::of(other); k.hash();
#include <cstdint>
#include <cstring>
#include <string_view>

namespace dondoc {

struct ShortKey {
  static constexpr size_t kMax = 16;
  uint64_t lo = 0, hi = 0;
  uint32_t len = 0xFFFFFFFF;  // no string

  // s.size() <= kMax. The words read overlap when the string is shorter than theirs: together
  // they cover every byte once the length is known.
  static ShortKey of(std::string_view s) {
    ShortKey k;
    const char* p = s.data();
    size_t n = s.size();
    k.len = static_cast<uint32_t>(n);
    if (n >= 8) {
      std::memcpy(&k.lo, p, 8);
      std::memcpy(&k.hi, p + n - 8, 8);
    } else if (n >= 4) {
      uint32_t a, b;
      std::memcpy(&a, p, 4);
      std::memcpy(&b, p + n - 4, 4);
      k.lo = a;
      k.hi = b;
    } else if (n > 0) {
      k.lo = static_cast<unsigned char>(p[0]) | static_cast<unsigned char>(p[n / 2]) << 8 |
             static_cast<unsigned char>(p[n - 1]) << 16;
      k.hi = 0;
    } else {
      k.lo = k.hi = 0;
    }
    return k;
  }
  uint64_t hash() const {
    uint64_t h = (lo ^ (hi * 0x9E3779B97F4A7C15ULL) ^ len) * 0xFF51AFD7ED558CCDULL;
    return h ^ (h >> 29);
  }
  bool operator==(const ShortKey& o) const { return lo == o.lo && hi == o.hi && len == o.len; }
};

}  // namespace dondoc
