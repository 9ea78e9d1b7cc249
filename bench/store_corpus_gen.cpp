// store_corpus_gen --out DIR --count N [--seed S] [--train DIR]
// Writes N synthetic documents (doc-0000001.txt ...) for `dondoc ingest` benchmarks and the
// crash test (see store_corpus.h).
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>

#include "store_corpus.h"

int main(int argc, char** argv) {
  std::string out, train = std::string(DONDOC_SHARED_DIR) + "/corpus/train";
  long count = 1000;
  unsigned seed = 42;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--out")) out = argv[i + 1];
    else if (!std::strcmp(argv[i], "--count")) count = std::atol(argv[i + 1]);
    else if (!std::strcmp(argv[i], "--seed")) seed = static_cast<unsigned>(std::atol(argv[i + 1]));
    else if (!std::strcmp(argv[i], "--train")) train = argv[i + 1];
  }
  if (out.empty() || count <= 0) {
    std::fprintf(stderr, "usage: store_corpus_gen --out DIR --count N [--seed S] [--train DIR]\n");
    return 2;
  }
  std::filesystem::create_directories(out);
  dondoc::bench::CorpusGenerator gen(dondoc::bench::load_paragraphs(train), seed);
  for (long i = 1; i <= count; ++i) {
    char name[32];
    std::snprintf(name, sizeof name, "doc-%07ld.txt", i);
    std::ofstream(std::filesystem::path(out) / name) << gen.next().text;
  }
  return 0;
}
