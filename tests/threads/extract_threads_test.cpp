// The extraction core shared by threads, as a server shares it: 4 threads extract different
// documents at once, half of them with the built-in rules and half with a second rule set that
// reads deadlines differently, every document with and without the restoration model. Each
// result must be the one a lone thread gets. Run under ThreadSanitizer by the tsan preset
// (CMakePresets.json, `.ci/run`); in a plain build it checks the same results without TSan.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "codec/codec.h"
#include "pipeline/pipeline.h"
#include "restore/restore.h"
#include "rules/rules.h"

namespace fs = std::filesystem;
using namespace dondoc;

namespace {

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// Real documents: the development corpus (typed, OCR copies, texts without marks) and a few of
// the training corpus.
std::vector<std::string> documents() {
  std::vector<fs::path> paths;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(fs::path(DONDOC_SOURCE_DIR) / "tests/corpus", ec))
    if (e.path().extension() == ".txt") paths.push_back(e.path());
  for (const char* dir : {"corpus/train-nodiac", "eval/dev"})
    for (const auto& e : fs::directory_iterator(fs::path(DONDOC_SHARED_DIR) / dir, ec))
      if (e.path().extension() == ".txt") paths.push_back(e.path());
  std::sort(paths.begin(), paths.end());
  std::vector<std::string> out;
  for (const auto& p : paths) out.push_back(read(p));
  return out;
}

// A second rule set: the built-in tables without the deadline phrases that start with "trước"
// (so that "trước ngày 15/12" is no deadline), and without one unit head.
rules::Rules other_rules() {
  rules::Rules r = rules::Rules::builtin();  // a copy: its views are its own
  auto& phrases = r.tables["deadline_phrases"];
  phrases.erase(std::remove_if(phrases.begin(), phrases.end(),
                               [](const auto& row) { return !row.empty() && row[0].rfind("trước", 0) == 0; }),
                phrases.end());
  auto& heads = r.tables["unit_heads"];
  heads.erase(std::remove_if(heads.begin(), heads.end(), [](const auto& row) { return !row.empty() && row[0] == "Sở"; }),
              heads.end());
  return r;
}

std::optional<restore::Model> load_model() {
  const char* env = std::getenv("DONDOC_RESTORE_MODEL");
  std::string path = env && *env ? env : std::string(DONDOC_BINARY_DIR) + "/restore.model";
  auto m = restore::Model::load(path);
  if (!m) return std::nullopt;
  return std::move(*m);
}

std::string run(const std::string& text, const rules::Rules& rules, const restore::Model* model) {
  pipeline::ExtractOptions opts;
  opts.today = Date{2026, 11, 25};
  opts.received = Date{2026, 11, 20};
  opts.restorer = model;
  return codec::to_json(pipeline::extract(text, rules, opts)).dump();
}

TEST(ExtractThreads, FourThreadsTwoRuleSetsGiveWhatOneThreadGives) {
  std::vector<std::string> docs = documents();
  ASSERT_GE(docs.size(), 20u) << "no corpus in " << DONDOC_SOURCE_DIR << "/tests/corpus";
  std::optional<restore::Model> model = load_model();
  if (!model) std::fprintf(stderr, "no restore.model: documents are read without restoration\n");
  const rules::Rules& builtin = rules::Rules::builtin();
  // The jobs: every document with each rule set, with the model and without.
  struct Job {
    size_t doc;
    const rules::Rules* rules;
    const restore::Model* model;
    std::string expected, got;
  };
  std::vector<Job> jobs;
  std::vector<std::string> expected_other;
  {
    // Expected results, one thread, the second rule set made here and freed before the threads
    // start: a rule set must not leave anything behind that the next one would use.
    rules::Rules other = other_rules();
    for (size_t i = 0; i < docs.size(); ++i) expected_other.push_back(run(docs[i], other, model ? &*model : nullptr));
  }
  rules::Rules other = other_rules();
  size_t differ = 0;
  for (size_t i = 0; i < docs.size(); ++i) {
    const restore::Model* m = model ? &*model : nullptr;
    std::string with_builtin = run(docs[i], builtin, m);
    differ += with_builtin != expected_other[i];
    jobs.push_back(Job{i, &builtin, m, with_builtin, {}});
    jobs.push_back(Job{i, &other, m, expected_other[i], {}});
    jobs.push_back(Job{i, &builtin, nullptr, run(docs[i], builtin, nullptr), {}});
  }
  ASSERT_GT(differ, 0u) << "the two rule sets read every document alike: the test would prove nothing";
  // Interleaved so that at any moment threads work with both rule sets on different documents.
  std::atomic<size_t> next{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&] {
      for (size_t j; (j = next.fetch_add(1)) < jobs.size();) jobs[j].got = run(docs[jobs[j].doc], *jobs[j].rules, jobs[j].model);
    });
  for (auto& t : threads) t.join();
  for (const Job& j : jobs)
    EXPECT_EQ(j.got, j.expected) << "document " << j.doc << (j.rules == &builtin ? " (built-in rules)" : " (other rules)");
}

}  // namespace
