// dondoc-train-restorer: builds restore.model (lib/restore/model_format.h) from Vietnamese text.
//
//   dondoc-train-restorer --out build/restore.model --exclude tools/restore_holdout.txt
//                         ../shared/corpus/lm ../shared/corpus/train
//
// Text is normalised as the pipeline does (NFC, modern tone placement, Markdown removed), split
// into lines, and every token keyed as the decoder keys it (restore::word_key). The model is an
// interpolated modified Kneser-Ney n-gram model (Chen & Goodman) written in backoff form, plus the
// table folded syllable -> syllables. Deterministic: the same files give the same bytes.
// Kept out of the dondoc binary on purpose: training code is not needed at run time.
#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/tokens.h"
#include "core/viet.h"
#include "normalize/normalize.h"
#include "restore/internal.h"
#include "restore/model_format.h"
#include "restore/text.h"

namespace fs = std::filesystem;
namespace fmt_ = dondoc::restore::format;
using dondoc::Token;
using dondoc::TokKind;

namespace {

struct Options {
  std::string out;
  int order = 4;
  std::vector<std::string> inputs;
  std::set<std::string> exclude;  // file names (not paths) never read
  uint64_t max_bytes = 30ull << 20;
  uint32_t top_min_count = 1;  // highest-order n-grams seen fewer times are pruned
  double min_marked = 0.3;     // lines with fewer words carrying marks are skipped (stripped)
};

int usage() {
  std::fprintf(
      stderr,
      "usage: dondoc-train-restorer --out FILE [--order 2..4] [--exclude LIST] [--max-mb N]\n"
      "                             [--top-min-count N] PATH...\n"
      "PATH: .txt files or folders of them. LIST: file names to leave out, one per line.\n");
  return 2;
}

bool read_file(const fs::path& p, std::string* out) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return false;
  out->assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return !in.bad();
}

// ---- Corpus -> lines of keys ------------------------------------------------------------------

struct Corpus {
  std::vector<std::vector<std::string_view>> lines;  // keys: views of the keys of `counts`
  std::unordered_map<std::string, uint32_t> counts;  // key -> count
  std::unordered_map<std::string, std::pair<uint32_t, uint32_t>>
      case_counts;                                         // mid-line, capitalised
  std::unordered_map<std::string, bool> is_syllable;       // key -> syllable?
  std::unordered_map<std::string, std::string> key_cache;  // surface word -> key
  std::set<std::string, std::less<>> punct;                // keys that are punctuation
  size_t files = 0, skipped_lines = 0, tokens = 0;
};

void add_text(Corpus& c, const std::string& raw) {
  dondoc::normalize::NormText norm = dondoc::normalize::normalize(raw);
  const std::string& text = norm.text;
  std::vector<Token> toks = dondoc::tokenize(text);
  size_t b = 0;
  while (b < toks.size()) {
    size_t e = b;
    while (e < toks.size() && toks[e].kind != TokKind::kNewline) ++e;
    dondoc::restore::MarkCount mc = dondoc::restore::count_marks(text, toks, b, e);
    if (mc.syllables >= 5 && mc.ratio() < 0.3) {
      ++c.skipped_lines;  // a line written without marks would teach bare spellings
    } else if (e > b) {
      std::vector<std::string_view> line;
      for (size_t i = b; i < e; ++i) {
        const Token& t = toks[i];
        std::string key;
        if (t.kind == TokKind::kNumber) {
          key = "<num>";
        } else if (t.kind == TokKind::kPunct) {
          key.assign(t.text(text));
          c.punct.insert(key);
        } else {
          std::string surface(t.text(text));
          auto it = c.key_cache.find(surface);
          if (it == c.key_cache.end()) {
            bool syl = false;
            std::string k = dondoc::restore::word_key(surface, &syl);
            c.is_syllable.emplace(k, syl);
            it = c.key_cache.emplace(surface, k).first;
          }
          key = it->second;
        }
        auto [cit, inserted] = c.counts.try_emplace(key, 0);
        ++cit->second;
        if (t.kind == TokKind::kWord && dondoc::restore::case_informative(toks, i)) {
          auto& cc = c.case_counts[key];
          ++cc.first;
          if (t.capitalized) ++cc.second;
        }
        line.push_back(cit->first);
      }
      c.tokens += line.size();
      c.lines.push_back(std::move(line));
    }
    b = e + 1;
  }
}

// ---- Vocabulary and candidate table -----------------------------------------------------------

