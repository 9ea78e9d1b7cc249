#pragma once
// service: the use cases of dondoc, one home for every front end (the CLI, the HTTP API, the web
// UI), so that they can never disagree. Each use case takes the Actor who acts and checks there
// what that actor may do: a unit sees and updates only its unit's tasks (lead or support); a
// clerk ingests, corrects documents and assigns tasks; a leader reads everything and changes
// nothing; an admin also manages accounts and the unit directory. The command line acts as a
// local admin. Every change is written together with its audit row.
//
//   auto st = service::open_store("dondoc.db", {.create = true});
//   service::Service svc(**st, {.today = Date{2026, 5, 1}, .now = "2026-05-01T08:00:00Z"});
//   auto tasks = svc.list_tasks(service::Actor::local(), {.overdue = true});
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "calendar/calendar.h"
#include "core/document.h"
#include "core/result.h"
#include "ingest/ingest.h"
#include "ingest/walk.h"
#include "pipeline/pipeline.h"
#include "restore/restore.h"
#include "rules/rules.h"
#include "store/store.h"
#include "track/track.h"

namespace dondoc::service {

enum class Role { kAdmin, kClerk, kLeader, kUnit };
const char* to_string(Role r);  // "admin", "clerk", "leader", "unit"
std::optional<Role> role_from_string(std::string_view s);
const char* role_label(Role r);  // Vietnamese

struct Actor {
  std::string username;  // "" for the local command line
  Role role = Role::kAdmin;
  std::string unit;      // directory unit id, for Role::kUnit
  std::string address;   // the client's address, for the audit log
  static Actor local();  // the command line: an admin on this machine
  std::string name() const { return username.empty() ? "(dòng lệnh)" : username; }
  bool reads_everything() const { return role != Role::kUnit; }
  bool edits_documents() const { return role == Role::kAdmin || role == Role::kClerk; }
};

// "today" and "now" come from the front end (the CLI's --as-of, the server's clock).
struct Clock {
  Date today;
  std::string now;  // ISO time, UTC: "2026-05-01T08:00:00Z"
  static Clock system();  // the local date and the current UTC time
};

// Opens the store and seeds the unit directory from data/rules/units.tsv the first time.
Result<std::unique_ptr<store::Store>> open_store(const std::string& location, const store::OpenOptions& opts);

// ---- reading files ----

struct LoadedDocument {
  Document doc;
  std::string sha256;
  std::string bytes;      // the file as read
  SourceMapChain raw_map; // decoded text -> file bytes
  std::string text;       // decoded UTF-8 text
};
// The diacritics model: `explicit_path`, else $DONDOC_RESTORE_MODEL, else restore.model next to
// the executable, else /usr/local/share/dondoc/restore.model. The error lists what was tried.
Result<restore::Model> find_restore_model(const std::string& explicit_path = {});
// The default model, loaded once; nullptr (and one note on stderr) when there is none.
const restore::Model* default_restore_model();
// Extraction options for documents read from files: the default model.
pipeline::ExtractOptions file_extract_options();
// bytes -> decode (by content) -> extract; errors carry the message for the user.
// `sha256`: the bytes' hash when the caller has it already, else computed.
Result<LoadedDocument> load_bytes(std::string bytes, const std::string& name, const rules::Rules& rules,
                                  const pipeline::ExtractOptions& opts, const ingest::ReaderContext& ctx,
                                  std::string sha256 = {});
Result<LoadedDocument> load_document(const std::string& path, const rules::Rules& rules,
                                     const pipeline::ExtractOptions& opts, const ingest::ReaderContext& ctx);
// The error of a document whose reading was stopped on request (ctx.cancelled): never stored.
Error cancelled_error(const std::string& name);
// The files under the paths (ingest::collect_files: folders walked in name order, every file
// that cannot be read or is skipped named with its reason); hidden entries and the store's own
// files (`db` and its -wal/-shm/-journal) left out.
ingest::WalkResult collect_files(const std::vector<std::string>& paths, const std::string& db, bool follow_links = false);

// ---- queries ----

struct TaskQuery {
  std::string unit;          // part of a lead unit's name, or its directory id
  bool support = false;      // `unit` also as supporting unit
  std::vector<store::TaskStatus> statuses;
  bool overdue = false;
  int due_within = -1;       // days; -1: no bound
  std::optional<int64_t> document_id;
  bool all = false;          // also tasks the latest version of their document no longer has
  bool parse_deadlines = true;
  int limit = 0;
};

struct TaskView {
  store::TrackedTask task;
  std::vector<store::TaskEvent> history;
  std::vector<store::AttachmentInfo> attachments;
};

// A person's change to a task. A done date means done; done without a date was done today.
struct TaskChange {
  std::optional<store::TaskStatus> status;
  std::optional<std::string> note;
  std::optional<Date> done_on;
  std::optional<Date> due;
  bool clear_due = false;
  std::optional<std::vector<std::string>> lead;  // empty: back to the extracted lead
  bool empty() const { return !status && !note && !done_on && !due && !clear_due && !lead; }
};

struct DocumentView {
  store::StoredDocument doc;  // header corrections applied to doc.doc
  std::optional<std::string> corrected;  // what people typed (JSON object), when anything
  std::vector<store::TrackedTask> tasks;
  std::vector<store::CitationLink> cites, cited_by;
  std::vector<store::Anchor> anchors;
};

struct IngestOutcome {
  store::PutResult put;
  std::string file;
  std::vector<std::string> warnings;  // reader notes people should see (the OCR budget was reached)
};

struct Rendered {
  std::string bytes, content_type, file_name;
};

// Counts behind the report's charts: on-time rate per unit, overdue counts at the end of each
// of the last months.
struct MonthCount {
  std::string month;  // "2026-04"
  int overdue = 0, done = 0;
};

// One field's quality from real use: extracted values kept, changed, added, deleted by people.
struct FieldQuality {
  std::string field;
  int64_t extracted = 0, kept = 0, changed = 0, added = 0, deleted = 0;
};

class Service {
 public:
  Service(store::Store& st, Clock clock);

