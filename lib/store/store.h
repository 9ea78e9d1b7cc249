#pragma once
// store: where documents, their original files, citations and tracked tasks live. One interface,
// two engines: SQLite (embedded, the default; WAL) and PostgreSQL (`postgresql://` URLs). The
// schema is data/schema/<engine>/NNNN_*.sql, applied in order when a store is opened.
//
// Guarantees:
// - put_document is one transaction: a crash (kill -9, power loss) leaves the whole document or
//   nothing. The same bytes (SHA-256) are never stored twice.
// - A document is identified by identifier + date + issuer (a scan and a Word copy of the same
//   document are one document); a file without a number is its own document. Re-ingesting a
//   document updates what the machine read and never what a person typed: task status, done
//   date, notes, overrides and history survive. A task is (document, ref).
// - Citations link to the stored document they name as soon as it is stored, in either order.
// - Search folds both sides (no tones, đ -> d), so `uy ban nhan dan` finds `Ủy ban nhân dân`.
//   Hits are ranked by BM25 (SQLite) or ts_rank (PostgreSQL); a query matching more than 5,000
//   documents (PostgreSQL: 1,000) is ranked among the most recently stored of them, which keeps
//   search fast on a large store.
// - No clock: times (`at`) come from the caller.
//
//   auto s = store::open("dondoc.db", {.create = true});   // or "postgresql://u@host/db"
//   auto put = (*s)->put_document({.doc = doc, .sha256 = sha, .file_name = "cv.txt",
//                                  .bytes = bytes, .text = text, .at = "2026-05-01T08:00:00"});
//   auto hits = (*s)->search({.text = "uy ban nhan dan", .limit = 10});
//   auto late = (*s)->tasks({.statuses = {TaskStatus::kOpen}, .due_before = Date{2026, 5, 1}});
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/document.h"
#include "core/result.h"