struct Vocab {
  std::vector<std::string> words;
  std::vector<uint32_t> counts, mid_counts, title_counts;
  std::unordered_map<std::string_view, uint16_t> ids;
  std::map<std::string, std::vector<uint16_t>> candidates;  // fold -> ids, most frequent first
};

Vocab build_vocab(const Corpus& c) {
  Vocab v;
  for (auto name : fmt_::kReservedNames) v.words.emplace_back(name);
  v.counts.assign(v.words.size(), 0);
  std::vector<std::pair<std::string, uint32_t>> items;
  for (const auto& [key, n] : c.counts) {
    if (key == "<num>" || key.size() > 255) continue;
    auto syl = c.is_syllable.find(key);
    bool syllable = syl != c.is_syllable.end() && syl->second;
    // Syllables are all kept (a closed set of a few thousand); other words and punctuation only
    // when seen twice, the rest are <unk> / <p>.
    if (!syllable && n < 2) continue;
    items.emplace_back(key, n);
  }
  std::sort(items.begin(), items.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  if (items.size() + v.words.size() > fmt_::kMaxVocabulary)
    items.resize(fmt_::kMaxVocabulary - v.words.size());
  for (auto& [key, n] : items) {
    v.words.push_back(key);
    v.counts.push_back(n);
  }
  for (size_t i = 0; i < v.words.size(); ++i) {
    v.ids.emplace(v.words[i], static_cast<uint16_t>(i));
    auto cc = c.case_counts.find(v.words[i]);
    v.mid_counts.push_back(cc == c.case_counts.end() ? 0 : cc->second.first);
    v.title_counts.push_back(cc == c.case_counts.end() ? 0 : cc->second.second);
  }
  for (size_t i = fmt_::kFirstWord; i < v.words.size(); ++i) {
    auto syl = c.is_syllable.find(v.words[i]);
    if (syl == c.is_syllable.end() || !syl->second || v.counts[i] < 2) continue;  // once: a typo
    auto& list = v.candidates[dondoc::viet::fold(v.words[i])];
    if (list.size() < 255) list.push_back(static_cast<uint16_t>(i));  // ids are by count already
  }
  return v;
}

// ---- N-gram counts ----------------------------------------------------------------------------

using Counts = std::vector<std::pair<uint64_t, uint32_t>>;  // sorted by key

Counts count_sorted(std::vector<uint64_t>& keys) {
  std::sort(keys.begin(), keys.end());
  Counts out;
  for (size_t i = 0; i < keys.size();) {
    size_t j = i;
    while (j < keys.size() && keys[j] == keys[i]) ++j;
    out.emplace_back(keys[i], static_cast<uint32_t>(j - i));
    i = j;
  }
  return out;
}

uint16_t first_id(uint64_t key, int n) { return static_cast<uint16_t>(key >> (16 * (n - 1))); }

struct Discounts {
  double d[4] = {0, 0.5, 1.0, 1.5};  // by count 1, 2, 3+
  double of(uint32_t c) const { return d[std::min<uint32_t>(c, 3)]; }
};

Discounts discounts_for(const Counts& adjusted) {
  double n[5] = {0, 0, 0, 0, 0};
  for (const auto& [k, c] : adjusted)
    if (c <= 4) n[c] += 1;
  Discounts d;
  if (n[1] == 0 || n[2] == 0 || n[3] == 0 || n[4] == 0) return d;
  double y = n[1] / (n[1] + 2 * n[2]);
  d.d[1] = std::clamp(1 - 2 * y * n[2] / n[1], 0.05, 0.95);
  d.d[2] = std::clamp(2 - 3 * y * n[3] / n[2], 0.05, 1.95);
  d.d[3] = std::clamp(3 - 4 * y * n[4] / n[3], 0.05, 2.95);
  return d;
}

struct Order {
  std::vector<uint64_t> keys;  // sorted
  std::vector<float> logp;     // log10 p(w | context), interpolated
  std::vector<float> logbo;    // log10 backoff weight as a context (0 when never a context)
  size_t find(uint64_t key) const {
    auto it = std::lower_bound(keys.begin(), keys.end(), key);
    return it != keys.end() && *it == key ? static_cast<size_t>(it - keys.begin()) : SIZE_MAX;
  }
};

// Interpolated modified Kneser-Ney; orders[k] for k = 1..n.
std::vector<Order> estimate(const std::vector<std::vector<uint16_t>>& lines, size_t vocab,
                            int n_max, uint32_t top_min_count) {
  std::vector<Counts> raw(n_max + 1);
  for (int n = 1; n <= n_max; ++n) {
    std::vector<uint64_t> keys;
    for (const auto& line : lines) {
      for (size_t i = 0; i < line.size(); ++i) {
        if (i + 1 < static_cast<size_t>(n) || line[i] == fmt_::kBos) continue;
        uint64_t key = 0;
        for (size_t j = i + 1 - n; j <= i; ++j) key = fmt_::push_id(key, line[j]);
        keys.push_back(key);
      }
    }
    raw[n] = count_sorted(keys);
  }
  // Adjusted counts: for lower orders, the number of distinct words seen before the n-gram
  // (continuation count), except for n-grams starting with <s>, which have no left context.
  std::vector<Counts> adj(n_max + 1);
  adj[n_max] = raw[n_max];
  for (int n = n_max - 1; n >= 1; --n) {
    std::vector<uint64_t> suffixes;
    for (const auto& [k, c] : raw[n + 1])
      if (first_id(k, n + 1) != fmt_::kBos) suffixes.push_back(fmt_::keep_last(k, n));
    Counts cont = count_sorted(suffixes);
    adj[n] = raw[n];
    size_t j = 0;
    for (auto& [k, c] : adj[n]) {
      if (first_id(k, n) == fmt_::kBos) continue;
      while (j < cont.size() && cont[j].first < k) ++j;
      if (j < cont.size() && cont[j].first == k) c = cont[j].second;
    }
  }
  std::vector<Order> orders(n_max + 1);
  // Unigrams, interpolated with the uniform distribution.
  {
    Discounts d = discounts_for(adj[1]);
    std::vector<double> a(vocab, 0.0);
    double total = 0, mass = 0;
    for (const auto& [k, c] : adj[1]) {
      a[k] = c;
      total += c;
      mass += d.of(c);
    }
    Order& o = orders[1];
    for (size_t w = 0; w < vocab; ++w) {
      double p = (a[w] > 0 ? (a[w] - d.of(static_cast<uint32_t>(a[w]))) / total : 0.0) +
                 mass / total / double(vocab);
      if (w == fmt_::kBos) p = 1e-12;  // never predicted
      o.keys.push_back(w);
      o.logp.push_back(static_cast<float>(std::log10(p)));
      o.logbo.push_back(0.0f);
    }
  }
  for (int n = 2; n <= n_max; ++n) {
    Discounts d = discounts_for(adj[n]);
    const Counts& cs = adj[n];
    Order& o = orders[n];
    Order& lower = orders[n - 1];
    for (size_t i = 0; i < cs.size();) {
      uint64_t ctx = cs[i].first >> 16;
      size_t j = i;
      double total = 0;
      while (j < cs.size() && (cs[j].first >> 16) == ctx) total += cs[j++].second;
      // Keep, compute the discounted mass of what is kept; the rest goes to the backoff weight.
      double kept_mass = 0;
      size_t first_kept = o.keys.size();
      for (size_t k = i; k < j; ++k) {
        uint32_t c = cs[k].second;
        if (n == n_max && raw[n][k].second < top_min_count) continue;
        double disc = (c - d.of(c)) / total;
        kept_mass += disc;
        o.keys.push_back(cs[k].first);
        o.logp.push_back(static_cast<float>(disc));  // finished below, once gamma is known
        o.logbo.push_back(0.0f);
      }
      double gamma = std::max(1e-9, 1.0 - kept_mass);
      for (size_t k = first_kept; k < o.keys.size(); ++k) {
        size_t li = lower.find(fmt_::keep_last(o.keys[k], n - 1));
        double pl = li == SIZE_MAX ? 1e-9 : std::pow(10.0, lower.logp[li]);
        o.logp[k] = static_cast<float>(std::log10(o.logp[k] + gamma * pl));
      }
      size_t ci = n == 2 ? static_cast<size_t>(ctx) : lower.find(ctx);
      if (ci != SIZE_MAX) lower.logbo[ci] = static_cast<float>(std::log10(gamma));
      i = j;
    }
  }
  return orders;
}

// ---- Writing ------------------------------------------------------------------------------------

// Home slots per entry: 1.25 (load 0.8); a lookup that misses still stops after about one probe.
uint64_t table_capacity(size_t n) { return std::max<uint64_t>(n + n / 4 + 1, 8); }

uint64_t estimate_bytes(const Vocab& v, const std::vector<Order>& orders) {
  uint64_t b = 64 + v.words.size() * 24 + v.candidates.size() * 16 + v.words.size() * 2;
  for (size_t n = 2; n < orders.size(); ++n)
    b += 16 + table_capacity(orders[n].keys.size()) * sizeof(fmt_::Slot);
  return b;
}

std::string serialize(const Vocab& v, const std::vector<Order>& orders, int n_max,
                      size_t* collisions) {
  std::string out;
  out.append(fmt_::kMagic);
  fmt_::put<uint32_t>(out, fmt_::kVersion);
  fmt_::put<uint32_t>(out, static_cast<uint32_t>(n_max));
  fmt_::put<uint32_t>(out, static_cast<uint32_t>(v.words.size()));
  for (size_t i = 0; i < v.words.size(); ++i) {
    fmt_::put<uint8_t>(out, static_cast<uint8_t>(v.words[i].size()));
    out.append(v.words[i]);
    fmt_::put<uint32_t>(out, v.counts[i]);
    fmt_::put<uint32_t>(out, v.mid_counts[i]);
    fmt_::put<uint32_t>(out, v.title_counts[i]);
    fmt_::put<uint16_t>(out, fmt_::quantize(orders[1].logp[i]));
    fmt_::put<uint16_t>(out, fmt_::quantize(orders[1].logbo[i]));
  }
  fmt_::put<uint32_t>(out, static_cast<uint32_t>(v.candidates.size()));
  for (const auto& [fold, ids] : v.candidates) {
    fmt_::put<uint8_t>(out, static_cast<uint8_t>(fold.size()));
    out.append(fold);
    fmt_::put<uint8_t>(out, static_cast<uint8_t>(ids.size()));
    for (uint16_t id : ids) fmt_::put<uint16_t>(out, id);
  }
  *collisions = 0;
  for (int n = 2; n <= n_max; ++n) {
    const Order& o = orders[n];
    uint64_t cap = table_capacity(o.keys.size());
    struct Entry {
      uint32_t fp;
      size_t k;
    };
    std::vector<Entry> entries;
    entries.reserve(o.keys.size());
    for (size_t k = 0; k < o.keys.size(); ++k)
      entries.push_back(Entry{fmt_::fingerprint(fmt_::hash_key(o.keys[k], n)), k});
    std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
      return a.fp != b.fp ? a.fp < b.fp : a.k < b.k;
    });
    std::vector<fmt_::Slot> slots(cap, fmt_::Slot{0, 0, 0});
    uint64_t next = 0;
    for (size_t e = 0; e < entries.size(); ++e) {
      if (e > 0 && entries[e].fp == entries[e - 1].fp) ++*collisions;  // the first one shadows it
      uint64_t at = std::max(fmt_::home_slot(entries[e].fp, cap), next);
      if (at >= slots.size()) slots.resize(at + 1, fmt_::Slot{0, 0, 0});
      size_t k = entries[e].k;
      slots[at] = fmt_::Slot{entries[e].fp, fmt_::quantize(o.logp[k]), fmt_::quantize(o.logbo[k])};
      next = at + 1;
    }
    fmt_::put<uint64_t>(out, cap);
    fmt_::put<uint64_t>(out, slots.size());
    out.append(reinterpret_cast<const char*>(slots.data()), slots.size() * sizeof(fmt_::Slot));
  }
  return out;
}

