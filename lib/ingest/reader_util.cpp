#include <strings.h>

#include <cstdio>
#include <cstring>

#include "core/utf8.h"
#include "ingest/internal.h"

namespace dondoc::ingest::internal {

bool has_extension(std::string_view filename, std::string_view ext) {
  return filename.size() >= ext.size() &&
         strncasecmp(filename.data() + filename.size() - ext.size(), ext.data(), ext.size()) == 0;
}

void add_note(RawText& r, std::string code, std::string message) {
  r.notes.push_back(Diagnostic{std::move(code), std::move(message), {}});
}

void limit_text(RawText& r, const ReaderContext& ctx) {
  if (r.text.size() <= ctx.max_text_bytes) return;
  r.text.resize(utf8::floor_boundary(r.text, ctx.max_text_bytes));
  add_note(r, "text.truncated", "văn bản bị cắt ở " + human_size(ctx.max_text_bytes));
}

bool has_pdf_magic(std::string_view head) {
  return head.substr(0, 1024).find("%PDF-") != std::string_view::npos;
}

int pdf_score(std::string_view head, std::string_view filename) {
  if (has_pdf_magic(head)) return 100;
  return has_extension(filename, ".pdf") ? 60 : 0;
}

ImageKind sniff_image(std::string_view head) {
  if (head.size() >= 8 && std::memcmp(head.data(), "\x89PNG\r\n\x1a\n", 8) == 0) return ImageKind::kPng;
  if (head.size() >= 3 && std::memcmp(head.data(), "\xFF\xD8\xFF", 3) == 0) return ImageKind::kJpeg;
  if (head.size() >= 4 &&
      (std::memcmp(head.data(), "II*\0", 4) == 0 || std::memcmp(head.data(), "MM\0*", 4) == 0))
    return ImageKind::kTiff;
  return ImageKind::kNone;
}

int image_score(std::string_view head, std::string_view filename) {
  if (sniff_image(head) != ImageKind::kNone) return 100;
  // Named like an image: a clear error if it is not one.
  for (const char* e : {".png", ".jpg", ".jpeg", ".jpe", ".tif", ".tiff"})
    if (has_extension(filename, e)) return 60;
  return 0;
}

std::string human_size(size_t bytes) {
  char buf[32];
  if (bytes >= (1u << 30)) std::snprintf(buf, sizeof buf, "%.1f GB", bytes / 1073741824.0);
  else if (bytes >= (1u << 20)) std::snprintf(buf, sizeof buf, "%.1f MB", bytes / 1048576.0);
  else if (bytes >= 1024) std::snprintf(buf, sizeof buf, "%zu KB", bytes / 1024);
  else std::snprintf(buf, sizeof buf, "%zu byte", bytes);
  return buf;
}

}  // namespace dondoc::ingest::internal
