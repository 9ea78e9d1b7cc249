// A small stand-in for libFuzzer, for compilers without -fsanitize=fuzzer (g++): runs a fuzz
// target on its seed files, then on random mutations of them for a few seconds. Deterministic
// for a given --seed (the number of runs depends on the time budget). A crash, a hang (one input
// over --timeout seconds) or a trap fails the run; the input is saved to fuzz-crash-<pid>.bin.
//
// Time is a property too (--scaling-seconds): each seed gets long runs of punctuation, markup,
// repeated and numbered words (inline and one per line), and the run fails when doubling such an
// input's size more than triples its CPU time: super-linear behaviour is a bug, like a crash.
// The input is saved to fuzz-slow-<pid>.bin. A target may place runs itself (DondocFuzzEmbed:
// a DOCX paragraph, a PDF page) and add tokens of its own (DondocFuzzTokens).
//
//   docx_fuzz --seconds 5 --seed 1 tests/fixtures/fuzz/docx
//   fuzz_extract --seconds 0 --scaling-seconds 600 samples   # the whole scaling sweep
#include <signal.h>
#include <unistd.h>
#include <fcntl.h>

#include <algorithm>
#include <chrono>
#include <ctime>
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
// Optional hooks of a target for the scaling check: where a run goes into a seed, more tokens.
__attribute__((weak)) std::string DondocFuzzEmbed(const std::string& seed, const std::string& run);
__attribute__((weak)) std::vector<std::string> DondocFuzzTokens();

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

// Runs for the scaling check: each punctuation and markup token of Vietnamese documents as typed
// in Word, Markdown or OCR output, words and phrases that rules look for, and numbered ones
// ({i}: 1, 2, 3...; {d}: a different date each time), so that lists of distinct units, citations,
// dates and items grow too.
const char* const kScalingTokens[] = {
    ".", ",", ";", ":", "!", "?", "-", "–", "—", "_", "*", "**", "***", "__", "`", "~", "#", ">", "|", "/", "\\",
    "(", ")", "[", "]", "{", "}", "\"", "'", "…", "<", "&", "=", "+", "@", "%", "·", "•", "<br>", "|---|", " ", "\t",
    "\xC2\xA0", "\xCC\x81", "¹", "Đ", "1.", "a)", "- ", "+ ", "1", "12/", "\\*", "&amp;", "[a](b) ", "**a** ",
    "ngày ", "ke hoach ", "Sở Nội vụ ", "Ủy ban ", "sau khi ", "diễn tập ", "Giao ", "chủ trì ", "phối hợp ",
    "Kính gửi: ", "Số: ", "hằng tháng ", "trước ngày 20/4/2026 ", "05 ngày trước diễn tập ", "x ", "(1) ", "I. ",
    "Nghị định số {i}/2020/NĐ-CP; ", "trước ngày {d}; ", "{i} ngày sau khi diễn tập {i}; ", "Sở X{i}, ",
    "Kết luận số {i}-KL/TU ngày {d}; ", "chậm nhất {i} ngày làm việc kể từ ngày {d}; ", "{i}. Giao Sở X{i} chủ trì.",
    "| {i} | Sở X{i} | Báo cáo việc {i} | {d} |", "- Sở X{i};", "a{i}) Giao Sở X{i} chủ trì việc {i}.",
    "({i}) Sở X{i} báo cáo trước ngày {d}.", "Điều {i}. Sở X{i} có trách nhiệm", "- Sở X{i} thực hiện việc {i};"};

size_t rnd(size_t n) { return n == 0 ? 0 : static_cast<size_t>(g_rng() % n); }

