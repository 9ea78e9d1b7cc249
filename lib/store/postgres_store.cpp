// PostgresStore: full-text search with PostgreSQL's own machinery, not a scan: a generated
// tsvector column under the vi_unaccent configuration (unaccent then simple: tones dropped,
// đ -> d, lower case) with a GIN index, ranked by ts_rank (head weight A, body B).
#include "store/sql_store.h"

namespace dondoc::store::internal {
namespace {

class PostgresStore final : public SqlStore {
 public:
  using SqlStore::SqlStore;
  Engine engine() const override { return Engine::kPostgres; }

 protected:
  // The tsvector is a generated column: PostgreSQL keeps it in step with the row.
  Status index_document(int64_t, const IndexText&) override { return ok_status(); }
  Status reindex_document(int64_t, const IndexText&, const IndexText&) override { return ok_status(); }

  Result<std::vector<Match>> fulltext(const ParsedQuery& q, const DocumentFilter& f, int limit) override {
    std::string expr = tsquery_expression(q);
    if (expr.empty()) return std::vector<Match>{};
    Params p{expr};
    // As in SQLite, ranked among the most recently stored matches, so a word found in every
    // document does not mean ts_rank over the whole table; a smaller window than SQLite's, as
    // each row's tsvector is decompressed. The window is chosen first and ranked after: with
    // ts_rank beside the match, PostgreSQL may compute it for every match before keeping the
    // window (when it reads the GIN index and sorts the matches by id: 6,359 ranks for
    // "ke hoach" instead of 1,000).
    std::string sql =
        "SELECT m.id, ts_rank(m.fts, q) AS r FROM (SELECT d.id, d.fts FROM documents d "
        "WHERE d.fts @@ to_tsquery('vi_unaccent', ?)" + filter_sql(f, p) + " ORDER BY d.id DESC LIMIT " +
        std::to_string(kRankWindowPostgres) + ") m, to_tsquery('vi_unaccent', ?) q ORDER BY r DESC, m.id DESC LIMIT " +
        std::to_string(limit);
    p.push_back(expr);
    auto rows = db().query(sql, p);
    if (!rows) return rows.error();
    std::vector<Match> out;
    for (size_t i = 0; i < rows->size(); ++i)
      out.push_back(Match{rows->i64(i, 0), std::strtod(rows->str(i, 1).c_str(), nullptr)});
    return out;
  }

  // Rows imported with their old ids: move each identity sequence past the largest.
  Status after_restore() override {
    for (const char* table : {"documents", "citations", "tasks", "task_events"}) {
      std::string t = table;
      auto s = db().exec("SELECT setval(pg_get_serial_sequence('" + t + "', 'id'), COALESCE((SELECT max(id) FROM " + t +
                         "), 0) + 1, false)");
      if (!s) return s;
    }
    return ok_status();
  }

  // A whole store written at once has no planner statistics and no visibility map yet, and
  // autovacuum comes a minute or more later: until then a served store is planned with defaults
  // (the load test right after an import: p95 342 ms, 70 ms once analysed) and index-only scans
  // read the table too.
  Status after_restore_committed() override { return db().exec_script("VACUUM ANALYZE"); }
};

}  // namespace

std::unique_ptr<Store> make_postgres_store(std::unique_ptr<Db> db, std::string location) {
  return std::make_unique<PostgresStore>(std::move(db), std::move(location));
}

}  // namespace dondoc::store::internal
