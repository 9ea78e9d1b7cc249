#pragma once
// A ZIP archive read from memory (libzip), with limits against decompression bombs: the sizes
// an entry declares are checked before inflating, inflation stops at the declared size, and all
// entries read from one archive share one budget of inflated bytes. Internal to ingest.
//
//   auto zip = ZipArchive::open(bytes);
//   InflateBudget budget{64u << 20};
//   auto xml = zip->read("word/document.xml", budget);  // nullopt when the entry is absent
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"

struct zip;

namespace dondoc::ingest {

struct InflateBudget {
  size_t remaining;  // inflated bytes still allowed for this archive
};

class ZipArchive {
 public:
  // Entries larger than this that compress better than kMaxRatio:1 are taken for a bomb.
  static constexpr size_t kRatioCheckFrom = 1u << 20;
  static constexpr size_t kMaxRatio = 200;
  static constexpr long kMaxEntries = 20000;

  // The bytes must outlive the archive (libzip reads them in place).
  static Result<ZipArchive> open(std::string_view bytes);

  ZipArchive(ZipArchive&& o) noexcept : za_(o.za_) { o.za_ = nullptr; }
  ZipArchive& operator=(ZipArchive&& o) noexcept;
  ZipArchive(const ZipArchive&) = delete;
  ZipArchive& operator=(const ZipArchive&) = delete;
  ~ZipArchive();

  bool contains(std::string_view name) const;
  // The inflated entry; nullopt when absent. Errors: encrypted, corrupt, over the limits.
  Result<std::optional<std::string>> read(std::string_view name, InflateBudget& budget) const;

 private:
  explicit ZipArchive(zip* za) : za_(za) {}
  long locate(std::string_view name) const;
  zip* za_ = nullptr;
};

}  // namespace dondoc::ingest
