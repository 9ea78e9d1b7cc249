#pragma once
// The PDF and image readers run on poppler, Tesseract and Leptonica, which bring 36 shared
// libraries with them: loading those cost every run of dondoc about 7 ms and 28 million
// instructions before main(), most of them runs that read no PDF and no image. So the
// two readers are built into a module, dondoc-scan.so, put next to the dondoc binary, and
// registry.cpp loads it the first time a PDF or an image is read (scan_loader.cpp): until then the
// registry holds stand-ins that recognise the files by the same rules (internal.h) without it.
// Internal to ingest. Tests and benchmarks that call make_pdf_reader() or make_image_reader()
// directly link the readers in (target dondoc_scan) instead.
#include <memory>

#include "ingest/ingest.h"

namespace dondoc::ingest {

struct ScanReaders {
  std::unique_ptr<Reader> pdf, image;
};

inline constexpr char kScanModuleFile[] = "dondoc-scan.so";
// The module's one exported function: fills in its readers. Versioned with the ABI of this header
// (module and binary are built together from one tree).
inline constexpr char kScanModuleEntry[] = "dondoc_scan_readers_v1";
using ScanModuleEntry = void (*)(ScanReaders* out);

// The stand-ins the registry holds; the first read() loads the module (once per process).
std::unique_ptr<Reader> make_pdf_stand_in();
std::unique_ptr<Reader> make_image_stand_in();

}  // namespace dondoc::ingest
