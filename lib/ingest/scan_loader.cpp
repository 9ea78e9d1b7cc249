// Loading dondoc-scan.so when the first PDF or image is read (scan_module.h).
#include <dlfcn.h>
#include <unistd.h>

#include <string>
#include <vector>

#include "ingest/internal.h"
#include "ingest/scan_module.h"

namespace dondoc::ingest {
namespace {

std::string executable_dir() {
  std::string path(4096, '\0');
  ssize_t n = readlink("/proc/self/exe", path.data(), path.size());
  if (n <= 0 || static_cast<size_t>(n) >= path.size()) return {};
  path.resize(static_cast<size_t>(n));
  size_t slash = path.rfind('/');
  return slash == std::string::npos ? std::string() : path.substr(0, slash);
}

struct LoadedModule {
  ScanReaders readers;
  std::string error;  // why the readers are missing
};

LoadedModule* load_module() {
  auto* m = new LoadedModule;
  // Next to the binary (build/dondoc), then in the build folder (test and bench binaries).
  std::vector<std::string> dirs{executable_dir(), DONDOC_MODULE_DIR};
  std::string looked;
  for (size_t i = 0; i < dirs.size(); ++i) {
    const std::string& dir = dirs[i];
    if (dir.empty() || (i > 0 && dir == dirs[0])) continue;
    std::string path = dir + "/" + kScanModuleFile;
    if (access(path.c_str(), F_OK) != 0) {
      looked += (looked.empty() ? "" : ", ") + dir;
      continue;
    }
    void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
      const char* why = dlerror();
      m->error = "không nạp được " + path + ": " + (why ? why : "lỗi không rõ") +
                 " (thiếu thư viện poppler, Tesseract hoặc Leptonica?)";
      return m;
    }
    auto entry = reinterpret_cast<ScanModuleEntry>(dlsym(handle, kScanModuleEntry));
    if (!entry) {
      m->error = path + " không phải mô-đun đọc PDF và ảnh của bản dondoc này";
      return m;
    }
    entry(&m->readers);
    return m;  // never unloaded: its readers serve until the process ends
  }
  m->error = std::string("không tìm thấy ") + kScanModuleFile + " (đã tìm trong " + looked + ")";
  return m;
}

const LoadedModule& scan_module() {
  static const LoadedModule* m = load_module();
  return *m;
}

class StandIn : public Reader {
 public:
  explicit StandIn(bool pdf) : pdf_(pdf) {}
  const char* name() const override { return pdf_ ? "pdf" : "ocr"; }
  int score(std::string_view head, std::string_view filename) const override {
    return pdf_ ? internal::pdf_score(head, filename) : internal::image_score(head, filename);
  }
  Result<RawText> read(std::string_view bytes, const ReaderContext& ctx) const override {
    const LoadedModule& m = scan_module();
    const Reader* r = pdf_ ? m.readers.pdf.get() : m.readers.image.get();
    if (!r)
      return make_error(ErrorCode::kUnsupported,
                        std::string(pdf_ ? "không đọc được PDF" : "không đọc được ảnh") +
                            ": thiếu mô-đun đọc PDF và ảnh quét; " + m.error);
    return r->read(bytes, ctx);
  }

 private:
  bool pdf_;
};

}  // namespace

std::unique_ptr<Reader> make_pdf_stand_in() { return std::make_unique<StandIn>(true); }
std::unique_ptr<Reader> make_image_stand_in() { return std::make_unique<StandIn>(false); }

}  // namespace dondoc::ingest
