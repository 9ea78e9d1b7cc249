// The entry point of dondoc-postgres.so: the PostgreSQL engine and libpqxx (db.h).
#include "store/db.h"

extern "C" __attribute__((visibility("default"))) void dondoc_postgres_connect_v1(
    const std::string& url, const dondoc::store::OpenOptions& opts,
    dondoc::Result<std::unique_ptr<dondoc::store::internal::Db>>* out) {
  *out = dondoc::store::internal::connect_postgres(url, opts);
}
