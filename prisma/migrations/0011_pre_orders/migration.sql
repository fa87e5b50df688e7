-- Pre-orders (customer orders), their lines and the deposits held against them.
CREATE TABLE "PreOrder" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "outletId" TEXT NOT NULL,
    "number" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "expectedDate" TEXT,
    "note" TEXT NOT NULL DEFAULT '',
    "supplierId" TEXT,
    "collectedSaleId" TEXT,
    "depositPolicy" TEXT,
    "notifiedAt" DATETIME,
    "notifiedBy" TEXT,
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE "PreOrderLine" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "preOrderId" TEXT NOT NULL,
    "lineNo" INTEGER NOT NULL,
    "productId" TEXT,
    "description" TEXT NOT NULL,
    "quantityMilli" INTEGER NOT NULL,
    "unitPrice" INTEGER NOT NULL,
    CONSTRAINT "PreOrderLine_preOrderId_fkey" FOREIGN KEY ("preOrderId") REFERENCES "PreOrder" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

CREATE TABLE "PreOrderDeposit" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "preOrderId" TEXT NOT NULL,
    "saleId" TEXT,
    "kind" TEXT NOT NULL,
    "amount" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "PreOrderDeposit_preOrderId_fkey" FOREIGN KEY ("preOrderId") REFERENCES "PreOrder" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

CREATE INDEX "PreOrder_status_idx" ON "PreOrder"("status");
CREATE INDEX "PreOrder_customerId_idx" ON "PreOrder"("customerId");
CREATE UNIQUE INDEX "PreOrder_outletId_number_key" ON "PreOrder"("outletId", "number");
CREATE INDEX "PreOrderLine_preOrderId_idx" ON "PreOrderLine"("preOrderId");
CREATE INDEX "PreOrderLine_productId_idx" ON "PreOrderLine"("productId");
CREATE INDEX "PreOrderDeposit_preOrderId_idx" ON "PreOrderDeposit"("preOrderId");
CREATE INDEX "PreOrderDeposit_saleId_idx" ON "PreOrderDeposit"("saleId");
