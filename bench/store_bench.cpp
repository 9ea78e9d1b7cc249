// store_bench --db LOCATION --docs N [--queries Q] [--as-of YYYY-MM-DD] [--close-past P]
// Fills a store (SQLite path or postgresql:// URL) with synthetic documents up to N through the
// Store API (no extraction: the generator knows each document's fields, tasks and citations),
// then times what users wait for: search (p50/p95 over Q typed queries, snippets included) and
// the overdue task list with its JSON (what `dondoc tasks --overdue --json` does). Run it at
// 10k, 100k, 1M documents on the same store to see how each grows. --close-past P marks that
// share of the tasks due before --as-of done while filling (an office does most of its work;
// 0 leaves every task open, the worst case for the overdue list).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <random>
#include <string>
#include <sys/resource.h>

#include "calendar/calendar.h"
#include "ingest/ingest.h"
#include "store/store.h"
#include "store_corpus.h"
#include "codec/records.h"
#include "track/track.h"

using Clock = std::chrono::steady_clock;
static double ms_since(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }
// CPU time of this process: the machine is shared, so wall time alone says little.
static double cpu_ms() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return (u.ru_utime.tv_sec + u.ru_stime.tv_sec) * 1e3 + (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e3;
}

int main(int argc, char** argv) {
  std::string db, train = std::string(DONDOC_SHARED_DIR) + "/corpus/train";
  long docs = 10000;
  int queries = 200;
  double close_past = 0;
  dondoc::Date as_of{2026, 6, 30};
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--db")) db = argv[i + 1];
    else if (!std::strcmp(argv[i], "--docs")) docs = std::atol(argv[i + 1]);
    else if (!std::strcmp(argv[i], "--queries")) queries = std::atoi(argv[i + 1]);
    else if (!std::strcmp(argv[i], "--close-past")) close_past = std::atof(argv[i + 1]);
    else if (!std::strcmp(argv[i], "--as-of")) as_of = dondoc::parse_iso(argv[i + 1]).value_or(as_of);
  }
  if (db.empty()) {
    std::fprintf(stderr, "usage: store_bench --db LOCATION --docs N [--queries Q] [--as-of D]\n");
    return 2;
  }
  auto st = dondoc::store::open(db, {.create = true});
  if (!st) {
    std::fprintf(stderr, "%s\n", st.error().to_string().c_str());
    return 1;
  }
  auto& s = **st;
  dondoc::bench::CorpusGenerator gen(dondoc::bench::load_paragraphs(train), 42);
  long have = *s.count_documents();
  for (long i = 0; i < have; ++i) gen.next();  // the same sequence: continue where the store is
  auto t0 = Clock::now();
  double c0 = cpu_ms();
  long added = 0;
  std::mt19937 rng(7);
  std::bernoulli_distribution closed(close_past);
  for (long i = have; i < docs; ++i) {
    auto g = gen.next();
    dondoc::store::NewDocument nd{std::move(g.doc), dondoc::ingest::sha256_hex(g.text), "doc-" + std::to_string(i + 1) + ".txt",
                                  g.text, g.text, "2026-06-30T08:00:00"};
    auto r = s.put_document(nd);
    if (!r) {
      std::fprintf(stderr, "put: %s\n", r.error().to_string().c_str());
      return 1;
    }
    if (close_past > 0) {
      auto mine = s.tasks({.document_id = r->document_id});
      for (const auto& t : mine ? *mine : std::vector<dondoc::store::TrackedTask>{}) {
        if (!t.due() || !(*t.due() < as_of) || !closed(rng)) continue;
        dondoc::Date done = dondoc::add_days(*t.due(), static_cast<int>(rng() % 20) - 10);
        if (!s.update_task(t.id, {.status = dondoc::store::TaskStatus::kDone, .done_on = done, .at = "2026-06-30T09:00:00"})) return 1;
      }
    }
    if (++added % 50000 == 0) std::fprintf(stderr, "  %ld documents, %.0f/s\n", have + added, added / (ms_since(t0) / 1000));
  }
  double fill_ms = ms_since(t0), fill_cpu = cpu_ms() - c0;

  std::vector<double> times, cpu;
  std::vector<std::pair<double, std::string>> slowest;
  size_t total_hits = 0;
  for (const auto& q : gen.queries(static_cast<size_t>(queries))) {
    auto t = Clock::now();
    double c = cpu_ms();
    auto hits = s.search({q, {}, 20});
    times.push_back(ms_since(t));
    cpu.push_back(cpu_ms() - c);
    slowest.emplace_back(cpu.back(), q);
    if (hits) total_hits += hits->size();
  }
  std::sort(times.begin(), times.end());
  std::sort(cpu.begin(), cpu.end());
  auto pct_of = [](const std::vector<double>& v, double p) {
    return v.empty() ? 0 : v[std::min(v.size() - 1, static_cast<size_t>(p * v.size()))];
  };
  auto pct = [&](double p) { return pct_of(times, p); };

  const auto& cal = dondoc::calendar::Calendar::builtin();
  std::vector<double> od, od_cpu;
  size_t overdue = 0, all_tasks = 0;
  for (int rep = 0; rep < 5; ++rep) {
    auto t = Clock::now();
    double c = cpu_ms();
    auto f = dondoc::track::overdue_filter(as_of);
    f.parse_deadlines = false;  // as `dondoc tasks` does
    auto tasks = s.tasks(f);
    size_t bytes = 0;
    if (tasks)
      for (const auto& task : *tasks) bytes += dondoc::codec::task_json_line(task, as_of, cal).size();
    od.push_back(ms_since(t));
    od_cpu.push_back(cpu_ms() - c);
    overdue = tasks ? tasks->size() : 0;
    (void)bytes;
  }
  std::sort(od.begin(), od.end());
  std::sort(od_cpu.begin(), od_cpu.end());
  if (auto all = s.tasks({})) all_tasks = all->size();
  double size_mb = 0;
  std::error_code ec;
  if (std::filesystem::exists(db, ec)) size_mb = (std::filesystem::file_size(db, ec) + std::filesystem::file_size(db + "-wal", ec)) / 1048576.0;
  std::printf("%s docs=%ld tasks=%zu size=%.0fMB\n  fill: %ld docs in %.1fs wall, %.1fs CPU (%.0f docs/s wall, %.0f/s CPU)\n"
              "  search: %d queries, wall p50=%.1fms p95=%.1fms max=%.1fms; CPU p50=%.1fms p95=%.1fms; %.1f hits avg\n"
              "  overdue list + JSON: %zu tasks, wall median=%.1fms, CPU median=%.1fms\n",
              s.engine() == dondoc::store::Engine::kSqlite ? "sqlite" : "postgres", docs, all_tasks, size_mb, added,
              fill_ms / 1000, fill_cpu / 1000, added ? added / (fill_ms / 1000) : 0, added ? added / (fill_cpu / 1000) : 0,
              queries, pct(0.5), pct(0.95), times.empty() ? 0 : times.back(), pct_of(cpu, 0.5), pct_of(cpu, 0.95),
              queries ? double(total_hits) / queries : 0, overdue, od[od.size() / 2], od_cpu[od_cpu.size() / 2]);
  std::sort(slowest.rbegin(), slowest.rend());
  std::printf("  slowest queries (CPU ms):");
  for (size_t i = 0; i < slowest.size() && i < 5; ++i) std::printf(" %.1f \"%s\";", slowest[i].first, slowest[i].second.c_str());
  std::printf("\n");
  return 0;
}
