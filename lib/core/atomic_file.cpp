#include "core/atomic_file.h"

#include <fcntl.h>
#include <limits.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdlib>

#include "core/os_error.h"

namespace dondoc {
namespace {

Error io_error(const std::string& path, const char* what, int err) {
  return make_error(ErrorCode::kIo, std::string(what) + ": " + os_error_message(err), path);
}

std::string folder_of(const std::string& path) {
  size_t slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

// A symlinked target is replaced where it points, not by a file in place of the link.
std::string resolve_target(const std::string& path) {
  struct stat st{};
  if (::lstat(path.c_str(), &st) != 0 || !S_ISLNK(st.st_mode)) return path;
  char buf[PATH_MAX];
  if (::realpath(path.c_str(), buf) == nullptr) return path;  // a dangling link: written as a file
  return buf;
}

}  // namespace

Result<AtomicFile> AtomicFile::create(const std::string& requested) {
  std::string path = resolve_target(requested);
  struct stat st{};
  bool exists = ::stat(path.c_str(), &st) == 0;
  if (exists && S_ISDIR(st.st_mode))
    return make_error(ErrorCode::kInvalidInput, "là thư mục, không ghi đè được", requested);
  if (exists && !S_ISREG(st.st_mode)) {
    FILE* f = std::fopen(path.c_str(), "wb");
    if (!f) return io_error(requested, "không mở được để ghi", errno);
    return AtomicFile(path, "", f, true);
  }
  static std::atomic<unsigned> counter{0};
  std::string temp;
  int fd = -1;
  for (int attempt = 0; attempt < 100 && fd < 0; ++attempt) {
    temp = folder_of(path) + "/." + path.substr(path.rfind('/') + 1) + ".tmp-" + std::to_string(::getpid()) + "-" +
           std::to_string(counter.fetch_add(1));
    // 0666 less the umask, as a file created by fopen() would be.
    fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd < 0 && errno != EEXIST) return io_error(requested, "không tạo được tệp tạm trong thư mục đích", errno);
  }
  if (fd < 0) return io_error(requested, "không tạo được tệp tạm trong thư mục đích", EEXIST);
  if (exists) {
    // The new file takes the place of the old one: same permissions and, for root, same owner.
    (void)::fchmod(fd, st.st_mode & 07777);
    if (::geteuid() == 0) (void)::fchown(fd, st.st_uid, st.st_gid);
  }
  FILE* f = ::fdopen(fd, "wb");
  if (!f) {
    int err = errno;
    ::close(fd);
    ::unlink(temp.c_str());
    return io_error(requested, "không mở được tệp tạm", err);
  }
  return AtomicFile(path, temp, f, false);
}

AtomicFile::AtomicFile(AtomicFile&& o) noexcept
    : path_(std::move(o.path_)),
      temp_(std::move(o.temp_)),
      stream_(o.stream_),
      in_place_(o.in_place_),
      done_(o.done_),
      stream_failed_(o.stream_failed_) {
  o.stream_ = nullptr;
  o.done_ = true;
}

AtomicFile::~AtomicFile() {
  if (stream_) std::fclose(stream_);
  if (!done_ && !in_place_ && !temp_.empty()) ::unlink(temp_.c_str());
}

void AtomicFile::close_stream() {
  if (!stream_) return;
  bool bad = std::ferror(stream_) != 0;
  if (std::fclose(stream_) != 0 || bad) stream_failed_ = true;
  stream_ = nullptr;
}

Status AtomicFile::commit() {
  if (done_) return make_error(ErrorCode::kInternal, "tệp đã được ghi xong", path_);
  done_ = true;
  auto fail = [&](const char* what, int err) -> Status {
    if (!in_place_) ::unlink(temp_.c_str());
    return io_error(path_, what, err);
  };
  if (stream_) {
    int err = 0;
    if (std::fflush(stream_) != 0 || std::ferror(stream_)) err = errno ? errno : EIO;
    if (!err && !in_place_ && ::fsync(::fileno(stream_)) != 0) err = errno;
    if (std::fclose(stream_) != 0 && !err) err = errno ? errno : EIO;
    stream_ = nullptr;
    if (err) return fail("không ghi được tệp", err);
  } else if (stream_failed_) {
    return fail("không ghi được tệp", EIO);
  } else if (!in_place_) {
    // Written by someone else (a library, by name): synced here.
    int fd = ::open(temp_.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return fail("không đọc lại được tệp tạm", errno);
    int err = ::fsync(fd) != 0 ? errno : 0;
    ::close(fd);
    if (err) return fail("không ghi được tệp", err);
  }
  if (in_place_) return ok_status();
  if (::rename(temp_.c_str(), path_.c_str()) != 0) return fail("không thay được tệp đích", errno);
  int dir = ::open(folder_of(path_).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir >= 0) {
    (void)::fsync(dir);  // the rename itself reaches the disk; some filesystems refuse, harmlessly
    ::close(dir);
  }
  return ok_status();
}

Status write_file_atomic(const std::string& path, std::string_view bytes) {
  auto f = AtomicFile::create(path);
  if (!f) return f.error();
  // A short write leaves the stream in error: commit() reports it and removes the temporary.
  if (!bytes.empty()) (void)std::fwrite(bytes.data(), 1, bytes.size(), f->stream());
  return f->commit();
}

}  // namespace dondoc
