#pragma once
// Files dondoc writes (reports, exports, saved originals) appear whole or not at all: the bytes go
// to a temporary file in the target's folder, are flushed to the disk (fsync), and the temporary
// is then renamed over the target (and the folder synced). When anything fails (disk full, no
// permission, the process is stopped) an existing file keeps its old content, no empty or half
// file is left, and the temporary is removed. A target that is not a regular file (a FIFO,
// /dev/stdout) is written in place: there is nothing to rename over.
//
//   auto f = AtomicFile::create("bao-cao.csv");
//   if (!f) return f.error();
//   std::fwrite(bytes.data(), 1, bytes.size(), f->stream());
//   if (auto s = f->commit(); !s) return s.error();     // nothing was replaced unless this succeeds
//
//   write_file_atomic("bao-cao.md", markdown);          // the same for bytes in memory
#include <cstdio>
#include <string>
#include <string_view>

#include "core/result.h"

namespace dondoc {

class AtomicFile {
 public:
  static Result<AtomicFile> create(const std::string& path);
  AtomicFile(AtomicFile&& o) noexcept;
  AtomicFile& operator=(AtomicFile&&) = delete;
  AtomicFile(const AtomicFile&) = delete;
  ~AtomicFile();  // without commit(): the temporary is removed, the target untouched

  FILE* stream() { return stream_; }
  // The temporary's path, for libraries that write files by name (libxlsxwriter): close
  // stream() first with close_stream(), let the library write the path, then commit().
  const std::string& temp_path() const { return temp_; }
  void close_stream();
  // Flushes and syncs the temporary, renames it over the target, syncs the folder.
  Status commit();

 private:
  AtomicFile(std::string path, std::string temp, FILE* stream, bool in_place)
      : path_(std::move(path)), temp_(std::move(temp)), stream_(stream), in_place_(in_place) {}
  std::string path_, temp_;
  FILE* stream_ = nullptr;
  bool in_place_ = false;  // the target is a device or FIFO: written directly
  bool done_ = false;
  bool stream_failed_ = false;  // an error seen when the stream was closed early
};

Status write_file_atomic(const std::string& path, std::string_view bytes);

}  // namespace dondoc
