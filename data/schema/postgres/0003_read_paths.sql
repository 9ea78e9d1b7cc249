-- dondoc store, PostgreSQL dialect, migration 3: what the web service reads most, cheaper. No
-- SQLite twin: FTS5 keeps its own index.
--
-- The search vector stays in the row. A document's tsvector is about 2.5 KB compressed, past the
-- 2 KB at which PostgreSQL moves a value to the TOAST table; every row a search looked at
-- (matching, then ts_rank) was fetched through the TOAST index in two chunks and decompressed.
-- STORAGE MAIN keeps it compressed in the row (moved out only when the row would not fit a
-- page): the 12 load-test searches over 10,000 documents took 16 ms each, 6 ms after. The stored
-- rows are rewritten once (the generated column is computed again on UPDATE).
ALTER TABLE documents ALTER COLUMN fts SET STORAGE MAIN;
UPDATE documents SET body = body;