namespace dondoc::store {

enum class Engine { kSqlite, kPostgres };

enum class TaskStatus { kOpen, kInProgress, kDone, kCancelled };
const char* to_string(TaskStatus s);  // "open", "in_progress", "done", "cancelled"
std::optional<TaskStatus> task_status_from_string(std::string_view s);

struct OpenOptions {
  bool create = false;     // create a missing SQLite file (ingest, import); else it is an error
  bool read_only = false;  // commands that only read
  // One of many connections of a long-running process (dondoc serve): SQLite reads through its
  // page cache instead of a memory map, which every connection would map again after each
  // checkpoint grows the file.
  bool pooled = false;
};

// A file to store, with what extraction made of it.
struct NewDocument {
  Document doc;
  std::string sha256;     // hex SHA-256 of bytes
  std::string file_name;  // as the user gave it
  std::string bytes;      // the original file, kept so it can be downloaded again
  std::string text;       // decoded UTF-8 text (searched, shown in snippets)
  std::string at;         // ISO time of ingest
};

enum class PutOutcome { kAdded, kUpdated, kSkipped };  // updated: a new file of a stored document
struct PutResult {
  PutOutcome outcome = PutOutcome::kSkipped;
  int64_t document_id = 0;
  int tasks_added = 0, tasks_updated = 0, tasks_removed = 0;
};

struct DocumentSummary {
  int64_t id = 0;
  std::string identifier;  // "1275-CV/ĐUK"; "" without a number
  DocKind kind = DocKind::kUnknown;
  std::optional<std::string> type, number, symbol, issuer, subject;
  std::optional<int> year;
  std::optional<PartialDate> date;
  std::string sha256, file_name;  // the latest file
  std::string added_at, updated_at;
  // "1275-CV/ĐUK", or "#12" for a document without a number.
  std::string label() const { return identifier.empty() ? "#" + std::to_string(id) : identifier; }
};

struct FileInfo {
  std::string sha256, name, added_at;
  int64_t size = 0;
};

struct StoredDocument {
  DocumentSummary summary;
  Document doc;      // the latest extraction
  std::string text;  // decoded text of the latest file
  std::vector<FileInfo> files;  // every file of this document, oldest first
};

// The most results one listing or search may ask for (a limit is decimal and in [1, kMaxLimit]).
constexpr int kMaxLimit = 1'000'000;

struct DocumentFilter {
  std::string type;    // document type, with or without diacritics ("Công văn", "cong van")
  std::string issuer;  // part of the issuer's name, folded
  std::optional<Date> from, to;  // document date, inclusive
  int limit = 0;       // 0: no limit
};

// One citation of a document, and the stored document it names (when known).
struct CitationLink {
  int64_t document_id = 0;   // the citing document
  std::string document_label;
  std::optional<std::string> document_type;
  Citation citation;
  std::optional<int64_t> target_id;  // the cited document, when stored
  std::string target_label;
};

// The widest query search takes: longer ones (in bytes) or ones with more distinct terms (a word,
// a "phrase", a -word) are refused with a message. A term typed twice counts once.
constexpr size_t kMaxQueryBytes = 1000;
constexpr size_t kMaxQueryTerms = 32;

struct SearchQuery {
  std::string text;  // words (any diacritics), "quoted phrases", -excluded, prefix*; or a symbol
  DocumentFilter filter;
  int limit = 20;
};

struct SearchHit {
  DocumentSummary doc;
  double score = 0;              // higher is better
  bool symbol_match = false;     // the query named this document's number/symbol
  std::string snippet;           // a passage of the text around the matches (original diacritics)
  std::vector<Span> highlights;  // byte ranges of matched words within snippet
};

struct TaskFilter {
  std::optional<int64_t> document_id;
  // Only tasks that name one of these directory units as lead or support (per-unit access).
  std::optional<std::vector<std::string>> unit_ids;
  std::string unit_id;  // a directory unit as lead (and as support with unit_support)
  bool include_rejected = false;  // also tasks a person deleted as false
  std::optional<int64_t> task_id;
  std::string unit;               // part of a lead unit's name or id (any diacritics)
  bool unit_support = false;      // also match supporting units
  std::vector<TaskStatus> statuses;  // empty: any
  std::optional<Date> due_before;    // effective due < date
  std::optional<Date> due_from, due_to;  // effective due in [from, to]
  bool include_absent = false;   // tasks the latest version of their document no longer has
  bool recurring_only = false;   // only recurring duties (task.recurrence set)
  bool parse_deadlines = true;   // fill task.deadlines (deadlines_json is always there)
  int limit = 0;
};

struct TrackedTask {
  int64_t id = 0, document_id = 0;
  std::string document;  // the document's label
  std::optional<std::string> document_type;
  Task task;             // what extraction read (lead, support, action, deadlines, due)
  std::string deadlines_json;  // task.deadlines as codec JSON, for output without re-parsing
  bool present = true;   // false: the latest version of the document no longer has it
  TaskStatus status = TaskStatus::kOpen;
  std::optional<Date> done_on;
  std::optional<Date> due_override;       // set by a person
  std::vector<std::string> lead_override; // set by a person; empty: none
  // Directory units of leads(), aligned with it ("" for a name that resolves to no unit).
  std::vector<std::string> lead_ids;
  std::optional<Date> due_anchor;  // from the date a clerk gave a relative deadline's anchor
  bool manual = false;             // added by a person
  bool rejected = false;           // deleted by a person as a false task
  // Fields a person corrected (action, support, report_to): already applied to `task`; the
  // JSON object as typed, so views can tell typed from extracted.
  std::optional<std::string> corrected;
  std::string updated_at;
  // Recurring duties ("trước ngày 25 hằng tháng"): the occurrence that is next as of the day the
  // caller asks about (track::roll_recurring); task.due is the first one.
  std::optional<Date> occurrence;