// Non-empty lines of a list file, '#' comments dropped, trimmed.
std::vector<std::string> list_lines(const std::string& text) {
  std::vector<std::string> out;
  size_t b = 0;
  while (b <= text.size()) {
    size_t e = text.find('\n', b);
    if (e == std::string::npos) e = text.size();
    std::string line = text.substr(b, e - b);
    if (auto h = line.find('#'); h != std::string::npos) line.resize(h);
    while (!line.empty() && std::isspace(static_cast<unsigned char>(line.back()))) line.pop_back();
    size_t s = 0;
    while (s < line.size() && std::isspace(static_cast<unsigned char>(line[s]))) ++s;
    if (s < line.size()) out.push_back(line.substr(s));
    b = e + 1;
  }
  return out;
}

bool parse_args(int argc, char** argv, Options* o) {
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&](std::string* v) {
      if (i + 1 >= argc) return false;
      *v = argv[++i];
      return true;
    };
    std::string v;
    if (a == "--out") {
      if (!value(&o->out)) return false;
    } else if (a == "--order") {
      if (!value(&v)) return false;
      o->order = std::atoi(v.c_str());
      if (o->order < 2 || o->order > fmt_::kMaxOrder) return false;
    } else if (a == "--max-mb") {
      if (!value(&v)) return false;
      o->max_bytes = static_cast<uint64_t>(std::atof(v.c_str()) * (1 << 20));
    } else if (a == "--top-min-count") {
      if (!value(&v)) return false;
      o->top_min_count = static_cast<uint32_t>(std::max(1, std::atoi(v.c_str())));
    } else if (a == "--exclude") {
      if (!value(&v)) return false;
      std::string list;
      if (!read_file(v, &list)) {
        std::fprintf(stderr, "cannot read %s\n", v.c_str());
        return false;
      }
      for (const auto& row : list_lines(list)) o->exclude.insert(row);
    } else if (!a.empty() && a[0] == '-') {
      return false;
    } else {
      o->inputs.push_back(a);
    }
  }
  return !o->out.empty() && !o->inputs.empty();
}

}  // namespace

