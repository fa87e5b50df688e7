-- Price lists applied at head office, with each price they set and the price before, so an import can be listed and undone (issue 14).
-- CreateTable
CREATE TABLE "PriceListImport" (
    "id" TEXT NOT NULL,
    "importedById" TEXT,
    "importedBy" TEXT NOT NULL,
    "importedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "fileName" TEXT NOT NULL,
    "encoding" TEXT NOT NULL,
    "rows" INTEGER NOT NULL,
    "created" INTEGER NOT NULL,
    "updated" INTEGER NOT NULL,
    "outletPrices" INTEGER NOT NULL,
    "lastChangeSeq" BIGINT NOT NULL,
    "undoneAt" TIMESTAMP(3),
    "undoneById" TEXT,
    "undoneBy" TEXT,

    CONSTRAINT "PriceListImport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PriceListImportPrice" (
    "id" TEXT NOT NULL,
    "importId" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "outletId" TEXT,
    "previousPrice" INTEGER,
    "newPrice" INTEGER NOT NULL,

    CONSTRAINT "PriceListImportPrice_pkey" PRIMARY KEY ("id")
);


-- CreateIndex
CREATE INDEX "PriceListImport_importedAt_idx" ON "PriceListImport"("importedAt");

CREATE INDEX "PriceListImportPrice_importId_idx" ON "PriceListImportPrice"("importId");

-- AddForeignKey
ALTER TABLE "PriceListImportPrice" ADD CONSTRAINT "PriceListImportPrice_importId_fkey" FOREIGN KEY ("importId") REFERENCES "PriceListImport"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
