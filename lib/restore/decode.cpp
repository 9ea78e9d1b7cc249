// Beam search over a lattice of word choices with the n-gram model. Hypotheses that end in the
// same n-1 words are merged (only the best can win), then the best `beam` are kept.
#include <algorithm>
#include <array>

#include "restore/internal.h"

namespace dondoc::restore::detail {
namespace {

using format::Slot;

struct Hyp {
  uint64_t ctx;     // last (order - 1) ids, packed
  float score;      // log10
  uint32_t parent;  // index in the previous level
  uint32_t choice;  // choice index at this position
  uint8_t len;      // ids in ctx
};

// Backoff weights of a hypothesis' contexts, looked up once per hypothesis, not per choice.
struct ContextCache {
  std::array<float, format::kMaxOrder> bo{};  // bo[j]: context of the last j ids
  int known = 0;                              // longest context present in the model
};

// The contexts of all hypotheses: every lookup is prefetched before any is made. A context of
// length j can only exist when its suffix of length j - 1 does (counts of suffixes are never
// pruned), so `known` is the longest one found.
void cache_contexts(const ModelData& m, const std::vector<Hyp>& hyps,
                    std::vector<ContextCache>& out) {
  out.assign(hyps.size(), ContextCache{});
  uint64_t hashes[format::kMaxOrder + 1];
  for (int pass = 0; pass < 2; ++pass) {
    for (size_t i = 0; i < hyps.size(); ++i) {
      const Hyp& h = hyps[i];
      int len = std::min<int>(h.len, m.order - 1);
      ContextCache& c = out[i];
      if (pass == 1 && len >= 1) {
        c.bo[1] = m.uni_bo[h.ctx & 0xFFFF];
        c.known = 1;
      }
      for (int j = 2; j <= len; ++j) {
        hashes[j] = format::hash_key(format::keep_last(h.ctx, j), j);
        if (pass == 0) {
          m.prefetch(j, hashes[j]);
          continue;
        }
        Slot s;
        if (c.known == j - 1 && m.find_hashed(j, hashes[j], &s)) {
          c.bo[j] = format::dequantize(s.bo);
          c.known = j;
        }
      }
    }
  }
}

// Scores every (hypothesis, choice) pair, one backoff level at a time across all pairs, so that
// the lookups of one level are prefetched together.
struct Pending {
  uint32_t hyp, choice;
  int level;  // the context length tried next; 0 = unigram
  float acc;  // backoff weights collected so far
  uint64_t hash;
};

void score_pairs(const ModelData& m, const std::vector<Hyp>& hyps,
                 const std::vector<ContextCache>& caches, const Choice* choices, uint32_t nc,
                 std::vector<Pending>& pending, std::vector<float>& scores) {
  scores.assign(hyps.size() * nc, 0.0f);
  pending.clear();
  for (uint32_t hi = 0; hi < hyps.size(); ++hi)
    for (uint32_t ci = 0; ci < nc; ++ci)
      pending.push_back(Pending{hi, ci, caches[hi].known, 0.0f, 0});
  while (!pending.empty()) {
    for (Pending& p : pending) {
      if (p.level == 0) continue;
      uint64_t key =
          format::push_id(format::keep_last(hyps[p.hyp].ctx, p.level), choices[p.choice].id);
      p.hash = format::hash_key(key, p.level + 1);
      m.prefetch(p.level + 1, p.hash);
    }
    size_t kept = 0;
    for (Pending& p : pending) {
      float& out = scores[p.hyp * nc + p.choice];
      if (p.level == 0) {
        out = p.acc + m.uni_prob[choices[p.choice].id];
        continue;
      }
      Slot s;
      if (m.find_hashed(p.level + 1, p.hash, &s)) {
        out = p.acc + format::dequantize(s.prob);
        continue;
      }
      p.acc += caches[p.hyp].bo[p.level];
      --p.level;
      pending[kept++] = p;
    }
    pending.resize(kept);
  }
}

// Merges hypotheses with the same context, keeping the best score. Small open addressing table
// with generation stamps so that it is not cleared at every position.
class Merger {
 public:
  void reset() {
    if (++stamp_ == 0) {
      std::fill(stamps_.begin(), stamps_.end(), 0);
      stamp_ = 1;
    }
  }
  void add(std::vector<Hyp>& out, const Hyp& h) {
    uint64_t key = h.ctx * 0x9E3779B97F4A7C15ull + h.len;
    size_t i = (key >> 54) & (kSize - 1);
    for (size_t probes = 0; probes < kSize; ++probes, i = (i + 1) & (kSize - 1)) {
      if (stamps_[i] != stamp_) {
        stamps_[i] = stamp_;
        where_[i] = static_cast<uint32_t>(out.size());
        out.push_back(h);
        return;
      }
      Hyp& o = out[where_[i]];
      if (o.ctx == h.ctx && o.len == h.len) {
        if (h.score > o.score) o = h;
        return;
      }
    }
    out.push_back(h);  // table full: keep the hypothesis unmerged
  }

