-- dondoc store, SQLite dialect, migration 1: documents, their files, citations, tracked tasks,
-- task history and the full-text index. The PostgreSQL twin is data/schema/postgres/0001_init.sql;
-- both must describe the same tables and columns.
--
-- Columns ending in _key hold folded text (lower case, no tones, đ -> d) computed by the store,
-- so look-ups work with or without diacritics. Dates are ISO text (YYYY-MM-DD, or YYYY-MM /
-- YYYY for partial document dates). Times (added_at, at) are ISO text given by the caller.

-- One row per document (not per file): a scan and a Word copy of the same document share it.
CREATE TABLE documents (
  id          INTEGER PRIMARY KEY,
  identity    TEXT NOT NULL UNIQUE,     -- ident_key|date|issuer_key, or sha:<sha256> without a number
  identifier  TEXT NOT NULL DEFAULT '', -- as people write it: 1275-CV/ĐUK, 30/2020/NĐ-CP
  ident_key   TEXT NOT NULL DEFAULT '', -- folded identifier: 1275-cv/duk
  cite_key    TEXT NOT NULL DEFAULT '', -- number|symbol|year, how citations find this document
  kind        TEXT NOT NULL,            -- party, state, unknown
  type        TEXT,
  type_key    TEXT NOT NULL DEFAULT '',
  number      TEXT,
  symbol      TEXT,
  year        INTEGER,
  issuer      TEXT,
  issuer_key  TEXT NOT NULL DEFAULT '',
  date        TEXT,
  subject     TEXT,
  sha256      TEXT NOT NULL,            -- the file of the latest version
  file_name   TEXT NOT NULL,
  body        TEXT NOT NULL,            -- decoded text of the latest version
  extracted   TEXT NOT NULL,            -- codec JSON of the latest extraction
  added_at    TEXT NOT NULL,
  updated_at  TEXT NOT NULL
);
CREATE INDEX documents_ident_key ON documents(ident_key);
CREATE INDEX documents_cite_key ON documents(cite_key);
CREATE INDEX documents_date ON documents(date);

-- Every distinct file ever ingested, kept whole so it can be downloaded again.
CREATE TABLE files (
  sha256      TEXT PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  name        TEXT NOT NULL,
  size        INTEGER NOT NULL,
  content     BLOB NOT NULL,
  added_at    TEXT NOT NULL
);
CREATE INDEX files_document ON files(document_id);

-- What each document cites; target_id links to the stored document once it is known.
CREATE TABLE citations (
  id          INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  ord         INTEGER NOT NULL,
  type        TEXT NOT NULL,
  number      TEXT,
  symbol      TEXT,
  year        INTEGER,
  date        TEXT,
  issuer      TEXT,
  text        TEXT NOT NULL,
  cite_key    TEXT NOT NULL,
  target_id   INTEGER REFERENCES documents(id) ON DELETE SET NULL
);
CREATE INDEX citations_document ON citations(document_id);
CREATE INDEX citations_cite_key ON citations(cite_key);
CREATE INDEX citations_target ON citations(target_id);

-- Tracked tasks. A task is (document, ref): re-ingesting a document updates the machine's
-- columns (extracted .. due) and never the person's (status .. lead_override).
CREATE TABLE tasks (
  id            INTEGER PRIMARY KEY,
  document_id   INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  ref           TEXT NOT NULL,
  ord           INTEGER NOT NULL,
  doc_label     TEXT NOT NULL,              -- the document's identifier or #id, and its type,
  doc_type      TEXT,                       -- copied so task lists need not read documents
  present       INTEGER NOT NULL DEFAULT 1, -- 0: the latest version no longer has this task
  extracted     TEXT NOT NULL,              -- codec JSON of the task
  action        TEXT NOT NULL,
  lead          TEXT NOT NULL,              -- names, one per line
  support       TEXT NOT NULL,              -- names, one per line
  deadlines     TEXT NOT NULL,              -- codec JSON array
  due           TEXT,                       -- resolved due date from extraction
  status        TEXT NOT NULL DEFAULT 'open',
  done_on       TEXT,
  due_override  TEXT,
  lead_override TEXT,                       -- names, one per line, when a person reassigned it
  due_eff       TEXT,                       -- COALESCE(due_override, due), kept by the store
  recur         TEXT,                       -- recurring duty: "monthly/1" (freq/interval), else NULL
  updated_at    TEXT NOT NULL,
  UNIQUE (document_id, ref)
);
CREATE INDEX tasks_status_due ON tasks(status, due_eff);
CREATE INDEX tasks_recurring ON tasks(status) WHERE recur IS NOT NULL;

-- The units a task names (lead/support), for per-unit views.
CREATE TABLE task_units (
  task_id  INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
  role     TEXT NOT NULL,   -- lead, support
  name     TEXT NOT NULL,
  name_key TEXT NOT NULL,   -- folded name, for look-ups by part of the name
  unit_key TEXT NOT NULL    -- directory id, else folded name
);
CREATE INDEX task_units_task ON task_units(task_id);
CREATE INDEX task_units_key ON task_units(unit_key);

-- History: creation, machine changes on re-ingest, and every change a person made.
CREATE TABLE task_events (
  id        INTEGER PRIMARY KEY,
  task_id   INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
  at        TEXT NOT NULL,
  kind      TEXT NOT NULL,  -- created, extracted, status, note, done_on, due, lead
  old_value TEXT,
  new_value TEXT
);
CREATE INDEX task_events_task ON task_events(task_id);

-- Full-text index over folded text (FTS5 does not fold đ): head = identifier, type, issuer,
-- subject; body = the text. Contentless: the store deletes with the same folded values.
CREATE VIRTUAL TABLE documents_fts USING fts5(head, body, content='',
  tokenize='unicode61 remove_diacritics 0');