  store::Store& store() { return st_; }
  const Clock& clock() const { return clock_; }

  // Documents. A read the context's token stopped (ctx.cancelled) stores nothing: kCancelled.
  Result<IngestOutcome> ingest_bytes(const Actor& a, std::string bytes, const std::string& name,
                                     const ingest::ReaderContext& ctx, const pipeline::ExtractOptions& opts);
  // ingest_bytes in its three steps, for callers that extract on several threads: `screen`
  // refuses what is no document and says whether the bytes are stored already (their SHA-256 in
  // `sha256`); load_bytes extracts (on any thread); `store_loaded` stores the result (on the
  // store's one writer thread).
  Result<bool> screen(const Actor& a, const std::string& bytes, const std::string& name, std::string& sha256);
  Result<IngestOutcome> store_loaded(const Actor& a, LoadedDocument loaded, const std::string& name);
  // store_loaded for several documents in one transaction (a commit each costs more than most
  // documents' rows); if that transaction fails, each document is stored on its own, so that a
  // document the store refuses costs only itself. One result per document, in order.
  std::vector<Result<IngestOutcome>> store_loaded(const Actor& a, std::vector<LoadedDocument> loaded,
                                                  const std::vector<std::string>& names);
  // The file is read first, and its bytes skipped before extraction when already stored.
  Result<IngestOutcome> ingest_file(const Actor& a, const std::string& path, const ingest::ReaderContext& ctx,
                                    const pipeline::ExtractOptions& opts);
  Result<std::vector<store::DocumentSummary>> list_documents(const Actor& a, const store::DocumentFilter& f);
  // "ID", "#ID" or a number and symbol ("1275-CV/ĐUK"): kNotFound, or kConflict listing the
  // documents that share the number.
  Result<int64_t> find_document(const Actor& a, const std::string& ref);
  Result<DocumentView> document(const Actor& a, int64_t id);
  Result<store::FileRecord> document_file(const Actor& a, int64_t id);
  Result<std::vector<store::SearchHit>> search(const Actor& a, const store::SearchQuery& q);

  // Tasks.
  Result<std::vector<store::TrackedTask>> list_tasks(const Actor& a, const TaskQuery& q);
  Result<TaskView> task(const Actor& a, int64_t id);
  Result<TaskView> update_task(const Actor& a, int64_t id, const TaskChange& c);
  Result<std::vector<track::Reminder>> reminders(const Actor& a, int within, const std::string& unit);
  Result<int64_t> attach(const Actor& a, int64_t task_id, const std::string& name, const std::string& content);
  Result<std::pair<store::AttachmentInfo, std::string>> attachment(const Actor& a, int64_t id);

