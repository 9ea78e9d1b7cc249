// dondoc ingest [--db DB] [--as-of D] PATH...
// Files and whole folders into the store: one transaction per document (Ctrl-C or kill -9 never
// leaves half a document), the same bytes never twice, a progress bar on a terminal only, and a
// one-line summary at the end.
#include <algorithm>
#include <chrono>
#include <cstdio>

#include "../command.h"
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
  ingest::ReaderContext ctx = default_reader_context();
  add_db_option(app, db);
  add_as_of_option(app, as_of);
  add_ocr_budget_options(app, ctx);
  app.add_flag("--follow-links", follow_links, "theo cả liên kết (symlink) tới thư mục khi duyệt thư mục");
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
  for (const auto& file : files) {
    if (stop.cancelled()) break;
    progress.update(done);
    ++done;
    // Already stored bytes are skipped before the (slower) extraction.
    auto put = svc.ingest_file(me, file, ctx, opts);
    if (!put && stop.cancelled()) {  // the document in hand was cut short and not stored
      --done;
      break;
    }
    if (!put) {
      fail(file, put.error().message);
      // The store itself is failing (disk full, server gone): the next files would fail too.
      if (put.error().code == ErrorCode::kDatabase) break;
      continue;
    }
    for (const auto& w : put->warnings) {
      progress.clear();
      std::fprintf(stderr, "%s: %s\n", file.c_str(), w.c_str());
    }
    if (put->put.outcome == store::PutOutcome::kSkipped) ++skipped;
    else (put->put.outcome == store::PutOutcome::kAdded ? added : updated)++;
    tasks += put->put.tasks_added;
  }
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
