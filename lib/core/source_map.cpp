#include "core/source_map.h"

#include <algorithm>

namespace dondoc {

const SourceMap::Segment* SourceMap::find(uint32_t offset) const {
  if (segs_.empty()) return nullptr;
  auto it = std::upper_bound(segs_.begin(), segs_.end(), offset,
                             [](uint32_t o, const Segment& s) { return o < s.derived; });
  if (it == segs_.begin()) return &segs_.front();
  return &*std::prev(it);
}

uint32_t SourceMap::begin_to_source(uint32_t offset) const {
  const Segment* s = find(offset);
  if (!s) return offset;
  if (offset >= s->derived + s->derived_len) return s->source + s->source_len;
  if (s->derived_len == s->source_len) return s->source + (offset - s->derived);
  return s->source;
}

uint32_t SourceMap::end_to_source(uint32_t offset) const {
  if (offset == 0) return begin_to_source(0);
  const Segment* s = find(offset - 1);
  if (!s) return offset;
  uint32_t last = offset - 1;
  if (last >= s->derived + s->derived_len) return s->source + s->source_len;
  if (s->derived_len == s->source_len) return s->source + (last - s->derived) + 1;
  return s->source + s->source_len;
}

void SourceMapBuilder::copy(uint32_t d, uint32_t n, uint32_t s) {
  if (n == 0) return;
  if (!segs_.empty()) {
    auto& b = segs_.back();
    if (b.derived_len == b.source_len && b.derived + b.derived_len == d && b.source + b.source_len == s) {
      b.derived_len += n;
      b.source_len += n;
      return;
    }
  }
  segs_.push_back({d, n, s, n});
}

void SourceMapBuilder::replace(uint32_t d, uint32_t dn, uint32_t s, uint32_t sn) {
  if (dn == sn) return copy(d, dn, s);
  if (dn == 0) return;  // deletions leave no derived bytes to map
  segs_.push_back({d, dn, s, sn});
}

}  // namespace dondoc
