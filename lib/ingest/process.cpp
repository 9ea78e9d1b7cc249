#include "ingest/process.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <thread>

#include "core/os_error.h"

extern char** environ;

namespace dondoc::ingest {

std::optional<std::string> find_executable(const std::string& name) {
  if (name.empty()) return std::nullopt;
  auto runnable = [](const std::string& p) {
    struct stat st{};
    return stat(p.c_str(), &st) == 0 && S_ISREG(st.st_mode) && access(p.c_str(), X_OK) == 0;
  };
  if (name.find('/') != std::string::npos) return runnable(name) ? std::optional<std::string>(name) : std::nullopt;
  const char* path = std::getenv("PATH");
  std::string_view dirs = path ? path : "/usr/local/bin:/usr/bin:/bin";
  size_t i = 0;
  while (i <= dirs.size()) {
    size_t j = dirs.find(':', i);
    if (j == std::string_view::npos) j = dirs.size();
    std::string dir(dirs.substr(i, j - i));
    std::string full = (dir.empty() ? std::string(".") : dir) + "/" + name;
    if (runnable(full)) return full;
    i = j + 1;
  }
  return std::nullopt;
}

Result<ProcessResult> run_process(const std::vector<std::string>& argv, int timeout_seconds,
                                  const CancelToken* cancelled) {
  if (argv.empty()) return make_error(ErrorCode::kUsage, "no program to run");
  auto exe = find_executable(argv[0]);
  if (!exe) return make_error(ErrorCode::kNotFound, "không tìm thấy chương trình", argv[0]);

  // Output goes to an unlinked temporary file: a pipe could fill up and block the child.
  char log_path[] = "/tmp/dondoc-proc-XXXXXX";
  if (const char* t = std::getenv("TMPDIR"); t && *t) {
    // mkstemp needs a writable template; fall back to /tmp when TMPDIR is too long.
    std::string p = std::string(t) + "/dondoc-proc-XXXXXX";
    if (p.size() < sizeof log_path) std::memcpy(log_path, p.c_str(), p.size() + 1);
  }
  int log_fd = mkstemp(log_path);
  if (log_fd < 0) return make_error(ErrorCode::kIo, std::string("không tạo được tệp tạm: ") + os_error_message(errno));
  unlink(log_path);

  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&fa, log_fd, 1);
  posix_spawn_file_actions_adddup2(&fa, log_fd, 2);
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  // Its own process group, so that a timeout kills the helpers it starts as well.
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
  posix_spawnattr_setpgroup(&attr, 0);
  sigset_t none, all;
  sigemptyset(&none);
  sigfillset(&all);
  posix_spawnattr_setsigmask(&attr, &none);
  posix_spawnattr_setsigdefault(&attr, &all);

  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = 0;
  int rc = posix_spawn(&pid, exe->c_str(), &fa, &attr, args.data(), environ);
  posix_spawn_file_actions_destroy(&fa);
  posix_spawnattr_destroy(&attr);
  if (rc != 0) {
    close(log_fd);
    return make_error(ErrorCode::kIo, std::string("không chạy được chương trình: ") + os_error_message(rc), argv[0]);
  }

  ProcessResult result;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_seconds > 0 ? timeout_seconds : 1);
  int status = 0;
  for (;;) {
    pid_t w = waitpid(pid, &status, WNOHANG);
    if (w == pid) break;
    if (w < 0 && errno != EINTR) break;
    bool stop_now = dondoc::cancelled(cancelled);
    if (stop_now || std::chrono::steady_clock::now() >= deadline) {
      (stop_now ? result.cancelled : result.timed_out) = true;
      kill(-pid, SIGKILL);
      while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
      }
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  kill(-pid, SIGKILL);  // helpers left behind by a program that exited (ESRCH when none)
  if (!result.timed_out && !result.cancelled && WIFEXITED(status)) result.exit_code = WEXITSTATUS(status);

  off_t size = lseek(log_fd, 0, SEEK_END);
  off_t from = size > 4096 ? size - 4096 : 0;
  if (size > 0 && lseek(log_fd, from, SEEK_SET) == from) {
    result.output.resize(static_cast<size_t>(size - from));
    ssize_t n = read(log_fd, result.output.data(), result.output.size());
    result.output.resize(n > 0 ? static_cast<size_t>(n) : 0);
  }
  close(log_fd);
  return result;
}

Result<TempDir> TempDir::create(const std::string& prefix) {
  const char* t = std::getenv("TMPDIR");
  std::string tmpl = std::string(t && *t ? t : "/tmp") + "/" + prefix + "XXXXXX";
  std::vector<char> buf(tmpl.begin(), tmpl.end());
  buf.push_back('\0');
  if (!mkdtemp(buf.data()))
    return make_error(ErrorCode::kIo, std::string("không tạo được thư mục tạm: ") + os_error_message(errno), tmpl);
  return TempDir(std::string(buf.data()));
}

TempDir::~TempDir() {
  if (path_.empty()) return;
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

}  // namespace dondoc::ingest
