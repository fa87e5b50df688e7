-- Stock documents (deliveries, write-offs, counts), suppliers and minimum stock levels.
CREATE TABLE "Supplier" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "contact" TEXT NOT NULL DEFAULT '',
    "leadTimeDays" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE "StockDocument" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "outletId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "number" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "supplierId" TEXT,
    "reason" TEXT,
    "categoryId" TEXT,
    "note" TEXT NOT NULL DEFAULT '',
    "totalCost" INTEGER NOT NULL DEFAULT 0,
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "postedAt" DATETIME
);

CREATE TABLE "StockDocumentLine" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "documentId" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "quantityMilli" INTEGER NOT NULL,
    "unitCost" INTEGER,
    "expectedMilli" INTEGER,
    "differenceMilli" INTEGER,
    CONSTRAINT "StockDocumentLine_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "StockDocument" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

CREATE TABLE "StockLevel" (
    "outletId" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "minMilli" INTEGER NOT NULL,

    PRIMARY KEY ("outletId", "productId")
);

CREATE UNIQUE INDEX "Supplier_code_key" ON "Supplier"("code");
CREATE INDEX "StockDocument_kind_createdAt_idx" ON "StockDocument"("kind", "createdAt");
CREATE UNIQUE INDEX "StockDocument_outletId_number_key" ON "StockDocument"("outletId", "number");
CREATE UNIQUE INDEX "StockDocumentLine_documentId_productId_key" ON "StockDocumentLine"("documentId", "productId");
