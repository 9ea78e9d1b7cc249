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

// The task fields a person corrected (tasks.corrected, a JSON object): each one set replaces
// what was extracted, in every view, and survives re-extraction.
struct TaskFields {
  std::optional<std::string> action;
  std::optional<std::vector<std::string>> support, report_to;
  static TaskFields parse(const std::optional<std::string>& json);
};

class SqlStore : public Store {
 public:
  SqlStore(std::unique_ptr<Db> db, std::string location)
      : db_(std::move(db)), location_(std::move(location)) {}

  std::string location() const override { return location_; }
  bool usable() override { return db_->usable(); }

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
  Status atomically(const std::function<Status()>& f) override;
  Result<std::optional<std::string>> meta(const std::string& key) override;
  Status set_meta(const std::string& key, const std::string& value) override;

  Result<std::vector<User>> users() override;
  Result<std::optional<User>> user(const std::string& username) override;
  Result<User> add_user(const User& u) override;
  Status update_user(const User& u) override;
  Status remove_user(int64_t id) override;
  Status add_session(const Session& s) override;
  Result<std::optional<std::pair<Session, User>>> session(const std::string& id_hash, const std::string& now) override;
  Status remove_session(const std::string& id_hash) override;
  Status remove_sessions(int64_t user_id) override;
  Status add_login_failure(const std::string& key, const std::string& at) override;
  Result<int64_t> login_failures(const std::string& key, const std::string& since) override;
  Status clear_login_failures(const std::string& key) override;
  Status append_audit(const AuditEntry& e) override;
  Result<std::vector<AuditEntry>> audit(const AuditFilter& f) override;

  Result<std::vector<Unit>> units() override;
  Status put_unit(const Unit& u) override;
  Status map_name(const std::string& name, const std::string& unit_id) override;
  Result<std::vector<UnresolvedName>> unresolved_names() override;

  Status set_document_corrections(int64_t id, const std::string& json, const std::string& at) override;
  Result<std::optional<std::string>> document_corrections(int64_t id) override;
  Status set_task_corrections(int64_t id, const std::optional<std::string>& json, const std::string& at) override;
  Result<int64_t> add_manual_task(int64_t document_id, const Task& t, const std::string& at) override;
  Status reject_task(int64_t id, bool rejected, const std::string& at) override;
  Status add_correction(const Correction& c) override;
  Result<std::vector<Correction>> corrections(const std::string& since) override;
  Status set_anchor(int64_t document_id, const Anchor& a) override;
  Result<std::vector<Anchor>> anchors(int64_t document_id) override;
  Status set_due_anchor(int64_t task_id, const std::optional<Date>& due) override;
  Result<int64_t> add_attachment(int64_t task_id, const std::string& name, const std::string& content,
                                 const std::string& at, const std::string& by) override;
  Result<std::vector<AttachmentInfo>> attachments(int64_t task_id) override;
  Result<std::optional<std::pair<AttachmentInfo, std::string>>> attachment(int64_t id) override;
  Status add_feed_token(const std::string& token_hash, const std::string& unit_id, const std::string& at,
                        const std::string& by) override;
  Result<std::optional<std::string>> feed_unit(const std::string& token_hash) override;
  Result<int64_t> remove_feed_tokens(const std::string& unit_id) override;

 protected:
  // Engine hooks, called inside the document's transaction.
  virtual Status index_document(int64_t id, const IndexText& t) = 0;
  // A new version of an indexed document: its words replace those of `old`.
  virtual Status reindex_document(int64_t id, const IndexText& old, const IndexText& now) = 0;
  // Ids and scores (higher is better) of documents matching q, best first, with the filter.
  struct Match {
    int64_t id;
    double score;
  };
  virtual Result<std::vector<Match>> fulltext(const ParsedQuery& q, const DocumentFilter& f, int limit) = 0;
  // After restore() kept ids: make the next generated ids follow them.
  virtual Status after_restore() { return ok_status(); }
  // After restore() committed, outside any transaction.
  virtual Status after_restore_committed() { return ok_status(); }

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
                     const std::vector<std::string>& support_units,
                     const std::vector<std::string>& report_to = {},
                     const std::vector<std::string>& report_to_units = {});
  // The directory unit a name resolves to: a mapped alias, else the extraction's id when it is
  // a directory unit; "" when neither.
  Result<std::string> resolve_unit(const std::string& name, const std::string& extracted_id);
  Status refresh_lead_ids(int64_t task_id);
  // task_units of a task from its extraction and what people set (lead override, corrections).
  Status write_task_units(int64_t task_id, const Task& extracted, const std::vector<std::string>& lead_override,
                          const std::optional<std::string>& corrected);
  Status add_event(int64_t task_id, const std::string& at, const std::string& kind,
                   const std::optional<std::string>& old_value, const std::optional<std::string>& new_value);
  Result<IndexText> index_text_of(int64_t id);

  std::unique_ptr<Db> db_;
  std::string location_;
};

// Names stored one per line (tasks.lead, lead_override) -> the names.
std::vector<std::string> split_name_lines(const std::string& s);

// Column list of DocumentSummary (14 columns) for tables aliased `d`, and its reader.
extern const char* const kSummaryColumns;
constexpr size_t kSummaryColumnCount = 14;
DocumentSummary read_summary(const Rows& rows, size_t r, size_t first_col = 0);

std::unique_ptr<Store> make_sqlite_store(std::unique_ptr<Db> db, std::string location);
std::unique_ptr<Store> make_postgres_store(std::unique_ptr<Db> db, std::string location);

}  // namespace dondoc::store::internal
