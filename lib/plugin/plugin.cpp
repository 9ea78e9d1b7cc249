#include "plugin/plugin.h"

#include <dlfcn.h>
#include <unistd.h>

#include <mutex>
#include <vector>

namespace dondoc::plugin {
namespace {

std::string executable_dir() {
  std::string path(4096, '\0');
  ssize_t n = readlink("/proc/self/exe", path.data(), path.size());
  if (n <= 0 || static_cast<size_t>(n) >= path.size()) return {};
  path.resize(static_cast<size_t>(n));
  size_t slash = path.rfind('/');
  return slash == std::string::npos ? std::string() : path.substr(0, slash);
}

Result<void*> load(const std::string& file, const char* symbol) {
  std::vector<std::string> dirs{executable_dir(), DONDOC_MODULE_DIR};
  std::string looked;
  for (size_t i = 0; i < dirs.size(); ++i) {
    const std::string& dir = dirs[i];
    if (dir.empty() || (i > 0 && dir == dirs[0])) continue;
    std::string path = dir + "/" + file;
    if (access(path.c_str(), F_OK) != 0) {
      looked += (looked.empty() ? "" : ", ") + dir;
      continue;
    }
    // dlopen keeps its own count: a module loaded twice is mapped once.
    void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
      const char* why = dlerror();
      return make_error(ErrorCode::kUnsupported, "không nạp được " + path + ": " + (why ? why : "lỗi không rõ"));
    }
    void* f = dlsym(handle, symbol);
    if (!f) return make_error(ErrorCode::kUnsupported, path + " không phải mô-đun của bản dondoc này (thiếu " + symbol + ")");
    return f;
  }
  return make_error(ErrorCode::kUnsupported, "không tìm thấy " + file + " (đã tìm trong " + looked + ")");
}

}  // namespace

Result<void*> entry(const std::string& file, const char* symbol) {
  // dlerror() is per thread but dlopen's search and our message are not worth racing over.
  static std::mutex m;
  std::lock_guard<std::mutex> lock(m);
  return load(file, symbol);
}

}  // namespace dondoc::plugin
