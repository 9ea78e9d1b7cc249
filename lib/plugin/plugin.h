#pragma once
// Modules: parts of dondoc built as shared objects next to the binary and loaded when first
// needed, so that the libraries they bring (poppler and Tesseract for dondoc-scan.so, libpqxx
// and libpq for dondoc-postgres.so) cost nothing to the runs that do not use them. Each module
// exports one C function; its arguments are C++ types of this source tree (module and binary are
// built together, by one compiler).
//
//   auto entry = plugin::entry("dondoc-scan.so", "dondoc_scan_readers_v1");
//   if (!entry) ... entry.error().message: why (Vietnamese), with the paths looked at
//   reinterpret_cast<ScanModuleEntry>(*entry)(&readers);
#include <string>

#include "core/result.h"

namespace dondoc::plugin {

// The function `symbol` of module `file`, looked for next to the running binary, then in the
// build folder (test and bench binaries live in subfolders). A module is loaded once and stays
// loaded until the process ends. Thread-safe.
Result<void*> entry(const std::string& file, const char* symbol);

}  // namespace dondoc::plugin
