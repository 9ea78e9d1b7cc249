#pragma once
// Span: a byte range [begin, end) in some text.
// SourceMap: maps byte offsets of a derived text back to the text it was made from, piecewise:
// verbatim copies map byte for byte, replaced pieces map to the whole piece they replaced.
//
//   SourceMapBuilder b;
//   b.copy(0, 5, 0);            // derived [0,5) == source [0,5)
//   b.replace(5, 2, 5, 3);      // derived [5,7) replaced source [5,8)
//   SourceMap m = b.build();
//   m.to_source(Span{0, 7});    // {0, 8}
#include <cstdint>
#include <string_view>
#include <vector>

namespace dondoc {

struct Span {
  uint32_t begin = 0, end = 0;
  uint32_t size() const { return end > begin ? end - begin : 0; }
  bool empty() const { return end <= begin; }
  bool contains(const Span& o) const { return begin <= o.begin && o.end <= end; }
  std::string_view of(std::string_view text) const {
    if (begin >= text.size()) return {};
    return text.substr(begin, (end > text.size() ? text.size() : end) - begin);
  }
  friend bool operator==(const Span&, const Span&) = default;
};

class SourceMap {
 public:
  struct Segment {
    uint32_t derived, derived_len, source, source_len;
  };
  SourceMap() = default;
  explicit SourceMap(std::vector<Segment> segs) : segs_(std::move(segs)) {}
  static SourceMap identity(uint32_t size) { return SourceMap({{0, size, 0, size}}); }

  uint32_t begin_to_source(uint32_t offset) const;
  uint32_t end_to_source(uint32_t offset) const;
  Span to_source(Span s) const { return Span{begin_to_source(s.begin), end_to_source(s.end)}; }
  bool empty() const { return segs_.empty(); }
  const std::vector<Segment>& segments() const { return segs_; }

 private:
  const Segment* find(uint32_t offset) const;
  std::vector<Segment> segs_;
};

class SourceMapBuilder {
 public:
  // derived [d, d+n) is a byte-for-byte copy of source [s, s+n)
  void copy(uint32_t d, uint32_t n, uint32_t s);
  // derived [d, d+dn) stands for source [s, s+sn)
  void replace(uint32_t d, uint32_t dn, uint32_t s, uint32_t sn);
  SourceMap build() { return SourceMap(std::move(segs_)); }

 private:
  std::vector<SourceMap::Segment> segs_;
};

// A chain of maps, applied from the last (closest to the final text) to the first.
struct SourceMapChain {
  std::vector<SourceMap> maps;  // maps[0]: stage1 -> original, maps[1]: stage2 -> stage1 ...
  Span to_source(Span s) const {
    for (auto it = maps.rbegin(); it != maps.rend(); ++it) s = it->to_source(s);
    return s;
  }
};

}  // namespace dondoc
