// store::open: picks the engine from the location, connects, migrates.
#include "store/sql_store.h"

namespace dondoc::store {

Result<std::unique_ptr<Store>> open(const std::string& location, const OpenOptions& opts) {
  bool pg = location.rfind("postgresql://", 0) == 0 || location.rfind("postgres://", 0) == 0;
  if (location.empty()) return make_error(ErrorCode::kUsage, "chưa chỉ định kho dữ liệu (--db)");
  auto db = pg ? internal::open_postgres(location, opts) : internal::open_sqlite(location, opts);
  if (!db) return db.error();
  std::string where = location;
  if (pg) {
    // Never repeat a password in messages.
    auto at = where.find('@');
    auto colon = where.find(':', where.find("://") + 3);
    if (at != std::string::npos && colon != std::string::npos && colon < at)
      where = where.substr(0, colon + 1) + "***" + where.substr(at);
  }
  if (auto s = internal::migrate(**db, where, opts.read_only); !s) return s.error();
  if (pg) return internal::make_postgres_store(std::move(*db), where);
  return internal::make_sqlite_store(std::move(*db), where);
}

}  // namespace dondoc::store
