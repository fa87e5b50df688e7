-- The cost of each sold line, fixed at the moment of sale, for margin and gross profit reports.
-- Lines sold before this migration take the product's cost as it is now (the best there is).
ALTER TABLE "SaleLine" ADD COLUMN "costAmount" INTEGER NOT NULL DEFAULT 0;
UPDATE "SaleLine" SET "costAmount" = (SELECT (p."cost" * "SaleLine"."quantityMilli" + 500) / 1000 FROM "Product" p WHERE p."id" = "SaleLine"."productId")
  WHERE EXISTS (SELECT 1 FROM "Product" p WHERE p."id" = "SaleLine"."productId");
