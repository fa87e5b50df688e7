-- Head office's product search finds names by their words in any order, as outlets do (a word of
-- three characters or more through trigrams: FTS5's trigram index there, pg_trgm here), so a search
-- among a million names reads only the names that hold its words. Prisma's schema cannot describe
-- an operator class on the composed (SQLite-born) Product model: this index exists in SQL only
-- (prisma/headoffice-migrations.test.ts knows it by name). pg_trgm is a trusted extension: the
-- database's owner may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE INDEX "Product_searchName_trgm" ON "Product" USING gin ("searchName" gin_trgm_ops);
