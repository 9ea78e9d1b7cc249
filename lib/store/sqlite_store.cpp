// SqliteStore: the full-text index is an FTS5 table over folded text (FTS5's own
// remove_diacritics does not fold đ), ranked with BM25; the head (number, type, issuer,
// subject) weighs four times the body.
#include "store/sql_store.h"

namespace dondoc::store::internal {
namespace {

class SqliteStore final : public SqlStore {
 public:
  using SqlStore::SqlStore;
  Engine engine() const override { return Engine::kSqlite; }

 protected:
  Status index_document(int64_t id, const IndexText& t) override {
    return db().exec("INSERT INTO documents_fts (rowid, head, body) VALUES (?, ?, ?)",
                     {id, folded_join(t.head), folded_join(t.body)});
  }

  // A contentless FTS5 table forgets a row only when given the exact values it indexed, which
  // are recomputed here from the stored text with the same folding. A version with the same
  // words (a file saved again, converted again) leaves the row alone: forgetting and indexing
  // them again cost as much as the rest of storing the version.
  Status reindex_document(int64_t id, const IndexText& old, const IndexText& now) override {
    std::string old_head = folded_join(old.head), old_body = folded_join(old.body);
    std::string head = folded_join(now.head), body = folded_join(now.body);
    if (head == old_head && body == old_body) return ok_status();
    auto s = db().exec("INSERT INTO documents_fts (documents_fts, rowid, head, body) VALUES ('delete', ?, ?, ?)",
                       {id, std::move(old_head), std::move(old_body)});
    if (!s) return s;
    return db().exec("INSERT INTO documents_fts (rowid, head, body) VALUES (?, ?, ?)",
                     {id, std::move(head), std::move(body)});
  }

  Result<std::vector<Match>> fulltext(const ParsedQuery& q, const DocumentFilter& f, int limit) override {
    std::string expr = fts5_expression(q);
    if (expr.empty()) return std::vector<Match>{};
    Params p{expr};
    std::string filter = filter_sql(f, p);
    // BM25 costs a docsize look-up per matching row: a word found in every document would be
    // ranked over the whole store. So ranking looks at the kRankWindow most recently stored
    // matches (FTS5 walks rowids newest first and stops there); a narrower query is ranked whole.
    std::string sql = "SELECT id, r FROM (SELECT f.rowid AS id, bm25(documents_fts, 4.0, 1.0) AS r FROM documents_fts f" +
                      std::string(filter.empty() ? "" : " JOIN documents d ON d.id = f.rowid") +
                      " WHERE documents_fts MATCH ?" + filter + " ORDER BY f.rowid DESC LIMIT " +
                      std::to_string(kRankWindow) + ") ORDER BY r, id DESC LIMIT " + std::to_string(limit);
    auto rows = db().query(sql, p);
    if (!rows) return rows.error();
    std::vector<Match> out;
    for (size_t i = 0; i < rows->size(); ++i)
      out.push_back(Match{rows->i64(i, 0), -std::strtod(rows->str(i, 1).c_str(), nullptr)});
    return out;
  }
};

}  // namespace

std::unique_ptr<Store> make_sqlite_store(std::unique_ptr<Db> db, std::string location) {
  return std::make_unique<SqliteStore>(std::move(db), std::move(location));
}

}  // namespace dondoc::store::internal
