-- The chain's catalogue (issue 14): variants, scheduled prices and their history, pictures and tile
-- colours, an archivable category tree; barcodes in the one form outlets look them up in.
-- DropIndex
DROP INDEX "Product_searchName_idx";

-- DropIndex
DROP INDEX "Product_categoryId_idx";

-- AlterTable
ALTER TABLE "Category" ADD COLUMN     "active" BOOLEAN NOT NULL DEFAULT true;

-- AlterTable
ALTER TABLE "Product" ADD COLUMN     "nextPriceAt" TIMESTAMP(3),
ADD COLUMN     "optionValues" TEXT,
ADD COLUMN     "options" TEXT,
ADD COLUMN     "parentId" TEXT,
ADD COLUMN     "tileColour" TEXT;

-- CreateTable
CREATE TABLE "PriceChange" (
    "id" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "price" INTEGER NOT NULL,
    "previousPrice" INTEGER,
    "effectiveAt" TIMESTAMP(3) NOT NULL,
    "appliedAt" TIMESTAMP(3),
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PriceChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProductPicture" (
    "productId" TEXT NOT NULL,
    "dataUrl" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ProductPicture_pkey" PRIMARY KEY ("productId")
);

-- CreateIndex
CREATE INDEX "PriceChange_productId_effectiveAt_idx" ON "PriceChange"("productId", "effectiveAt");

-- CreateIndex
CREATE INDEX "PriceChange_effectiveAt_idx" ON "PriceChange"("effectiveAt");

-- CreateIndex
CREATE INDEX "Product_searchName_id_idx" ON "Product"("searchName", "id");

-- CreateIndex
CREATE INDEX "Product_categoryId_searchName_id_idx" ON "Product"("categoryId", "searchName", "id");

-- CreateIndex
CREATE INDEX "Product_price_id_idx" ON "Product"("price", "id");

-- CreateIndex
CREATE INDEX "Product_updatedAt_id_idx" ON "Product"("updatedAt", "id");

-- CreateIndex
CREATE INDEX "Product_parentId_idx" ON "Product"("parentId");

-- CreateIndex
CREATE INDEX "Product_nextPriceAt_idx" ON "Product"("nextPriceAt");

-- AddForeignKey
ALTER TABLE "Product" ADD CONSTRAINT "Product_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Product"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- Barcodes: 12-digit UPC-A as 13 digits, GTIN-14 with a leading 0 as 13 (shared/barcodes.ts).
DELETE FROM "Barcode" WHERE length("code") = 12 AND "code" ~ '^[0-9]+$' AND ('0' || "code") IN (SELECT "code" FROM "Barcode");
UPDATE "Barcode" SET "code" = '0' || "code" WHERE length("code") = 12 AND "code" ~ '^[0-9]+$';
DELETE FROM "Barcode" WHERE length("code") = 14 AND "code" ~ '^0[0-9]+$' AND substr("code", 2) IN (SELECT "code" FROM "Barcode");
UPDATE "Barcode" SET "code" = substr("code", 2) WHERE length("code") = 14 AND "code" ~ '^0[0-9]+$';
