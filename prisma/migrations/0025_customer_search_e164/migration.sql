-- Phones are stored in E.164: the digits with the country code they were stored as, with "+".
UPDATE "Customer" SET "phone" = '+' || "phone" WHERE "phone" IS NOT NULL AND "phone" NOT LIKE '+%';
UPDATE "CustomerPhone" SET "phone" = '+' || "phone" WHERE "phone" NOT LIKE '+%';
UPDATE "CustomerContact" SET "phone" = '+' || "phone" WHERE "phone" IS NOT NULL AND "phone" NOT LIKE '+%';

-- Customer search, the way cashiers ask: one trigram index (FTS5) over what a customer is found by,
-- each in its column: the name folded (case, diacritics, ё) with its CJK characters and pairs as
-- tokens of their own (till_search_name, server/db/search-functions.ts), every phone's digits (the
-- customer's, other phones, contact persons'), the e-mail before the "@", and cards and company and
-- VAT codes in lower case. Any part of three characters or more matches; words in any order are
-- separate phrases. It replaces the name-only index of migration 0008.
--
-- Contentless (it stores no copy of the text) and kept in step by triggers, since imports and sync
-- write with raw statements. The triggers call till_search_name, which the server registers on its
-- connections: a tool that writes customers without it fails ("no such function") rather than
-- leaving the index behind. Merged customers are not in it. The index refers to customers by
-- rowid: after a VACUUM, run DELETE FROM "CustomerSearch"; INSERT INTO "CustomerSearchRefresh" SELECT "id" FROM "Customer".
DROP TRIGGER "Customer_search_insert";
DROP TRIGGER "Customer_search_delete";
DROP TRIGGER "Customer_search_update";
DROP TABLE "CustomerNameSearch";

CREATE VIRTUAL TABLE "CustomerSearch" USING fts5("name", "phone", "email", "code", content='', contentless_delete=1, tokenize='trigram');

-- Inserting a customer's id here writes their entry anew: the one definition of what is indexed.
CREATE VIEW "CustomerSearchRefresh" AS SELECT "id" AS "customerId" FROM "Customer" WHERE 0;
CREATE TRIGGER "CustomerSearchRefresh_insert" INSTEAD OF INSERT ON "CustomerSearchRefresh" BEGIN
  DELETE FROM "CustomerSearch" WHERE rowid = (SELECT rowid FROM "Customer" WHERE "id" = new."customerId");
  INSERT INTO "CustomerSearch" (rowid, "name", "phone", "email", "code")
  SELECT c.rowid,
    till_search_name(c."name"),
    trim(COALESCE(replace(c."phone", '+', ''), '')
      || ' ' || COALESCE((SELECT group_concat(replace(p."phone", '+', ''), ' ') FROM "CustomerPhone" p WHERE p."customerId" = c."id"), '')
      || ' ' || COALESCE((SELECT group_concat(replace(k."phone", '+', ''), ' ') FROM "CustomerContact" k WHERE k."customerId" = c."id" AND k."phone" IS NOT NULL), '')),
    COALESCE(substr(c."email", 1, instr(c."email", '@') - 1), ''),
    lower(trim(COALESCE((SELECT group_concat(k."code", ' ') FROM "CustomerCard" k WHERE k."customerId" = c."id"), '') || ' ' || COALESCE(c."companyCode", '') || ' ' || COALESCE(c."vatCode", '')))
  FROM "Customer" c WHERE c."id" = new."customerId" AND c."mergedIntoId" IS NULL;
END;

CREATE TRIGGER "Customer_search_insert" AFTER INSERT ON "Customer" BEGIN
  INSERT INTO "CustomerSearchRefresh" VALUES (new."id");
END;
CREATE TRIGGER "Customer_search_update" AFTER UPDATE OF "name", "phone", "email", "companyCode", "vatCode", "mergedIntoId" ON "Customer" BEGIN
  INSERT INTO "CustomerSearchRefresh" VALUES (new."id");
END;
CREATE TRIGGER "Customer_search_delete" AFTER DELETE ON "Customer" BEGIN
  DELETE FROM "CustomerSearch" WHERE rowid = old.rowid;
END;
CREATE TRIGGER "CustomerCard_search_insert" AFTER INSERT ON "CustomerCard" BEGIN
  INSERT INTO "CustomerSearchRefresh" VALUES (new."customerId");
END;
CREATE TRIGGER "CustomerCard_search_update" AFTER UPDATE ON "CustomerCard" BEGIN
  INSERT INTO "CustomerSearchRefresh" VALUES (old."customerId");
  INSERT INTO "CustomerSearchRefresh" SELECT new."customerId" WHERE new."customerId" <> old."customerId";
END;
CREATE TRIGGER "CustomerCard_search_delete" AFTER DELETE ON "CustomerCard" BEGIN
  INSERT INTO "CustomerSearchRefresh" VALUES (old."customerId");
END;
CREATE TRIGGER "CustomerPhone_search_insert" AFTER INSERT ON "CustomerPhone" BEGIN
  INSERT INTO "CustomerSearchRefresh" VALUES (new."customerId");
END;
CREATE TRIGGER "CustomerPhone_search_update" AFTER UPDATE ON "CustomerPhone" BEGIN
  INSERT INTO "CustomerSearchRefresh" VALUES (old."customerId");
  INSERT INTO "CustomerSearchRefresh" SELECT new."customerId" WHERE new."customerId" <> old."customerId";
END;
CREATE TRIGGER "CustomerPhone_search_delete" AFTER DELETE ON "CustomerPhone" BEGIN
  INSERT INTO "CustomerSearchRefresh" VALUES (old."customerId");
END;
CREATE TRIGGER "CustomerContact_search_insert" AFTER INSERT ON "CustomerContact" BEGIN
  INSERT INTO "CustomerSearchRefresh" VALUES (new."customerId");
END;
CREATE TRIGGER "CustomerContact_search_update" AFTER UPDATE ON "CustomerContact" BEGIN
  INSERT INTO "CustomerSearchRefresh" VALUES (old."customerId");
  INSERT INTO "CustomerSearchRefresh" SELECT new."customerId" WHERE new."customerId" <> old."customerId";
END;
CREATE TRIGGER "CustomerContact_search_delete" AFTER DELETE ON "CustomerContact" BEGIN
  INSERT INTO "CustomerSearchRefresh" VALUES (old."customerId");
END;

INSERT INTO "CustomerSearchRefresh" SELECT "id" FROM "Customer";
