-- The product list's sparse filters (issue 14) each read an index or table that holds only their
-- rows, instead of scanning the sort's index over the whole catalogue for the few that match.
-- The triggers that keep these rows, the partial indexes and the first filling of both are in
-- server/db/derived-data.ts, which the migration runner makes again after every upgrade (a later
-- migration rebuilding a table drops the triggers on it and fails on those elsewhere that name it).

-- No barcode: goods and services (variants or products without variants) that have none.
CREATE TABLE "ProductWithoutBarcode" (
    "productId" TEXT NOT NULL PRIMARY KEY,
    "listedId" TEXT NOT NULL
);

-- Below minimum: on hand under the minimum level.
ALTER TABLE "StockLevel" ADD COLUMN "belowMinimum" BOOLEAN NOT NULL DEFAULT false;
