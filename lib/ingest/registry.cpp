#include <strings.h>
#include <sys/stat.h>
#include <unicode/uchar.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <mutex>

#include "core/os_error.h"
#include "core/utf8.h"
#include "ingest/ingest.h"
#include "ingest/readers.h"
#include "ingest/scan_module.h"

namespace dondoc::ingest {

namespace {
std::vector<std::unique_ptr<Reader>>& registry() {
  static std::vector<std::unique_ptr<Reader>> r = [] {
    std::vector<std::unique_ptr<Reader>> v;
    v.push_back(make_docx_reader());
    v.push_back(make_pdf_stand_in());    // loads dondoc-scan.so when first used
    v.push_back(make_image_stand_in());
    v.push_back(make_doc_reader());
    v.push_back(make_text_reader());
    return v;
  }();
  return r;
}
}  // namespace

const std::vector<std::unique_ptr<Reader>>& readers() { return registry(); }
void register_reader(std::unique_ptr<Reader> r) { registry().push_back(std::move(r)); }

Result<std::string> read_file(const std::string& path, const ReaderContext& ctx) {
  struct stat st{};
  if (stat(path.c_str(), &st) != 0) {
    if (errno == ENOENT) return make_error(ErrorCode::kNotFound, "không tìm thấy tệp", path);
    return make_error(ErrorCode::kIo, "không đọc được tệp: " + os_error_message(errno), path);
  }
  if (S_ISDIR(st.st_mode)) return make_error(ErrorCode::kInvalidInput, "là thư mục, không phải tệp văn bản (dùng dondoc ingest để nạp cả thư mục)", path);
  if (!S_ISREG(st.st_mode)) return make_error(ErrorCode::kInvalidInput, "không phải tệp thông thường", path);
  if (static_cast<size_t>(st.st_size) > ctx.max_file_bytes) {
    char buf[128];
    std::snprintf(buf, sizeof buf, "tệp quá lớn: %.1f MB (giới hạn %zu MB)", st.st_size / 1048576.0,
                  ctx.max_file_bytes >> 20);
    return make_error(ErrorCode::kTooLarge, buf, path);
  }
  FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return make_error(ErrorCode::kIo, "không mở được tệp: " + os_error_message(errno), path);
  std::string data;
  data.resize(static_cast<size_t>(st.st_size));
  size_t got = data.empty() ? 0 : std::fread(data.data(), 1, data.size(), f);
  bool err = std::ferror(f);
  std::fclose(f);
  if (err) return make_error(ErrorCode::kIo, "lỗi khi đọc tệp", path);
  data.resize(got);
  return data;
}

Result<RawText> read_bytes(std::string_view bytes, std::string_view filename, const ReaderContext& ctx) {
  std::string_view head = bytes.substr(0, 4096);
  const Reader* best = nullptr;
  int best_score = 0;
  for (const auto& r : readers()) {
    int s = r->score(head, filename);
    if (s > best_score) {
      best_score = s;
      best = r.get();
    }
  }
  if (!best) return make_error(ErrorCode::kUnsupported, "định dạng tệp không được hỗ trợ");
  auto r = best->read(bytes, ctx);
  if (!r || has_text(r->text)) return r;
  // A blank PDF or scan, a DOCX of spaces: nothing to store or search. Why reading stopped (the
  // OCR budget, a cancellation) is said too.
  std::string why = "không tìm thấy chữ nào trong tệp (trang trắng, ảnh không có chữ hoặc chỉ có khoảng trắng)";
  if (!r->notes.empty()) why += "; " + r->notes.back().message;
  return make_error(ErrorCode::kInvalidInput, why);
}

bool has_text(std::string_view text) {
  size_t len = 0;
  for (size_t i = 0; i < text.size(); i += len) {
    char32_t cp = utf8::decode(text, i, &len);
    if (cp != utf8::kInvalid && u_isalnum(static_cast<UChar32>(cp))) return true;
  }
  return false;
}

}  // namespace dondoc::ingest
