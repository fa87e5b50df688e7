-- Substring search on customer names that stays fast with a million customers: an FTS5 trigram
-- index over Customer.searchName, kept in step by triggers (imports write with raw statements, so
-- triggers rather than application code). Prisma's schema does not describe virtual tables; the
-- migrations test leaves "CustomerNameSearch*" out of its comparison for that reason.
-- The index refers to Customer rows by rowid: after a VACUUM (which may renumber rowids of tables
-- without an INTEGER PRIMARY KEY) run INSERT INTO "CustomerNameSearch"("CustomerNameSearch") VALUES ('rebuild').
CREATE VIRTUAL TABLE "CustomerNameSearch" USING fts5("searchName", content='Customer', content_rowid='rowid', tokenize='trigram');
INSERT INTO "CustomerNameSearch"("CustomerNameSearch") VALUES ('rebuild');

CREATE TRIGGER "Customer_search_insert" AFTER INSERT ON "Customer" BEGIN
  INSERT INTO "CustomerNameSearch"(rowid, "searchName") VALUES (new.rowid, new."searchName");
END;
CREATE TRIGGER "Customer_search_delete" AFTER DELETE ON "Customer" BEGIN
  INSERT INTO "CustomerNameSearch"("CustomerNameSearch", rowid, "searchName") VALUES ('delete', old.rowid, old."searchName");
END;
CREATE TRIGGER "Customer_search_update" AFTER UPDATE OF "searchName" ON "Customer" BEGIN
  INSERT INTO "CustomerNameSearch"("CustomerNameSearch", rowid, "searchName") VALUES ('delete', old.rowid, old."searchName");
  INSERT INTO "CustomerNameSearch"(rowid, "searchName") VALUES (new.rowid, new."searchName");
END;
