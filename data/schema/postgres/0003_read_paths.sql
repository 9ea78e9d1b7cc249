-- dondoc store, PostgreSQL dialect, migration 3: what the web service reads most, cheaper. No
-- SQLite twin: FTS5 keeps its own index, and SQLite reads a task row as cheaply as an index entry.
--
-- The search vector stays in the row. A document's tsvector is about 2.5 KB compressed, past the
-- 2 KB at which PostgreSQL moves a value to the TOAST table; every row a search looked at
-- (matching, then ts_rank) was fetched through the TOAST index in two chunks and decompressed.
-- STORAGE MAIN keeps it compressed in the row (moved out only when the row would not fit a
-- page): the 12 load-test searches over 10,000 documents took 16 ms each, 6 ms after. The stored
-- rows are rewritten once (the generated column is computed again on UPDATE).
ALTER TABLE documents ALTER COLUMN fts SET STORAGE MAIN;
UPDATE documents SET body = body;

-- Task lists (a unit's open or overdue tasks, in due order) filter and sort the unit's tasks on
-- these columns before reading the 100 rows shown: with them in an index, from the index alone.
CREATE INDEX tasks_list_keys ON tasks (id) INCLUDE (present, rejected, status, due_eff, document_id, ord);
