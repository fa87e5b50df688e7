-- Customer search by whole words, beside the trigram index of migration 0025: the folded name split
-- into words (FTS5's unicode61 tokenizer on text already folded), and the e-mail before the "@" as
-- one word, its dots, dashes, underscores and "+" left out ("jonas.kaz" is looked up as "jonaskaz").
-- A word typed is looked up as the start of a word of the name or e-mail ("petr" → "Petrauskas"),
-- one short list per word, so "Jonas Petrauskas" among a million customers reads a few thousand
-- entries rather than the trigram lists of "jon", "nas", "kas", … that hold most of the base; the
-- trigram index then finds what is inside a word, when the words found are fewer than wanted.
--
-- Contentless and kept in step by the same triggers as "CustomerSearch" (one definition of what is
-- indexed: "CustomerSearchRefresh"); like it, it refers to customers by rowid (after a VACUUM, run
-- DELETE FROM "CustomerSearchWords" too before refreshing).
CREATE VIRTUAL TABLE "CustomerSearchWords" USING fts5("name", "email", content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0');

DROP TRIGGER "CustomerSearchRefresh_insert";
CREATE TRIGGER "CustomerSearchRefresh_insert" INSTEAD OF INSERT ON "CustomerSearchRefresh" BEGIN
  DELETE FROM "CustomerSearch" WHERE rowid = (SELECT rowid FROM "Customer" WHERE "id" = new."customerId");
  DELETE FROM "CustomerSearchWords" WHERE rowid = (SELECT rowid FROM "Customer" WHERE "id" = new."customerId");
  INSERT INTO "CustomerSearch" (rowid, "name", "phone", "email", "code")
  SELECT c.rowid,
    till_search_name(c."name"),
    trim(COALESCE(replace(c."phone", '+', ''), '')
      || ' ' || COALESCE((SELECT group_concat(replace(p."phone", '+', ''), ' ') FROM "CustomerPhone" p WHERE p."customerId" = c."id"), '')
      || ' ' || COALESCE((SELECT group_concat(replace(k."phone", '+', ''), ' ') FROM "CustomerContact" k WHERE k."customerId" = c."id" AND k."phone" IS NOT NULL), '')),
    COALESCE(substr(c."email", 1, instr(c."email", '@') - 1), ''),
    lower(trim(COALESCE((SELECT group_concat(k."code", ' ') FROM "CustomerCard" k WHERE k."customerId" = c."id"), '') || ' ' || COALESCE(c."companyCode", '') || ' ' || COALESCE(c."vatCode", '')))
  FROM "Customer" c WHERE c."id" = new."customerId" AND c."mergedIntoId" IS NULL;
  INSERT INTO "CustomerSearchWords" (rowid, "name", "email")
  SELECT c.rowid, till_search_name(c."name"), replace(replace(replace(replace(COALESCE(substr(c."email", 1, instr(c."email", '@') - 1), ''), '.', ''), '-', ''), '_', ''), '+', '')
  FROM "Customer" c WHERE c."id" = new."customerId" AND c."mergedIntoId" IS NULL;
END;

DROP TRIGGER "Customer_search_delete";
CREATE TRIGGER "Customer_search_delete" AFTER DELETE ON "Customer" BEGIN
  DELETE FROM "CustomerSearch" WHERE rowid = old.rowid;
  DELETE FROM "CustomerSearchWords" WHERE rowid = old.rowid;
END;

INSERT INTO "CustomerSearchWords" (rowid, "name", "email")
SELECT c.rowid, till_search_name(c."name"), replace(replace(replace(replace(COALESCE(substr(c."email", 1, instr(c."email", '@') - 1), ''), '.', ''), '-', ''), '_', ''), '+', '')
FROM "Customer" c WHERE c."mergedIntoId" IS NULL;
