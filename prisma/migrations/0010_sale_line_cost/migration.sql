-- Margin reports: each sold line keeps its cost at the moment of sale, and net sales are kept per
-- product and local day, so a period's report reads days instead of every line.
-- Lines sold before this migration take the product's cost as it is now (the best there is), and
-- are put into days by UTC date (the outlet's time zone is not known to a migration).
ALTER TABLE "SaleLine" ADD COLUMN "costAmount" INTEGER NOT NULL DEFAULT 0;
UPDATE "SaleLine" SET "costAmount" = (SELECT (p."cost" * "SaleLine"."quantityMilli" + 500) / 1000 FROM "Product" p WHERE p."id" = "SaleLine"."productId")
  WHERE EXISTS (SELECT 1 FROM "Product" p WHERE p."id" = "SaleLine"."productId");

CREATE TABLE "ProductSalesDay" (
    "outletId" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "quantityMilli" INTEGER NOT NULL,
    "revenue" INTEGER NOT NULL,
    "cost" INTEGER NOT NULL,
    "discount" INTEGER NOT NULL,
    "lines" INTEGER NOT NULL,

    PRIMARY KEY ("outletId", "day", "productId")
);
INSERT INTO "ProductSalesDay" ("outletId", "day", "productId", "quantityMilli", "revenue", "cost", "discount", "lines")
SELECT s."outletId", substr(s."createdAt", 1, 10), l."productId",
       SUM(CASE s."kind" WHEN 'sale' THEN l."quantityMilli" ELSE -l."quantityMilli" END),
       SUM(CASE s."kind" WHEN 'sale' THEN l."amount" ELSE -l."amount" END),
       SUM(CASE s."kind" WHEN 'sale' THEN l."costAmount" ELSE -l."costAmount" END),
       SUM(CASE s."kind" WHEN 'sale' THEN l."discountAmount" ELSE -l."discountAmount" END),
       SUM(s."kind" = 'sale')
FROM "Sale" s JOIN "SaleLine" l ON l."saleId" = s."id"
GROUP BY s."outletId", substr(s."createdAt", 1, 10), l."productId";
