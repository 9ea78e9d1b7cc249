#pragma once
// A realistic synthetic corpus for the store benchmarks and the crash test: documents in the
// shape offices issue (header, number/symbol, date, subject, body paragraphs taken from the
// train texts, numbered tasks with units and deadlines, citations of earlier documents), with
// the Document the text describes, so a large store can be filled without running extraction.
//
//   CorpusGenerator gen(load_paragraphs(shared_dir + "/corpus/train"), 42);
//   GeneratedDocument d = gen.next();   // d.text, d.doc
#include <random>
#include <string>
#include <vector>

#include "core/document.h"

namespace dondoc::bench {

// Paragraphs (body lines of 60+ bytes) of every .txt file in dir.
std::vector<std::string> load_paragraphs(const std::string& dir);

struct GeneratedDocument {
  std::string text;
  Document doc;
};

class CorpusGenerator {
 public:
  CorpusGenerator(std::vector<std::string> paragraphs, uint32_t seed);
  GeneratedDocument next();
  // Phrases a person would type: 1-3 words of the text, with or without diacritics, unit names,
  // numbers of generated documents.
  std::vector<std::string> queries(size_t n);

 private:
  std::string pick(const std::vector<std::string>& v);
  int uniform(int lo, int hi);

  std::vector<std::string> paragraphs_;
  std::mt19937 rng_;
  int count_ = 0;
  std::vector<std::string> identifiers_;  // issued so far, for citations and queries
};

}  // namespace dondoc::bench
