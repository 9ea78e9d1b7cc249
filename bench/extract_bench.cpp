// Extraction throughput on one core: documents/s and MB/s over a folder of text documents
// (default: ../shared/corpus/train), compared with ICU NFC normalisation of the same bytes.
//
//   build/bench/extract_bench [DIR] [--repeat N]
//
// Targets (foundation issue): >= 1,000 documents/s per core, and no worse than 10x the time ICU
// needs just to NFC-normalise the same bytes.
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "pipeline/pipeline.h"

namespace fs = std::filesystem;

int main(int argc, char** argv) {
  std::string dir = DONDOC_SHARED_DIR "/corpus/train";
  int repeat = 3;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--repeat") == 0 && i + 1 < argc) repeat = std::atoi(argv[++i]);
    else dir = argv[i];
  }
  std::vector<std::string> docs;
  size_t bytes = 0;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    if (e.path().extension() != ".txt") continue;
    std::ifstream in(e.path(), std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    docs.push_back(ss.str());
    bytes += docs.back().size();
  }
  if (docs.empty()) {
    std::fprintf(stderr, "extract_bench: no .txt documents in %s\n", dir.c_str());
    return 1;
  }
  const auto& rules = dondoc::rules::Rules::builtin();
  dondoc::pipeline::ExtractOptions opts;
  opts.today = dondoc::Date{2026, 11, 25};
  // Warm-up, one untimed pass: rule tables, lexicons, the calendar and the per-thread word caches
  // are built on first use; the steady state of a long ingest is what is measured.
  for (const auto& d : docs) (void)dondoc::pipeline::extract(d, rules, opts);
  // CPU time of this process: the machine is shared, and wall time counts other people's work.
  auto cpu_now = [] {
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
  };
  size_t tasks = 0, citations = 0;
  double t0 = cpu_now();
  for (int r = 0; r < repeat; ++r) {
    for (const auto& d : docs) {
      auto doc = dondoc::pipeline::extract(d, rules, opts);
      tasks += doc.tasks.size();
      citations += doc.citations.size();
    }
  }
  double extract_s = cpu_now() - t0;

  UErrorCode st = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(st);
  size_t nfc_len = 0;
  double t1 = cpu_now();
  for (int r = 0; r < repeat; ++r) {
    for (const auto& d : docs) {
      icu::UnicodeString u = icu::UnicodeString::fromUTF8(d);
      icu::UnicodeString n = nfc->normalize(u, st);
      std::string out;
      n.toUTF8String(out);
      nfc_len += out.size();
    }
  }
  double nfc_s = cpu_now() - t1;

  double n = static_cast<double>(docs.size()) * repeat;
  double mb = static_cast<double>(bytes) * repeat / 1e6;
  std::printf("documents        %zu (%.2f MB) x %d\n", docs.size(), bytes / 1e6, repeat);
  std::printf("extract          %.3f s   %.0f documents/s   %.2f MB/s   (%zu tasks, %zu citations)\n", extract_s,
              n / extract_s, mb / extract_s, tasks / repeat, citations / repeat);
  std::printf("ICU NFC only     %.3f s   %.2f MB/s\n", nfc_s, mb / nfc_s);
  std::printf("extract / NFC    %.1fx\n", extract_s / nfc_s);
  return 0;
}
