// Golden corpus: each input's full extraction (spans included) must match the reviewed JSON in
// tests/golden/expected. A change in extraction shows up here as a readable list of differences;
// after reviewing it, DONDOC_GOLDEN_UPDATE=1 rewrites the expected files.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "codec/codec.h"
#include "ingest/ingest.h"
#include "pipeline/pipeline.h"

namespace fs = std::filesystem;

namespace {

std::string read_all(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<std::string> inputs() {
  std::vector<std::string> out;
  std::ifstream in(fs::path(DONDOC_SOURCE_DIR) / "tests/golden/inputs.txt");
  std::string line;
  while (std::getline(in, line))
    if (!line.empty() && line[0] != '#') out.push_back(line);
  return out;
}

// Differences between two JSON values, one line each, with their paths.
void diff(const nlohmann::json& want, const nlohmann::json& got, const std::string& path, std::vector<std::string>& out) {
  if (out.size() > 40) return;
  if (want.type() != got.type() || (!want.is_object() && !want.is_array() && want != got)) {
    out.push_back(path + ": expected " + want.dump() + ", got " + got.dump());
    return;
  }
  if (want.is_object()) {
    for (auto it = want.begin(); it != want.end(); ++it)
      diff(it.value(), got.contains(it.key()) ? got[it.key()] : nlohmann::json(), path + "." + it.key(), out);
    for (auto it = got.begin(); it != got.end(); ++it)
      if (!want.contains(it.key())) out.push_back(path + "." + it.key() + ": unexpected " + it.value().dump());
  } else if (want.is_array()) {
    for (size_t i = 0; i < std::max(want.size(), got.size()); ++i)
      diff(i < want.size() ? want[i] : nlohmann::json(), i < got.size() ? got[i] : nlohmann::json(),
           path + "[" + std::to_string(i) + "]", out);
  }
}

class Golden : public ::testing::TestWithParam<std::string> {};

TEST_P(Golden, MatchesReviewedOutput) {
  std::string in = GetParam();
  fs::path src = in.rfind("@shared/", 0) == 0 ? fs::path(DONDOC_SHARED_DIR) / in.substr(8)
                                                 : fs::path(DONDOC_SOURCE_DIR) / in;
  if (!fs::exists(src)) GTEST_SKIP() << "input not present on this machine: " << src;
  auto raw = dondoc::ingest::decode_text(read_all(src));
  ASSERT_TRUE(raw) << raw.error().to_string();
  dondoc::pipeline::ExtractOptions opts;
  opts.today = dondoc::Date{2026, 11, 25};
  auto doc = dondoc::pipeline::extract(raw->text, dondoc::rules::Rules::builtin(), opts);
  nlohmann::json got = nlohmann::json::parse(dondoc::codec::to_json(doc).dump());
  fs::path expected = fs::path(DONDOC_SOURCE_DIR) / "tests/golden/expected" / (src.filename().string() + ".json");
  if (std::getenv("DONDOC_GOLDEN_UPDATE")) {
    std::ofstream(expected) << got.dump(1) << "\n";
    GTEST_SKIP() << "updated " << expected;
  }
  ASSERT_TRUE(fs::exists(expected)) << "no expected output " << expected << "; run with DONDOC_GOLDEN_UPDATE=1";
  nlohmann::json want = nlohmann::json::parse(read_all(expected));
  std::vector<std::string> d;
  diff(want, got, "$", d);
  std::string msg;
  for (const auto& x : d) msg += "  " + x + "\n";
  EXPECT_TRUE(d.empty()) << in << " differs from " << expected << ":\n" << msg;
}

INSTANTIATE_TEST_SUITE_P(Corpus, Golden, ::testing::ValuesIn(inputs()), [](const auto& test) {
  std::string n = fs::path(test.param).stem().string();
  for (auto& c : n)
    if (!isalnum(static_cast<unsigned char>(c))) c = '_';
  return n;
});

}  // namespace
