// Concurrency: what the HTTP server will do with the libraries, done here on purpose so that the
// ThreadSanitizer run of CI (`ctest --preset tsan`, label "concurrency") sees it: documents read
// and extracted on several threads at once (shared rule tables, reader registry, decoding
// tables), a job cancelled from another thread through its CancelToken, and two connections
// writing one SQLite store.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>
#include <vector>

#include "core/cancel.h"
#include "core/sha256.h"
#include "ingest/ingest.h"
#include "ingest/testing.h"
#include "pipeline/pipeline.h"
#include "store/store.h"

namespace fs = std::filesystem;

namespace dondoc {
namespace {

std::vector<std::string> samples() {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(DONDOC_SOURCE_DIR "/samples")) {
    std::ifstream in(e.path(), std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    out.push_back(ss.str());
  }
  std::sort(out.begin(), out.end());
  return out;
}

TEST(Concurrency, ReadAndExtractOnManyThreads) {
  auto docs = samples();
  ASSERT_FALSE(docs.empty());
  std::string docx = ingest::fixtures::cong_van_docx();
  // What one thread reads alone is what four threads read at once.
  std::vector<std::string> expected;
  for (const auto& d : docs) expected.push_back(std::to_string(pipeline::extract(d, rules::Rules::builtin()).tasks.size()));
  std::atomic<int> mismatches{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 3; ++round) {
        for (size_t i = 0; i < docs.size(); ++i) {
          size_t k = (i + static_cast<size_t>(t)) % docs.size();
          auto raw = ingest::read_bytes(docs[k], "vb.md", {});
          if (!raw) { ++mismatches; continue; }
          auto d = pipeline::extract(raw->text, rules::Rules::builtin());
          if (std::to_string(d.tasks.size()) != expected[k]) ++mismatches;
        }
        if (!ingest::read_bytes(docx, "cv.docx", {})) ++mismatches;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(mismatches.load(), 0);
}

TEST(Concurrency, AJobIsCancelledFromAnotherThread) {
  std::string pdf = ingest::fixtures::make_text_pdf(400);
  CancelToken stop;
  ingest::ReaderContext ctx;
  ctx.cancelled = &stop;
  std::atomic<int> pages{0};
  ctx.progress = [&](int, int) { ++pages; };
  Result<ingest::RawText> r = make_error(ErrorCode::kInternal, "not run");
  std::thread job([&] { r = ingest::read_bytes(pdf, "dai.pdf", ctx); });
  while (pages.load() < 5) std::this_thread::yield();
  stop.cancel();
  job.join();
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_LT(pages.load(), 400);
  bool noted = false;
  for (const auto& n : r->notes) noted = noted || n.code == "pdf.cancelled";
  EXPECT_TRUE(noted);
}

TEST(Concurrency, TwoConnectionsWriteOneStore) {
  fs::path dir = fs::temp_directory_path() / ("dondoc-conc-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::string db = (dir / "kho.db").string();
  ASSERT_TRUE(store::open(db, {.create = true}));
  auto docs = samples();
  std::atomic<int> failures{0};
  std::vector<std::thread> writers;
  for (int w = 0; w < 2; ++w) {
    writers.emplace_back([&, w] {
      auto st = store::open(db, {.create = true});
      if (!st) { ++failures; return; }
      for (size_t i = static_cast<size_t>(w); i < docs.size(); i += 2) {
        store::NewDocument nd{pipeline::extract(docs[i], rules::Rules::builtin()), sha256_hex(docs[i]),
                              "vb" + std::to_string(i) + ".md", docs[i], docs[i], "2026-05-01T08:00:00"};
        if (!(*st)->put_document(nd)) ++failures;
        if (!(*st)->search({"ke hoach", {}, 5})) ++failures;
      }
    });
  }
  for (auto& th : writers) th.join();
  EXPECT_EQ(failures.load(), 0);
  auto st = store::open(db, {.read_only = true});
  ASSERT_TRUE(st);
  EXPECT_EQ(*(*st)->count_documents(), static_cast<int64_t>(docs.size()));
  st->reset();
  fs::remove_all(dir);
}

}  // namespace
}  // namespace dondoc

// fontconfig, started by poppler, keeps a process-lifetime cache that LeakSanitizer reports.
extern "C" const char* __lsan_default_suppressions() { return "leak:libfontconfig.so\n"; }
// libzip converts DOS file times with mktime, and glibc's tzset_internal frees and copies the
// zone name under its own lock (tzset_lock), which ThreadSanitizer cannot see in the
// uninstrumented libc: a report about libc's internals, not about dondoc. Where libc has no
// symbols (a fresh Debian 12 without libc6-dbg) the frame has no function name, so the report is
// also matched by the library that called into libc.
extern "C" const char* __tsan_default_suppressions() { return "race:tzset_internal\nrace:libzip.so\n"; }
