-- The catalogue a shop manages (issue 14): variants, scheduled prices and their history, pictures
-- and tile colours, an archivable category tree, and product names searched by words in any order.
-- Written by hand: Prisma's diff rebuilds Product and Category for the new columns (which would
-- also renumber the rowids the name index refers to); adding them is enough.
ALTER TABLE "Category" ADD COLUMN "active" BOOLEAN NOT NULL DEFAULT true;

ALTER TABLE "Product" ADD COLUMN "parentId" TEXT REFERENCES "Product" ("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "Product" ADD COLUMN "options" TEXT;
ALTER TABLE "Product" ADD COLUMN "optionValues" TEXT;
ALTER TABLE "Product" ADD COLUMN "tileColour" TEXT;
ALTER TABLE "Product" ADD COLUMN "nextPriceAt" DATETIME;

DROP INDEX "Product_searchName_idx";
DROP INDEX "Product_categoryId_idx";
CREATE INDEX "Product_searchName_id_idx" ON "Product"("searchName", "id");
CREATE INDEX "Product_categoryId_searchName_id_idx" ON "Product"("categoryId", "searchName", "id");
CREATE INDEX "Product_price_id_idx" ON "Product"("price", "id");
CREATE INDEX "Product_updatedAt_id_idx" ON "Product"("updatedAt", "id");
CREATE INDEX "Product_parentId_idx" ON "Product"("parentId");
CREATE INDEX "Product_nextPriceAt_idx" ON "Product"("nextPriceAt");

CREATE TABLE "PriceChange" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "productId" TEXT NOT NULL,
    "price" INTEGER NOT NULL,
    "previousPrice" INTEGER,
    "effectiveAt" DATETIME NOT NULL,
    "appliedAt" DATETIME,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX "PriceChange_productId_effectiveAt_idx" ON "PriceChange"("productId", "effectiveAt");
CREATE INDEX "PriceChange_effectiveAt_idx" ON "PriceChange"("effectiveAt");

CREATE TABLE "ProductPicture" (
    "productId" TEXT NOT NULL PRIMARY KEY,
    "dataUrl" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- Barcodes in the one form scanning looks them up in (shared/barcodes.ts normaliseBarcode): the
-- demo data stored the extra UPC-A code of every 17th product as 12 digits, which a scan (13
-- digits) never found. A 12-digit code whose 13-digit form is stored already is that code twice.
DELETE FROM "Barcode" WHERE length("code") = 12 AND "code" NOT GLOB '*[^0-9]*' AND ('0' || "code") IN (SELECT "code" FROM "Barcode");
UPDATE "Barcode" SET "code" = '0' || "code" WHERE length("code") = 12 AND "code" NOT GLOB '*[^0-9]*';
DELETE FROM "Barcode" WHERE length("code") = 14 AND "code" GLOB '0*' AND "code" NOT GLOB '*[^0-9]*' AND substr("code", 2) IN (SELECT "code" FROM "Barcode");
UPDATE "Barcode" SET "code" = substr("code", 2) WHERE length("code") = 14 AND "code" GLOB '0*' AND "code" NOT GLOB '*[^0-9]*';

-- Product names searched by words in any order with a million products: an FTS5 trigram index over
-- Product.searchName, kept in step by triggers (imports and pulls write with raw statements), as
-- for customers (0008). Prisma's schema does not describe virtual tables; the migrations test
-- leaves "ProductNameSearch*" out. After a VACUUM run
-- INSERT INTO "ProductNameSearch"("ProductNameSearch") VALUES ('rebuild').
CREATE VIRTUAL TABLE "ProductNameSearch" USING fts5("searchName", content='Product', content_rowid='rowid', tokenize='trigram');
INSERT INTO "ProductNameSearch"("ProductNameSearch") VALUES ('rebuild');

CREATE TRIGGER "Product_search_insert" AFTER INSERT ON "Product" BEGIN
  INSERT INTO "ProductNameSearch"(rowid, "searchName") VALUES (new.rowid, new."searchName");
END;
CREATE TRIGGER "Product_search_delete" AFTER DELETE ON "Product" BEGIN
  INSERT INTO "ProductNameSearch"("ProductNameSearch", rowid, "searchName") VALUES ('delete', old.rowid, old."searchName");
END;
CREATE TRIGGER "Product_search_update" AFTER UPDATE OF "searchName" ON "Product" BEGIN
  INSERT INTO "ProductNameSearch"("ProductNameSearch", rowid, "searchName") VALUES ('delete', old.rowid, old."searchName");
  INSERT INTO "ProductNameSearch"(rowid, "searchName") VALUES (new.rowid, new."searchName");
END;
