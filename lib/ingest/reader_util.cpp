#include <strings.h>

#include <cstdio>

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

std::string human_size(size_t bytes) {
  char buf[32];
  if (bytes >= (1u << 30)) std::snprintf(buf, sizeof buf, "%.1f GB", bytes / 1073741824.0);
  else if (bytes >= (1u << 20)) std::snprintf(buf, sizeof buf, "%.1f MB", bytes / 1048576.0);
  else if (bytes >= 1024) std::snprintf(buf, sizeof buf, "%zu KB", bytes / 1024);
  else std::snprintf(buf, sizeof buf, "%zu byte", bytes);
  return buf;
}

}  // namespace dondoc::ingest::internal
