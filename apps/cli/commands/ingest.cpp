// dondoc ingest [--db DB] [--as-of D] [--jobs N] PATH...
// Files and whole folders into the store: one transaction per document (Ctrl-C or kill -9 never
// leaves half a document), the same bytes never twice, a progress bar on a terminal only, and a
// one-line summary at the end.
#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <optional>
#include <filesystem>

#include "../command.h"
#include "../parallel.h"
#include "commands.h"
#include "common.h"
#include "store_common.h"

namespace dondoc::cli {
namespace {

namespace fs = std::filesystem;
volatile std::sig_atomic_t g_stop = 0;
void on_signal(int) { g_stop = 1; }

// Regular files under the paths, folders walked in name order; hidden entries and the store's
// own files are left out.
std::vector<std::string> collect(const std::vector<std::string>& paths, const std::string& db, int& failed) {
  std::vector<std::string> out;
  std::error_code ec;
  fs::path dbp = fs::weakly_canonical(db, ec);
  auto is_db = [&](const fs::path& p) {
    std::string s = fs::weakly_canonical(p, ec).string();
    for (const char* suffix : {"", "-wal", "-shm", "-journal"})
      if (s == dbp.string() + suffix) return true;
    return false;
  };
  for (const auto& p : paths) {
    if (fs::is_directory(p, ec)) {
      std::vector<std::string> found;
      auto it = fs::recursive_directory_iterator(p, fs::directory_options::skip_permission_denied, ec);
      for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        std::string name = it->path().filename().string();
        if (!name.empty() && name[0] == '.') {
          if (it->is_directory(ec)) it.disable_recursion_pending();
          continue;
        }
        if (it->is_regular_file(ec) && !is_db(it->path())) found.push_back(it->path().string());
      }
      std::sort(found.begin(), found.end());
      out.insert(out.end(), found.begin(), found.end());
    } else if (fs::exists(p, ec)) {
      out.push_back(p);
    } else {
      std::fprintf(stderr, "%s: không có tệp hoặc thư mục này\n", p.c_str());
      ++failed;
    }
  }
  return out;
}

class Progress {
 public:
  Progress(size_t total, bool on) : total_(total), on_(on && total > 1), start_(Clock::now()) {}
  void update(size_t done, bool force = false) {
    if (!on_) return;
    auto now = Clock::now();
    if (!force && now - last_ < std::chrono::milliseconds(100)) return;
    last_ = now;
    double secs = std::chrono::duration<double>(now - start_).count();
    double rate = secs > 0 ? done / secs : 0;
    int width = 30, fill = static_cast<int>(width * done / std::max<size_t>(total_, 1));
    std::string bar = std::string(fill, '#') + std::string(width - fill, '.');
    int eta = rate > 0 ? static_cast<int>((total_ - done) / rate) : 0;
    std::fprintf(stderr, "\r[%s] %zu/%zu %3zu%%  %.0f văn bản/s  còn %d:%02d ", bar.c_str(), done, total_,
                 done * 100 / std::max<size_t>(total_, 1), rate, eta / 60, eta % 60);
    std::fflush(stderr);
  }
  void clear() {
    if (on_) std::fprintf(stderr, "\r\033[K");
  }

 private:
  using Clock = std::chrono::steady_clock;
  size_t total_;
  bool on_;
  Clock::time_point start_, last_{};
};

}  // namespace