void save_current(const char* why, const char* prefix = "fuzz-crash") {
  char name[64];
  std::snprintf(name, sizeof name, "%s-%d.bin", prefix, static_cast<int>(getpid()));
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

double cpu_seconds() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

// `copies` of token, each on its own line when `lines`; {i} and {d} numbered.
std::string make_run(const std::string& token, size_t copies, bool lines) {
  std::string run;
  for (size_t i = 0; i < copies; ++i) {
    std::string t = token;
    for (size_t at; (at = t.find("{i}")) != std::string::npos;) t.replace(at, 3, std::to_string(i + 1));
    for (size_t at; (at = t.find("{d}")) != std::string::npos;)
      t.replace(at, 3, std::to_string(i % 28 + 1) + "/" + std::to_string(i / 28 % 12 + 1) + "/" + std::to_string(2026 + i / 336));
    run += t;
    if (lines) run += '\n';
  }
  return run;
}

// At the line break nearest the middle of the seed: one token per line on lines of their own,
// else the run goes on at the end of that line (inside the item or sentence it ends).
std::string embed(const std::string& seed, const std::string& run, bool lines) {
  if (DondocFuzzEmbed) return DondocFuzzEmbed(seed, run);
  size_t mid = seed.find('\n', seed.size() / 2);
  if (mid == std::string::npos) mid = seed.size();
  return seed.substr(0, mid) + (lines ? "\n" : " ") + run + (lines ? "\n" : "") + seed.substr(mid);
}

// Best of `reps` CPU times of one input.
double timed(const std::string& input, int reps, int timeout) {
  double best = 1e30;
  for (int r = 0; r < reps; ++r) {
    g_current = reinterpret_cast<const uint8_t*>(input.data());
    g_current_size = input.size();
    alarm(static_cast<unsigned>(timeout));
    double t0 = cpu_seconds();
    LLVMFuzzerTestOneInput(g_current, g_current_size);
    best = std::min(best, cpu_seconds() - t0);
    alarm(0);
  }
  return best;
}

// For each seed, token and layout: grow the run until one input takes a measurable time, then
// double it. Stops after `budget` seconds; false (after saving the input) when time more than
// `ratio`-folds.
bool check_scaling(double budget, double ratio, size_t max_bytes, int timeout) {
  constexpr double kMeasurable = 0.05;  // seconds of CPU: below this, noise dominates
  std::vector<std::string> tokens(std::begin(kScalingTokens), std::end(kScalingTokens));
  if (DondocFuzzTokens)
    for (auto& t : DondocFuzzTokens()) tokens.push_back(std::move(t));
  auto end = std::chrono::steady_clock::now() + std::chrono::duration<double>(budget);
  size_t checks = 0, fast = 0;
  for (size_t s = 0; s < g_seeds.size(); ++s) {
    for (const auto& token : tokens) {
      for (bool lines : {false, true}) {
        if (std::chrono::steady_clock::now() >= end) {
          std::printf("fuzz: scaling: %zu doublings timed, %zu runs fast at %zu bytes, within %.0f s; none super-linear "
                      "(budget used up)\n",
                      checks, fast, max_bytes, budget);
          return true;
        }
        size_t copies = std::max<size_t>(1, 32768 / (token.size() + 1));
        std::string small = embed(g_seeds[s], make_run(token, copies, lines), lines);
        double t1 = timed(small, 2, timeout);
        while (t1 < kMeasurable && small.size() * 2 <= max_bytes) {
          // Straight to about the size that takes measurable time (at most 64 times larger).
          size_t factor = 2;
          while (factor < 64 && t1 * static_cast<double>(factor) < kMeasurable) factor *= 2;
          while (factor > 2 && small.size() * factor > max_bytes) factor /= 2;
          copies *= factor;
          small = embed(g_seeds[s], make_run(token, copies, lines), lines);
          t1 = timed(small, 2, timeout);
        }
        if (t1 < kMeasurable) {  // fast at every size that is allowed
          ++fast;
          continue;
        }
        t1 = timed(small, 3, timeout);
        std::string big = embed(g_seeds[s], make_run(token, copies * 2, lines), lines);
        double t2 = timed(big, 3, timeout);
        if (t2 > ratio * t1) {
          // A second opinion before failing, as shared machines are noisy: the next doubling must
          // be super-linear too (it is, for a quadratic path; noise rarely strikes twice).
          std::string bigger = embed(g_seeds[s], make_run(token, copies * 4, lines), lines);
          if (bigger.size() <= 2 * max_bytes) {
            t1 = t2;
            t2 = timed(bigger, 3, timeout);
            copies *= 2;
            small = std::move(big);
            big = std::move(bigger);
          } else {
            t1 = timed(small, 7, timeout);
            t2 = timed(big, 7, timeout);
          }
        }
        ++checks;
        if (t2 > ratio * t1) {
          g_current = reinterpret_cast<const uint8_t*>(big.data());
          g_current_size = big.size();
          std::fprintf(stderr,
                       "fuzz: super-linear time: seed %zu with %zu copies of '%s'%s: %zu bytes %.3f s, %zu bytes "
                       "%.3f s (x%.1f for x2 the input)\n",
                       s, copies, token.c_str(), lines ? " one per line" : "", small.size(), t1, big.size(), t2, t2 / t1);
          save_current("fuzz: slow input saved to ", "fuzz-slow");
          return false;
        }
      }
    }
  }
  std::printf("fuzz: scaling: %zu doublings timed, %zu runs fast at %zu bytes; none super-linear\n", checks, fast,
              max_bytes);
  return true;
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
  double seconds = 5, scaling_seconds = 0, scaling_ratio = 3;
  size_t scaling_max = 4u << 20;
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
    else if (a == "--scaling-seconds") scaling_seconds = std::atof(next().c_str());
    else if (a == "--scaling-ratio") scaling_ratio = std::atof(next().c_str());
    else if (a == "--scaling-max-bytes") scaling_max = std::strtoull(next().c_str(), nullptr, 10);
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
  if (scaling_seconds > 0 && !check_scaling(scaling_seconds, scaling_ratio, scaling_max, timeout)) return 1;
  return 0;
}
