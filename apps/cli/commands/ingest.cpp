// dondoc ingest [--db DB] [--as-of D] PATH...
// Files and whole folders into the store: whole documents only, a few per transaction (Ctrl-C or
// kill -9 never leaves half a document), the same bytes never twice, a progress bar on a terminal
// only, and a one-line summary at the end.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <optional>

#include "../command.h"
#include "../parallel.h"
#include "commands.h"
#include "common.h"
#include "ingest/walk.h"
#include "store_common.h"

namespace dondoc::cli {
namespace {

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
  bool follow_links = false;
  int jobs = 0;
  ingest::ReaderContext ctx = default_reader_context();
  add_db_option(app, db);
  add_as_of_option(app, as_of);
  add_ocr_budget_options(app, ctx);
  app.add_flag("--follow-links", follow_links, "theo cả liên kết (symlink) tới thư mục khi duyệt thư mục");
  add_number_option(app, "--jobs,-j", jobs, "số luồng trích xuất (mặc định: mọi lõi CPU); một luồng ghi vào kho", 0, 1024);
  app.add_option("paths", paths, "tệp hoặc thư mục (.txt, .md, .docx, .pdf, ảnh quét)")->required();
  if (int rc = parse_args(app, argc, argv); rc >= 0) return rc;
  auto today = as_of_or_today("ingest", as_of);
  if (!today) return kExitUsage;
  auto st = open_store("ingest", db, {.create = true});
  if (!st) return kExitBadInput;

  int added = 0, updated = 0, skipped = 0, tasks = 0;
  ingest::WalkResult walk = service::collect_files(paths, db, follow_links);
  int failed = walk.failed();
  for (const auto& p : walk.problems) std::fprintf(stderr, "%s: %s\n", p.path.c_str(), p.reason.c_str());
  skipped += walk.skipped();
  const std::vector<std::string>& files = walk.files;
  service::Service svc(*st, cli_clock(*today));
  const service::Actor me = service::Actor::local();
  pipeline::ExtractOptions opts = file_extract_options();  // restores texts without diacritics
  opts.today = *today;
  // Ctrl-C or SIGTERM stops the reader at its next page; a document cut short is not stored,
  // so every stored document is whole.
  const CancelToken& stop = interrupt_token();
  Progress progress(files.size(), stderr_is_terminal());
  size_t done = 0;
  auto fail = [&](const std::string& file, const std::string& why) {
    progress.clear();
    std::fprintf(stderr, "%s: %s\n", file.c_str(), why.c_str());
    ++failed;
  };
  // This thread reads each file and skips bytes stored already before the (slower) extraction;
  // workers on every core decode and extract; this thread stores the documents in input order,
  // up to kBatch in one transaction (Service::store_loaded: one by one when that fails): the
  // store has one writer.
  constexpr size_t kBatch = 32;
  struct Job {
    std::string file, bytes, sha256;
    size_t size = 0;  // bytes read, counted against kAheadBytes until the job is taken back
    std::optional<Error> error;
    bool seen = false;  // stored already
    std::optional<LoadedDocument> loaded;
  };
  const auto& rules = rules::Rules::builtin();
  unsigned threads = static_cast<unsigned>(std::min<size_t>(jobs ? static_cast<size_t>(jobs) : cores(), files.size()));
  if (threads <= 1) threads = 0;
  if (threads) ctx.progress = nullptr;  // pages of several files at once would garble the line
  OrderedWorkers<Job, Job> pool(threads, [&](Job& j) {
    if (!j.error && !j.seen) {
      auto loaded = service::load_bytes(std::move(j.bytes), j.file, rules, opts, ctx, j.sha256);
      if (loaded) j.loaded = std::move(*loaded);
      else j.error = loaded.error();
    }
    return std::move(j);
  });
  // Files read ahead of the one being stored: enough for the workers to go on extracting while
  // this thread stores a whole batch (with fewer, they sat idle during every transaction: ingest
  // used 1.4 of 2 cores), within a memory budget for folders of large scans.
  const size_t ahead = kBatch + 8 * std::max(1u, threads);
  constexpr size_t kAheadBytes = size_t{256} << 20;
  size_t submitted = 0, ahead_bytes = 0;
  std::vector<LoadedDocument> batch;
  std::vector<std::string> batch_files;
  bool store_failing = false;  // the store itself is failing (disk full, server gone)
  auto flush = [&] {
    auto results = svc.store_loaded(me, std::move(batch), batch_files);
    for (size_t i = 0; i < results.size(); ++i) {
      auto& put = results[i];
      if (!put) {
        fail(batch_files[i], put.error().message);
        // The next files would fail too.
        if (put.error().code == ErrorCode::kDatabase) store_failing = true;
        continue;
      }
      for (const auto& w : put->warnings) {
        progress.clear();
        std::fprintf(stderr, "%s: %s\n", batch_files[i].c_str(), w.c_str());
      }
      if (put->put.outcome == store::PutOutcome::kSkipped) ++skipped;
      else (put->put.outcome == store::PutOutcome::kAdded ? added : updated)++;
      tasks += put->put.tasks_added;
    }
    batch.clear();
    batch_files.clear();
  };
  for (size_t taken = 0; taken < files.size() && !store_failing; ++taken) {
    if (stop.cancelled()) break;
    for (; submitted < files.size() && submitted < taken + ahead && (submitted == taken || ahead_bytes < kAheadBytes) &&
           !stop.cancelled();
         ++submitted) {
      Job j;
      j.file = files[submitted];
      auto bytes = ingest::read_file(j.file, ctx);
      if (bytes) j.size = bytes->size();
      ahead_bytes += j.size;
      if (!bytes) {
        j.error = bytes.error();
      } else {
        auto seen = svc.screen(me, *bytes, j.file, j.sha256);
        if (!seen) j.error = seen.error();
        else j.seen = *seen;
        j.bytes = std::move(*bytes);
      }
      pool.submit(std::move(j));
    }
    progress.update(done);
    ++done;
    Job j = pool.next();
    ahead_bytes -= j.size;
    // Ctrl-C or SIGTERM: a document read after it may be cut short, so nothing more is stored.
    if (stop.cancelled()) {
      --done;
      break;
    }
    if (j.error) {
      fail(j.file, j.error->message);
      if (j.error->code == ErrorCode::kDatabase) break;  // the store itself is failing
      continue;
    }
    if (j.seen) {
      ++skipped;
      continue;
    }
    batch.push_back(std::move(*j.loaded));
    batch_files.push_back(j.file);
    if (batch.size() == kBatch) flush();
  }
  if (!batch.empty()) flush();  // documents read whole before a stop are stored too
  progress.update(done, true);
  progress.clear();
  if (stop.cancelled())
    std::fprintf(stderr, "Đã dừng theo yêu cầu sau %zu/%zu tệp; chạy lại để nạp tiếp.\n", done, files.size());
  std::fprintf(stderr, "Đã nạp %d văn bản mới, %d bản mới của văn bản đã có, %d nhiệm vụ mới; bỏ qua %d; lỗi %d.\n", added,
               updated, tasks, skipped, failed);
  std::fprintf(stderr, "added %d, skipped %d, failed %d\n", added + updated, skipped, failed);
  if (stop.cancelled()) return 130;
  return failed ? kExitBadInput : kExitOk;
}

}  // namespace dondoc::cli
