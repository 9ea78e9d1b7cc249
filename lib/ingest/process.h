#pragma once
// Running an external program (LibreOffice for legacy .doc) at the edge of the system: no shell,
// its own process group, output kept in a file, killed with its children on timeout or when
// ReaderContext::cancelled is set. Internal to ingest (and its tests).
//
//   auto r = run_process({"soffice", "--headless", ...}, 120, ctx.cancelled);
//   if (r && r->exit_code == 0) ...
#include <optional>
#include <string>
#include <vector>

#include "core/cancel.h"
#include "core/result.h"

namespace dondoc::ingest {

struct ProcessResult {
  int exit_code = -1;      // -1 when killed or ended by a signal
  bool timed_out = false;
  bool cancelled = false;
  std::string output;      // the last few KB of stdout and stderr, for messages
};

// The full path of an executable named `name` (as is when it contains a '/'), or nullopt.
std::optional<std::string> find_executable(const std::string& name);

// argv[0] is looked up on PATH. Errors only when the program cannot be started.
Result<ProcessResult> run_process(const std::vector<std::string>& argv, int timeout_seconds,
                                  const CancelToken* cancelled = nullptr);

// A fresh private directory under $TMPDIR (or /tmp), removed with everything in it when the
// object goes away.
class TempDir {
 public:
  static Result<TempDir> create(const std::string& prefix);
  TempDir(TempDir&& o) noexcept : path_(std::move(o.path_)) { o.path_.clear(); }
  TempDir& operator=(TempDir&&) = delete;
  TempDir(const TempDir&) = delete;
  ~TempDir();
  const std::string& path() const { return path_; }

 private:
  explicit TempDir(std::string p) : path_(std::move(p)) {}
  std::string path_;
};

}  // namespace dondoc::ingest
