-- Pushed documents are stored as sent (1-3 KB of JSON each). LZ4 compresses them several times
-- faster than PostgreSQL's default pglz at a similar ratio; the ingest is bound by this (bench/head-office.ts).
ALTER TABLE "SyncedDocument" ALTER COLUMN "payload" SET COMPRESSION lz4;