int main(int argc, char** argv) {
  Options opt;
  if (!parse_args(argc, argv, &opt)) return usage();
  auto t0 = std::chrono::steady_clock::now();
  std::vector<fs::path> files;
  for (const auto& in : opt.inputs) {
    std::error_code ec;
    if (fs::is_directory(in, ec)) {
      for (const auto& e : fs::directory_iterator(in, ec))
        if (e.path().extension() == ".txt") files.push_back(e.path());
    } else if (fs::is_regular_file(in, ec)) {
      files.push_back(in);
    } else {
      std::fprintf(stderr, "dondoc-train-restorer: no such file or folder: %s\n", in.c_str());
      return 1;
    }
  }
  std::sort(files.begin(), files.end());
  Corpus corpus;
  size_t excluded = 0;
  for (const auto& f : files) {
    if (opt.exclude.count(f.filename().string())) {
      ++excluded;
      continue;
    }
    std::string raw;
    if (!read_file(f, &raw)) {
      std::fprintf(stderr, "dondoc-train-restorer: cannot read %s\n", f.c_str());
      return 1;
    }
    add_text(corpus, raw);
    ++corpus.files;
  }
  if (corpus.tokens == 0) {
    std::fprintf(stderr, "dondoc-train-restorer: no text to train on\n");
    return 1;
  }
  Vocab vocab = build_vocab(corpus);
  std::vector<std::vector<uint16_t>> lines;
  lines.reserve(corpus.lines.size());
  for (const auto& l : corpus.lines) {
    std::vector<uint16_t> ids{fmt_::kBos};
    for (auto key : l) {
      auto it = vocab.ids.find(key);
      if (it != vocab.ids.end())
        ids.push_back(it->second);
      else if (key == "<num>")
        ids.push_back(fmt_::kNum);
      else if (corpus.punct.count(key))
        ids.push_back(fmt_::kPunct);
      else
        ids.push_back(fmt_::kUnk);
    }
    ids.push_back(fmt_::kEos);
    lines.push_back(std::move(ids));
  }
  corpus.lines.clear();
  std::vector<Order> orders;
  uint32_t top_min = opt.top_min_count;
  for (;;) {
    orders = estimate(lines, vocab.words.size(), opt.order, top_min);
    uint64_t est = estimate_bytes(vocab, orders);
    if (est <= opt.max_bytes || top_min >= 1000) break;
    ++top_min;  // prune the rarest highest-order n-grams until the model fits
  }
  size_t collisions = 0;
  std::string bytes = serialize(vocab, orders, opt.order, &collisions);
  if (bytes.size() > opt.max_bytes) {
    std::fprintf(stderr, "dondoc-train-restorer: model is %zu bytes, over the limit\n",
                 bytes.size());
    return 1;
  }
  // Write to a temporary name first, so that an interrupted run leaves no half model behind.
  std::string tmp = opt.out + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) {
      std::fprintf(stderr, "dondoc-train-restorer: cannot write %s\n", tmp.c_str());
      return 1;
    }
  }
  std::error_code ec;
  fs::rename(tmp, opt.out, ec);
  if (ec) {
    std::fprintf(stderr, "dondoc-train-restorer: cannot write %s: %s\n", opt.out.c_str(),
                 ec.message().c_str());
    return 1;
  }
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::printf(
      "dondoc-train-restorer: %zu files (%zu held out), %zu tokens, %zu lines skipped as "
      "unmarked\n",
      corpus.files, excluded, corpus.tokens, corpus.skipped_lines);
  std::printf("  vocabulary %zu, folded keys %zu, order %d", vocab.words.size(),
              vocab.candidates.size(), opt.order);
  for (int n = 2; n <= opt.order; ++n) std::printf(", %d-grams %zu", n, orders[n].keys.size());
  std::printf("\n  highest-order min count %u, fingerprint collisions %zu\n", top_min, collisions);
  std::printf("  wrote %s: %.1f MB in %.1f s\n", opt.out.c_str(), double(bytes.size()) / (1 << 20),
              secs);
  return 0;
}
