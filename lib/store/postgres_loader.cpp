// open_postgres: the PostgreSQL engine from the module dondoc-postgres.so (db.h).
#include "plugin/plugin.h"
#include "store/db.h"

namespace dondoc::store::internal {

Result<std::unique_ptr<Db>> open_postgres(const std::string& url, const OpenOptions& opts) {
  auto entry = plugin::entry(kPostgresModuleFile, kPostgresModuleEntry);
  if (!entry)
    return make_error(ErrorCode::kUnsupported,
                      "không dùng được PostgreSQL: thiếu mô-đun PostgreSQL; " + entry.error().message +
                          " (cần thư viện libpqxx)");
  Result<std::unique_ptr<Db>> db = make_error(ErrorCode::kInternal, "mô-đun PostgreSQL không trả lời");
  reinterpret_cast<PostgresModuleEntry>(*entry)(url, opts, &db);
  return db;
}

}  // namespace dondoc::store::internal
