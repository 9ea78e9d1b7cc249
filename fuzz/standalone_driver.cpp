// A small stand-in for libFuzzer, for compilers without -fsanitize=fuzzer (g++): runs a fuzz
// target on its seed files, then on random mutations of them for a few seconds. Deterministic
// for a given --seed (the number of runs depends on the time budget). A crash, a hang (one input
// over --timeout seconds) or a trap fails the run; the input is saved to fuzz-crash-<pid>.bin.
//
//   docx_fuzz --seconds 5 --seed 1 tests/fixtures/fuzz/docx
#include <signal.h>
#include <unistd.h>
#include <fcntl.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);
extern "C" __attribute__((weak)) int LLVMFuzzerInitialize(int* argc, char*** argv);
extern "C" __attribute__((weak)) size_t LLVMFuzzerCustomMutator(uint8_t* data, size_t size, size_t max_size,
                                                                unsigned int seed);

namespace {

std::mt19937_64 g_rng(1);
std::vector<std::string> g_seeds;
// The input being run, for the crash handler.
const uint8_t* g_current = nullptr;
size_t g_current_size = 0;

// Tokens that PDF and WordprocessingML parsers branch on.
const char* const kTokens[] = {
    "obj",       "endobj",     "stream",  "endstream", "/Length",    "<<",          ">>",        "[",
    "]",         " R ",        "xref",    "trailer",   "/Kids",      "/Count",      "/Type",     "/Page",
    "/Filter",   "/FlateDecode", "/Encrypt", "/ObjStm", "/Root",     "%%EOF",       "999999999", "-1",
    "0",         "4294967296", "<w:p>",   "</w:p>",    "<w:r>",      "<w:t>",       "</w:t>",    "<w:tbl>",
    "<w:tr>",    "<w:tc>",     "<w:br/>", "<w:tab/>",  "<w:numPr>",  "w:val=\"",    "w:ilvl",    "w:numId",
    "%1.%2.",    "<w:lvl ",    "w:footnoteReference w:id=\"", "<w:txbxContent>", "&amp;", "&#xFFFF;",
    "<![CDATA[", "<!--",       "Đ",       "ủy",        "\xC3",       "\xFF\xFE",  "**",        "_",
    "__",        "*",          "|",       "\n|",       "\n> ",       "\n# ",        "\\*",       "<br>",
    "\n---|---\n", "\n",       " ",       "\xCC\x81"};

size_t rnd(size_t n) { return n == 0 ? 0 : static_cast<size_t>(g_rng() % n); }

void save_current(const char* why) {
  char name[64];
  std::snprintf(name, sizeof name, "fuzz-crash-%d.bin", static_cast<int>(getpid()));
  int fd = open(name, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd >= 0 && g_current) {
    ssize_t n = write(fd, g_current, g_current_size);
    (void)n;
  }
  if (fd >= 0) close(fd);
  ssize_t n = write(2, why, std::strlen(why));
  n = write(2, name, std::strlen(name));
  n = write(2, "\n", 1);
  (void)n;
}

void on_crash(int sig) {
  save_current(sig == SIGALRM ? "fuzz: input ran too long, saved to " : "fuzz: crash, input saved to ");
  signal(sig == SIGALRM ? SIGABRT : sig, SIG_DFL);
  raise(sig == SIGALRM ? SIGABRT : sig);
}

std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

// libFuzzer's mutation hook, for custom mutators: a few random byte-level edits in place.
extern "C" size_t LLVMFuzzerMutate(uint8_t* data, size_t size, size_t max_size) {
  std::string s(reinterpret_cast<char*>(data), size);
  int edits = 1 + static_cast<int>(rnd(4));
  for (int e = 0; e < edits; ++e) {
    size_t at = rnd(s.size() + 1);
    switch (rnd(9)) {
      case 0:  // flip a bit
        if (!s.empty()) s[at % s.size()] ^= static_cast<char>(1u << rnd(8));
        break;
      case 1:  // a random byte
        if (!s.empty()) s[at % s.size()] = static_cast<char>(rnd(256));
        break;
      case 2:  // insert random bytes
        s.insert(at, std::string(1 + rnd(8), static_cast<char>(rnd(256))));
        break;
      case 3:  // erase a range
        if (!s.empty()) s.erase(at % s.size(), 1 + rnd(std::min<size_t>(s.size(), 64)));
        break;
      case 4: {  // duplicate a range
        if (s.empty()) break;
        size_t from = rnd(s.size()), len = 1 + rnd(std::min<size_t>(s.size() - from, 256));
        s.insert(at, s.substr(from, len));
        break;
      }
      case 5: {  // splice in part of another seed
        const std::string& o = g_seeds[rnd(g_seeds.size())];
        if (o.empty()) break;
        size_t from = rnd(o.size()), len = 1 + rnd(std::min<size_t>(o.size() - from, 512));
        s.insert(at, o.substr(from, len));
        break;
      }
      case 6:  // a token
        s.insert(at, kTokens[rnd(sizeof kTokens / sizeof kTokens[0])]);
        break;
      case 7: {  // change a number
        size_t i = s.empty() ? 0 : at % s.size();
        while (i < s.size() && !(s[i] >= '0' && s[i] <= '9')) ++i;
        if (i < s.size()) s.replace(i, 1, std::to_string(static_cast<long long>(g_rng() % 2000000000) - 1000));
        break;
      }
      default:  // truncate
        s.resize(rnd(s.size() + 1));
        break;
    }
  }
  if (s.size() > max_size) s.resize(max_size);
  std::memcpy(data, s.data(), s.size());
  return s.size();
}

int main(int argc, char** argv) {
  double seconds = 5;
  unsigned long long seed = 1;
  int timeout = 30;
  size_t max_len = 1u << 20;
  std::vector<std::string> paths;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
    if (a == "--seconds") seconds = std::atof(next().c_str());
    else if (a == "--seed") seed = std::strtoull(next().c_str(), nullptr, 10);
    else if (a == "--timeout") timeout = std::atoi(next().c_str());
    else if (a == "--max-len") max_len = std::strtoull(next().c_str(), nullptr, 10);
    else paths.push_back(a);
  }
  if (LLVMFuzzerInitialize) LLVMFuzzerInitialize(&argc, &argv);
  g_rng.seed(seed);
  for (const auto& p : paths) {
    std::error_code ec;
    if (std::filesystem::is_directory(p, ec)) {
      std::vector<std::filesystem::path> files;
      for (const auto& e : std::filesystem::directory_iterator(p))
        if (e.is_regular_file()) files.push_back(e.path());
      std::sort(files.begin(), files.end());  // the same order every time: reproducible runs
      for (const auto& f : files) g_seeds.push_back(slurp(f));
    } else if (std::filesystem::is_regular_file(p, ec)) {
      g_seeds.push_back(slurp(p));
    } else {
      std::fprintf(stderr, "fuzz: no such seed file or folder: %s\n", p.c_str());
      return 2;
    }
  }
  if (g_seeds.empty()) g_seeds.emplace_back();
  for (int s : {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP, SIGALRM}) signal(s, on_crash);

  auto run = [&](const std::string& input) {
    g_current = reinterpret_cast<const uint8_t*>(input.data());
    g_current_size = input.size();
    alarm(static_cast<unsigned>(timeout));
    LLVMFuzzerTestOneInput(g_current, g_current_size);
    alarm(0);
  };
  for (const auto& s : g_seeds) run(s);
  auto end = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  size_t runs = g_seeds.size();
  std::vector<uint8_t> buf;
  while (std::chrono::steady_clock::now() < end) {
    const std::string& base = g_seeds[rnd(g_seeds.size())];
    size_t cap = std::min(max_len, std::max<size_t>(base.size() * 2 + 64, 4096));
    buf.assign(base.begin(), base.end());
    buf.resize(std::max(cap, buf.size()));
    size_t n = LLVMFuzzerCustomMutator ? LLVMFuzzerCustomMutator(buf.data(), base.size(), buf.size(),
                                                                 static_cast<unsigned>(g_rng()))
                                       : LLVMFuzzerMutate(buf.data(), base.size(), buf.size());
    run(std::string(reinterpret_cast<char*>(buf.data()), n));
    ++runs;
  }
  std::printf("fuzz: %zu runs on %zu seeds, no crash\n", runs, g_seeds.size());
  return 0;
}