int cmd_ingest(int argc, char** argv) {
  CLI::App app{"Nạp tệp hoặc cả thư mục văn bản vào kho", "dondoc ingest"};
  std::string db, as_of;
  std::vector<std::string> paths;
  unsigned jobs = 0;
  add_db_option(app, db);
  add_as_of_option(app, as_of);
  app.add_option("--jobs,-j", jobs, "số luồng trích xuất (mặc định: mọi lõi CPU); một luồng ghi vào kho");
  app.add_option("paths", paths, "tệp hoặc thư mục (.txt, .md, .docx, .pdf, ảnh quét)")->required();
  if (int rc = parse_args(app, argc, argv); rc >= 0) return rc;
  auto today = as_of_or_today("ingest", as_of);
  if (!today) return kExitUsage;
  auto st = open_store("ingest", db, {.create = true});
  if (!st) return kExitBadInput;

  int failed = 0, added = 0, updated = 0, skipped = 0, tasks = 0;
  std::vector<std::string> files = collect(paths, db, failed);
  const auto& rules = rules::Rules::builtin();
  pipeline::ExtractOptions opts = file_extract_options();  // restores texts without diacritics
  opts.today = *today;
  ingest::ReaderContext ctx = default_reader_context();
  // Ctrl-C finishes the document in hand, then stops: every stored document is whole.
  std::signal(SIGINT, on_signal);
  std::signal(SIGTERM, on_signal);
  Progress progress(files.size(), stderr_is_terminal());
  size_t done = 0;
  auto fail = [&](const std::string& file, const std::string& why) {
    progress.clear();
    std::fprintf(stderr, "%s: %s\n", file.c_str(), why.c_str());
    ++failed;
  };
  // This thread reads each file and skips bytes stored already before the (slower) extraction;
  // workers on every core decode and extract; this thread stores the documents in input order,
  // one transaction each: the store has one writer.
  struct Job {
    std::string file, bytes, sha256, error;
    bool seen = false;  // stored already
    std::optional<LoadedDocument> loaded;
  };
  unsigned threads = std::min<size_t>(jobs ? jobs : cores(), files.size());
  if (threads <= 1) threads = 0;
  if (threads) ctx.progress = nullptr;  // pages of several files at once would garble the line
  OrderedWorkers<Job, Job> pool(threads, [&](Job& j) {
    if (j.error.empty() && !j.seen) {
      auto loaded = load_bytes(std::move(j.bytes), j.file, rules, opts, ctx, j.sha256);
      if (loaded) j.loaded = std::move(*loaded);
      else j.error = loaded.error().message;
    }
    return std::move(j);
  });
  const size_t ahead = 8 * std::max(1u, threads);
  size_t submitted = 0;
  for (size_t taken = 0; taken < files.size(); ++taken) {
    if (g_stop) break;
    for (; submitted < files.size() && submitted < taken + ahead && !g_stop; ++submitted) {
      Job j;
      j.file = files[submitted];
      auto bytes = ingest::read_file(j.file, ctx);
      if (!bytes) {
        j.error = bytes.error().message;
      } else {
        j.sha256 = ingest::sha256_hex(*bytes);
        auto seen = st->has_file(j.sha256);
        j.seen = seen && *seen;
        j.bytes = std::move(*bytes);
      }
      pool.submit(std::move(j));
    }
    progress.update(done);
    ++done;
    Job j = pool.next();
    if (!j.error.empty()) {
      fail(j.file, j.error);
      continue;
    }
    if (j.seen) {
      ++skipped;
      continue;
    }
    store::NewDocument nd{std::move(j.loaded->doc), j.loaded->sha256, j.file, std::move(j.loaded->bytes),
                          std::move(j.loaded->text), local_now_iso()};
    auto put = st->put_document(nd);
    if (!put) {
      fail(j.file, put.error().message);
      // The store itself is failing (disk full, server gone): the next files would fail too.
      if (put.error().code == ErrorCode::kDatabase) break;
      continue;
    }
    if (put->outcome == store::PutOutcome::kSkipped) ++skipped;
    else (put->outcome == store::PutOutcome::kAdded ? added : updated)++;
    tasks += put->tasks_added;
  }
  progress.update(done, true);
  progress.clear();
  if (g_stop) std::fprintf(stderr, "Đã dừng theo yêu cầu sau %zu/%zu tệp; chạy lại để nạp tiếp.\n", done, files.size());
  std::fprintf(stderr, "Đã nạp %d văn bản mới, %d bản mới của văn bản đã có, %d nhiệm vụ mới; bỏ qua %d; lỗi %d.\n", added,
               updated, tasks, skipped, failed);
  std::fprintf(stderr, "added %d, skipped %d, failed %d\n", added + updated, skipped, failed);
  if (g_stop) return 130;
  return failed ? kExitBadInput : kExitOk;
}

}  // namespace dondoc::cli
