// A randomized fuzz driver for compilers without libFuzzer (g++): runs every seed, then mutates
// seeds (bit flips, deletions, duplications, splices, dictionary tokens) and feeds the results to
// LLVMFuzzerTestOneInput. A crash or sanitizer report fails the run; the input is saved first.
//
//   fuzz_extract [--runs N] [--seconds S] [--seed K] [--dict FILE] SEED_DIR_OR_FILE...
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace fs = std::filesystem;

namespace {

std::string read_all(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void run(const std::string& s) {
  // Save the input first: if it crashes, the file says what crashed.
  static const char* kLast = "fuzz-last-input.bin";
  std::ofstream(kLast, std::ios::binary).write(s.data(), static_cast<std::streamsize>(s.size()));
  LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(s.data()), s.size());
}

}  // namespace

int main(int argc, char** argv) {
  long runs = 2000;
  double seconds = 30;
  unsigned seed = 12345;
  std::vector<std::string> seeds, dict;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--runs" && i + 1 < argc) runs = std::atol(argv[++i]);
    else if (a == "--seconds" && i + 1 < argc) seconds = std::atof(argv[++i]);
    else if (a == "--seed" && i + 1 < argc) seed = static_cast<unsigned>(std::atol(argv[++i]));
    else if (a == "--dict" && i + 1 < argc) {
      std::ifstream in(argv[++i]);
      std::string line;
      while (std::getline(in, line)) {
        // AFL/libFuzzer dictionary lines: name="value" or "value"
        size_t q = line.find('"'), e = line.rfind('"');
        if (q != std::string::npos && e > q) dict.push_back(line.substr(q + 1, e - q - 1));
      }
    } else {
      std::error_code ec;
      if (fs::is_directory(a, ec)) {
        for (const auto& e : fs::directory_iterator(a, ec))
          if (e.is_regular_file()) seeds.push_back(read_all(e.path()));
      } else if (fs::is_regular_file(a, ec)) {
        seeds.push_back(read_all(a));
      }
    }
  }
  if (seeds.empty()) seeds.push_back("Số: 12/UBND-VX\nKính gửi: Sở Nội vụ\n1. Báo cáo trước ngày 20/4/2026.\n");
  if (dict.empty()) dict = {"Số ", "-CV/ĐU", "/QĐ-UBND", "ngày ", "tháng ", "năm ", "Kính gửi:", "Nơi nhận:",
                            "T/M ", "KT. ", "| ", "|---|", "\n", "(1) ", "II. ", "a) ", "trước ngày ", "Quý II/"};
  std::mt19937 rng(seed);
  auto pick = [&](size_t n) { return n ? std::uniform_int_distribution<size_t>(0, n - 1)(rng) : 0; };
  for (const auto& s : seeds) run(s);
  auto start = std::chrono::steady_clock::now();
  long done = 0;
  for (; done < runs; ++done) {
    if (std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() > seconds) break;
    std::string s = seeds[pick(seeds.size())];
    int edits = 1 + static_cast<int>(pick(8));
    for (int e = 0; e < edits; ++e) {
      size_t pos = pick(s.size() + 1);
      switch (pick(7)) {
        case 0:  // flip a bit
          if (!s.empty()) s[pick(s.size())] ^= static_cast<char>(1 << pick(8));
          break;
        case 1:  // delete a range
          if (!s.empty()) s.erase(pick(s.size()), pick(64) + 1);
          break;
        case 2:  // duplicate a range
          if (!s.empty()) {
            size_t a = pick(s.size());
            s.insert(pos, s.substr(a, pick(256) + 1));
          }
          break;
        case 3:  // a dictionary token
          s.insert(pos, dict[pick(dict.size())]);
          break;
        case 4:  // splice with another seed
          {
            const std::string& o = seeds[pick(seeds.size())];
            size_t a = pick(o.size() + 1);
            s = s.substr(0, pos) + o.substr(a);
          }
          break;
        case 5:  // random bytes, often invalid UTF-8
          for (size_t k = pick(8) + 1; k > 0; --k) s.insert(s.begin() + static_cast<long>(std::min(pos, s.size())), static_cast<char>(pick(256)));
          break;
        default:  // a long run of one byte
          s.insert(pos, std::string(pick(4096) + 1, "-|*(\n 1"[pick(7)]));
          break;
      }
    }
    run(s);
  }
  std::remove("fuzz-last-input.bin");
  std::printf("fuzz: %zu seeds, %ld mutated inputs, no crash\n", seeds.size(), done);
  return 0;
}
