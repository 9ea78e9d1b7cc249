// Fuzz target: full-text search. The input is a query typed by a user (or sent to the API)
// against a small SQLite store in memory holding the sample documents. Checks: no crash, an
// answer or a clear refusal, and (time property of the driver) a cost linear in the query:
// repeating a term 2,000 times once took 38 s.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "core/sha256.h"
#include "pipeline/pipeline.h"
#include "store/store.h"

namespace {

dondoc::store::Store& store() {
  static std::unique_ptr<dondoc::store::Store> s = [] {
    auto opened = dondoc::store::open(":memory:", {.create = true});
    if (!opened) std::abort();
    for (const auto& e : std::filesystem::directory_iterator(DONDOC_SOURCE_DIR "/samples")) {
      std::ifstream in(e.path(), std::ios::binary);
      std::stringstream ss;
      ss << in.rdbuf();
      std::string text = ss.str();
      dondoc::store::NewDocument nd{dondoc::pipeline::extract(text, dondoc::rules::Rules::builtin()),
                                    dondoc::sha256_hex(text), e.path().filename().string(), text, text,
                                    "2026-05-01T08:00:00"};
      if (!(*opened)->put_document(nd)) std::abort();
    }
    return std::move(*opened);
  }();
  return *s;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string query(reinterpret_cast<const char*>(data), size);
  auto hits = store().search({query, {}, 20});
  if (!hits && hits.error().message.empty()) __builtin_trap();  // a refusal says why
  return 0;
}

// Query words: repeated they were the defect; the driver's tokens add punctuation and markup.
std::vector<std::string> DondocFuzzTokens() {
  return {"ke hoach ", "\"thuong truc\" ", "-huyen ", "chuyen* ", "Ủy ban ", "1275-CV/ĐUK ", "tu{i} "};
}
