-- The product list's sparse filters (issue 14) each read an index or table that holds only their
-- rows, instead of scanning the sort's index over the whole catalogue for the few that match.
-- Partial indexes are not in Prisma's schema (it has none); prisma/migrations.test.ts leaves them out.

-- No barcode: goods and services (variants or products without variants) that have none.
CREATE TABLE "ProductWithoutBarcode" (
    "productId" TEXT NOT NULL PRIMARY KEY,
    "listedId" TEXT NOT NULL
);
INSERT INTO "ProductWithoutBarcode" ("productId", "listedId")
  SELECT p."id", COALESCE(p."parentId", p."id") FROM "Product" p
  WHERE p."kind" IN ('goods', 'service') AND NOT EXISTS (SELECT 1 FROM "Barcode" b WHERE b."productId" = p."id");

-- A product's barcodes may be written before it (foreign keys deferred, as the bench seed does).
CREATE TRIGGER "Product_without_barcode_insert" AFTER INSERT ON "Product"
WHEN new."kind" IN ('goods', 'service') AND NOT EXISTS (SELECT 1 FROM "Barcode" b WHERE b."productId" = new."id") BEGIN
  INSERT INTO "ProductWithoutBarcode" ("productId", "listedId") VALUES (new."id", COALESCE(new."parentId", new."id"));
END;
CREATE TRIGGER "Product_without_barcode_update" AFTER UPDATE OF "kind", "parentId" ON "Product" BEGIN
  DELETE FROM "ProductWithoutBarcode" WHERE "productId" = old."id";
  INSERT INTO "ProductWithoutBarcode" ("productId", "listedId")
    SELECT new."id", COALESCE(new."parentId", new."id")
    WHERE new."kind" IN ('goods', 'service') AND NOT EXISTS (SELECT 1 FROM "Barcode" b WHERE b."productId" = new."id");
END;
CREATE TRIGGER "Product_without_barcode_delete" AFTER DELETE ON "Product" BEGIN
  DELETE FROM "ProductWithoutBarcode" WHERE "productId" = old."id";
END;
CREATE TRIGGER "Barcode_without_barcode_insert" AFTER INSERT ON "Barcode" BEGIN
  DELETE FROM "ProductWithoutBarcode" WHERE "productId" = new."productId";
END;
CREATE TRIGGER "Barcode_without_barcode_delete" AFTER DELETE ON "Barcode" BEGIN
  INSERT OR IGNORE INTO "ProductWithoutBarcode" ("productId", "listedId")
    SELECT p."id", COALESCE(p."parentId", p."id") FROM "Product" p
    WHERE p."id" = old."productId" AND p."kind" IN ('goods', 'service') AND NOT EXISTS (SELECT 1 FROM "Barcode" b WHERE b."productId" = old."productId");
END;
CREATE TRIGGER "Barcode_without_barcode_update" AFTER UPDATE OF "productId" ON "Barcode" BEGIN
  DELETE FROM "ProductWithoutBarcode" WHERE "productId" = new."productId";
  INSERT OR IGNORE INTO "ProductWithoutBarcode" ("productId", "listedId")
    SELECT p."id", COALESCE(p."parentId", p."id") FROM "Product" p
    WHERE p."id" = old."productId" AND p."kind" IN ('goods', 'service') AND NOT EXISTS (SELECT 1 FROM "Barcode" b WHERE b."productId" = old."productId");
END;

-- Below minimum: on hand under the minimum level, which every sale, delivery and count moves.
ALTER TABLE "StockLevel" ADD COLUMN "belowMinimum" BOOLEAN NOT NULL DEFAULT false;
UPDATE "StockLevel" SET "belowMinimum" = (COALESCE((SELECT b."quantityMilli" FROM "StockBalance" b WHERE b."outletId" = "StockLevel"."outletId" AND b."productId" = "StockLevel"."productId"), 0) < "minMilli");
CREATE INDEX "StockLevel_belowMinimum_idx" ON "StockLevel"("outletId", "productId") WHERE "belowMinimum" = 1;

CREATE TRIGGER "StockLevel_below_minimum_insert" AFTER INSERT ON "StockLevel" BEGIN
  UPDATE "StockLevel" SET "belowMinimum" = (COALESCE((SELECT b."quantityMilli" FROM "StockBalance" b WHERE b."outletId" = new."outletId" AND b."productId" = new."productId"), 0) < new."minMilli")
  WHERE "outletId" = new."outletId" AND "productId" = new."productId";
END;
CREATE TRIGGER "StockLevel_below_minimum_update" AFTER UPDATE OF "minMilli" ON "StockLevel" BEGIN
  UPDATE "StockLevel" SET "belowMinimum" = (COALESCE((SELECT b."quantityMilli" FROM "StockBalance" b WHERE b."outletId" = new."outletId" AND b."productId" = new."productId"), 0) < new."minMilli")
  WHERE "outletId" = new."outletId" AND "productId" = new."productId";
END;
CREATE TRIGGER "StockBalance_below_minimum_insert" AFTER INSERT ON "StockBalance" BEGIN
  UPDATE "StockLevel" SET "belowMinimum" = (new."quantityMilli" < "minMilli") WHERE "outletId" = new."outletId" AND "productId" = new."productId";
END;
CREATE TRIGGER "StockBalance_below_minimum_update" AFTER UPDATE OF "quantityMilli" ON "StockBalance" BEGIN
  UPDATE "StockLevel" SET "belowMinimum" = (new."quantityMilli" < "minMilli") WHERE "outletId" = new."outletId" AND "productId" = new."productId";
END;
CREATE TRIGGER "StockBalance_below_minimum_delete" AFTER DELETE ON "StockBalance" BEGIN
  UPDATE "StockLevel" SET "belowMinimum" = (0 < "minMilli") WHERE "outletId" = old."outletId" AND "productId" = old."productId";
END;

-- Archived products (and the few archived variants, which the list leaves out by their parentId).
CREATE INDEX "Product_archived_idx" ON "Product"("parentId", "id") WHERE "active" = 0;
-- No cost: goods and services with a cost of zero.
CREATE INDEX "Product_noCost_idx" ON "Product"("parentId", "id") WHERE "cost" = 0 AND "kind" IN ('goods', 'service');
-- Every kind but ordinary goods sold by the piece, litre or metre: services, weighed goods, gift cards, deposits.
CREATE INDEX "Product_specialKind_idx" ON "Product"("kind", "unit", "parentId", "id") WHERE "kind" <> 'goods' OR "unit" = 'kg';
