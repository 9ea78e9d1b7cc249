// The SQLite connection: WAL journal (readers never block the writer; a crash leaves the last
// committed transaction), synchronous=NORMAL (atomic and consistent on power loss, may lose the
// last commits), foreign keys on, prepared statements cached by SQL text.
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <unordered_map>

#include "store/db.h"

namespace dondoc::store::internal {
namespace {

namespace fs = std::filesystem;

// Messages say what to do; SQLite's own text follows for the technical reader.
Error sqlite_error(sqlite3* db, int rc, const std::string& path) {
  std::string detail = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  int primary = rc & 0xff;
  if (primary == SQLITE_NOTADB || primary == SQLITE_CORRUPT)
    return make_error(ErrorCode::kDatabase,
                      "tệp không phải kho dữ liệu SQLite hoặc đã bị hỏng; hãy khôi phục từ bản "
                      "sao lưu (dondoc import) (" + detail + ")",
                      path);
  if (primary == SQLITE_READONLY)
    return make_error(ErrorCode::kDatabase,
                      "kho dữ liệu chỉ đọc, không ghi được; hãy cấp quyền ghi cho tệp và thư mục (" +
                          detail + ")",
                      path);
  if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED)
    return make_error(ErrorCode::kDatabase,
                      "kho dữ liệu đang bị một tiến trình khác khóa; hãy thử lại sau (" + detail + ")",
                      path);
  if (primary == SQLITE_FULL)
    return make_error(ErrorCode::kDatabase, "đĩa đầy, không ghi được (" + detail + ")", path);
  if (primary == SQLITE_CANTOPEN)
    return make_error(ErrorCode::kDatabase, "không mở được tệp kho dữ liệu (" + detail + ")", path);
  return make_error(ErrorCode::kDatabase, "lỗi SQLite: " + detail, path);
}

class SqliteDb final : public Db {
 public:
  SqliteDb(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  ~SqliteDb() override {
    for (auto& [sql, st] : stmts_) sqlite3_finalize(st);
    sqlite3_close_v2(db_);
  }

  Engine engine() const override { return Engine::kSqlite; }

  Status exec(const std::string& sql, const Params& params) override {
    auto st = prepare(sql, params);
    if (!st) return st.error();
    int rc;
    while ((rc = sqlite3_step(*st)) == SQLITE_ROW) {
    }
    sqlite3_reset(*st);
    if (rc != SQLITE_DONE) return sqlite_error(db_, rc, path_);
    return ok_status();
  }

  Result<Rows> query(const std::string& sql, const Params& params) override {
    auto st = prepare(sql, params);
    if (!st) return st.error();
    int cols = sqlite3_column_count(*st);
    Rows rows(static_cast<size_t>(cols));
    int rc;
    while ((rc = sqlite3_step(*st)) == SQLITE_ROW) {
      for (int c = 0; c < cols; ++c) {
        int type = sqlite3_column_type(*st, c);
        if (type == SQLITE_NULL) {
          rows.add(std::nullopt);
        } else if (type == SQLITE_BLOB) {
          const void* p = sqlite3_column_blob(*st, c);
          int n = sqlite3_column_bytes(*st, c);
          rows.add(std::string(static_cast<const char*>(p), static_cast<size_t>(n)));
        } else {
          const unsigned char* p = sqlite3_column_text(*st, c);
          int n = sqlite3_column_bytes(*st, c);
          rows.add(std::string(reinterpret_cast<const char*>(p), static_cast<size_t>(n)));
        }
      }
    }
    sqlite3_reset(*st);
    if (rc != SQLITE_DONE) return sqlite_error(db_, rc, path_);
    return rows;
  }

  Status exec_script(std::string_view sql) override {
    std::string s(sql);
    char* err = nullptr;
    int rc = sqlite3_exec(db_, s.c_str(), nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
      std::string msg = err ? err : "";
      sqlite3_free(err);
      return make_error(ErrorCode::kDatabase, "lỗi SQLite: " + msg, path_);
    }
    return ok_status();
  }

  // IMMEDIATE takes the write lock up front, so two writers wait (busy_timeout) instead of
  // failing half-way with SQLITE_BUSY on their first write.
  Status begin() override { return exec("BEGIN IMMEDIATE", {}); }
  Status commit() override { return exec("COMMIT", {}); }
  void rollback() override {
    if (!sqlite3_get_autocommit(db_)) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
  }

 private:
  Result<sqlite3_stmt*> prepare(const std::string& sql, const Params& params) {
    sqlite3_stmt* st = nullptr;
    auto it = stmts_.find(sql);
    if (it != stmts_.end()) {
      st = it->second;
    } else {
      int rc = sqlite3_prepare_v3(db_, sql.c_str(), static_cast<int>(sql.size()),
                                  SQLITE_PREPARE_PERSISTENT, &st, nullptr);
      if (rc != SQLITE_OK) return sqlite_error(db_, rc, path_);
      stmts_.emplace(sql, st);
    }
    sqlite3_clear_bindings(st);
    for (size_t i = 0; i < params.size(); ++i) {
      int idx = static_cast<int>(i + 1);
      int rc = SQLITE_OK;
      const Param& p = params[i];
      if (std::holds_alternative<std::nullptr_t>(p)) {
        rc = sqlite3_bind_null(st, idx);
      } else if (const auto* v = std::get_if<int64_t>(&p)) {
        rc = sqlite3_bind_int64(st, idx, *v);
      } else if (const auto* s = std::get_if<std::string>(&p)) {
        rc = sqlite3_bind_text64(st, idx, s->data(), s->size(), SQLITE_STATIC, SQLITE_UTF8);
      } else if (const auto* b = std::get_if<Blob>(&p)) {
        rc = sqlite3_bind_blob64(st, idx, b->bytes.data(), b->bytes.size(), SQLITE_STATIC);
      }
      if (rc != SQLITE_OK) return sqlite_error(db_, rc, path_);
    }
    return st;
  }

  sqlite3* db_;
  std::string path_;
  std::unordered_map<std::string, sqlite3_stmt*> stmts_;
};

// A file whose mode has no write bit is treated as read-only even for root, who could write
// it anyway: the owner marked it so on purpose.
bool marked_read_only(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return false;
  return (st.st_mode & 0222) == 0 || ::access(path.c_str(), W_OK) != 0;
}

}  // namespace

Result<std::unique_ptr<Db>> open_sqlite(const std::string& path, const OpenOptions& opts) {
  std::error_code ec;
  fs::path p(path);
  fs::path dir = p.has_parent_path() ? p.parent_path() : fs::path(".");
  if (!fs::is_directory(dir, ec))
    return make_error(ErrorCode::kNotFound,
                      "thư mục '" + dir.string() + "' không tồn tại; hãy tạo thư mục hoặc chọn --db khác",
                      path);
  bool exists = fs::exists(p, ec);
  if (exists && fs::is_directory(p, ec))
    return make_error(ErrorCode::kInvalidInput, "đây là một thư mục, không phải tệp kho dữ liệu", path);
  if (!exists && !opts.create)
    return make_error(ErrorCode::kNotFound,
                      "chưa có kho dữ liệu; hãy nạp văn bản trước (dondoc ingest) hoặc chọn --db khác",
                      path);
  if (!exists && ::access(dir.c_str(), W_OK) != 0)
    return make_error(ErrorCode::kIo,
                      "không tạo được kho dữ liệu: thư mục '" + dir.string() + "' không cho phép ghi",
                      path);
  bool read_only = opts.read_only;
  if (exists && !read_only && marked_read_only(path))
    return make_error(ErrorCode::kDatabase,
                      "kho dữ liệu chỉ đọc, không ghi được; hãy cấp quyền ghi cho tệp (chmod u+w)",
                      path);
  int flags = SQLITE_OPEN_NOMUTEX | (read_only ? SQLITE_OPEN_READONLY
                                               : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  sqlite3* raw = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  if (rc != SQLITE_OK) {
    Error e = sqlite_error(raw, rc, path);
    sqlite3_close_v2(raw);
    return e;
  }
  auto db = std::make_unique<SqliteDb>(raw, path);
  sqlite3_busy_timeout(raw, 10000);
  sqlite3_extended_result_codes(raw, 1);
  // The first read tells a corrupt or foreign file from a database, before anything is written.
  if (auto r = db->query("SELECT count(*) FROM sqlite_master", {}); !r) return r.error();
  if (!read_only) {
    if (auto r = db->query("PRAGMA journal_mode=WAL", {}); !r) return r.error();
  }
  // Memory-mapped reads and a 64 MiB page cache: listing 100,000 tasks reads pages in place
  // instead of copying each one through read().
  for (const char* pragma : {"PRAGMA foreign_keys=ON", "PRAGMA synchronous=NORMAL", "PRAGMA cache_size=-65536",
                             opts.pooled ? "PRAGMA mmap_size=0" : "PRAGMA mmap_size=1073741824"}) {
    if (auto s = db->exec(pragma, {}); !s) return s.error();
  }
  return std::unique_ptr<Db>(std::move(db));
}

}  // namespace dondoc::store::internal
