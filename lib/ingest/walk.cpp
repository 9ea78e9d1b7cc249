#include "ingest/walk.h"

#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <set>
#include <utility>

#include "core/os_error.h"

namespace dondoc::ingest {
namespace {

using FileId = std::pair<dev_t, ino_t>;

const char* kind_name(mode_t m) {
  if (S_ISFIFO(m)) return "FIFO (ống dẫn có tên)";
  if (S_ISSOCK(m)) return "socket";
  if (S_ISCHR(m) || S_ISBLK(m)) return "tệp thiết bị";
  return "không phải tệp thông thường";
}

class Walker {
 public:
  Walker(const WalkOptions& opts, WalkResult& out) : opts_(opts), out_(out) {
    for (const auto& p : opts.exclude) {
      struct stat st{};
      if (::stat(p.c_str(), &st) == 0) excluded_.insert({st.st_dev, st.st_ino});
    }
  }

  // A path the user named: links are followed, since the user chose them.
  void root(const std::string& path) {
    struct stat st{};
    if (::stat(path.c_str(), &st) != 0) {
      int err = errno;
      struct stat lst{};
      if (err == ENOENT && ::lstat(path.c_str(), &lst) == 0 && S_ISLNK(lst.st_mode))
        return fail(path, "liên kết hỏng: nơi nó trỏ tới không tồn tại");
      if (err == ENOENT) return fail(path, "không có tệp hoặc thư mục này");
      return fail(path, "không đọc được: " + os_error_message(err));
    }
    if (S_ISDIR(st.st_mode)) {
      size_t first = out_.files.size();
      folder(path, st);
      // Files in path order, as a listing of the folder shows them.
      std::sort(out_.files.begin() + static_cast<std::ptrdiff_t>(first), out_.files.end());
    } else if (S_ISREG(st.st_mode)) {
      if (!excluded_.count({st.st_dev, st.st_ino})) out_.files.push_back(path);
    } else {
      fail(path, std::string("là ") + kind_name(st.st_mode) + ", không phải tệp văn bản");
    }
  }

 private:
  void fail(const std::string& path, std::string why) { out_.problems.push_back({path, std::move(why), true}); }
  void skip(const std::string& path, std::string why) { out_.problems.push_back({path, std::move(why), false}); }

  void folder(const std::string& path, const struct stat& st) {
    FileId id{st.st_dev, st.st_ino};
    if (!visited_.insert(id).second)
      return skip(path, "thư mục này đã được duyệt qua một đường dẫn khác (vòng lặp liên kết?)");
    DIR* d = ::opendir(path.c_str());
    if (!d) return fail(path, "không đọc được thư mục: " + os_error_message(errno));
    std::vector<std::string> names;
    errno = 0;
    while (const dirent* e = ::readdir(d)) {
      std::string name = e->d_name;
      if (name == "." || name == "..") continue;
      if (name[0] == '.') continue;  // hidden: left out, as a file manager does
      names.push_back(std::move(name));
    }
    int err = errno;
    ::closedir(d);
    if (err) fail(path, "đọc thư mục không trọn vẹn: " + os_error_message(err));
    std::sort(names.begin(), names.end());
    std::string base = path.empty() || path.back() == '/' ? path : path + "/";
    for (const auto& name : names) entry(base + name);
  }

  void entry(const std::string& path) {
    struct stat lst{};
    if (::lstat(path.c_str(), &lst) != 0) return fail(path, "không đọc được: " + os_error_message(errno));
    if (S_ISDIR(lst.st_mode)) return folder(path, lst);
    if (S_ISREG(lst.st_mode)) {
      if (!excluded_.count({lst.st_dev, lst.st_ino})) out_.files.push_back(path);
      return;
    }
    if (!S_ISLNK(lst.st_mode)) return skip(path, std::string("bỏ qua: là ") + kind_name(lst.st_mode));
    struct stat st{};
    if (::stat(path.c_str(), &st) != 0) {
      int err = errno;
      if (err == ENOENT) return fail(path, "liên kết hỏng: nơi nó trỏ tới không tồn tại");
      if (err == ELOOP) return fail(path, "liên kết trỏ vòng (vòng lặp liên kết tượng trưng)");
      return fail(path, "không đọc được nơi liên kết trỏ tới: " + os_error_message(err));
    }
    if (S_ISREG(st.st_mode)) {
      if (!excluded_.count({st.st_dev, st.st_ino})) out_.files.push_back(path);
    } else if (S_ISDIR(st.st_mode)) {
      if (opts_.follow_links) folder(path, st);
      else skip(path, "bỏ qua: liên kết tới thư mục (dùng --follow-links để nạp cả thư mục đó)");
    } else {
      skip(path, std::string("bỏ qua: liên kết tới ") + kind_name(st.st_mode));
    }
  }

  const WalkOptions& opts_;
  WalkResult& out_;
  std::set<FileId> excluded_, visited_;
};

}  // namespace

int WalkResult::failed() const {
  return static_cast<int>(std::count_if(problems.begin(), problems.end(), [](const WalkProblem& p) { return p.failed; }));
}
int WalkResult::skipped() const { return static_cast<int>(problems.size()) - failed(); }

WalkResult collect_files(const std::vector<std::string>& paths, const WalkOptions& opts) {
  WalkResult out;
  Walker w(opts, out);
  for (const auto& p : paths) w.root(p);
  return out;
}

}  // namespace dondoc::ingest
