// Numbered migrations: data/schema/<engine>/NNNN_name.sql, applied in order, each in its own
// transaction together with the new version number in dondoc_meta, so a crash mid-migration
// leaves the previous version intact.
#include <algorithm>
#include <cstdlib>

#include "data/data.h"
#include "store/db.h"

namespace dondoc::store::internal {
namespace {

struct Migration {
  int number = 0;
  std::string path;
};

const char* dialect_dir(Engine e) { return e == Engine::kSqlite ? "schema/sqlite/" : "schema/postgres/"; }

std::vector<Migration> migrations(Engine e) {
  std::string dir = dialect_dir(e);
  std::vector<Migration> out;
  for (const auto& path : data::files()) {
    if (path.rfind(dir, 0) != 0) continue;
    std::string name = path.substr(dir.size());
    int n = std::atoi(name.c_str());
    if (n > 0) out.push_back({n, path});
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.number < b.number; });
  return out;
}

Result<std::vector<std::string>> table_names(Db& db) {
  std::string sql = db.engine() == Engine::kSqlite
                        ? "SELECT name FROM sqlite_master WHERE type = 'table'"
                        : "SELECT table_name FROM information_schema.tables "
                          "WHERE table_schema = current_schema()";
  auto rows = db.query(sql);
  if (!rows) return rows.error();
  std::vector<std::string> names;
  for (size_t i = 0; i < rows->size(); ++i) names.push_back(rows->str(i, 0));
  return names;
}

Result<int> stored_version(Db& db) {
  auto rows = db.query("SELECT value FROM dondoc_meta WHERE key = 'schema_version'");
  if (!rows) return rows.error();
  if (rows->empty()) return 0;
  return std::atoi(rows->str(0, 0).c_str());
}

}  // namespace

Status migrate(Db& db, const std::string& location, bool read_only) {
  auto list = migrations(db.engine());
  int latest = list.empty() ? 0 : list.back().number;
  auto names = table_names(db);
  if (!names) return names.error();
  bool has_meta = std::find(names->begin(), names->end(), "dondoc_meta") != names->end();
  if (!has_meta && !names->empty())
    return make_error(ErrorCode::kDatabase,
                      "đây không phải kho dữ liệu của dondoc (có bảng khác, không có dondoc_meta); "
                      "hãy chọn --db khác",
                      location);
  if (has_meta) {
    auto v = stored_version(db);
    if (!v) return v.error();
    if (*v > latest)
      return make_error(ErrorCode::kDatabase,
                        "kho dữ liệu do phiên bản dondoc mới hơn tạo ra (lược đồ " + std::to_string(*v) +
                            ", phiên bản này chỉ hiểu đến " + std::to_string(latest) +
                            "); hãy cập nhật dondoc",
                        location);
    if (*v == latest) return ok_status();
    if (read_only)
      return make_error(ErrorCode::kDatabase,
                        "kho dữ liệu cần nâng cấp lược đồ (từ " + std::to_string(*v) + " lên " + std::to_string(latest) +
                            ") mà lệnh này chỉ đọc; hãy chạy một lệnh ghi vào kho trước (dondoc serve, dondoc ingest) "
                            "rồi thử lại",
                        location);
  }
  for (const auto& m : list) {
    Transaction tx(db);
    if (auto s = tx.begin(); !s) return s.error();
    if (db.engine() == Engine::kPostgres) {
      // Two processes opening a new store at once: the second waits, then sees the new version.
      if (auto s = db.exec("SELECT pg_advisory_xact_lock(7346021)"); !s) return s.error();
    }
    if (auto s = db.exec("CREATE TABLE IF NOT EXISTS dondoc_meta (key TEXT PRIMARY KEY, "
                         "value TEXT NOT NULL)");
        !s)
      return s.error();
    auto v = stored_version(db);
    if (!v) return v.error();
    if (*v >= m.number) continue;
    if (auto s = db.exec_script(data::file(m.path)); !s)
      return make_error(s.error().code, "áp dụng " + m.path + " thất bại: " + s.error().message,
                        location);
    if (auto s = db.exec("DELETE FROM dondoc_meta WHERE key = 'schema_version'"); !s) return s.error();
    if (auto s = db.exec("INSERT INTO dondoc_meta (key, value) VALUES ('schema_version', ?)",
                         {std::to_string(m.number)});
        !s)
      return s.error();
    if (auto s = tx.commit(); !s) return s.error();
  }
  return ok_status();
}

int64_t Rows::i64(size_t r, size_t c) const {
  const auto& cell = at(r, c);
  if (!cell) return 0;
  return std::strtoll(cell->c_str(), nullptr, 10);
}

std::optional<int> Rows::opt_int(size_t r, size_t c) const {
  if (!at(r, c)) return std::nullopt;
  return static_cast<int>(i64(r, c));
}

}  // namespace dondoc::store::internal

namespace dondoc::store {
int schema_version(Engine e) {
  auto list = internal::migrations(e);
  return list.empty() ? 0 : list.back().number;
}
}  // namespace dondoc::store