  // Reports: md, csv, xlsx, ics; `unit` keeps the tasks that unit leads; a period (from, to)
  // keeps the tasks due in it (a quarter's report: the quarter's first and last day).
  struct Period {
    std::optional<Date> from, to;
  };
  Result<Rendered> report(const Actor& a, const std::string& format, const std::string& unit, const Period& p = {});
  Result<track::Report> report_data(const Actor& a, const std::string& unit, const Period& p = {});
  Result<std::vector<MonthCount>> report_months(const Actor& a, int months);
  // iCalendar of one unit's open tasks, for a feed (the token was checked by the caller).
  Result<std::string> unit_calendar(const std::string& unit_id);
  // The secret token of a new feed URL; the unit's earlier feed URLs are revoked.
  Result<std::string> create_feed(const Actor& a, const std::string& unit_id);
  Result<std::optional<std::string>> feed_unit(const std::string& token);

  // Corrections: header fields and citations ({"subject": "...", "citations": [...]}), task
  // fields, tasks added or deleted; anchors of relative deadlines.
  Result<DocumentView> correct_document(const Actor& a, int64_t id, const nlohmann::json& fields);
  Result<TaskView> correct_task(const Actor& a, int64_t id, const nlohmann::json& fields);
  Result<TaskView> add_task(const Actor& a, int64_t document_id, const nlohmann::json& fields);
  Status delete_task(const Actor& a, int64_t id);
  Result<DocumentView> set_anchor(const Actor& a, int64_t document_id, const std::string& anchor, const Date& date);
  Result<std::vector<FieldQuality>> quality(const Actor& a, const std::string& since);
  // Every corrected document, its text and the corrected values, as eval/score.py gold files.
  Result<std::vector<std::pair<std::string, nlohmann::ordered_json>>> gold_documents(const Actor& a);

  // The unit directory.
  Result<std::vector<store::Unit>> units(const Actor& a);
  Status put_unit(const Actor& a, const store::Unit& u);
  Status map_name(const Actor& a, const std::string& name, const std::string& unit_id);
  Result<std::vector<store::UnresolvedName>> unresolved_names(const Actor& a);
  Result<track::UnitNames> unit_names();
  // The directory unit `name` is (its id, its name or an alias, any diacritics); "" when none.
  Result<std::string> resolve_unit(const std::string& name);

  // Accounts, sessions and the audit log.
  Result<store::User> add_user(const Actor& a, const std::string& name, Role role, const std::string& unit,
                               const std::string& password);
  Status set_password(const Actor& a, const std::string& name, const std::string& password);
  Status remove_user(const Actor& a, const std::string& name);
  Result<std::vector<store::User>> users(const Actor& a);
  struct Login {
    std::string session_id, csrf_token;  // the cookie value and the token for X-CSRF-Token
    store::User user;
  };
  // Wrong name or password: kUnauthorized (the same message for both); too many failures for the
  // account or the address in the last 15 minutes: kThrottled.
  Result<Login> login(const std::string& name, const std::string& password, const std::string& address);
  Status logout(const std::string& session_id);
  // The session's actor and CSRF token; kUnauthorized when unknown or expired.
  Result<std::pair<Actor, std::string>> authenticate(const std::string& session_id, const std::string& address);
  Result<std::vector<store::AuditEntry>> audit(const Actor& a, const store::AuditFilter& f);
  Status record(const Actor& a, const std::string& action, const std::string& object_type, const std::string& object_id,
                const std::optional<nlohmann::ordered_json>& before, const std::optional<nlohmann::ordered_json>& after);

 private:
  Status require_reader(const Actor& a);
  Status require_editor(const Actor& a);
  Status require_admin(const Actor& a);
  Result<store::TrackedTask> visible_task(const Actor& a, int64_t id);
  Status apply_anchors(int64_t document_id);
  // The actor's reach (a unit account: its unit) and a unit asked for (`unit`, any spelling).
  Status scope(store::TaskFilter& f, const Actor& a, const std::string& unit);

  store::Store& st_;
  Clock clock_;
  const calendar::Calendar& cal_;
};

// Password hashing (Argon2id through libsodium) and random tokens.
Result<std::string> hash_password(const std::string& password);
bool verify_password(const std::string& hash, const std::string& password);
std::string random_token(size_t bytes = 32);  // URL-safe base64
std::string sha256_hex(std::string_view s);
// A password may be used: 8 to 1024 bytes of valid UTF-8, not only spaces.
Status check_password(const std::string& password);

}  // namespace dondoc::service