 private:
  static constexpr size_t kSize = 1024;
  std::array<uint32_t, kSize> stamps_{};
  std::array<uint32_t, kSize> where_{};
  uint32_t stamp_ = 0;
};

// log10: hypotheses 10^4 times less likely than the best are dropped.
constexpr float kPruneMargin = 4.0f;

}  // namespace

std::vector<uint32_t> best_path(const ModelData& m, const Lattice& lattice, int beam) {
  size_t n = lattice.size();
  std::vector<uint32_t> path(n, 0);
  if (n == 0) return path;
  beam = std::max(beam, 1);
  int keep = m.order - 1;
  // Every level's hypotheses, one after the other: level p is [level_start[p], level_start[p+1]).
  std::vector<Hyp> all;
  std::vector<size_t> level_start;
  all.reserve(n * 2);
  level_start.reserve(n + 1);
  std::vector<Hyp> prev{Hyp{format::kBos, 0.0f, 0, 0, 1}}, next;
  std::vector<ContextCache> caches;
  std::vector<Pending> pending;
  std::vector<float> scores;
  Merger merger;
  auto extend = [keep](const Hyp& h, uint16_t id) {
    return std::pair{format::keep_last(format::push_id(h.ctx, id), keep),
                     static_cast<uint8_t>(std::min<int>(h.len + 1, keep))};
  };
  for (size_t p = 0; p < n; ++p) {
    const Choice* choices = lattice.choices.data() + lattice.start[p];
    uint32_t nc = lattice.start[p + 1] - lattice.start[p];
    next.clear();
    if (prev.size() == 1 && nc == 1) {
      // Nothing to choose: the score would be the same for every path.
      auto [ctx, len] = extend(prev[0], choices[0].id);
      next.push_back(Hyp{ctx, prev[0].score, 0, 0, len});
    } else {
      cache_contexts(m, prev, caches);
      score_pairs(m, prev, caches, choices, nc, pending, scores);
      merger.reset();
      float best = -1e30f;
      for (uint32_t hi = 0; hi < prev.size(); ++hi) {
        for (uint32_t ci = 0; ci < nc; ++ci) {
          float s = prev[hi].score + choices[ci].cost + scores[hi * nc + ci];
          if (s < best - kPruneMargin) continue;
          best = std::max(best, s);
          auto [ctx, len] = extend(prev[hi], choices[ci].id);
          merger.add(next, Hyp{ctx, s, hi, ci, len});
        }
      }
      auto better = [](const Hyp& a, const Hyp& b) { return a.score > b.score; };
      if (next.size() > static_cast<size_t>(beam)) {
        std::nth_element(next.begin(), next.begin() + beam, next.end(), better);
        next.resize(beam);
      }
      next.erase(std::remove_if(next.begin(), next.end(),
                                [&](const Hyp& h) { return h.score < best - kPruneMargin; }),
                 next.end());
    }
    level_start.push_back(all.size());
    all.insert(all.end(), next.begin(), next.end());
    prev.swap(next);
  }
  level_start.push_back(all.size());
  // Close the line with </s> and trace back.
  const Choice eos{format::kEos, 0.0f};
  cache_contexts(m, prev, caches);
  score_pairs(m, prev, caches, &eos, 1, pending, scores);
  uint32_t best_i = 0;
  float best = -1e30f;
  for (uint32_t i = 0; i < prev.size(); ++i) {
    float s = prev[i].score + scores[i];
    if (s > best) {
      best = s;
      best_i = i;
    }
  }
  for (size_t p = n; p-- > 0;) {
    const Hyp& h = all[level_start[p] + best_i];
    path[p] = h.choice;
    best_i = h.parent;
  }
  return path;
}

}  // namespace dondoc::restore::detail
