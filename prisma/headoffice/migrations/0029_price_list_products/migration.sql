-- Price-list undo puts back everything an import changed (issue 14): per product it created or
-- changed, its master data before, the fields it changed and the barcodes it added.
CREATE TABLE "PriceListImportProduct" (
    "id" TEXT NOT NULL,
    "importId" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "before" JSONB,
    "changed" TEXT[],
    "addedBarcodes" TEXT[],

    CONSTRAINT "PriceListImportProduct_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "PriceListImportProduct_importId_idx" ON "PriceListImportProduct"("importId");

ALTER TABLE "PriceListImportProduct" ADD CONSTRAINT "PriceListImportProduct_importId_fkey" FOREIGN KEY ("importId") REFERENCES "PriceListImport"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
