#pragma once
// Internal: the Store logic written once over Db. SqliteStore and PostgresStore add what differs
// between the engines: how the full-text index is kept and searched.
#include <memory>

#include "store/db.h"
#include "store/store.h"
#include "store/text.h"

namespace dondoc::store::internal {

// Full-text matches ranked per query: the most recently stored ones when a query matches more
// (a word found in nearly every document); see SqliteStore::fulltext.
constexpr int kRankWindow = 5000;
constexpr int kRankWindowPostgres = 1000;

// The text of a document that full-text search sees.
struct IndexText {
  std::string head;  // identifier, type, issuer, subject
  std::string body;
};

// A documents row as the store writes it: keys computed from the extraction.
struct DocRow {
  std::string identity, identifier, ident_key, cite_key, kind, type_key, issuer_key;
  std::optional<std::string> type, number, symbol, issuer, date, subject;
  std::optional<int> year;
  std::string sha256, file_name, body, extracted, added_at, updated_at;

  static DocRow make(const Document& doc, const std::string& sha256, const std::string& file_name,
                     const std::string& body, std::string extracted, const std::string& at);
  IndexText index_text() const;
};

class SqlStore : public Store {
 public:
  SqlStore(std::unique_ptr<Db> db, std::string location)
      : db_(std::move(db)), location_(std::move(location)) {}

  std::string location() const override { return location_; }

  Result<PutResult> put_document(const NewDocument& d) override;
  Result<bool> has_file(const std::string& sha256) override;
  Result<std::vector<DocumentSummary>> documents(const DocumentFilter& f) override;
  Result<std::optional<StoredDocument>> document(int64_t id) override;
  Result<std::vector<DocumentSummary>> find_identifier(const std::string& ident) override;
  Result<std::optional<FileRecord>> file(const std::string& sha256) override;
  Result<std::vector<CitationLink>> citations_from(int64_t document_id) override;
  Result<std::vector<CitationLink>> cited_by(int64_t document_id) override;
  Result<std::vector<SearchHit>> search(const SearchQuery& q) override;
  Result<std::vector<TrackedTask>> tasks(const TaskFilter& f) override;
  Result<TrackedTask> update_task(int64_t id, const TaskUpdate& u) override;
  Result<std::vector<TaskEvent>> task_history(int64_t id) override;
  Status dump(const std::function<Status(const DocumentRecord&)>& on_document,
              const std::function<Status(const TaskRecord&)>& on_task) override;
  Status restore(const std::function<Result<std::optional<Record>>()>& next) override;
  Result<int64_t> count_documents() override;

 protected:
  // Engine hooks, called inside the document's transaction.
  virtual Status index_document(int64_t id, const IndexText& t) = 0;
  virtual Status unindex_document(int64_t id, const IndexText& old) = 0;
  // Ids and scores (higher is better) of documents matching q, best first, with the filter.
  struct Match {
    int64_t id;
    double score;
  };
  virtual Result<std::vector<Match>> fulltext(const ParsedQuery& q, const DocumentFilter& f, int limit) = 0;
  // After restore() kept ids: make the next generated ids follow them.
  virtual Status after_restore() { return ok_status(); }

  // " AND ..." conditions on documents aliased `d`, with their parameters.
  static std::string filter_sql(const DocumentFilter& f, Params& params);

  Db& db() { return *db_; }

 private:
  Result<int64_t> write_document(const DocRow& row, std::optional<int64_t> existing, std::optional<int64_t> forced_id);
  Status write_citations(int64_t id, const Document& doc);
  Status relink(const std::string& cite_key, std::optional<int64_t> also_target);
  Result<std::optional<int64_t>> resolve_citation(int64_t from_id, const std::string& key,
                                                  const std::string& type_key,
                                                  const std::optional<std::string>& date,
                                                  const std::string& issuer_key);
  Status merge_tasks(int64_t id, const Document& doc, const std::string& at, PutResult& out);
  Status write_units(int64_t task_id, const std::vector<std::string>& lead,
                     const std::vector<std::string>& lead_units, const std::vector<std::string>& support,
                     const std::vector<std::string>& support_units);
  Status add_event(int64_t task_id, const std::string& at, const std::string& kind,
                   const std::optional<std::string>& old_value, const std::optional<std::string>& new_value);
  Result<IndexText> index_text_of(int64_t id);

  std::unique_ptr<Db> db_;
  std::string location_;
};

// Column list of DocumentSummary (14 columns) for tables aliased `d`, and its reader.
extern const char* const kSummaryColumns;
constexpr size_t kSummaryColumnCount = 14;
DocumentSummary read_summary(const Rows& rows, size_t r, size_t first_col = 0);

std::unique_ptr<Store> make_sqlite_store(std::unique_ptr<Db> db, std::string location);
std::unique_ptr<Store> make_postgres_store(std::unique_ptr<Db> db, std::string location);

}  // namespace dondoc::store::internal
