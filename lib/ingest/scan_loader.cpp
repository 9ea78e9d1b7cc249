// Loading dondoc-scan.so when the first PDF or image is read (scan_module.h).
#include <string>

#include "ingest/internal.h"
#include "ingest/scan_module.h"
#include "plugin/plugin.h"

namespace dondoc::ingest {
namespace {

struct LoadedModule {
  ScanReaders readers;
  std::string error;  // why the readers are missing
};

const LoadedModule& scan_module() {
  static const LoadedModule* m = [] {
    auto* loaded = new LoadedModule;  // kept to the end: its readers serve until the process ends
    auto entry = plugin::entry(kScanModuleFile, kScanModuleEntry);
    if (entry)
      reinterpret_cast<ScanModuleEntry>(*entry)(&loaded->readers);
    else
      loaded->error = entry.error().message + " (cần thư viện poppler, Tesseract và Leptonica)";
    return loaded;
  }();
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
