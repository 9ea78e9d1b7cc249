// Loading restore.model (see model_format.h) and the language-model lookups the decoder runs.
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <mutex>

#include "core/utf8.h"
#include "core/viet.h"
#include "normalize/normalize.h"
#include "restore/internal.h"

namespace dondoc::restore {

using format::Slot;

std::string word_key(std::string_view word, bool* syllable) {
  std::string lower = viet::to_lower(word);
  for (unsigned char c : lower) {
    if (c == 0xCC || c == 0xCD) {  // U+0300..U+036F combining marks: compose first
      lower = normalize::nfc(lower).text;
      break;
    }
  }
  bool ok = normalize::is_syllable(lower);
  if (syllable) *syllable = ok;
  if (ok) return normalize::fix_tone_placement(lower);
  return viet::fold(lower);
}

namespace detail {

bool ModelData::find_hashed(int n, uint64_t h, Slot* out) const {
  const Table& t = tables[n];
  if (t.capacity == 0) return false;
  uint32_t fp = format::fingerprint(h);
  for (uint64_t i = format::home_slot(fp, t.capacity); i < t.size; ++i) {
    Slot s;
    std::memcpy(&s, t.slots + i * sizeof(Slot), sizeof(Slot));
    if (s.fp == fp) {
      *out = s;
      return true;
    }
    if (s.fp == 0 || s.fp > fp) return false;
  }
  return false;
}

std::string apply_case(std::string_view input, std::string_view word) {
  std::string out;
  out.reserve(word.size() + 4);
  size_t i = 0, j = 0, li = 0, lj = 0;
  bool last_upper = false;
  while (j < word.size()) {
    char32_t w = utf8::decode(word, j, &lj);
    j += lj;
    if (i < input.size()) {
      char32_t c = utf8::decode(input, i, &li);
      i += li;
      last_upper = viet::is_upper(c);
    }
    out += utf8::encode(last_upper ? viet::to_upper(w) : w);
  }
  return out;
}

}  // namespace detail

namespace {

Error corrupt(const std::string& what) {
  return make_error(ErrorCode::kInvalidInput,
                    "restore model is corrupt or of another version: " + what);
}

}  // namespace

// Reads the model in d.bytes. Loading only checks it (build = false): the tables a restoration
// looks words up in are built when one is first run (Model::data), so that a run that restores
// nothing does not pay for them. The same walk builds them (build = true), on a model that has
// already passed it.
namespace {
Status read_model(detail::ModelData& d, bool build) {
  format::Reader r(d.bytes);
  if (r.bytes(format::kMagic.size()) != format::kMagic) return corrupt("bad magic");
  if (r.get<uint32_t>() != format::kVersion) return corrupt("unsupported version");
  auto order = r.get<uint32_t>();
  auto vocab = r.get<uint32_t>();
  if (!r.ok() || order < 2 || order > format::kMaxOrder) return corrupt("bad order");
  if (vocab < format::kFirstWord || vocab > format::kMaxVocabulary)
    return corrupt("bad vocabulary size");
  d.order = static_cast<int>(order);
  if (build) {
    d.words.reserve(vocab);
    d.counts.reserve(vocab);
    d.mid_counts.reserve(vocab);
    d.title_counts.reserve(vocab);
    d.uni_prob.reserve(vocab);
    d.uni_bo.reserve(vocab);
  }
  for (uint32_t i = 0; i < vocab; ++i) {
    auto len = r.get<uint8_t>();
    std::string_view word = r.bytes(len);
    auto count = r.get<uint32_t>();
    auto mid = r.get<uint32_t>();
    auto title = r.get<uint32_t>();
    auto prob = r.get<uint16_t>();
    auto bo = r.get<uint16_t>();
    if (!build) continue;
    d.words.emplace_back(word);
    d.counts.push_back(count);
    d.mid_counts.push_back(mid);
    d.title_counts.push_back(std::min(mid, title));
    d.uni_prob.push_back(format::dequantize(prob));
    d.uni_bo.push_back(format::dequantize(bo));
  }
  if (!r.ok()) return corrupt("truncated vocabulary");
  if (build) {
    d.case_costs.reserve(2 * vocab);
    for (uint32_t i = 0; i < vocab; ++i)
      for (bool cap : {false, true})
        d.case_costs.push_back(detail::ModelData::compute_case_cost(d.mid_counts[i], d.title_counts[i], cap));
    d.ids.reserve(vocab);
    for (uint32_t i = 0; i < vocab; ++i) d.ids.emplace(d.words[i], static_cast<uint16_t>(i));
  }
  auto nfolds = r.get<uint32_t>();
  if (!r.ok() || nfolds > vocab) return corrupt("bad candidate table");
  if (build) d.candidates.reserve(nfolds);
  for (uint32_t i = 0; i < nfolds && r.ok(); ++i) {
    auto len = r.get<uint8_t>();
    std::string_view fold = r.bytes(len);
    auto n = r.get<uint8_t>();
    std::vector<uint16_t> ids;
    for (uint8_t k = 0; k < n; ++k) {
      auto id = r.get<uint16_t>();
      if (id >= vocab) return corrupt("candidate out of range");
      if (build) ids.push_back(id);
    }
    if (build && !ids.empty()) d.candidates.emplace(fold, std::move(ids));
  }
  if (!r.ok()) return corrupt("truncated candidate table");
  if (build) {
    d.syllable_of.assign(vocab, -1);
    for (uint32_t i = format::kFirstWord; i < vocab; ++i) {
      if (d.counts[i] < detail::kKnownCount || !normalize::is_syllable(d.words[i])) continue;
      d.syllable_of[i] = static_cast<int32_t>(d.syllables.size());
      detail::SyllableForm f{static_cast<uint16_t>(i), {}, {}};
      const std::string& w = d.words[i];
      size_t len = 0;
      for (size_t k = 0; k < w.size(); k += len) {
        viet::Letter l = viet::decompose(utf8::decode(w, k, &len));
        f.bases.push_back(l.base);
        f.tones.push_back(l.tone);
        f.folds.push_back(viet::fold_char(l.base));
      }
      d.syllables.push_back(std::move(f));
    }
    for (uint32_t i = 0; i < d.syllables.size(); ++i) {
      std::u32string fold = d.syllables[i].folds;
      for (size_t k = 0; k < fold.size(); ++k) {
        if (k > 0 && fold[k] == fold[k - 1]) continue;  // the same drop
        d.syllables_by_drop[fold.substr(0, k) + fold.substr(k + 1)].push_back(i);
      }
      d.syllables_by_fold[std::move(fold)].push_back(i);
    }
  }
  for (int n = 2; n <= d.order; ++n) {
    auto cap = r.get<uint64_t>();
    auto size = r.get<uint64_t>();
    if (!r.ok() || cap == 0 || cap >= (uint64_t{1} << 32) || size < cap ||
        size >= (uint64_t{1} << 33) || !r.need(size * sizeof(Slot)))
      return corrupt("bad n-gram table");
    d.tables[n].capacity = cap;
    d.tables[n].size = size;
    d.tables[n].slots = r.bytes(size * sizeof(Slot)).data();
  }
  if (r.pos() != d.bytes.size()) return corrupt("trailing bytes");
  return ok_status();
}
}  // namespace

Result<Model> Model::parse(std::shared_ptr<detail::ModelData> d) {
  if (auto s = read_model(*d, false); !s) return s.error();
  return Model(std::move(d));
}

const detail::ModelData& Model::data() const {
  std::call_once(d_->built, [this] {
    // The walk cannot fail now: parse() has made it once.
    if (!read_model(*d_, true)) std::abort();
  });
  return *d_;
}

Result<Model> Model::from_bytes(std::string bytes) {
  auto d = std::make_shared<detail::ModelData>();
  d->owned = std::move(bytes);
  d->bytes = d->owned;
  return parse(std::move(d));
}

Result<Model> Model::load(const std::string& path) {
  // Mapped, not read: loading costs the vocabulary's few thousand entries, not a copy of the
  // tables, and every process that loads the file reads the same pages of the page cache. The
  // trainer replaces the file by renaming a new one over it, so a mapping never sees it change.
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return make_error(errno == ENOENT ? ErrorCode::kNotFound : ErrorCode::kIo, "cannot open restore model", path);
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    return make_error(ErrorCode::kIo, "cannot read restore model", path);
  }
  auto size = static_cast<size_t>(st.st_size);
  void* p = size ? ::mmap(nullptr, size, PROT_READ, MAP_SHARED, fd, 0) : MAP_FAILED;
  ::close(fd);
  if (p == MAP_FAILED) {
    if (size == 0) return make_error(ErrorCode::kInvalidInput, "restore model is corrupt or of another version: empty", path);
    return make_error(ErrorCode::kIo, "cannot map restore model", path);
  }
  auto d = std::make_shared<detail::ModelData>();
  d->mapping = std::shared_ptr<const void>(p, [size](const void* q) { ::munmap(const_cast<void*>(q), size); });
  d->bytes = std::string_view(static_cast<const char*>(p), size);
  auto m = parse(std::move(d));
  if (!m) return make_error(m.error().code, m.error().message, path);
  return m;
}

int Model::order() const { return d_->order; }
size_t Model::vocabulary_size() const { return data().words.size(); }
size_t Model::candidate_keys() const { return data().candidates.size(); }
size_t Model::size_bytes() const { return d_->bytes.size(); }

bool is_known_syllable(const Model& m, std::string_view syllable) {
  bool is_syl = false;
  std::string key = word_key(syllable, &is_syl);
  if (!is_syl) return false;
  return m.data().known(m.data().id(key));
}

}  // namespace dondoc::restore
