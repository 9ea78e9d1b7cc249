#pragma once
// The restore.model file: shared by the trainer (which writes it) and Model (which reads it).
// Internal header; not part of the public API.
//
// Layout, host byte order (little-endian on every machine dondoc targets), every section checked on
// load:
//   magic "DDRSTORE" | u32 version | u32 order (2..4) | u32 vocabulary size
//   vocabulary: per id  u8 length, bytes, u32 corpus count, u32 times seen where case tells
//               something (mid-line), u32 of those capitalised, u16 log10 prob, u16 log10 backoff
//   candidates: u32 n | per folded key: u8 length, bytes, u8 count, count x u16 ids (best first)
//   per order k = 2..order: u64 capacity (home slots) | u64 slots | slots x Slot, ordered by
//   fingerprint (see home_slot)
// Probabilities are interpolated modified Kneser-Ney in backoff form (as in ARPA files); log10
// values are quantised to 1/4096 (0 .. -16).
#include <cmath>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace dondoc::restore::format {

inline constexpr std::string_view kMagic = "DDRSTORE";
inline constexpr uint32_t kVersion = 1;
inline constexpr int kMaxOrder = 4;
inline constexpr uint32_t kMaxVocabulary = 65535;

// Reserved ids. Words are keyed by their lower-case NFC form with modern tone placement when
// they are Vietnamese syllables, by their fold otherwise ("NĐ" -> "nd", "UBND" -> "ubnd").
inline constexpr uint16_t kUnk = 0;    // a word the model has not seen
inline constexpr uint16_t kBos = 1;    // start of a line (context only)
inline constexpr uint16_t kEos = 2;    // end of a line
inline constexpr uint16_t kNum = 3;    // a run of digits
inline constexpr uint16_t kPunct = 4;  // punctuation outside the common set
inline constexpr uint16_t kFirstWord = 5;
inline constexpr std::string_view kReservedNames[] = {"<unk>", "<s>", "</s>", "<num>", "<p>"};

struct Slot {
  uint32_t fp;    // fingerprint, 0 = empty
  uint16_t prob;  // quantised -log10 p(w | context)
  uint16_t bo;    // quantised -log10 backoff weight of this n-gram used as a context
};
static_assert(sizeof(Slot) == 8);

inline constexpr float kQuantScale = 4096.0f;

inline uint16_t quantize(double log10_value) {
  double q = std::round(-log10_value * kQuantScale);
  if (!(q >= 0)) return 0;  // also catches NaN
  return q > 65535 ? 65535 : static_cast<uint16_t>(q);
}
inline float dequantize(uint16_t q) { return -static_cast<float>(q) / kQuantScale; }

// Ids packed most significant first: (a, b, c) -> a<<32 | b<<16 | c. The context of a packed
// n-gram is key >> 16; its last word is key & 0xFFFF.
inline uint64_t push_id(uint64_t key, uint16_t id) { return (key << 16) | id; }
inline uint64_t keep_last(uint64_t key, int n) {
  return n >= 4 ? key : key & ((uint64_t{1} << (16 * n)) - 1);
}

inline uint64_t mix(uint64_t x) {  // splitmix64 finaliser
  x += 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}
inline uint32_t fingerprint(uint64_t h) {
  auto fp = static_cast<uint32_t>(h >> 32);
  return fp == 0 ? 1 : fp;
}
// Tables are ordered by fingerprint: an entry sits at its home slot (which grows with the
// fingerprint) or just after the entries before it. A lookup scans from the home slot and stops
// at the first empty slot or larger fingerprint, so misses cost about one probe.
inline uint64_t home_slot(uint32_t fp, uint64_t capacity) {
  return (uint64_t{fp} * capacity) >> 32;  // capacity < 2^32, so this cannot overflow
}
// The n-gram order is part of the hash so that (0, a, b) and (a, b) cannot collide.
inline uint64_t hash_key(uint64_t key, int order) { return mix(key ^ (uint64_t(order) << 58)); }

// Bounded little-endian reading; every accessor fails softly (ok() turns false).
class Reader {
 public:
  explicit Reader(std::string_view b) : b_(b) {}
  bool ok() const { return ok_; }
  size_t pos() const { return pos_; }
  bool need(size_t n) {
    if (!ok_ || b_.size() - pos_ < n) ok_ = false;
    return ok_;
  }
  template <typename T>
  T get() {
    T v{};
    if (!need(sizeof(T))) return v;
    std::memcpy(&v, b_.data() + pos_, sizeof(T));
    pos_ += sizeof(T);
    return v;
  }
  std::string_view bytes(size_t n) {
    if (!need(n)) return {};
    std::string_view s = b_.substr(pos_, n);
    pos_ += n;
    return s;
  }

 private:
  std::string_view b_;
  size_t pos_ = 0;
  bool ok_ = true;
};

template <typename T>
inline void put(std::string& out, T v) {
  char buf[sizeof(T)];
  std::memcpy(buf, &v, sizeof(T));
  out.append(buf, sizeof(T));
}

}  // namespace dondoc::restore::format
