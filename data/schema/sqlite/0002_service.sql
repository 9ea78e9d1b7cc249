-- dondoc store, SQLite dialect, migration 2: what the web service adds. Accounts and sessions
-- (kept in the store, so several `dondoc serve` processes over one database are one service),
-- login throttling, the append-only audit log, the unit directory (Đơn vị) that every lead,
-- support and report_to resolves to, what people corrected, task attachments, anchor dates of
-- relative deadlines and iCalendar feed tokens. The PostgreSQL twin is
-- data/schema/postgres/0002_service.sql. Times are ISO text in UTC ("2026-05-01T08:00:00Z").

CREATE TABLE users (
  id            INTEGER PRIMARY KEY,
  username      TEXT NOT NULL,
  username_key  TEXT NOT NULL UNIQUE,    -- lower case, for look-ups
  role          TEXT NOT NULL,           -- admin, clerk, leader, unit
  unit_id       TEXT,                    -- role unit: its unit in the directory
  password_hash TEXT NOT NULL,           -- Argon2id (libsodium crypto_pwhash_str)
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL
);

-- A session is known by the SHA-256 of its cookie value; the value itself is never stored.
CREATE TABLE sessions (
  id_hash    TEXT PRIMARY KEY,
  user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

-- Failed logins, per account ("user:<name>") and per address ("addr:<ip>"), for throttling.
CREATE TABLE login_failures (
  id  INTEGER PRIMARY KEY,
  key TEXT NOT NULL,
  at  TEXT NOT NULL
);
CREATE INDEX login_failures_key ON login_failures(key, at);

-- Every change, one row, never updated or deleted: who, when, what, the object, before/after (JSON).
CREATE TABLE audit (
  id          INTEGER PRIMARY KEY,
  at          TEXT NOT NULL,
  actor       TEXT NOT NULL,
  role        TEXT NOT NULL DEFAULT '',
  address     TEXT NOT NULL DEFAULT '',
  action      TEXT NOT NULL,
  object_type TEXT NOT NULL DEFAULT '',
  object_id   TEXT NOT NULL DEFAULT '',
  before      TEXT,
  after       TEXT
);
CREATE INDEX audit_at ON audit(at);
CREATE INDEX audit_object ON audit(object_type, object_id);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;

-- The organisation's units, seeded from data/rules/units.tsv, edited by admins.
CREATE TABLE units (
  id        TEXT PRIMARY KEY,
  name      TEXT NOT NULL,
  parent_id TEXT,
  active    INTEGER NOT NULL DEFAULT 1
);
-- Every way a unit is written (folded), its own name included; a clerk's mapping of an
-- unresolved name is one more row.
CREATE TABLE unit_aliases (
  name_key TEXT PRIMARY KEY,
  name     TEXT NOT NULL,
  unit_id  TEXT NOT NULL REFERENCES units(id) ON DELETE CASCADE
);
CREATE INDEX unit_aliases_unit ON unit_aliases(unit_id);

-- The directory unit a name resolves to (NULL: unresolved); role is lead, support or report_to.
ALTER TABLE task_units ADD COLUMN unit_id TEXT;
ALTER TABLE task_units ADD COLUMN ord INTEGER NOT NULL DEFAULT 0;  -- order within the role
CREATE INDEX task_units_unit ON task_units(unit_id, role, task_id);  -- covering: a unit's task ids
CREATE INDEX task_units_name ON task_units(name_key);
-- The resolved units of the effective leads, one per line, aligned with them ('' unresolved).
ALTER TABLE tasks ADD COLUMN lead_ids TEXT NOT NULL DEFAULT '';
-- Task lists in due order (undated last) read this index and stop at their limit.
CREATE INDEX tasks_due_order ON tasks((due_eff IS NULL), due_eff, document_id, ord);
-- 'person': a task a person added (never removed by re-extraction).
ALTER TABLE tasks ADD COLUMN origin TEXT NOT NULL DEFAULT 'machine';
-- 1: a person deleted it as a false task (hidden, and not brought back by re-extraction).
ALTER TABLE tasks ADD COLUMN rejected INTEGER NOT NULL DEFAULT 0;
-- Fields a person typed (JSON object: action, support, report_to), over what was extracted.
ALTER TABLE tasks ADD COLUMN corrected TEXT;
-- Due date from the anchor of a relative deadline, once a clerk entered the anchor's date.
ALTER TABLE tasks ADD COLUMN due_anchor TEXT;
-- Header fields and citations a person typed (JSON object), over what was extracted.
ALTER TABLE documents ADD COLUMN corrected TEXT;

-- One row per correction, for the office's own precision and recall (dondoc quality).
CREATE TABLE corrections (
  id          INTEGER PRIMARY KEY,
  at          TEXT NOT NULL,
  actor       TEXT NOT NULL,
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  task_id     INTEGER,
  field       TEXT NOT NULL,   -- header.<name>, citations, tasks, lead, support, action, deadline, report_to
  kind        TEXT NOT NULL,   -- change, add, delete
  before      TEXT,
  after       TEXT
);
CREATE INDEX corrections_document ON corrections(document_id);
CREATE INDEX corrections_at ON corrections(at);

-- Files a unit attached to a task (the report it sent).
CREATE TABLE attachments (
  id         INTEGER PRIMARY KEY,
  task_id    INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
  name       TEXT NOT NULL,
  size       INTEGER NOT NULL,
  content    BLOB NOT NULL,
  added_at   TEXT NOT NULL,
  added_by   TEXT NOT NULL
);
CREATE INDEX attachments_task ON attachments(task_id);

-- The date of a relative deadline's anchor ("diễn tập chính thức") in a document.
CREATE TABLE anchors (
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  anchor_key  TEXT NOT NULL,
  anchor      TEXT NOT NULL,
  date        TEXT NOT NULL,
  PRIMARY KEY (document_id, anchor_key)
);

-- Secret tokens of per-unit iCalendar feeds (SHA-256 of the token; the token is shown once).
CREATE TABLE feed_tokens (
  token_hash TEXT PRIMARY KEY,
  unit_id    TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL
);
