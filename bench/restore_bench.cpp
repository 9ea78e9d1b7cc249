// restore_bench: speed and accuracy of diacritics restoration and OCR repair on held-out text.
//
//   build/restore_bench [--model build/restore.model] [--repeat 3] [FILE...]
//
// Without FILEs it reads the files tools/restore_holdout.txt keeps out of training (from
// ../shared/corpus). Reports: model load time; restore_text MB/s on one core (input bytes of the
// text with its marks removed, best of --repeat runs) and syllable accuracy; repair_ocr MB/s and
// word accuracy before/after on the same text damaged as by an OCR engine with and without
// Vietnamese (restore::damage_like_ocr). Times are CPU times of this process. Targets: >= 1 MB/s,
// model <= 30 MB, load < 1 s.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "core/tokens.h"
#include "core/utf8.h"
#include "core/viet.h"
#include "restore/internal.h"
#include "restore/ocr.h"
#include "restore/restore.h"

namespace fs = std::filesystem;
using namespace dondoc;

namespace {

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

// CPU time of this process: the machine may be shared, and the target is per core.
double cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

bool read_file(const fs::path& p, std::string* out) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return false;
  out->assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return true;
}

std::vector<fs::path> holdout_files() {
  std::vector<fs::path> out;
  std::string list;
  if (!read_file(fs::path(DONDOC_SOURCE_DIR) / "tools/restore_holdout.txt", &list)) return out;
  size_t b = 0;
  while (b < list.size()) {
    size_t e = list.find('\n', b);
    if (e == std::string::npos) e = list.size();
    std::string name = list.substr(b, e - b);
    b = e + 1;
    if (name.empty() || name[0] == '#') continue;
    for (const char* dir : {"corpus/train", "corpus/lm"}) {
      fs::path p = fs::path(DONDOC_SHARED_DIR) / dir / name;
      if (fs::exists(p)) out.push_back(p);
    }
  }
  return out;
}


template <typename F>
double best_seconds(int repeat, F&& f) {
  double best = 1e30;
  for (int i = 0; i < repeat; ++i) {
    double t0 = cpu_seconds();
    f();
    best = std::min(best, cpu_seconds() - t0);
  }
  return best;
}

}  // namespace

int main(int argc, char** argv) {
  std::string model_path = std::string(DONDOC_BINARY_DIR) + "/restore.model";
  int repeat = 3;
  std::vector<fs::path> files;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--model") && i + 1 < argc)
      model_path = argv[++i];
    else if (!std::strcmp(argv[i], "--repeat") && i + 1 < argc)
      repeat = std::max(1, std::atoi(argv[++i]));
    else
      files.emplace_back(argv[i]);
  }
  if (files.empty()) files = holdout_files();
  auto t0 = std::chrono::steady_clock::now();
  auto model = restore::Model::load(model_path);
  double load = seconds_since(t0);
  if (!model) {
    std::fprintf(stderr, "restore_bench: %s\n", model.error().to_string().c_str());
    return 1;
  }
  std::string gold;
  for (const auto& f : files) {
    std::string text;
    if (!read_file(f, &text)) {
      std::fprintf(stderr, "restore_bench: cannot read %s\n", f.c_str());
      return 1;
    }
    gold += text + "\n\n";
  }
  if (gold.empty()) {
    std::fprintf(stderr, "restore_bench: no input (no corpus at %s?)\n", DONDOC_SHARED_DIR);
    return 1;
  }
  std::printf(
      "model %s: %.1f MB, order %d, vocabulary %zu, loaded in %.3f s  [target <= 30 MB, < 1 s]\n",
      model_path.c_str(), double(model->size_bytes()) / (1 << 20), model->order(),
      model->vocabulary_size(), load);

  std::string stripped = viet::strip_marks(gold);
  double mb = static_cast<double>(stripped.size()) / 1e6;
  restore::Restored r;
  double secs = best_seconds(repeat, [&] { r = restore::restore_text(*model, stripped); });
  std::printf("restore_text: %zu files, %.2f MB in %.3f s = %.2f MB/s  [target >= 1 MB/s: %s]\n",
              files.size(), mb, secs, mb / secs, mb / secs >= 1.0 ? "ok" : "MISSED");
  std::printf("  syllable accuracy %.4f (unrestored %.4f)\n", restore::syllable_accuracy(r.text, gold),
              restore::syllable_accuracy(stripped, gold));

  double clean_secs = best_seconds(1, [&] { r = restore::repair_ocr(*model, gold); });
  std::printf("repair_ocr on the clean text: %.2f MB/s, words kept %.4f\n",
              double(gold.size()) / 1e6 / clean_secs, restore::ocr_word_accuracy(r.text, gold));
  for (auto [kind, name] : {std::pair{restore::OcrDamage::kVietnameseOcr, "Vietnamese OCR"},
                            std::pair{restore::OcrDamage::kLatinOcr, "OCR without Vietnamese"}}) {
    std::string damaged = restore::damage_like_ocr(gold, 1, kind);
    secs = best_seconds(1, [&] { r = restore::repair_ocr(*model, damaged); });
    std::printf("repair_ocr, damaged as by %s: word accuracy %.4f -> %.4f, %.2f MB/s\n", name,
                restore::ocr_word_accuracy(damaged, gold), restore::ocr_word_accuracy(r.text, gold),
                double(damaged.size()) / 1e6 / secs);
  }
  return 0;
}
