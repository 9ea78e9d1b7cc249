#include "ingest/zip_archive.h"

#include <zip.h>

#include <string>

#include "ingest/internal.h"

namespace dondoc::ingest {

Result<ZipArchive> ZipArchive::open(std::string_view bytes) {
  if (bytes.size() < 22 || bytes.substr(0, 2) != "PK")
    return make_error(ErrorCode::kInvalidInput, "không phải tệp nén ZIP (tệp hỏng hoặc sai định dạng)");
  zip_error_t err;
  zip_error_init(&err);
  zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &err);
  if (!src) {
    zip_error_fini(&err);
    return make_error(ErrorCode::kInternal, "libzip: không tạo được nguồn đọc");
  }
  zip_t* za = zip_open_from_source(src, ZIP_RDONLY, &err);
  if (!za) {
    zip_source_free(src);
    std::string why = zip_error_strerror(&err);
    zip_error_fini(&err);
    return make_error(ErrorCode::kInvalidInput, "tệp nén ZIP bị hỏng (" + why + ")");
  }
  zip_error_fini(&err);
  ZipArchive archive(za);
  if (zip_get_num_entries(za, 0) > kMaxEntries)
    return make_error(ErrorCode::kTooLarge, "tệp nén có quá nhiều thành phần (hơn " +
                                                std::to_string(kMaxEntries) + ")");
  return archive;
}

ZipArchive& ZipArchive::operator=(ZipArchive&& o) noexcept {
  if (this != &o) {
    if (za_) zip_discard(za_);
    za_ = o.za_;
    o.za_ = nullptr;
  }
  return *this;
}

ZipArchive::~ZipArchive() {
  // Read-only: discard, never write back.
  if (za_) zip_discard(za_);
}

long ZipArchive::locate(std::string_view name) const {
  std::string n(name);
  zip_int64_t i = zip_name_locate(za_, n.c_str(), 0);
  // Some producers vary the case of part names; OPC part names are case-insensitive.
  if (i < 0) i = zip_name_locate(za_, n.c_str(), ZIP_FL_NOCASE);
  return static_cast<long>(i);
}

bool ZipArchive::contains(std::string_view name) const { return locate(name) >= 0; }

Result<std::optional<std::string>> ZipArchive::read(std::string_view name, InflateBudget& budget) const {
  long idx = locate(name);
  if (idx < 0) return std::optional<std::string>{};
  std::string ctx(name);
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat_index(za_, static_cast<zip_uint64_t>(idx), 0, &st) != 0)
    return make_error(ErrorCode::kInvalidInput, "tệp nén bị hỏng: không đọc được thông tin thành phần", ctx);
  if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE)
    return make_error(ErrorCode::kInvalidInput, "thành phần trong tệp nén được mã hóa bằng mật khẩu", ctx);
  if (!(st.valid & ZIP_STAT_SIZE) || !(st.valid & ZIP_STAT_COMP_SIZE))
    return make_error(ErrorCode::kInvalidInput, "tệp nén bị hỏng: thiếu kích thước thành phần", ctx);
  const size_t size = st.size, packed = st.comp_size;
  if (size > budget.remaining)
    return make_error(ErrorCode::kTooLarge,
                      "thành phần giải nén ra " + internal::human_size(size) +
                          ", vượt giới hạn " + internal::human_size(budget.remaining) +
                          "; nghi là bom nén, từ chối đọc",
                      ctx);
  if (size >= kRatioCheckFrom && size / (packed ? packed : 1) > kMaxRatio)
    return make_error(ErrorCode::kInvalidInput,
                      "tỉ lệ nén bất thường (" + internal::human_size(packed) + " giải nén ra " +
                          internal::human_size(size) + "); nghi là bom nén, từ chối đọc",
                      ctx);
  zip_file_t* f = zip_fopen_index(za_, static_cast<zip_uint64_t>(idx), 0);
  if (!f) {
    std::string why = zip_strerror(za_);
    return make_error(ErrorCode::kInvalidInput, "không mở được thành phần trong tệp nén (" + why + ")", ctx);
  }
  std::string out;
  out.reserve(size);
  char buf[64 * 1024];
  bool failed = false;
  std::string why;
  for (;;) {
    // Never inflate past the declared size, whatever the stream holds.
    size_t want = std::min(sizeof buf, size - out.size() + 1);
    zip_int64_t n = zip_fread(f, buf, want);
    if (n < 0) {
      failed = true;
      why = zip_error_strerror(zip_file_get_error(f));
      break;
    }
    if (n == 0) break;
    out.append(buf, static_cast<size_t>(n));
    if (out.size() > size) {
      failed = true;
      why = "dữ liệu dài hơn kích thước khai báo";
      break;
    }
  }
  zip_fclose(f);
  if (failed) return make_error(ErrorCode::kInvalidInput, "thành phần trong tệp nén bị hỏng (" + why + ")", ctx);
  budget.remaining -= out.size();
  return std::optional<std::string>(std::move(out));
}

}  // namespace dondoc::ingest
