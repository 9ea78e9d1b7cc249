#pragma once
// Internal: the little a Store needs from a SQL engine. Statements use `?` placeholders (the
// PostgreSQL connection rewrites them to $1, $2, ...); values travel as text or integers, blobs
// as raw bytes. No ORM: the SQL is written out where it is used.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/result.h"
#include "store/store.h"

namespace dondoc::store::internal {

struct Blob {
  std::string bytes;
};
using Param = std::variant<std::nullptr_t, int64_t, std::string, Blob>;
using Params = std::vector<Param>;

inline Param opt_param(const std::optional<std::string>& s) {
  return s ? Param{*s} : Param{nullptr};
}
inline Param opt_param(const std::optional<int>& v) {
  return v ? Param{static_cast<int64_t>(*v)} : Param{nullptr};
}

// A query result: cells are text (integers printed, blobs raw), nullopt for NULL.
class Rows {
 public:
  explicit Rows(size_t cols = 0) : cols_(cols) {}
  size_t size() const { return cols_ ? cells_.size() / cols_ : 0; }
  bool empty() const { return size() == 0; }
  size_t cols() const { return cols_; }
  void add(std::optional<std::string> cell) { cells_.push_back(std::move(cell)); }
  const std::optional<std::string>& at(size_t r, size_t c) const { return cells_[r * cols_ + c]; }
  std::string str(size_t r, size_t c) const { return at(r, c).value_or(""); }
  int64_t i64(size_t r, size_t c) const;
  std::optional<int> opt_int(size_t r, size_t c) const;
  bool is_null(size_t r, size_t c) const { return !at(r, c).has_value(); }

 private:
  size_t cols_;
  std::vector<std::optional<std::string>> cells_;
};

class Db {
 public:
  virtual ~Db() = default;
  virtual Engine engine() const = 0;
  virtual Status exec(const std::string& sql, const Params& params = {}) = 0;
  virtual Result<Rows> query(const std::string& sql, const Params& params = {}) = 0;
  // Several statements without parameters (migrations).
  virtual Status exec_script(std::string_view sql) = 0;
  virtual Status begin() = 0;
  virtual Status commit() = 0;
  virtual void rollback() = 0;  // best effort; the engine also rolls back on close
  // False when the connection is lost (see Store::usable); checked between uses, not during one.
  virtual bool usable() { return true; }

  int tx_depth = 0;  // open Transactions: only the outermost begins and commits
};

// Rolls back unless commit() was called: one transaction per store operation. Nested inside
// another (Store::atomically), it joins the outer one: a failure inside returns an error, and
// the outer transaction, seeing it, rolls everything back.
class Transaction {
 public:
  explicit Transaction(Db& db) : db_(db) {}
  ~Transaction() {
    if (!open_) return;
    if (--db_.tx_depth == 0) db_.rollback();
  }
  Status begin() {
    if (db_.tx_depth > 0) {
      ++db_.tx_depth;
      open_ = true;
      return ok_status();
    }
    auto s = db_.begin();
    open_ = s.ok();
    if (open_) db_.tx_depth = 1;
    return s;
  }
  Status commit() {
    if (!open_) return ok_status();
    open_ = false;
    if (--db_.tx_depth > 0) return ok_status();
    return db_.commit();
  }

 private:
  Db& db_;
  bool open_ = false;
};

Result<std::unique_ptr<Db>> open_sqlite(const std::string& path, const OpenOptions& opts);
// PostgreSQL through libpqxx, which is not linked into the binary: open_postgres loads the module
// dondoc-postgres.so (postgres_loader.cpp, plugin.h) and calls its connect_postgres
// (postgres_db.cpp), so that libpq and its libraries load only for a PostgreSQL store.
Result<std::unique_ptr<Db>> open_postgres(const std::string& url, const OpenOptions& opts);
Result<std::unique_ptr<Db>> connect_postgres(const std::string& url, const OpenOptions& opts);
inline constexpr char kPostgresModuleFile[] = "dondoc-postgres.so";
inline constexpr char kPostgresModuleEntry[] = "dondoc_postgres_connect_v1";
using PostgresModuleEntry = void (*)(const std::string& url, const OpenOptions& opts,
                                     Result<std::unique_ptr<Db>>* out);

// Applies data/schema/<engine>/NNNN_*.sql newer than the store's version; refuses a store made
// by a newer dondoc. `fresh` tells whether the store had no dondoc tables before.
// A store opened read-only is never changed: one that needs migrating is refused with what to do.
Status migrate(Db& db, const std::string& location, bool read_only = false);

}  // namespace dondoc::store::internal
