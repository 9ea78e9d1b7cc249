#pragma once
// Maps keyed by text, looked up by std::string_view (a token's fold, a slice of a document)
// without building a std::string for the look-up.
//
//   TextMap<int> m;                   // a std::unordered_map with text look-ups
//   TextIndex<std::vector<Entry>> ix; // built once, then read per token: see below
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/short_key.h"

namespace dondoc {

struct TextHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

template <typename V>
using TextMap = std::unordered_map<std::string, V, TextHash, std::equal_to<>>;

// Values by text key, for tables built once and then asked about every token of a document: a
// key of up to ShortKey::kMax bytes is found in one array of slots (open addressing, at most half
// full), where a node-based map walks a bucket list to a node; longer keys go to a TextMap.
// Values live in values(), in the order their keys came.
template <typename V>
class TextIndex {
 public:
  // The value of key, made (value-initialised) when the key is new; *fresh says whether it was.
  // References from earlier calls may be invalidated.
  V& at(std::string_view key, bool* fresh = nullptr) {
    int32_t i = index_of(key);
    if (fresh) *fresh = i < 0;
    if (i >= 0) return values_[static_cast<size_t>(i)];
    i = static_cast<int32_t>(values_.size());
    values_.emplace_back();
    if (key.size() > ShortKey::kMax) {
      long_.emplace(std::string(key), i);
    } else {
      if ((short_count_ + 1) * 2 > slots_.size()) grow();
      place(Slot{ShortKey::of(key), i});
      ++short_count_;
    }
    return values_.back();
  }
  // The index in values() of key's value, or -1.
  int32_t index_of(std::string_view key) const {
    if (key.size() > ShortKey::kMax) {
      auto it = long_.find(key);
      return it == long_.end() ? -1 : it->second;
    }
    if (slots_.empty()) return -1;
    ShortKey k = ShortKey::of(key);
    size_t mask = slots_.size() - 1;
    for (size_t s = k.hash() & mask;; s = (s + 1) & mask) {
      const Slot& slot = slots_[s];
      if (slot.value < 0) return -1;
      if (slot.key == k) return slot.value;
    }
  }
  const V* find(std::string_view key) const {
    int32_t i = index_of(key);
    return i < 0 ? nullptr : &values_[static_cast<size_t>(i)];
  }
  std::vector<V>& values() { return values_; }
  const std::vector<V>& values() const { return values_; }

 private:
  struct Slot {
    ShortKey key;
    int32_t value = -1;  // -1: empty
  };
  void place(const Slot& x) {
    size_t mask = slots_.size() - 1;
    size_t s = x.key.hash() & mask;
    while (slots_[s].value >= 0) s = (s + 1) & mask;
    slots_[s] = x;
  }
  void grow() {
    std::vector<Slot> old(slots_.empty() ? 16 : slots_.size() * 2);
    old.swap(slots_);
    for (const Slot& x : old)
      if (x.value >= 0) place(x);
  }
  std::vector<Slot> slots_;
  size_t short_count_ = 0;
  TextMap<int32_t> long_;
  std::vector<V> values_;
};

}  // namespace dondoc
