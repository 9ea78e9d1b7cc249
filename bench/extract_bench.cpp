// extract_bench: what `dondoc extract --json` does for each file, timed: read the file, decode
// it, restore its diacritics or repair it as OCR output when it needs it, extract, map the spans
// to the file's bytes, encode the JSON line. Over real documents: the training corpus
// (../shared/corpus/train, its OCR copies included), repeated up to --docs documents.
//
//   build/bench/extract_bench [--docs 2000] [--jobs N] [--model build/restore.model] [DIR...]
//
// Reports, in CPU time of one thread (the machine is shared: wall time counts other people's
// work), documents/s per core over all documents and over those that need no restoration, the
// restoration's share (each restored or repaired document is extracted again without the model:
// the difference is what restoring cost) and its MB/s; then the same documents on N threads
// (default: every core), as `dondoc extract` runs them, in wall time and CPU time.
// Targets (issue 13): >= 1,000 documents/s per core on documents that need no restoration,
// OCR repair >= 1 MB/s, >= 800 documents/s on this 2-core machine. bench/user_path.sh measures
// the same through the dondoc binary.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "commands/common.h"
#include "parallel.h"

namespace fs = std::filesystem;
using namespace dondoc;

namespace {

double thread_cpu() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}
double process_cpu() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}
double wall() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

struct Timed {
  double cpu = 0;
  size_t bytes = 0;
  bool restored = false;  // diacritics restored or repaired as OCR output
  size_t line = 0;        // bytes of the JSON line
};

// What `dondoc extract --json` does for one file.
Timed extract_one(const std::string& file, const rules::Rules& rules, const pipeline::ExtractOptions& opts,
                  const ingest::ReaderContext& ctx) {
  Timed t;
  double t0 = thread_cpu();
  auto loaded = cli::load_document(file, rules, opts, ctx);
  if (loaded) {
    std::string line = cli::json_line(file, *loaded);
    t.line = line.size();
    t.bytes = loaded->bytes.size();
    t.restored = loaded->doc.text.restored || loaded->doc.text.ocr;
  }
  t.cpu = thread_cpu() - t0;
  return t;
}

}  // namespace

int main(int argc, char** argv) {
  size_t want = 2000;
  unsigned jobs = 0;
  std::string model_path = DONDOC_BINARY_DIR "/restore.model";  // the one next to build/dondoc
  std::vector<std::string> dirs;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--docs") && i + 1 < argc) want = std::strtoul(argv[++i], nullptr, 10);
    else if (!std::strcmp(argv[i], "--model") && i + 1 < argc) model_path = argv[++i];
    else if (!std::strcmp(argv[i], "--jobs") && i + 1 < argc) jobs = static_cast<unsigned>(std::atoi(argv[++i]));
    else dirs.emplace_back(argv[i]);
  }
  if (dirs.empty()) dirs.push_back(DONDOC_SHARED_DIR "/corpus/train");
  std::vector<std::string> distinct;
  std::error_code ec;
  for (const auto& d : dirs)
    for (const auto& e : fs::directory_iterator(d, ec))
      if (e.path().extension() == ".txt" || e.path().extension() == ".md") distinct.push_back(e.path().string());
  std::sort(distinct.begin(), distinct.end());
  if (distinct.empty()) {
    std::fprintf(stderr, "extract_bench: no .txt or .md documents in the folders given\n");
    return 1;
  }
  std::vector<std::string> files;
  while (files.size() < want) files.push_back(distinct[files.size() % distinct.size()]);

  // What the binary does once per run: the model (mapped), the rules and their views.
  double l0 = wall();
  auto model = cli::find_restore_model(model_path);
  pipeline::ExtractOptions opts;  // as cli::file_extract_options() makes them, with this model
  if (model) opts.restorer = &*model;
  double load_ms = (wall() - l0) * 1e3;
  if (!model) std::fprintf(stderr, "extract_bench: %s: nothing is restored\n", model.error().message.c_str());
  const auto& rules = rules::Rules::builtin();
  ingest::ReaderContext ctx;
  double w0 = wall();
  (void)extract_one(distinct[0], rules, opts, ctx);
  double first_ms = (wall() - w0) * 1e3;

  // One thread, every document timed.
  std::vector<Timed> runs;
  runs.reserve(files.size());
  for (const auto& f : files) runs.push_back(extract_one(f, rules, opts, ctx));
  double all = 0, plain = 0, restored = 0;
  size_t n_plain = 0, n_restored = 0, bytes = 0, plain_bytes = 0, restored_bytes = 0;
  for (const auto& r : runs) {
    all += r.cpu;
    bytes += r.bytes;
    if (r.restored) restored += r.cpu, ++n_restored, restored_bytes += r.bytes;
    else plain += r.cpu, ++n_plain, plain_bytes += r.bytes;
  }
  // The same restored documents without the model: what is left is reading them.
  pipeline::ExtractOptions bare = opts;
  bare.restorer = nullptr;
  double unrestored = 0;
  for (size_t i = 0; i < files.size(); ++i)
    if (runs[i].restored) unrestored += extract_one(files[i], rules, bare, ctx).cpu;
  double restoring = restored - unrestored;

  // All cores, as `dondoc extract` runs: in input order, results taken by this thread.
  unsigned threads = jobs ? jobs : cli::cores();
  std::atomic<size_t> out_bytes{0};
  double p0 = wall(), c0 = process_cpu();
  {
    cli::OrderedWorkers<std::string, Timed> pool(threads > 1 ? threads : 0, [&](std::string& f) {
      return extract_one(f, rules, opts, ctx);
    });
    size_t submitted = 0;
    for (size_t taken = 0; taken < files.size(); ++taken) {
      while (submitted < files.size() && submitted < taken + 8 * threads) pool.submit(files[submitted++]);
      out_bytes += pool.next().line;
    }
  }
  double par_wall = wall() - p0, par_cpu = process_cpu() - c0;

  double mb = static_cast<double>(bytes) / 1e6;
  std::printf("documents            %zu (%zu distinct files, %.1f MB), %zu restored or repaired (%.2f MB)\n",
              files.size(), distinct.size(), mb, n_restored, static_cast<double>(restored_bytes) / 1e6);
  std::printf("start                model and options %.1f ms, first document (rules' views) %.1f ms\n", load_ms,
              first_ms);
  std::printf("one core, all        %.3f s CPU   %6.0f documents/s   %.2f MB/s\n", all, files.size() / all, mb / all);
  std::printf("one core, no restore %.3f s CPU   %6.0f documents/s   %.2f MB/s   [target >= 1000 documents/s]\n",
              plain, n_plain / plain, static_cast<double>(plain_bytes) / 1e6 / plain);
  if (n_restored)
    std::printf("restoration          %.3f s CPU = %.0f%% of the time, %.2f MB/s of restored documents   [OCR repair target >= 1 MB/s]\n",
                restoring, 100.0 * restoring / all, static_cast<double>(restored_bytes) / 1e6 / restoring);
  std::printf("%u threads           %.3f s wall  %6.0f documents/s (wall)   %.3f s CPU   [target >= 800 documents/s on 2 cores]\n",
              threads, par_wall, files.size() / par_wall, par_cpu);
  return 0;
}
