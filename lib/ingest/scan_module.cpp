// The entry point of dondoc-scan.so: the module that holds the PDF and image readers
// (scan_module.h).
#include "ingest/readers.h"
#include "ingest/scan_module.h"

extern "C" __attribute__((visibility("default"))) void dondoc_scan_readers_v1(dondoc::ingest::ScanReaders* out) {
  out->pdf = dondoc::ingest::make_pdf_reader();
  out->image = dondoc::ingest::make_image_reader();
}