  std::optional<Date> due() const {
    return due_override ? due_override : occurrence ? occurrence : task.due ? task.due : due_anchor;
  }
  std::vector<std::string> leads() const;  // lead_override, else the extracted lead names
  std::vector<std::string> supports() const;
};

// A person's change to a task; unset fields are left alone.
struct TaskUpdate {
  std::optional<TaskStatus> status;
  std::optional<std::string> note;
  std::optional<Date> done_on;
  std::optional<Date> due;                       // override the extracted due date
  bool clear_due = false;                        // back to the extracted due date
  std::optional<std::vector<std::string>> lead;  // reassign (empty vector: back to extracted)
  std::string at;                                // ISO time of the change
};

struct TaskEvent {
  std::string at, kind;  // created, extracted, status, note, done_on, due, lead, correct, attachment
  std::optional<std::string> old_value, new_value;
};

// Whole-store records, for export/import (JSON Lines in track) and moving between engines.
struct FileRecord {
  FileInfo info;
  std::string content;
};
struct DocumentRecord {
  DocumentSummary summary;  // id, added_at, updated_at are kept on import
  std::string extracted;    // codec JSON of the latest extraction, verbatim
  std::string text;
  std::vector<FileRecord> files;
};
struct TaskRecord {
  TrackedTask task;  // id, document_id, ref and the person's fields
  std::string extracted;  // codec JSON of the task, verbatim
  std::vector<TaskEvent> events;
};
using Record = std::variant<DocumentRecord, TaskRecord>;

// Accounts of the web service; the password only as its Argon2id hash.
struct User {
  int64_t id = 0;
  std::string username, role, unit_id, password_hash, created_at, updated_at;
};
// A signed-in session, known by the SHA-256 of its cookie value.
struct Session {
  std::string id_hash;
  int64_t user_id = 0;
  std::string csrf_token, created_at, expires_at;
};

// One change, as the audit log keeps it (append-only).
struct AuditEntry {
  int64_t id = 0;
  std::string at, actor, role, address, action, object_type, object_id;
  std::optional<std::string> before, after;  // JSON
};
struct AuditFilter {
  std::string actor, action, object_type, object_id;
  std::string from, to;  // ISO times or dates, inclusive ("2026-05-01" covers the whole day)
  int64_t before_id = 0;  // paging: entries older than this id
  int limit = 0;
};

// The unit directory (Đơn vị).
struct Unit {
  std::string id, name, parent_id;
  bool active = true;
  std::vector<std::string> aliases;  // every other way it is written
};
// A name written in tasks that resolves to no unit.
struct UnresolvedName {
  std::string name;
  int64_t tasks = 0;
};

// What a person corrected, for quality counts.
struct Correction {
  int64_t id = 0;
  std::string at, actor;
  int64_t document_id = 0;
  std::optional<int64_t> task_id;
  std::string field, kind;  // kind: change, add, delete
  std::optional<std::string> before, after;
};

struct AttachmentInfo {
  int64_t id = 0, task_id = 0, size = 0;
  std::string name, added_at, added_by;
};

struct Anchor {
  std::string anchor;  // as written ("diễn tập chính thức")
  Date date;
};
class Store {
 public:
  virtual ~Store() = default;
  virtual Engine engine() const = 0;
  virtual std::string location() const = 0;  // path or URL without the password
  // False once the connection to a database server is known to be gone (the server restarted,
  // the network dropped): a pool drops this store and opens another. An embedded store is
  // always usable.
  virtual bool usable() { return true; }

  virtual Result<PutResult> put_document(const NewDocument& d) = 0;
  virtual Result<bool> has_file(const std::string& sha256) = 0;
  virtual Result<std::vector<DocumentSummary>> documents(const DocumentFilter& f) = 0;
  virtual Result<std::optional<StoredDocument>> document(int64_t id) = 0;
  // Documents whose identifier is `ident` (with or without diacritics, `Đ` or `D`).
  virtual Result<std::vector<DocumentSummary>> find_identifier(const std::string& ident) = 0;
  virtual Result<std::optional<FileRecord>> file(const std::string& sha256) = 0;
  virtual Result<std::vector<CitationLink>> citations_from(int64_t document_id) = 0;
  virtual Result<std::vector<CitationLink>> cited_by(int64_t document_id) = 0;

  virtual Result<std::vector<SearchHit>> search(const SearchQuery& q) = 0;

  virtual Result<std::vector<TrackedTask>> tasks(const TaskFilter& f) = 0;
  virtual Result<TrackedTask> update_task(int64_t id, const TaskUpdate& u) = 0;
  virtual Result<std::vector<TaskEvent>> task_history(int64_t id) = 0;

  // Export: every document (with files), then every task (with history), in id order.
  virtual Status dump(const std::function<Status(const DocumentRecord&)>& on_document,
                      const std::function<Status(const TaskRecord&)>& on_task) = 0;
  // Import into an empty store, keeping ids; one transaction for everything. `next` gives the
  // records in dump order (documents before the tasks that belong to them), nullopt at the end.
  virtual Status restore(const std::function<Result<std::optional<Record>>()>& next) = 0;
  virtual Result<int64_t> count_documents() = 0;

  // Runs f in one transaction (store operations inside join it): a change and its audit row
  // are stored together or not at all.
  virtual Status atomically(const std::function<Status()>& f) = 0;

