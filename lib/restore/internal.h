#pragma once
// Internals of lib/restore shared by its .cpp files, the trainer and the tests: the loaded model,
// how a token becomes a language-model id, and the beam decoder.
#include <cmath>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/tokens.h"
#include "restore/model_format.h"
#include "restore/restore.h"

namespace dondoc::restore {

// Lower case, NFC, modern tone placement for a Vietnamese syllable; the fold otherwise.
// *syllable tells which. This is the key words have in the model (trainer and decoder agree).
std::string word_key(std::string_view word, bool* syllable = nullptr);

namespace detail {

struct Table {
  const char* slots = nullptr;  // `size` x format::Slot inside ModelData::bytes
  uint64_t capacity = 0;        // home slots; the table may run on past them
  uint64_t size = 0;
};

// A known syllable spelled out for OCR matching: base letters (with ă â ê ô ơ ư đ) and tones.
struct SyllableForm {
  uint16_t id;
  std::u32string bases;
  std::u32string tones;  // one tone per letter (viet::Tone values)
  std::u32string folds;  // viet::fold_char of each base
};

// Syllables seen fewer times in the corpus are mostly typos and OCR slips.
inline constexpr uint32_t kKnownCount = 3;

struct ModelData {
  std::once_flag built;  // Model::data: the tables below the n-gram ones are built once, on first use
  // The model file, mapped read-only (Model::load: the n-gram tables are read in place, and
  // processes that load the same file share its pages) or held in `owned` (Model::from_bytes).
  // The n-gram tables and the candidate keys point into it.
  std::string_view bytes;
  std::string owned;
  std::shared_ptr<const void> mapping;  // unmaps the file
  std::vector<SyllableForm> syllables;  // every known syllable (seen 3 times or more)
  // Indexes in `syllables` by their letters folded (UTF-32, "trường" -> "truong"), and by each
  // way of dropping one of those letters ("ruong", "tuong", "trong"...): OCR repair looks up the
  // syllables within one edit of a word's letters.
  std::unordered_map<std::u32string, std::vector<uint32_t>> syllables_by_fold, syllables_by_drop;
  std::vector<int32_t> syllable_of;     // id -> index in syllables, -1 if not one
  int order = 0;
  std::vector<std::string> words;                  // id -> key
  std::vector<uint32_t> counts;                    // id -> corpus count
  std::vector<uint32_t> mid_counts, title_counts;  // id -> seen mid-line, of which capitalised
  std::vector<float> uni_prob, uni_bo;
  std::unordered_map<std::string_view, uint16_t> ids;  // key -> id
  std::unordered_map<std::string_view, std::vector<uint16_t>>
      candidates;  // fold -> ids, best first
  Table tables[format::kMaxOrder + 1];

  bool known(uint16_t id) const { return id >= format::kFirstWord && counts[id] >= kKnownCount; }
  uint16_t id(std::string_view key) const {
    auto it = ids.find(key);
    return it == ids.end() ? format::kUnk : it->second;
  }
  const std::vector<uint16_t>* candidates_of(std::string_view fold) const {
    auto it = candidates.find(fold);
    return it == candidates.end() ? nullptr : &it->second;
  }
  // Looks up the n-gram `key` (ids packed, see format::push_id) of order n >= 2.
  bool find(int n, uint64_t key, format::Slot* out) const {
    return find_hashed(n, format::hash_key(key, n), out);
  }
  bool find_hashed(int n, uint64_t hash, format::Slot* out) const;
  // Asks the CPU to start loading the slot a lookup will read first: the decoder issues these for
  // a whole batch of lookups before doing them, so that the memory latencies overlap.
  void prefetch(int n, uint64_t hash) const {
    const Table& t = tables[n];
    if (t.capacity)
      __builtin_prefetch(t.slots + format::home_slot(format::fingerprint(hash), t.capacity) *
                                       sizeof(format::Slot));
  }
  // log10 of the probability that word `id`, in the middle of a line, is capitalised as observed
  // ("Đảng", "Nguyễn" mostly are; "đăng", "nguyên" are not).
  float case_cost(uint16_t id, bool capitalised) const { return case_costs[2 * id + capitalised]; }
  std::vector<float> case_costs;  // 2 * id + capitalised -> case_cost, computed at load
  static float compute_case_cost(uint32_t mid, uint32_t title, bool capitalised) {
    double p = (title + 0.5) / (mid + 1.0);
    return static_cast<float>(std::log10(capitalised ? p : 1.0 - p));
  }
};

// One position of a line to decode: the choices for the word there.
struct Choice {
  uint16_t id;
  float cost;  // log10 of the channel probability (how likely the input is, given this word)
};
struct Lattice {
  std::vector<Choice> choices;
  std::vector<uint32_t> start{0};  // position i has choices [start[i], start[i+1])
  size_t size() const { return start.size() - 1; }
  void add(const Choice* c, size_t n) {
    choices.insert(choices.end(), c, c + n);
    start.push_back(static_cast<uint32_t>(choices.size()));
  }
  void clear() {
    choices.clear();
    start.assign(1, 0);
  }
};

// Weight of the case evidence (ModelData::case_cost) against the language model.
inline constexpr float kCaseWeight = 0.75f;

// Hypotheses kept per position: 8 loses 0.02% accuracy against 32 on held-out text, at a quarter
// of the cost.
inline constexpr int kDefaultBeam = 8;

// Best sequence through the lattice (one line: <s> ... </s>); returns the index of the chosen
// choice at each position (relative to the position's first choice).
std::vector<uint32_t> best_path(const ModelData& m, const Lattice& lattice,
                                int beam = kDefaultBeam);

// Applies the case of each input letter to `word` (lower case), letter by letter.
std::string apply_case(std::string_view input, std::string_view word);

}  // namespace detail
}  // namespace dondoc::restore