  // Key-value settings of the store (dondoc_meta).
  virtual Result<std::optional<std::string>> meta(const std::string& key) = 0;
  virtual Status set_meta(const std::string& key, const std::string& value) = 0;

  // Accounts and sessions.
  virtual Result<std::vector<User>> users() = 0;
  virtual Result<std::optional<User>> user(const std::string& username) = 0;  // any case
  virtual Result<User> add_user(const User& u) = 0;  // kConflict when the name is taken
  virtual Status update_user(const User& u) = 0;     // role, unit, hash, updated_at by id
  virtual Status remove_user(int64_t id) = 0;        // with its sessions
  virtual Status add_session(const Session& s) = 0;
  // The session and its user, when it exists and has not expired at `now`.
  virtual Result<std::optional<std::pair<Session, User>>> session(const std::string& id_hash,
                                                                  const std::string& now) = 0;
  virtual Status remove_session(const std::string& id_hash) = 0;
  virtual Status remove_sessions(int64_t user_id) = 0;
  virtual Status add_login_failure(const std::string& key, const std::string& at) = 0;
  virtual Result<int64_t> login_failures(const std::string& key, const std::string& since) = 0;
  virtual Status clear_login_failures(const std::string& key) = 0;

  virtual Status append_audit(const AuditEntry& e) = 0;
  virtual Result<std::vector<AuditEntry>> audit(const AuditFilter& f) = 0;

  // The unit directory. put_unit adds or replaces (aliases included) and resolves the task names
  // its aliases match; map_name makes `name` one more alias of a unit, for every task with it.
  virtual Result<std::vector<Unit>> units() = 0;
  virtual Status put_unit(const Unit& u) = 0;
  virtual Status map_name(const std::string& name, const std::string& unit_id) = 0;
  virtual Result<std::vector<UnresolvedName>> unresolved_names() = 0;

  // Corrections: header fields and citations of a document (JSON object of typed values, merged
  // over what was extracted), a task's fields, tasks added or deleted by a person.
  virtual Status set_document_corrections(int64_t id, const std::string& json, const std::string& at) = 0;
  virtual Result<std::optional<std::string>> document_corrections(int64_t id) = 0;
  virtual Status set_task_corrections(int64_t id, const std::optional<std::string>& json, const std::string& at) = 0;
  virtual Result<int64_t> add_manual_task(int64_t document_id, const Task& t, const std::string& at) = 0;
  virtual Status reject_task(int64_t id, bool rejected, const std::string& at) = 0;
  virtual Status add_correction(const Correction& c) = 0;
  virtual Result<std::vector<Correction>> corrections(const std::string& since) = 0;

  // Anchors of relative deadlines: the date a clerk entered, and the due dates it gives.
  virtual Status set_anchor(int64_t document_id, const Anchor& a) = 0;
  virtual Result<std::vector<Anchor>> anchors(int64_t document_id) = 0;
  virtual Status set_due_anchor(int64_t task_id, const std::optional<Date>& due) = 0;

  virtual Result<int64_t> add_attachment(int64_t task_id, const std::string& name, const std::string& content,
                                         const std::string& at, const std::string& by) = 0;
  virtual Result<std::vector<AttachmentInfo>> attachments(int64_t task_id) = 0;
  virtual Result<std::optional<std::pair<AttachmentInfo, std::string>>> attachment(int64_t id) = 0;

  virtual Status add_feed_token(const std::string& token_hash, const std::string& unit_id, const std::string& at,
                                const std::string& by) = 0;
  // Revokes every feed token of a unit (their URLs answer 404); how many there were.
  virtual Result<int64_t> remove_feed_tokens(const std::string& unit_id) = 0;
  virtual Result<std::optional<std::string>> feed_unit(const std::string& token_hash) = 0;  // the unit id
};

// `location`: an SQLite path, or a postgresql:// (postgres://) URL.
Result<std::unique_ptr<Store>> open(const std::string& location, const OpenOptions& opts = {});

// The schema version this build writes (the highest migration number).
int schema_version(Engine e);

// The document with the header fields and citations people typed (a JSON object of
// extraction.md keys) over what was extracted; spans of typed fields dropped.
Result<Document> with_corrections(const Document& doc, const std::optional<std::string>& corrected);

// Folded look-up key (lower case, no tones, đ -> d, spaces dropped): "1275-CV/ĐUK" -> "1275-cv/duk".
std::string identifier_key(std::string_view identifier);

}  // namespace dondoc::store
